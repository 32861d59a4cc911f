import type { Level } from '../case/levels.js';
import { endplateTiltDeg } from '../measurements/landmarkNeeds.js';
import type { CoronalCurve } from '../measurements/coronal/curves.js';
import { roundOutput } from '../measurements/measurementOutput.js';
import { needsOn, type CoronalFilm } from '../measurements/coronal/coronalFilm.js';
import type { LenkeRegion } from './curveRegions.js';
import { formatValue, type Explanation } from './explanation.js';
import { lateralValue, type ClassificationInputs } from './classificationInputs.js';

/** Lenke 2001: a minor curve is structural when its side-bending Cobb is 25° or more … */
export const LENKE_STRUCTURAL_BENDING_DEG = 25;
/** … or when the kyphosis over it (T2–T5 for proximal thoracic, T10–L2 for the others) is +20° or more. */
export const LENKE_STRUCTURAL_KYPHOSIS_DEG = 20;

const REGION_NAMES: Record<LenkeRegion, string> = {
  proximalThoracic: 'proximal thoracic',
  mainThoracic: 'main thoracic',
  thoracolumbarLumbar: 'thoracolumbar/lumbar',
};

/**
 * The Cobb angle between the same end vertebrae on a side-bending film, signed in the curve's direction
 * (negative when bending reverses the curve); undefined when the film lacks either endplate.
 */
export function bendingCobbDeg(film: CoronalFilm, curve: CoronalCurve): number | undefined {
  const needs = needsOn(film);
  const upper = needs.endplate(curve.upperEnd, 'superior');
  const lower = lowerEndplate(needs, curve.lowerEnd);
  if (needs.reason !== undefined) return undefined;
  const sign = curve.convexity === 'right' ? 1 : -1;
  return sign * (endplateTiltDeg(lower) - endplateTiltDeg(upper));
}

function lowerEndplate(needs: ReturnType<typeof needsOn>, level: Level) {
  return needs.endplate(level, level === 'S1' ? 'superior' : 'inferior');
}

/** Whether a minor curve is structural: true, false, or null (undetermined, with the reason recorded). */
export function isStructural(
  inputs: ClassificationInputs,
  region: LenkeRegion,
  curve: CoronalCurve,
  why: Explanation,
): boolean | null {
  const name = REGION_NAMES[region];
  const bending = byBending(inputs, name, curve, why);
  const kyphosis = byKyphosis(inputs, region, name, why);
  if (bending === true || kyphosis === true) return true;
  if (bending === false && kyphosis === false) return false;
  why.undetermined[`${region}Structural`] = [bending, kyphosis]
    .filter((r): r is string => typeof r === 'string')
    .join('; ');
  return null;
}

/** true / false, or the reason it cannot be told. */
function byBending(
  inputs: ClassificationInputs,
  name: string,
  curve: CoronalCurve,
  why: Explanation,
): boolean | string {
  if (roundOutput(curve.cobb.value) < LENKE_STRUCTURAL_BENDING_DEG) {
    // Bending towards the convexity can only reduce a curve, so it stays under 25°.
    why.rules.push(
      `${name} curve ${formatValue(curve.cobb.value)}° standing < 25°, so its side-bending Cobb is < 25°`,
    );
    return false;
  }
  const film = curve.convexity === 'right' ? inputs.bending.right : inputs.bending.left;
  if (film === undefined) return `the ${name} curve needs a ${curve.convexity}-bending film`;
  const measured = bendingCobbDeg(film, curve);
  const bendingDeg = measured === undefined ? undefined : roundOutput(measured);
  if (bendingDeg === undefined) {
    return `the ${curve.convexity}-bending film needs the superior endplate of ${curve.upperEnd} and the lower endplate of ${curve.lowerEnd}`;
  }
  why.inputs[`${name} side-bending Cobb (deg)`] = bendingDeg;
  const structural = bendingDeg >= LENKE_STRUCTURAL_BENDING_DEG;
  why.rules.push(
    `${name} side-bending Cobb ${formatValue(bendingDeg)}° ${structural ? '≥' : '<'} 25° → ${structural ? 'structural' : 'not structural by bending'}`,
  );
  return structural;
}

function byKyphosis(
  inputs: ClassificationInputs,
  region: LenkeRegion,
  name: string,
  why: Explanation,
): boolean | string {
  const key =
    region === 'proximalThoracic' ? 'proximalThoracicKyphosisT2T5Deg' : 'thoracolumbarKyphosisT10L2Deg';
  const read = lateralValue(inputs, key);
  if ('reason' in read) return read.reason;
  why.inputs[key] = read.value;
  const structural = read.value >= LENKE_STRUCTURAL_KYPHOSIS_DEG;
  const span = region === 'proximalThoracic' ? 'T2–T5' : 'T10–L2';
  why.rules.push(
    `${span} kyphosis ${formatValue(read.value)}° ${structural ? '≥' : '<'} +20° → ${name} ${structural ? 'structural' : 'not structural by kyphosis'}`,
  );
  return structural;
}
