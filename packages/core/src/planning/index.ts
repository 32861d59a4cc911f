// The public API of planning: plan format, simulation, prediction, auto-planning, implants and risks.
// (Re-exported from packages/core/src/index.ts.)
export * from './planTypes.js';
export { parsePlanJson, validatePlan, type PlanResult } from './validatePlan.js';
export { OSTEOTOMY_GRADES, type OsteotomyGrade } from './osteotomyGrades.js';
export {
  spineFromRadiograph,
  spineToRadiograph,
  type SagittalSpine,
  type SpineEndplate,
} from './sagittalSpine.js';
export { simulatePlan, type SimulatedElement, type Simulation } from './simulatePlan.js';
export {
  compensatePelvis,
  PT_PER_DISTAL_LORDOSIS_CONCLUSION,
  PT_PER_DISTAL_LORDOSIS_RESULTS,
  type PelvicCompensation,
} from './pelvicCompensation.js';
export { PELVIS_MODES, predictPlan, type PelvisMode, type PlanPrediction } from './predictPlan.js';
export { planCase, PLAN_RESULT_FORMAT, type PlanCaseResult, type PlanOutput } from './planCase.js';
export {
  autoPlan,
  AUTO_PLAN_FORMAT,
  TARGET_SET_NAMES,
  type AutoPlanOptions,
  type AutoPlanOutput,
  type Proposal,
  type TargetSetName,
} from './autoPlan.js';
export { sizeImplants, type Implants } from './implants.js';
export { ROD_CONTOUR_RISK_DEG, type RodBend, type RodGeometry } from './rodGeometry.js';
export { SCREW_TO_PEDICLE_WIDTH_MAX, type LevelSizing, type ScrewCheck } from './screwSizing.js';
export { complicationRisks, type RiskInputs } from './risk/complicationRisks.js';
export type {
  ComplicationKind,
  ComplicationRisk,
  PublishedRate,
  RiskFactorFinding,
} from './risk/riskTypes.js';
