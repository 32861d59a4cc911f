import type { Level } from '../case/levels.js';
import type { SpineCase } from '../case/types.js';
import { classificationInputs } from '../classification/classificationInputs.js';
import { gapScore } from '../classification/gapScore.js';
import { DECISION_SUPPORT_STATEMENT } from '../classification/indicationSummary.js';
import { alignmentTargets, type AlignmentTargets } from '../classification/targets.js';
import { measureCase } from '../measurements/measureCase.js';
import {
  roundOutput,
  toMeasurementOutput,
  type MeasurementOutput,
} from '../measurements/measurementOutput.js';
import { sizeImplants, type Implants } from './implants.js';
import type { PelvicCompensation } from './pelvicCompensation.js';
import type { SurgicalPlan } from './planTypes.js';
import { predictPlan, type PelvisMode } from './predictPlan.js';
import { complicationRisks } from './risk/complicationRisks.js';
import type { ComplicationRisk } from './risk/riskTypes.js';
import type { SimulatedElement } from './simulatePlan.js';

/** Plan result format identifier (docs/formats/plan.md). */
export const PLAN_RESULT_FORMAT = 'spinerecon.planResult/1' as const;

export interface PlanOutput {
  readonly format: typeof PLAN_RESULT_FORMAT;
  readonly pelvis: PelvisMode;
  readonly simulated: {
    readonly film: string;
    readonly elements: readonly SimulatedElement[];
    readonly removed: readonly Level[];
  };
  readonly compensation?: PelvicCompensation;
  readonly predictedCase: SpineCase;
  readonly preoperative: MeasurementOutput;
  readonly predicted: MeasurementOutput;
  readonly targets: { readonly preoperative: AlignmentTargets; readonly predicted: AlignmentTargets };
  readonly implants: Implants;
  readonly risks: readonly ComplicationRisk[];
  readonly notes: readonly string[];
  readonly statement: string;
}

export type PlanCaseResult =
  { readonly ok: true; readonly value: PlanOutput } | { readonly ok: false; readonly reason: string };

/** Every number rounded as in the measurement output (6 decimals). */
export function roundDeep<T>(value: T): T {
  if (typeof value === 'number') return roundOutput(value) as T;
  if (Array.isArray(value)) return value.map(roundDeep) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundDeep(v)])) as T;
  }
  return value;
}

/** The plan applied to the case: predicted case and measurements, targets, implants and risks. */
export function planCase(spineCase: SpineCase, plan: SurgicalPlan, pelvis: PelvisMode): PlanCaseResult {
  const prediction = predictPlan(spineCase, plan, pelvis);
  if (!prediction.ok) return prediction;
  const preoperative = measureCase(spineCase);
  const predictedInputs = classificationInputs(prediction.predictedCase, prediction.measurements);
  const implants = sizeImplants(prediction.after, plan, prediction.removed);
  const risks = complicationRisks({
    spineCase,
    plan,
    preoperative,
    predicted: prediction.measurements,
    predictedGapCategory: gapScore(predictedInputs).category,
    implants,
  });
  const value: PlanOutput = {
    format: PLAN_RESULT_FORMAT,
    pelvis,
    simulated: { film: prediction.lateral.id, elements: prediction.elements, removed: prediction.removed },
    ...(prediction.compensation === undefined ? {} : { compensation: prediction.compensation }),
    predictedCase: prediction.predictedCase,
    preoperative: toMeasurementOutput(preoperative),
    predicted: toMeasurementOutput(prediction.measurements),
    targets: {
      preoperative: alignmentTargets(classificationInputs(spineCase, preoperative)),
      predicted: alignmentTargets(predictedInputs),
    },
    implants,
    risks,
    notes: prediction.notes,
    statement: DECISION_SUPPORT_STATEMENT,
  };
  return { ok: true, value: roundDeep(value) };
}
