import { levelIndex, type Level } from '../case/levels.js';
import { roundOutput } from '../measurements/measurementOutput.js';
import { filmCovers } from './curveRegions.js';
import { explanation, grade, type Band, type Explanation } from './explanation.js';
import { lateralValue, NO_STANDING_CORONAL, type ClassificationInputs } from './classificationInputs.js';

export type SchwabCurveType = 'T' | 'L' | 'D' | 'N';
export type SchwabModifier = '0' | '+' | '++';

/** SRS–Schwab adult spinal deformity classification (Schwab 2012); a null field is undetermined. */
export interface SrsSchwabClassification extends Explanation {
  readonly curveType: SchwabCurveType | null;
  readonly piLl: SchwabModifier | null;
  readonly pt: SchwabModifier | null;
  readonly sva: SchwabModifier | null;
}

/** A coronal curve of 30° or more is a major curve (Schwab 2012: "< 30°" / "> 30°"; 30° counted as major). */
export const SCHWAB_MAJOR_CURVE_DEG = 30;

// Schwab 2012 modifier grades. The paper writes "< 10°, 10–20°, > 20°": a boundary value belongs to "+".
const PI_LL_BANDS: readonly Band<SchwabModifier>[] = [
  { result: '0', max: 10, maxExclusive: true, label: '< 10°' },
  { result: '+', min: 10, max: 20, label: '10–20°' },
  { result: '++', min: 20, minExclusive: true, label: '> 20°' },
];
const PT_BANDS: readonly Band<SchwabModifier>[] = [
  { result: '0', max: 20, maxExclusive: true, label: '< 20°' },
  { result: '+', min: 20, max: 30, label: '20–30°' },
  { result: '++', min: 30, minExclusive: true, label: '> 30°' },
];
const SVA_BANDS: readonly Band<SchwabModifier>[] = [
  { result: '0', max: 40, maxExclusive: true, label: '< 40 mm' },
  { result: '+', min: 40, max: 95, label: '40–95 mm' },
  { result: '++', min: 95, minExclusive: true, label: '> 95 mm' },
];

export function srsSchwab(inputs: ClassificationInputs): SrsSchwabClassification {
  const why = explanation('schwab-2012');
  const modifier = (
    field: string,
    key: Parameters<typeof lateralValue>[1],
    unit: string,
    bands: readonly Band<SchwabModifier>[],
  ) => {
    const read = lateralValue(inputs, key);
    if ('reason' in read) {
      why.undetermined[field] = read.reason;
      return null;
    }
    return grade(why, key, read.value, unit, bands) ?? null;
  };
  return {
    curveType: curveType(inputs, why),
    piLl: modifier('piLl', 'piLlMismatchDeg', '°', PI_LL_BANDS),
    pt: modifier('pt', 'pelvicTiltDeg', '°', PT_BANDS),
    sva: modifier('sva', 'sagittalVerticalAxisMm', ' mm', SVA_BANDS),
    ...why,
  };
}

/** Schwab 2012: a thoracic curve has its apex at T9 or higher; a thoracolumbar/lumbar one at T10 or lower. */
function schwabRegion(apex: Level): 'thoracic' | 'thoracolumbarLumbar' {
  return levelIndex(apex) <= levelIndex('T9') ? 'thoracic' : 'thoracolumbarLumbar';
}

/**
 * T: a thoracic curve (apex T9 or higher) of 30° or more with no thoracolumbar/lumbar one; L: the reverse
 * (apex T10 or lower); D: both; N: neither.
 */
function curveType(inputs: ClassificationInputs, why: Explanation): SchwabCurveType | null {
  if (inputs.coronal === undefined) {
    why.undetermined.curveType = NO_STANDING_CORONAL;
    return null;
  }
  if (!filmCovers(inputs.coronal.film.radiograph.vertebrae, 'T2', 'L4')) {
    why.undetermined.curveType =
      'the standing coronal film must show T2 to L4 to look for thoracic and lumbar curves';
    return null;
  }
  let thoracicDeg = 0;
  let lumbarDeg = 0;
  for (const curve of inputs.coronal.measurements.curves) {
    const cobbDeg = roundOutput(curve.cobb.value);
    if (schwabRegion(curve.apex) === 'thoracic') thoracicDeg = Math.max(thoracicDeg, cobbDeg);
    else lumbarDeg = Math.max(lumbarDeg, cobbDeg);
  }
  why.inputs.largestThoracicCurveDeg = thoracicDeg;
  why.inputs.largestThoracolumbarLumbarCurveDeg = lumbarDeg;
  const thoracic = thoracicDeg >= SCHWAB_MAJOR_CURVE_DEG;
  const lumbar = lumbarDeg >= SCHWAB_MAJOR_CURVE_DEG;
  const type: SchwabCurveType = thoracic && lumbar ? 'D' : thoracic ? 'T' : lumbar ? 'L' : 'N';
  why.rules.push(
    `thoracic curve ${thoracic ? '≥' : '<'} 30° and thoracolumbar/lumbar curve ${lumbar ? '≥' : '<'} 30° → ${type}`,
  );
  return type;
}
