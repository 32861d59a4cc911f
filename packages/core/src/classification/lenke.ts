import { LEVELS, levelIndex, type Level } from '../case/levels.js';
import type { CoronalCurve } from '../measurements/coronal/curves.js';
import { endplateMidpoint } from '../measurements/landmarkNeeds.js';
import { roundOutput } from '../measurements/measurementOutput.js';
import { needsOn } from '../measurements/coronal/coronalFilm.js';
import { filmCovers, lenkeRegion, type LenkeRegion } from './curveRegions.js';
import { explanation, grade, type Band, type Explanation } from './explanation.js';
import { lateralValue, NO_STANDING_CORONAL, type ClassificationInputs } from './classificationInputs.js';
import { isStructural } from './lenkeStructural.js';

export type LenkeType = 1 | 2 | 3 | 4 | 5 | 6;
export type LenkeLumbarModifier = 'A' | 'B' | 'C';
export type LenkeSagittalModifier = '-' | 'N' | '+';

export interface LenkeCurve {
  readonly region: LenkeRegion;
  readonly upperEnd: Level;
  readonly lowerEnd: Level;
  readonly apex: Level;
  readonly cobbDeg: number;
  readonly major: boolean;
  /** null: undetermined (a bending film or a kyphosis value is missing). */
  readonly structural: boolean | null;
}

/** Lenke classification of adolescent idiopathic scoliosis (Lenke 2001), e.g. "3CN". */
export interface LenkeClassification extends Explanation {
  readonly type: LenkeType | null;
  readonly lumbarModifier: LenkeLumbarModifier | null;
  readonly sagittalModifier: LenkeSagittalModifier | null;
  /** Type, lumbar and sagittal modifier together ("1AN"), when all three are determined. */
  readonly classification: string | null;
  readonly curves: readonly LenkeCurve[];
}

// Lenke 2001 sagittal thoracic modifier on T5–T12: − < +10°, N +10° to +40°, + > +40°.
const SAGITTAL_BANDS: readonly Band<LenkeSagittalModifier>[] = [
  { result: '-', max: 10, maxExclusive: true, label: '< +10° (hypokyphosis)' },
  { result: 'N', min: 10, max: 40, label: '+10° to +40° (normal)' },
  { result: '+', min: 40, minExclusive: true, label: '> +40° (hyperkyphosis)' },
];

export function lenke(inputs: ClassificationInputs): LenkeClassification {
  const why = explanation('lenke-2001');
  const curves = lenkeCurves(inputs, why);
  const type = curves === undefined ? null : lenkeType(curves, why);
  const lumbarModifier = consistentModifier(type, lumbarModifierOf(inputs, curves, why), why);
  const sagittal = lateralValue(inputs, 'thoracicKyphosisT5T12Deg');
  let sagittalModifier: LenkeSagittalModifier | null = null;
  if ('reason' in sagittal) why.undetermined.sagittalModifier = sagittal.reason;
  else sagittalModifier = grade(why, 'thoracicKyphosisT5T12Deg', sagittal.value, '°', SAGITTAL_BANDS) ?? null;
  const classification =
    type !== null && lumbarModifier !== null && sagittalModifier !== null
      ? `${type}${lumbarModifier}${sagittalModifier}`
      : null;
  return { type, lumbarModifier, sagittalModifier, classification, curves: curves ?? [], ...why };
}

/** Lenke 2001: types 5 and 6 (thoracolumbar/lumbar major) carry the C modifier by definition. */
function consistentModifier(
  type: LenkeType | null,
  modifier: LenkeLumbarModifier | null,
  why: Explanation,
): LenkeLumbarModifier | null {
  if ((type === 5 || type === 6) && (modifier === 'A' || modifier === 'B')) {
    why.undetermined.lumbarModifier = `the landmarks give ${modifier}, but types 5 and 6 are C by definition: check the CSVL (S1) and the lumbar apical vertebra`;
    return null;
  }
  return modifier;
}

/** The largest curve of each Lenke region, with major and structural status; undefined when undecidable. */
function lenkeCurves(inputs: ClassificationInputs, why: Explanation): LenkeCurve[] | undefined {
  if (inputs.coronal === undefined) {
    why.undetermined.type = NO_STANDING_CORONAL;
    return undefined;
  }
  if (!filmCovers(inputs.coronal.film.radiograph.vertebrae, 'T2', 'L4')) {
    why.undetermined.type = 'the standing coronal film must show T2 to L4';
    return undefined;
  }
  const largest = new Map<LenkeRegion, CoronalCurve>();
  for (const curve of inputs.coronal.measurements.curves) {
    const region = lenkeRegion(curve.apex);
    if (region !== undefined && curve.cobb.value > (largest.get(region)?.cobb.value ?? 0))
      largest.set(region, curve);
  }
  const mainThoracic = largest.get('mainThoracic');
  const lumbar = largest.get('thoracolumbarLumbar');
  if (mainThoracic === undefined && lumbar === undefined) {
    why.undetermined.type = 'no main thoracic or thoracolumbar/lumbar curve of 10° or more';
    return undefined;
  }
  // The major curve is the largest; when the proximal thoracic curve is largest, the main thoracic is major.
  const majorRegion: LenkeRegion =
    lumbar !== undefined && (mainThoracic === undefined || lumbar.cobb.value > mainThoracic.cobb.value)
      ? 'thoracolumbarLumbar'
      : 'mainThoracic';
  why.rules.push(
    `major curve: ${majorRegion === 'mainThoracic' ? 'main thoracic' : 'thoracolumbar/lumbar'} (the larger of the main thoracic and thoracolumbar/lumbar curves)`,
  );
  return [...largest.entries()].map(([region, curve]) => {
    why.inputs[`${region} curve (deg)`] = curve.cobb.value;
    const major = region === majorRegion;
    return {
      region,
      upperEnd: curve.upperEnd,
      lowerEnd: curve.lowerEnd,
      apex: curve.apex,
      cobbDeg: roundOutput(curve.cobb.value),
      major,
      structural: major ? true : isStructural(inputs, region, curve, why),
    };
  });
}

/** Lenke 2001 curve types from which regions are structural and which is major. */
function lenkeType(curves: readonly LenkeCurve[], why: Explanation): LenkeType | null {
  // A region without a curve has nothing structural; a curve whose status is unknown stays null.
  const structural = (region: LenkeRegion): boolean | null => {
    const curve = curves.find((c) => c.region === region);
    return curve === undefined ? false : curve.structural;
  };
  const pt = structural('proximalThoracic');
  const mt = structural('mainThoracic');
  const tl = structural('thoracolumbarLumbar');
  if (pt === null || mt === null || tl === null) {
    why.undetermined.type = 'a minor curve could not be classed structural or not';
    return null;
  }
  const lumbarMajor = curves.some((c) => c.major && c.region === 'thoracolumbarLumbar');
  let type: LenkeType | null = null;
  if (pt && mt && tl) type = 4;
  else if (!pt && mt && tl) type = lumbarMajor ? 6 : 3;
  else if (pt && mt && !tl) type = 2;
  else if (!pt && mt && !tl) type = 1;
  else if (!pt && !mt && tl) type = 5;
  const pattern = `structural: proximal thoracic ${pt ? 'yes' : 'no'}, main thoracic ${mt ? 'yes' : 'no'}, thoracolumbar/lumbar ${tl ? 'yes' : 'no'}`;
  if (type === null) why.undetermined.type = `${pattern}: no Lenke type has this pattern`;
  else
    why.rules.push(
      `${pattern}${type === 3 || type === 6 ? `, ${lumbarMajor ? 'thoracolumbar/lumbar' : 'main thoracic'} major` : ''} → type ${type}`,
    );
  return type;
}

/**
 * Lenke lumbar modifier from the CSVL (vertical through the S1 endplate midpoint) and the lumbar apical
 * vertebra: A between the pedicles, B touching the apical body, C not touching it. The apical vertebra is
 * the apex of the thoracolumbar/lumbar curve, or without one the T12–L4 vertebra farthest from the CSVL.
 */
function lumbarModifierOf(
  inputs: ClassificationInputs,
  curves: readonly LenkeCurve[] | undefined,
  why: Explanation,
): LenkeLumbarModifier | null {
  const undetermined = (reason: string) => {
    why.undetermined.lumbarModifier = reason;
    return null;
  };
  if (inputs.coronal === undefined) return undetermined(NO_STANDING_CORONAL);
  const film = inputs.coronal.film;
  const needs = needsOn(film);
  const csvlX = endplateMidpoint(needs.endplate('S1', 'superior')).at[0];
  if (needs.reason !== undefined) return undetermined(`the CSVL ${needs.reason}`);
  const apex =
    curves?.find((c) => c.region === 'thoracolumbarLumbar')?.apex ?? farthestFromCsvl(inputs, csvlX);
  if (apex === undefined) return undetermined('needs all four corners of the T12–L4 vertebrae');
  const body = needsOn(film);
  const corner = (name: string) => body.corner(apex, name, `all four corners of ${apex}`);
  const [sr, sl, ir, il] = [
    corner('superiorRight'),
    corner('superiorLeft'),
    corner('inferiorRight'),
    corner('inferiorLeft'),
  ] as const;
  if (body.reason !== undefined) return undetermined(body.reason);
  // The CSVL touches the (convex, quadrilateral) body when it lies between its outermost corners.
  const xs = [sr.at[0], sl.at[0], ir.at[0], il.at[0]];
  const touches = csvlX >= Math.min(...xs) && csvlX <= Math.max(...xs);
  why.inputs.lumbarApicalVertebra = apex;
  if (!touches) {
    why.rules.push(`the CSVL does not touch the body of the lumbar apical vertebra ${apex} → C`);
    return 'C';
  }
  const pedicles = needsOn(film);
  const right = pedicles.corner(apex, 'pedicleMedialRight', `the right medial pedicle point of ${apex}`);
  const left = pedicles.corner(apex, 'pedicleMedialLeft', `the left medial pedicle point of ${apex}`);
  if (pedicles.reason !== undefined)
    return undetermined(`the CSVL touches the body of ${apex}; telling A from B ${pedicles.reason}`);
  const between = csvlX >= Math.min(left.at[0], right.at[0]) && csvlX <= Math.max(left.at[0], right.at[0]);
  why.rules.push(
    between
      ? `the CSVL lies between the pedicles of ${apex} → A`
      : `the CSVL touches the body of ${apex} outside its pedicles → B`,
  );
  return between ? 'A' : 'B';
}

function farthestFromCsvl(inputs: ClassificationInputs, csvlX: number): Level | undefined {
  if (inputs.coronal === undefined) return undefined;
  let best: { level: Level; offset: number } | undefined;
  for (const level of LEVELS.slice(levelIndex('T12'), levelIndex('L4') + 1)) {
    const needs = needsOn(inputs.coronal.film);
    const centre = needs.centroid(level);
    if (needs.reason !== undefined) return undefined;
    const offset = Math.abs(centre.at[0] - csvlX);
    if (best === undefined || offset > best.offset) best = { level, offset };
  }
  return best?.level;
}
