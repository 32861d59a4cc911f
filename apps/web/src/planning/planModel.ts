import {
  EMPTY_PLAN,
  planCase,
  validatePlan,
  type AlignmentTargets,
  type CaseError,
  type LateralOutput,
  type MeasurementOutput,
  type PelvisMode,
  type PlanOutput,
  type SpineCase,
  type SurgicalPlan,
  type Target,
  type TargetSet,
  type TargetSetName,
} from '@spinerecon/core';

// What the planning page shows for the plan being edited, all of it from the core: the plan checked by
// validatePlan, then planCase (predictPlan + sizeImplants + complicationRisks + targets). No formula here.

/** The parameters of the alignment table, in order, with their short names. */
export const TABLE_PARAMETERS: readonly (readonly [Target['parameter'], string])[] = [
  ['pelvicIncidenceDeg', 'PI'],
  ['pelvicTiltDeg', 'PT'],
  ['sacralSlopeDeg', 'SS'],
  ['lumbarLordosisDeg', 'LL (L1–S1)'],
  ['lumbarLordosisL4S1Deg', 'L4–S1'],
  ['piLlMismatchDeg', 'PI − LL'],
  ['lordosisDistributionIndexPercent', 'LDI (L4–S1 / LL)'],
  ['thoracicKyphosisT4T12Deg', 'TK (T4–T12)'],
  ['thoracicKyphosisT5T12Deg', 'TK (T5–T12)'],
  ['thoracolumbarKyphosisT10L2Deg', 'T10–L2'],
  ['proximalThoracicKyphosisT2T5Deg', 'T2–T5'],
  ['sagittalVerticalAxisMm', 'SVA'],
  ['t1PelvicAngleDeg', 'TPA'],
  ['t1SlopeDeg', 'T1 slope'],
  ['globalTiltDeg', 'Global tilt'],
  ['cervicalLordosisC2C7Deg', 'C2–C7 lordosis'],
  ['cervicalSvaMm', 'cSVA (C2–C7)'],
];

export const TARGET_SET_LABELS: Readonly<Record<TargetSetName, string>> = {
  'srs-schwab': 'SRS–Schwab',
  'gap-proportional': 'GAP proportional',
  'age-adjusted': 'Age-adjusted (Lafage)',
};

/** The core's AlignmentTargets key of each target set name (as autoPlan reads them). */
const SET_KEY: Readonly<Record<TargetSetName, keyof AlignmentTargets>> = {
  'srs-schwab': 'srsSchwab',
  'gap-proportional': 'gapProportional',
  'age-adjusted': 'ageAdjusted',
};

export function targetSetOf(targets: AlignmentTargets, name: TargetSetName): TargetSet {
  return targets[SET_KEY[name]];
}

export type PlanEvaluation =
  | {
      readonly kind: 'invalid';
      readonly errors: readonly CaseError[];
      readonly baseline: PlanOutput | undefined;
    }
  | { readonly kind: 'unsimulated'; readonly reason: string; readonly plan: SurgicalPlan }
  | { readonly kind: 'ok'; readonly plan: SurgicalPlan; readonly output: PlanOutput };

/** The case as it is (an empty plan): the preoperative values and targets, even while the plan is invalid. */
export function baseline(spineCase: SpineCase, pelvis: PelvisMode): PlanOutput | undefined {
  const result = planCase(spineCase, EMPTY_PLAN, pelvis);
  return result.ok ? result.value : undefined;
}

export function evaluatePlan(spineCase: SpineCase, draft: unknown, pelvis: PelvisMode): PlanEvaluation {
  const checked = validatePlan(draft);
  if (!checked.ok) return { kind: 'invalid', errors: checked.errors, baseline: baseline(spineCase, pelvis) };
  const result = planCase(spineCase, checked.value, pelvis);
  if (!result.ok) return { kind: 'unsimulated', reason: result.reason, plan: checked.value };
  return { kind: 'ok', plan: checked.value, output: result.value };
}

/** The lateral values of a measurement output (the first lateral film), by parameter key. */
export function lateralValues(output: MeasurementOutput): Readonly<Record<string, number>> {
  const lateral = output.radiographs.find((r): r is LateralOutput => r.view === 'lateral');
  return lateral === undefined ? {} : lateral.values;
}

/** The errors of one part of the plan (`$.osteotomies[0]`, `$.fusion`…), by the core's JSON path. */
export function errorsAt(errors: readonly CaseError[], prefix: string): readonly CaseError[] {
  return errors.filter(
    (e) => e.path === prefix || e.path.startsWith(`${prefix}.`) || e.path.startsWith(`${prefix}[`),
  );
}

export function formatNumber(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toFixed(digits);
}

export const UNIT_SUFFIX: Readonly<Record<Target['unit'], string>> = { deg: '°', mm: ' mm', percent: ' %' };

export function rangeText(target: Pick<Target, 'min' | 'max' | 'unit'>): string {
  const unit = UNIT_SUFFIX[target.unit];
  if (target.min !== null && target.max !== null)
    return `${formatNumber(target.min)} to ${formatNumber(target.max)}${unit}`;
  if (target.max !== null) return `< ${formatNumber(target.max)}${unit}`;
  if (target.min !== null) return `≥ ${formatNumber(target.min)}${unit}`;
  return '—';
}
