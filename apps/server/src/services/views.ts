import type { DicomFacts } from '../images/imageFacts.js';
import type { CaseRow } from '../repositories/caseRepository.js';
import type { PatientRow } from '../repositories/patientRepository.js';
import type { RadiographRow } from '../repositories/radiographRepository.js';
import type { PlanRow } from '../repositories/planRepository.js';
import type { UserRow } from '../repositories/userRepository.js';

// Rows (snake_case, JSON as text) → the API's plain objects (camelCase, JSON as JSON).

export function patientView(row: PatientRow) {
  return {
    id: row.id,
    mrn: row.mrn,
    name: row.name,
    birthDate: row.birth_date,
    sex: row.sex,
    description: row.description,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function caseView(row: CaseRow) {
  return {
    id: row.id,
    patientId: row.patient_id,
    diagnosis: row.diagnosis,
    status: row.status,
    surgeonId: row.surgeon_id,
    description: row.description,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A radiograph row with its image's facts (left join: null when no image was uploaded). */
export type RadiographWithImage = RadiographRow & {
  readonly media_type: string | null;
  readonly size_bytes: number | null;
  readonly width_px: number | null;
  readonly height_px: number | null;
  readonly dicom: string | null;
};

export function radiographView(row: RadiographWithImage) {
  return {
    id: row.id,
    caseId: row.case_id,
    view: row.view,
    posture: row.posture,
    takenOn: row.taken_on,
    pixelSpacingMm:
      row.pixel_spacing_mm === null ? null : (JSON.parse(row.pixel_spacing_mm) as number | [number, number]),
    calibrationMethod: row.calibration_method,
    calibrationNote: row.calibration_note,
    anteriorOnImage: row.anterior_on_image,
    patientRightOnImage: row.patient_right_on_image,
    image:
      row.image_sha256 === null || row.media_type === null
        ? null
        : {
            sha256: row.image_sha256,
            mediaType: row.media_type,
            sizeBytes: Number(row.size_bytes),
            fileName: row.image_filename,
            widthPx: row.width_px,
            heightPx: row.height_px,
            dicom: row.dicom === null ? null : dicomIdentity(JSON.parse(row.dicom) as DicomFacts),
          },
    description: row.description,
    visitId: row.visit_id,
    landmarkVersion: row.landmark_version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The DICOM identity shown with an image (its calibration is shown as the radiograph's). */
function dicomIdentity(facts: DicomFacts) {
  return {
    sopClassUid: facts.sopClassUid,
    sopInstanceUid: facts.sopInstanceUid,
    studyInstanceUid: facts.studyInstanceUid,
    seriesInstanceUid: facts.seriesInstanceUid,
    transferSyntaxUid: facts.transferSyntaxUid,
    modality: facts.modality,
  };
}

export function planSummaryView(row: PlanRow) {
  return {
    id: row.id,
    caseId: row.case_id,
    title: row.title,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function userView(row: UserRow) {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    disabled: row.disabled !== 0,
    hasPassword: row.password_hash !== null,
    singleSignOn: row.oidc_subject !== null,
    createdAt: row.created_at,
  };
}
