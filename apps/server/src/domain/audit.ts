// The vocabulary of the audit trail: what was touched, how, and how it ended. Never the data itself.

export const RESOURCE_TYPES = [
  'patient',
  'case',
  'radiograph',
  'image',
  'landmarks',
  'plan',
  'research-case',
  /** A query to the hospital PACS (its answers name patients). */
  'pacs',
  /** A measurement report (DICOM SR) built from a radiograph's landmarks. */
  'measurement-report',
  /** Recovery (docs/decisions/0016): the operation record, hospital stay, rehabilitation programme,
   * therapy sessions, follow-up visits (with their alignment) and complications. */
  'operation',
  'hospital-stay',
  'rehabilitation',
  'therapy-session',
  'follow-up-visit',
  'complication',
  /** A questionnaire link or answers (patient-reported outcomes). */
  'questionnaire',
  /** Alignment and outcome scores over time of one case, or a surgeon's rates across cases. */
  'outcomes',
  'user',
  'session',
  'audit',
] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export const AUDIT_ACTIONS = ['list', 'read', 'create', 'update', 'delete', 'login', 'logout'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** `denied`: the role may not; `failed`: allowed, but the request was refused (404, 400, 412…). */
export const AUDIT_OUTCOMES = ['success', 'denied', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export interface AuditEvent {
  readonly action: AuditAction;
  readonly resourceType: ResourceType;
  readonly resourceId: string | null;
  /** The patient whose data it is, when known: the trail can be read per patient. */
  readonly patientId: string | null;
  readonly outcome: AuditOutcome;
  readonly statusCode?: number;
}
