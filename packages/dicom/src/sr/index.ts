// DICOM SR measurement reports (PS3.16 TID 1500): docs/formats/dicom-sr.md.
export {
  buildMeasurementReport,
  referencedImageOf,
  DECISION_SUPPORT_NOTICE,
  ENHANCED_SR_SOP_CLASS,
  SPINERECON_DEVICE_UID,
} from './buildMeasurementReport.js';
export { readMeasurementReport } from './readMeasurementReport.js';
export { PRIVATE_SCHEME, type Code } from './codes.js';
export type {
  MeasurementReport,
  MeasurementReportInput,
  ReferencedImage,
  ReportedMeasurement,
} from './types.js';
