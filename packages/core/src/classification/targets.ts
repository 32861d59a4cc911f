import type { CitationId } from '../measurements/citations.js';
import type { LateralParameter } from '../measurements/lateral/lateralParameters.js';
import { lateralValue, type ClassificationInputs } from './classificationInputs.js';
import {
  gapRelativeDeg,
  idealGlobalTiltDeg,
  idealLumbarLordosisDeg,
  idealSacralSlopeDeg,
} from './gapScore.js';

/** One parameter's target range and whether the measured value meets it. */
export interface Target {
  readonly parameter: LateralParameter | 'lordosisDistributionIndexPercent';
  readonly min: number | null;
  readonly max: number | null;
  readonly unit: 'deg' | 'mm' | 'percent';
  readonly value: number | null;
  /** null when the value (or the range, when it depends on PI) could not be measured. */
  readonly met: boolean | null;
  readonly reason?: string;
}

export interface TargetSet {
  readonly name: string;
  readonly citation: CitationId;
  readonly targets: readonly Target[];
  /** Present when the whole set cannot be given, with the reason. */
  readonly undetermined?: string;
}

export interface AlignmentTargets {
  readonly srsSchwab: TargetSet;
  readonly gapProportional: TargetSet;
  readonly ageAdjusted: TargetSet;
}

type Range = { readonly min: number | null; readonly max: number | null };

function target(
  inputs: ClassificationInputs,
  parameter: LateralParameter,
  unit: Target['unit'],
  range: Range | string,
): Target {
  const read = lateralValue(inputs, parameter);
  const value = 'value' in read ? read.value : null;
  if (typeof range === 'string')
    return { parameter, min: null, max: null, unit, value, met: null, reason: range };
  if (value === null)
    return { parameter, ...range, unit, value, met: null, reason: (read as { reason: string }).reason };
  const met = (range.min === null || value >= range.min) && (range.max === null || value <= range.max);
  return { parameter, ...range, unit, value, met };
}

/** The "0" grade of each SRS–Schwab sagittal modifier (Schwab 2012): PI−LL < 10°, PT < 20°, SVA < 40 mm. */
function srsSchwabTargets(inputs: ClassificationInputs): TargetSet {
  // A strict "<" bound is shown as its max; `met` uses the strict comparison through the value itself.
  const below = (parameter: LateralParameter, limit: number, unit: Target['unit']): Target => {
    const t = target(inputs, parameter, unit, { min: null, max: limit });
    return t.value === null ? t : { ...t, met: t.value < limit };
  };
  return {
    name: 'SRS–Schwab thresholds',
    citation: 'schwab-2012',
    targets: [
      below('piLlMismatchDeg', 10, 'deg'),
      below('pelvicTiltDeg', 20, 'deg'),
      below('sagittalVerticalAxisMm', 40, 'mm'),
    ],
  };
}

/** Lordosis distribution index in whole %, as the GAP score uses it; null without a lordotic L1–S1. */
function lordosisDistributionPercent(inputs: ClassificationInputs): number | null {
  const lower = lateralValue(inputs, 'lumbarLordosisL4S1Deg');
  const total = lateralValue(inputs, 'lumbarLordosisDeg');
  return 'value' in lower && 'value' in total && total.value > 0
    ? Math.round((lower.value / total.value) * 100)
    : null;
}

/**
 * The "aligned" (0-point) band of each GAP component around its PI-based ideal (Yilgor 2017). `met` is
 * decided exactly as the GAP score decides 0 points (components rounded to 0.1°), so the two never disagree.
 */
function gapTargets(inputs: ClassificationInputs): TargetSet {
  const pi = lateralValue(inputs, 'pelvicIncidenceDeg');
  const aligned = (
    parameter: LateralParameter,
    ideal: (pi: number) => number,
    below: number,
    above: number,
  ): Target => {
    if (!('value' in pi)) return target(inputs, parameter, 'deg', `the range depends on ${pi.reason}`);
    const idealDeg = ideal(pi.value);
    const t = target(inputs, parameter, 'deg', { min: idealDeg + below, max: idealDeg + above });
    if (t.value === null) return t;
    const relative = gapRelativeDeg(t.value, idealDeg);
    return { ...t, met: relative >= below && relative <= above };
  };
  const ldi = lordosisDistributionPercent(inputs);
  const ldiTarget: Target = {
    parameter: 'lordosisDistributionIndexPercent',
    min: 50,
    max: 80,
    unit: 'percent',
    value: ldi,
    ...(ldi === null
      ? { met: null, reason: 'needs a lordotic L1–S1 and the L4–S1 lordosis' }
      : { met: ldi >= 50 && ldi <= 80 }),
  };
  return {
    name: 'GAP proportional alignment',
    citation: 'yilgor-2017',
    targets: [
      aligned('sacralSlopeDeg', idealSacralSlopeDeg, -7, 5),
      aligned('lumbarLordosisDeg', idealLumbarLordosisDeg, -14, 11),
      ldiTarget,
      aligned('globalTiltDeg', idealGlobalTiltDeg, -7, 10),
    ],
  };
}

/**
 * Lafage 2016 derived age-specific thresholds for PT, PI−LL, SVA and TPA. Its table could not be read
 * and checked here, so no number is shipped: the set says so instead of guessing.
 */
function ageAdjustedTargets(): TargetSet {
  return {
    name: 'Age-adjusted alignment (Lafage 2016)',
    citation: 'lafage-2016',
    targets: [],
    undetermined:
      'the age-specific thresholds of Lafage 2016 (Spine 41:62) have not been verified against the paper, so none are given',
  };
}

export function alignmentTargets(inputs: ClassificationInputs): AlignmentTargets {
  return {
    srsSchwab: srsSchwabTargets(inputs),
    gapProportional: gapTargets(inputs),
    ageAdjusted: ageAdjustedTargets(),
  };
}
