import type { Level } from '../case/levels.js';
import type { PatientSide } from './coronal/curves.js';
import type { CoronalParameter } from './coronal/coronalParameters.js';
import type { LateralParameter } from './lateral/lateralParameters.js';
import type { MeyerdingGrade } from './lateral/segments.js';
import type { RadiographMeasurements } from './measureCase.js';
import type { MeasurementResult } from './types.js';

/** Measurement output format identifier (docs/formats/spine-case.md). */
export const MEASUREMENTS_FORMAT = 'spinerecon.measurements/1';

export interface LateralOutput {
  readonly id: string;
  readonly view: 'lateral';
  readonly values: Partial<Record<LateralParameter, number>>;
  readonly segments: readonly { upper: Level; lower: Level; discAngleDeg: number }[];
  readonly listheses: readonly {
    upper: Level;
    lower: Level;
    slipPercent: number;
    meyerdingGrade?: MeyerdingGrade;
  }[];
  readonly unavailable: Readonly<Record<string, string>>;
}

export interface CurveOutput {
  readonly upperEnd: Level;
  readonly lowerEnd: Level;
  readonly apex: Level;
  readonly cobbDeg: number;
  readonly convexity: PatientSide;
  readonly apicalTranslationMm?: number;
}

export interface CoronalOutput {
  readonly id: string;
  readonly view: 'coronal';
  readonly values: Partial<Record<CoronalParameter, number>>;
  readonly curves: readonly CurveOutput[];
  readonly unavailable: Readonly<Record<string, string>>;
  /** Present when marked endplates were left out of curve detection: what and why. */
  readonly excludedEndplates?: readonly string[];
}

export interface MeasurementOutput {
  readonly format: typeof MEASUREMENTS_FORMAT;
  readonly radiographs: readonly (LateralOutput | CoronalOutput)[];
}

/**
 * Output values are rounded to 6 decimals (a millionth of a degree or millimetre): far below any
 * measurement error, and it keeps floating-point noise such as 12.649999999999991 out of reports.
 */
export function roundOutput(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** The plain `spinerecon.measurements/1` object: values only, each missing one with its reason. */
export function toMeasurementOutput(measurements: readonly RadiographMeasurements[]): MeasurementOutput {
  return { format: MEASUREMENTS_FORMAT, radiographs: measurements.map(toRadiographOutput) };
}

function splitValues<K extends string>(results: Readonly<Record<K, MeasurementResult>>) {
  const values: Partial<Record<K, number>> = {};
  const unavailable: Record<string, string> = {};
  for (const key of Object.keys(results) as K[]) {
    const result = results[key];
    if (result.ok) values[key] = roundOutput(result.value);
    else unavailable[key] = result.reason;
  }
  return { values, unavailable };
}

function toRadiographOutput(m: RadiographMeasurements): LateralOutput | CoronalOutput {
  if (m.view === 'lateral') {
    return {
      id: m.id,
      view: 'lateral',
      ...splitValues(m.values),
      segments: m.segments.map((s) => ({
        upper: s.upper,
        lower: s.lower,
        discAngleDeg: roundOutput(s.discAngle.value),
      })),
      listheses: m.listheses.map((l) => ({
        upper: l.upper,
        lower: l.lower,
        slipPercent: roundOutput(l.slip.value),
        ...(l.meyerdingGrade === undefined ? {} : { meyerdingGrade: l.meyerdingGrade }),
      })),
    };
  }
  const { values, unavailable } = splitValues(m.values);
  const curves = m.curves.map((curve, index): CurveOutput => {
    const base = {
      upperEnd: curve.upperEnd,
      lowerEnd: curve.lowerEnd,
      apex: curve.apex,
      cobbDeg: roundOutput(curve.cobb.value),
      convexity: curve.convexity,
    };
    if (curve.apicalTranslation.ok)
      return { ...base, apicalTranslationMm: roundOutput(curve.apicalTranslation.value) };
    unavailable[`curves[${index}].apicalTranslationMm`] = curve.apicalTranslation.reason;
    return base;
  });
  const excluded = m.excludedEndplates.length > 0 ? { excludedEndplates: m.excludedEndplates } : {};
  return { id: m.id, view: 'coronal', values, curves, unavailable, ...excluded };
}
