// The public API of @spinerecon/core. Everything a server, web app or CLI may use is exported here.
export * from './geometry/point.js';
export * from './aasce/index.js';
export * from './case/levels.js';
export * from './case/types.js';
export { parseCaseJson, validateCase, type CaseError, type CaseResult } from './case/validateCase.js';
export { patientFrame, toPatient, toImage, type PatientFrame } from './calibration/patientFrame.js';
export {
  calibrateFromMarker,
  MIN_MARKER_PX,
  type CalibrationMarker,
  type MarkerCalibration,
} from './calibration/markerCalibration.js';
export * from './measurements/citations.js';
export * from './measurements/normalRanges.js';
export * from './measurements/types.js';
export {
  LATERAL_PARAMETERS,
  LATERAL_PARAMETER_KEYS,
  type LateralParameter,
} from './measurements/lateral/lateralParameters.js';
export { measureLateral, type LateralMeasurements } from './measurements/lateral/measureLateral.js';
export {
  meyerdingGrade,
  type DiscSegment,
  type Listhesis,
  type MeyerdingGrade,
} from './measurements/lateral/segments.js';
export { CORONAL_PARAMETERS, type CoronalParameter } from './measurements/coronal/coronalParameters.js';
export {
  CURVE_MIN_COBB_DEG,
  TILT_REVERSAL_TOLERANCE_DEG,
  type CoronalCurve,
  type PatientSide,
} from './measurements/coronal/curves.js';
export { measureCoronal, type CoronalMeasurements } from './measurements/coronal/measureCoronal.js';
export { measureCase, measureRadiograph, type RadiographMeasurements } from './measurements/measureCase.js';
export * from './measurements/measurementOutput.js';
export {
  classifyCase,
  CLASSIFICATION_FORMAT,
  type CaseClassification,
  type Classifications,
} from './classification/classifyCase.js';
export type { Explanation } from './classification/explanation.js';
export type { SrsSchwabClassification, SchwabCurveType, SchwabModifier } from './classification/srsSchwab.js';
export type { LenkeClassification, LenkeCurve, LenkeType } from './classification/lenke.js';
export type { RoussoulyClassification, RoussoulyType } from './classification/roussouly.js';
export type { GapScore, GapCategory, GapPoints } from './classification/gapScore.js';
export type { ListhesisSummary, ListhesisLevel } from './classification/listhesisSummary.js';
export type { TlicsScore } from './classification/tlics.js';
export type { SinsScore } from './classification/sins.js';
export type { AlignmentTargets, Target, TargetSet } from './classification/targets.js';
export { DECISION_SUPPORT_STATEMENT, type IndicationSummary } from './classification/indicationSummary.js';
export * from './planning/index.js';
export * from './followUp/index.js';
