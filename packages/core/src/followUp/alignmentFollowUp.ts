import { CASE_FORMAT, type LateralRadiograph, type SpineCase } from '../case/types.js';
import { classificationInputs } from '../classification/classificationInputs.js';
import { explanation } from '../classification/explanation.js';
import { DECISION_SUPPORT_STATEMENT } from '../classification/indicationSummary.js';
import { alignmentTargets, type AlignmentTargets, type Target } from '../classification/targets.js';
import {
  LATERAL_PARAMETERS,
  LATERAL_PARAMETER_KEYS,
  type LateralParameter,
} from '../measurements/lateral/lateralParameters.js';
import { measureLateral } from '../measurements/lateral/measureLateral.js';
import { measureCase } from '../measurements/measureCase.js';
import type { MeasurementOutput } from '../measurements/measurementOutput.js';
import type { CitationId } from '../measurements/citations.js';
import type { TargetSetName } from '../planning/autoPlan.js';
import { adjacentSegmentChange, type AdjacentSegmentFlag } from './adjacentSegment.js';
import { suspectedImplantFailure, type ImplantFailureFlag } from './implantFailure.js';
import { proximalJunctionalKyphosis, type ProximalJunctionalKyphosis } from './junctionalKyphosis.js';
import { correctionChange, type CorrectionChange } from './lossOfCorrection.js';
import type { FusionLevels } from './ruleFlag.js';
import { fusionProblem } from './segmentGeometry.js';

export interface AlignmentComparisonInput {
  /** The standing lateral film before the operation. */
  readonly preoperative?: LateralRadiograph;
  /**
   * What the plan predicted: the `predicted` measurement output of `planCase` (its first lateral film is
   * read), or the values by parameter.
   */
  readonly planned?: MeasurementOutput | Readonly<Partial<Record<LateralParameter, number>>>;
  /** The follow-up (achieved) standing lateral film. */
  readonly achieved: LateralRadiograph;
  /** The first postoperative film: reference for loss of correction, implant failure and adjacent segments. */
  readonly firstPostoperative?: LateralRadiograph;
  /** UIV and LIV of the operation (the operation record's `performed.fusion`). */
  readonly fusion?: FusionLevels;
  /** Target sets checked on the achieved film; default all. */
  readonly targets?: readonly TargetSetName[];
  readonly ageYears?: number;
}

export interface AlignmentTargetCheck {
  readonly set: string;
  readonly citation: CitationId;
  readonly min?: number;
  readonly max?: number;
  /** Whether the achieved value meets the range; null when the value or range is undetermined. */
  readonly met: boolean | null;
  readonly reason?: string;
}

export interface AlignmentRow {
  readonly parameter: LateralParameter;
  readonly unit: 'deg' | 'mm';
  readonly preoperative: number | null;
  readonly planned: number | null;
  readonly achieved: number | null;
  readonly achievedMinusPlanned: number | null;
  readonly changeFromPreoperative: number | null;
  readonly target?: AlignmentTargetCheck;
  /** Why a value is missing, by column. */
  readonly unavailable?: Readonly<Partial<Record<'preoperative' | 'planned' | 'achieved', string>>>;
}

export interface AlignmentComparison {
  readonly rows: readonly AlignmentRow[];
  /** Rules flagging findings for a clinician to confirm; each says why, or why it is undetermined. */
  readonly flags: {
    readonly proximalJunctionalKyphosis: ProximalJunctionalKyphosis;
    readonly lossOfCorrection: readonly CorrectionChange[];
    readonly implantFailure: ImplantFailureFlag;
    readonly adjacentSegment: AdjacentSegmentFlag;
  };
  readonly statement: string;
}

/** The parameters whose change from the first postoperative film (or the plan) is reported as correction change. */
export const CORRECTION_PARAMETERS: readonly LateralParameter[] = [
  'lumbarLordosisDeg',
  'piLlMismatchDeg',
  'pelvicTiltDeg',
  'sagittalVerticalAxisMm',
  't1PelvicAngleDeg',
  'thoracicKyphosisT4T12Deg',
];

const SET_KEY: Readonly<Record<TargetSetName, keyof AlignmentTargets>> = {
  'srs-schwab': 'srsSchwab',
  'gap-proportional': 'gapProportional',
  'age-adjusted': 'ageAdjusted',
};

type Values = { values: Partial<Record<LateralParameter, number>>; unavailable: Record<string, string> };

function filmValues(film: LateralRadiograph | undefined, missing: string): Values {
  if (film === undefined) {
    return { values: {}, unavailable: Object.fromEntries(LATERAL_PARAMETER_KEYS.map((k) => [k, missing])) };
  }
  const measured = measureLateral(film).values;
  const values: Partial<Record<LateralParameter, number>> = {};
  const unavailable: Record<string, string> = {};
  for (const key of LATERAL_PARAMETER_KEYS) {
    const result = measured[key];
    if (result.ok) values[key] = result.value;
    else unavailable[key] = `${film.id}: ${result.reason}`;
  }
  return { values, unavailable };
}

function plannedValues(planned: AlignmentComparisonInput['planned']): Values {
  if (planned === undefined) {
    return {
      values: {},
      unavailable: Object.fromEntries(LATERAL_PARAMETER_KEYS.map((k) => [k, 'no plan prediction given'])),
    };
  }
  if ('format' in planned && 'radiographs' in planned) {
    const output = planned as MeasurementOutput;
    const lateral = output.radiographs.find((r) => r.view === 'lateral');
    if (lateral === undefined || lateral.view !== 'lateral') {
      return {
        values: {},
        unavailable: Object.fromEntries(
          LATERAL_PARAMETER_KEYS.map((k) => [k, 'the plan prediction has no lateral film']),
        ),
      };
    }
    const unavailable: Record<string, string> = {};
    for (const key of LATERAL_PARAMETER_KEYS) {
      if (lateral.values[key] === undefined) unavailable[key] = lateral.unavailable[key] ?? 'not predicted';
    }
    return { values: lateral.values, unavailable };
  }
  const values = planned as Partial<Record<LateralParameter, number>>;
  const unavailable: Record<string, string> = {};
  for (const key of LATERAL_PARAMETER_KEYS) if (values[key] === undefined) unavailable[key] = 'not predicted';
  return { values, unavailable };
}

function targetChecks(input: AlignmentComparisonInput): Map<LateralParameter, AlignmentTargetCheck> {
  const checks = new Map<LateralParameter, AlignmentTargetCheck>();
  const names = input.targets ?? (Object.keys(SET_KEY) as TargetSetName[]);
  if (names.length === 0) return checks;
  const spineCase: SpineCase = {
    format: CASE_FORMAT,
    ...(input.ageYears === undefined ? {} : { patient: { ageYears: input.ageYears } }),
    radiographs: [input.achieved],
  };
  const targets = alignmentTargets(classificationInputs(spineCase, measureCase(spineCase)));
  const notStanding =
    input.achieved.posture === 'standing'
      ? undefined
      : `the achieved film is ${input.achieved.posture}, not standing`;
  for (const name of names) {
    const set = targets[SET_KEY[name]];
    for (const t of set.targets as readonly Target[]) {
      if (t.parameter === 'lordosisDistributionIndexPercent' || checks.has(t.parameter)) continue;
      const reason = notStanding ?? t.reason;
      checks.set(t.parameter, {
        set: set.name,
        citation: set.citation,
        ...(t.min === null ? {} : { min: t.min }),
        ...(t.max === null ? {} : { max: t.max }),
        met: notStanding === undefined ? t.met : null,
        ...(reason === undefined ? {} : { reason }),
      });
    }
  }
  return checks;
}

function pjk(input: AlignmentComparisonInput): ProximalJunctionalKyphosis {
  const problem = fusionProblem(input.fusion);
  if (problem === undefined && input.fusion !== undefined) {
    return proximalJunctionalKyphosis(
      input.preoperative,
      input.achieved,
      input.fusion.upperInstrumentedVertebra,
    );
  }
  const why = explanation('glattes-2005');
  why.undetermined.pjk = problem ?? 'no fusion range';
  return { preoperativePjaDeg: null, followUpPjaDeg: null, pjk: null, ...why };
}

/**
 * For every lateral parameter: preoperative, planned (predicted by the plan), achieved (follow-up film),
 * achieved − planned, change from preoperative, and the target range of the chosen sets checked on the
 * achieved film. Flags for a clinician to confirm: PJK (Glattes 2005), correction change from the first
 * postoperative film (or the plan), suspected implant failure and adjacent segment change.
 */
export function compareAlignment(input: AlignmentComparisonInput): AlignmentComparison {
  const preoperative = filmValues(input.preoperative, 'no preoperative lateral film');
  const planned = plannedValues(input.planned);
  const achieved = filmValues(input.achieved, 'no follow-up lateral film');
  const checks = targetChecks(input);
  const rows = LATERAL_PARAMETER_KEYS.map((parameter): AlignmentRow => {
    const pre = preoperative.values[parameter] ?? null;
    const plan = planned.values[parameter] ?? null;
    const got = achieved.values[parameter] ?? null;
    const unavailable: Partial<Record<'preoperative' | 'planned' | 'achieved', string>> = {};
    if (pre === null) unavailable.preoperative = preoperative.unavailable[parameter] ?? 'not measured';
    if (plan === null) unavailable.planned = planned.unavailable[parameter] ?? 'not predicted';
    if (got === null) unavailable.achieved = achieved.unavailable[parameter] ?? 'not measured';
    const target = checks.get(parameter);
    return {
      parameter,
      unit: LATERAL_PARAMETERS[parameter].unit,
      preoperative: pre,
      planned: plan,
      achieved: got,
      achievedMinusPlanned: got === null || plan === null ? null : got - plan,
      changeFromPreoperative: got === null || pre === null ? null : got - pre,
      ...(target === undefined ? {} : { target }),
      ...(Object.keys(unavailable).length === 0 ? {} : { unavailable }),
    };
  });
  const firstPostoperative =
    input.firstPostoperative === undefined ? undefined : filmValues(input.firstPostoperative, '');
  const lossOfCorrection = CORRECTION_PARAMETERS.map((parameter) => {
    const unit = LATERAL_PARAMETERS[parameter].unit === 'mm' ? ' mm' : '°';
    const reference =
      firstPostoperative === undefined
        ? { kind: 'planned' as const, value: planned.values[parameter] ?? null }
        : { kind: 'immediate-postoperative' as const, value: firstPostoperative.values[parameter] ?? null };
    return correctionChange(parameter, unit, reference, achieved.values[parameter] ?? null);
  });
  return {
    rows,
    flags: {
      proximalJunctionalKyphosis: pjk(input),
      lossOfCorrection,
      implantFailure: suspectedImplantFailure({
        ...(input.firstPostoperative === undefined ? {} : { firstPostoperative: input.firstPostoperative }),
        followUp: input.achieved,
        ...(input.fusion === undefined ? {} : { fusion: input.fusion }),
      }),
      adjacentSegment: adjacentSegmentChange({
        ...(input.firstPostoperative === undefined
          ? input.preoperative === undefined
            ? {}
            : { reference: input.preoperative }
          : { reference: input.firstPostoperative }),
        referenceKind: input.firstPostoperative === undefined ? 'preoperative' : 'immediate-postoperative',
        followUp: input.achieved,
        ...(input.fusion === undefined ? {} : { fusion: input.fusion }),
      }),
    },
    statement: DECISION_SUPPORT_STATEMENT,
  };
}
