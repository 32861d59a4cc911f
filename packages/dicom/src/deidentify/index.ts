// Public API of de-identification (DICOM PS3.15 Annex E, Basic Application Level Confidentiality Profile).
export {
  deidentifyDicom,
  pseudonymousUid,
  type DeidentifyOptions,
  type RetainLongitudinalDates,
} from './deidentify.js';
export {
  BASIC_PROFILE_ATTRIBUTES,
  profileAttributeFor,
  isPrivateTag,
  isCurveGroup,
  isOverlayGroup,
  type BasicProfileAction,
  type ProfileAttribute,
} from './profileTable.js';
