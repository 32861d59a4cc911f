// The API's resources as the web app uses them: hand-written mirrors of
// apps/server/src/http/schemas/resources.ts and pacs.ts (keep them in step).

export interface ErrorBody {
  readonly error: string;
  readonly message: string;
  readonly details?: readonly { readonly path: string; readonly message: string }[];
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

export interface SessionUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
}

export interface Session {
  readonly user: SessionUser;
  readonly csrfToken: string;
}

export type Sex = 'female' | 'male' | 'other';

export interface Patient {
  readonly id: string;
  readonly mrn: string;
  readonly name: string;
  readonly birthDate: string;
  readonly sex: string;
  readonly description: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface PatientInput {
  readonly mrn: string;
  readonly name: string;
  readonly birthDate: string;
  readonly sex: Sex;
  readonly description?: string;
}

export interface CaseRecord {
  readonly id: string;
  readonly patientId: string;
  readonly diagnosis: string;
  readonly status: string;
  readonly surgeonId: string | null;
  readonly description: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface CaseListItem extends CaseRecord {
  readonly patientName: string;
  readonly mrn: string;
  readonly surgeonName: string | null;
}

export interface CaseInput {
  readonly patientId: string;
  readonly diagnosis: string;
  readonly status?: string;
  readonly surgeonId?: string | null;
  readonly description?: string;
}

export interface CaseQuery {
  readonly q?: string;
  readonly diagnosis?: string;
  readonly status?: string;
  readonly limit?: number;
  readonly offset?: number;
}

export type PixelSpacing = number | readonly [number, number];

export interface DicomFacts {
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly transferSyntaxUid: string;
  readonly modality: string;
}

export interface ImageFacts {
  readonly sha256: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  readonly fileName: string | null;
  readonly widthPx: number | null;
  readonly heightPx: number | null;
  readonly dicom: DicomFacts | null;
}

export interface Radiograph {
  readonly id: string;
  readonly caseId: string;
  readonly view: string;
  readonly posture: string;
  readonly takenOn: string | null;
  readonly pixelSpacingMm: PixelSpacing | null;
  readonly calibrationMethod: string | null;
  readonly calibrationNote: string | null;
  readonly anteriorOnImage: string | null;
  readonly patientRightOnImage: string | null;
  readonly image: ImageFacts | null;
  readonly description: string;
  /** The follow-up visit the film was taken at; null before the operation or not tied to a visit. */
  readonly visitId?: string | null;
  readonly landmarkVersion: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type Side = 'left' | 'right';

interface RadiographCommonInput {
  readonly posture?: string;
  readonly takenOn?: string | null;
  readonly description?: string;
  /** The follow-up visit the film was taken at (docs/decisions/0016). */
  readonly visitId?: string | null;
}
export type RadiographInput =
  | (RadiographCommonInput & { readonly view: 'lateral'; readonly anteriorOnImage: Side })
  | (RadiographCommonInput & { readonly view: 'coronal'; readonly patientRightOnImage: Side });

export interface PlanSummary {
  readonly id: string;
  readonly caseId: string;
  readonly title: string;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** `spinerecon.measurements/1`, computed by the core; the shell only passes it on. */
export interface MeasurementOutput {
  readonly format: 'spinerecon.measurements/1';
  readonly radiographs: readonly unknown[];
}

export interface CaseDetail extends CaseRecord {
  readonly patient: Patient;
  readonly surgeon: { readonly id: string; readonly displayName: string } | null;
  readonly radiographs: readonly Radiograph[];
  readonly plans: readonly PlanSummary[];
  readonly measurements: MeasurementOutput;
}

export interface PacsStudyQuery {
  readonly patientId?: string;
  readonly patientName?: string;
  readonly studyDateFrom?: string;
  readonly studyDateTo?: string;
  readonly limit?: number;
}

export interface PacsStudy {
  readonly studyInstanceUid: string;
  readonly patientName?: string;
  readonly patientId?: string;
  readonly patientBirthDate?: string;
  readonly patientSex?: string;
  readonly studyDate?: string;
  readonly studyDescription?: string;
  readonly accessionNumber?: string;
  readonly modalities: readonly string[];
  readonly numberOfSeries?: number;
  readonly numberOfInstances?: number;
}

export interface PacsSeries {
  readonly seriesInstanceUid: string;
  readonly modality?: string;
  readonly seriesDescription?: string;
  readonly seriesNumber?: number;
  readonly numberOfInstances?: number;
  readonly bodyPartExamined?: string;
  readonly viewPosition?: string;
}

export interface PacsInstance {
  readonly sopInstanceUid: string;
  readonly sopClassUid: string;
  readonly instanceNumber?: number;
  readonly rows?: number;
  readonly columns?: number;
}

export interface PacsImportInput {
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly sopInstanceUid: string;
  readonly view: 'lateral' | 'coronal';
  readonly posture?: string;
  readonly description?: string;
}

export interface Surgeon {
  readonly id: string;
  readonly displayName: string;
}
