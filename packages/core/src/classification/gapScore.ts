import { explanation, grade, type Band, type Explanation } from './explanation.js';
import { lateralValue, type ClassificationInputs } from './classificationInputs.js';

export type GapCategory = 'proportioned' | 'moderately disproportioned' | 'severely disproportioned';

export interface GapPoints {
  readonly rpv: number | null;
  readonly rll: number | null;
  readonly ldi: number | null;
  readonly rsa: number | null;
  readonly age: number | null;
}

/** Global Alignment and Proportion score (Yilgor 2017); total and category null when a component is missing. */
export interface GapScore extends Explanation {
  readonly total: number | null;
  readonly category: GapCategory | null;
  readonly points: GapPoints;
}

// Yilgor 2017: ideal values proportional to pelvic incidence.
export const idealSacralSlopeDeg = (piDeg: number): number => 0.59 * piDeg + 9;
export const idealLumbarLordosisDeg = (piDeg: number): number => 0.62 * piDeg + 29;
export const idealGlobalTiltDeg = (piDeg: number): number => 0.48 * piDeg - 15;

// Yilgor 2017 point tables. The published bands are written to 0.1° (and LDI in whole %), so values are
// rounded to that precision before lookup: −7.04 → −7.0 (aligned), −7.06 → −7.1 (moderate retroversion).
const RPV_BANDS: readonly Band<number>[] = [
  { result: 3, max: -15, maxExclusive: true, label: 'severe retroversion (< −15°)' },
  { result: 2, min: -15, max: -7.1, label: 'moderate retroversion (−15 to −7.1°)' },
  { result: 0, min: -7, max: 5, label: 'aligned (−7 to 5°)' },
  { result: 1, min: 5, minExclusive: true, label: 'anteversion (> 5°)' },
];
const RLL_BANDS: readonly Band<number>[] = [
  { result: 3, max: -25, maxExclusive: true, label: 'severe hypolordosis (< −25°)' },
  { result: 2, min: -25, max: -14.1, label: 'moderate hypolordosis (−25 to −14.1°)' },
  { result: 0, min: -14, max: 11, label: 'aligned (−14 to 11°)' },
  { result: 3, min: 11, minExclusive: true, label: 'hyperlordosis (> 11°)' },
];
const LDI_BANDS: readonly Band<number>[] = [
  { result: 2, max: 40, maxExclusive: true, label: 'severe hypolordotic maldistribution (< 40 %)' },
  { result: 1, min: 40, max: 49, label: 'moderate hypolordotic maldistribution (40–49 %)' },
  { result: 0, min: 50, max: 80, label: 'aligned (50–80 %)' },
  { result: 3, min: 80, minExclusive: true, label: 'hyperlordotic maldistribution (> 80 %)' },
];
const RSA_BANDS: readonly Band<number>[] = [
  { result: 1, max: -7, maxExclusive: true, label: 'negative (< −7°)' },
  { result: 0, min: -7, max: 10, label: 'aligned (−7 to 10°)' },
  { result: 1, min: 10.1, max: 18, label: 'moderate positive (10.1 to 18°)' },
  { result: 3, min: 18, minExclusive: true, label: 'severe positive (> 18°)' },
];
const CATEGORY_BANDS: readonly Band<GapCategory>[] = [
  { result: 'proportioned', min: 0, max: 2, label: '0–2' },
  { result: 'moderately disproportioned', min: 3, max: 6, label: '3–6' },
  { result: 'severely disproportioned', min: 7, label: '≥ 7' },
];
/** Yilgor 2017: age 60 or older scores 1 point. */
export const GAP_AGE_YEARS = 60;

/** A GAP component: measured minus ideal, rounded to the 0.1° the point table is written in. */
export function gapRelativeDeg(measuredDeg: number, idealDeg: number): number {
  return Math.round((measuredDeg - idealDeg) * 10) / 10;
}

export function gapScore(inputs: ClassificationInputs): GapScore {
  const why = explanation('yilgor-2017');
  const read = (key: Parameters<typeof lateralValue>[1]) => lateralValue(inputs, key);
  const pi = read('pelvicIncidenceDeg');
  const relative = (
    field: keyof GapPoints,
    name: string,
    measured: ReturnType<typeof read>,
    ideal: (pi: number) => number,
    bands: readonly Band<number>[],
  ) => {
    if ('reason' in pi || 'reason' in measured) {
      why.undetermined[field] = 'reason' in pi ? pi.reason : (measured as { reason: string }).reason;
      return null;
    }
    const value = gapRelativeDeg(measured.value, ideal(pi.value));
    return grade(why, name, value, '°', bands) ?? null;
  };
  const points: GapPoints = {
    rpv: relative('rpv', 'relativePelvicVersionDeg', read('sacralSlopeDeg'), idealSacralSlopeDeg, RPV_BANDS),
    rll: relative(
      'rll',
      'relativeLumbarLordosisDeg',
      read('lumbarLordosisDeg'),
      idealLumbarLordosisDeg,
      RLL_BANDS,
    ),
    ldi: lordosisDistribution(inputs, why),
    rsa: relative(
      'rsa',
      'relativeSpinopelvicAlignmentDeg',
      read('globalTiltDeg'),
      idealGlobalTiltDeg,
      RSA_BANDS,
    ),
    age: agePoints(inputs, why),
  };
  const values = Object.values(points);
  if (values.some((p) => p === null)) {
    why.undetermined.total = 'needs every component (see the undetermined components)';
    return { total: null, category: null, points, ...why };
  }
  const total = (values as number[]).reduce((a, b) => a + b, 0);
  const category = grade(why, 'total', total, '', CATEGORY_BANDS) ?? null;
  return { total, category, points, ...why };
}

/** LDI = L4–S1 lordosis / L1–S1 lordosis × 100, defined for a lordotic L1–S1. */
function lordosisDistribution(inputs: ClassificationInputs, why: Explanation): number | null {
  const lower = lateralValue(inputs, 'lumbarLordosisL4S1Deg');
  const total = lateralValue(inputs, 'lumbarLordosisDeg');
  if ('reason' in lower || 'reason' in total) {
    why.undetermined.ldi = 'reason' in lower ? lower.reason : (total as { reason: string }).reason;
    return null;
  }
  if (total.value <= 0) {
    why.undetermined.ldi = `the lordosis distribution index needs a lordotic L1–S1 (measured ${total.value.toFixed(1)}°)`;
    return null;
  }
  return (
    grade(
      why,
      'lordosisDistributionIndexPercent',
      Math.round((lower.value / total.value) * 100),
      ' %',
      LDI_BANDS,
    ) ?? null
  );
}

function agePoints(inputs: ClassificationInputs, why: Explanation): number | null {
  if (inputs.ageYears === undefined) {
    why.undetermined.age = "needs the patient's age (patient.ageYears)";
    return null;
  }
  why.inputs.ageYears = inputs.ageYears;
  const points = inputs.ageYears >= GAP_AGE_YEARS ? 1 : 0;
  why.rules.push(`age ${inputs.ageYears} ${points ? '≥' : '<'} 60 years → ${points}`);
  return points;
}
