import type { Generated } from 'kysely';
import type { Role } from '../domain/roles.js';

// The tables as Kysely sees them. Same columns on SQLite and PostgreSQL: ids are UUID text, times are
// ISO 8601 text (UTC), JSON documents are text, flags are integers 0/1 (docs/decisions/0005).

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  /** argon2id hash; null for accounts that only sign in through OpenID Connect. */
  password_hash: string | null;
  /** `issuer|subject` of the OpenID Connect account linked to this user. */
  oidc_subject: string | null;
  disabled: number;
  created_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's token: a stolen database does not give working cookies. */
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface PatientsTable {
  id: string;
  /** Random, stable, meaningless id shown to researchers instead of name and MRN. */
  pseudonym: string;
  mrn: string;
  name: string;
  /** Lower-case name for case-insensitive search on both engines. */
  name_search: string;
  birth_date: string;
  sex: string;
  description: string;
  created_at: string;
  updated_at: string;
}

export interface CasesTable {
  id: string;
  patient_id: string;
  diagnosis: string;
  status: string;
  surgeon_id: string | null;
  description: string;
  created_at: string;
  updated_at: string;
}

export interface ImagesTable {
  sha256: string;
  media_type: string;
  size_bytes: number;
  created_at: string;
  /** Null for images stored before the server read image sizes. */
  width_px: number | null;
  height_px: number | null;
  /** JSON `DicomFacts` for DICOM files (UIDs, transfer syntax, calibration found); null otherwise. */
  dicom: string | null;
}

export interface RadiographsTable {
  id: string;
  case_id: string;
  view: string;
  posture: string;
  taken_on: string | null;
  /** JSON: a number or [rowMm, colMm]; null when uncalibrated. */
  pixel_spacing_mm: string | null;
  calibration_method: string | null;
  /** Where the spacing came from, in words, with any warning (e.g. detector-plane spacing). */
  calibration_note: string | null;
  anterior_on_image: string | null;
  patient_right_on_image: string | null;
  image_sha256: string | null;
  image_filename: string | null;
  description: string;
  /** The follow-up visit this film belongs to; null before the operation or when not tied to a visit. */
  visit_id: string | null;
  /** Version of the latest landmark set; 0 when none was saved yet. */
  landmark_version: number;
  created_at: string;
  updated_at: string;
}

export interface LandmarkVersionsTable {
  radiograph_id: string;
  version: number;
  /** JSON: `{ vertebrae, femoralHeads? }`. */
  content: string;
  created_by: string;
  created_at: string;
}

export interface PlansTable {
  id: string;
  case_id: string;
  title: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface PlanVersionsTable {
  plan_id: string;
  version: number;
  /** JSON: `{ format: "spinerecon.plan/1", … }`. */
  content: string;
  created_by: string;
  created_at: string;
}

/** Owner row of a case's versioned recovery document (operation, hospital stay, rehabilitation): one per case. */
export interface CaseDocumentsTable {
  case_id: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface CaseDocumentVersionsTable {
  case_id: string;
  version: number;
  /** JSON: the document (docs/decisions/0016). */
  content: string;
  created_by: string;
  created_at: string;
}

export interface FollowUpVisitsTable {
  id: string;
  case_id: string;
  label: string;
  due_date: string;
  /** Null until the patient was seen. */
  visit_date: string | null;
  notes: string;
  created_at: string;
  updated_at: string;
}

export interface TherapySessionsTable {
  id: string;
  case_id: string;
  session_date: string;
  phase: string;
  notes: string;
  progress: string;
  recorded_by: string;
  created_at: string;
}

export interface ComplicationsTable {
  id: string;
  case_id: string;
  visit_id: string | null;
  /** One of the core's COMPLICATION_TYPES. */
  type: string;
  onset_date: string;
  /** Clavien–Dindo grade (I, II, IIIa, IIIb, IVa, IVb, V). */
  clavien_dindo: string;
  description: string;
  treatment: string;
  resolution: string;
  resolved_date: string | null;
  recorded_by: string;
  created_at: string;
  updated_at: string;
}

export interface QuestionnaireInvitationsTable {
  id: string;
  case_id: string;
  visit_id: string | null;
  /** `odi`, `srs22r` or `pain`. */
  instrument: string;
  /** SHA-256 of the link's token: the link itself is shown once and not stored. */
  token_hash: string;
  expires_at: string;
  created_by: string;
  created_at: string;
  answered_at: string | null;
}

export interface QuestionnaireResponsesTable {
  id: string;
  case_id: string;
  visit_id: string | null;
  invitation_id: string | null;
  instrument: string;
  /** JSON array of answers, null for a missing answer. */
  answers: string;
  /** JSON: the core's score of these answers. */
  score: string;
  answered_at: string;
  /** `patient` (through a link) or `staff` (entered from paper). */
  source: string;
  recorded_by: string | null;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: string;
  user_id: string | null;
  username: string | null;
  role: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  patient_id: string | null;
  outcome: string;
  status_code: number | null;
  ip: string | null;
  request_id: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  patients: PatientsTable;
  cases: CasesTable;
  images: ImagesTable;
  radiographs: RadiographsTable;
  landmark_versions: LandmarkVersionsTable;
  plans: PlansTable;
  plan_versions: PlanVersionsTable;
  operations: CaseDocumentsTable;
  operation_versions: CaseDocumentVersionsTable;
  hospital_stays: CaseDocumentsTable;
  hospital_stay_versions: CaseDocumentVersionsTable;
  rehab_programmes: CaseDocumentsTable;
  rehab_programme_versions: CaseDocumentVersionsTable;
  follow_up_visits: FollowUpVisitsTable;
  therapy_sessions: TherapySessionsTable;
  complications: ComplicationsTable;
  questionnaire_invitations: QuestionnaireInvitationsTable;
  questionnaire_responses: QuestionnaireResponsesTable;
  audit_events: AuditEventsTable;
  settings: SettingsTable;
}
