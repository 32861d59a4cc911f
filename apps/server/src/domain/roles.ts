// Who may do what. README.md's roles table is this file in words; the route × role matrix test checks both.

export const ROLES = ['admin', 'surgeon', 'resident', 'therapist', 'researcher'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'patient:read',
  'patient:write',
  'patient:delete',
  'case:read',
  'case:write',
  'case:delete',
  /** Radiographs, their images, landmark sets and the measurements computed from them. */
  'imaging:read',
  'imaging:write',
  'plan:read',
  'plan:write',
  /** Operation record, hospital stay, rehabilitation, visits, complications, outcomes (docs/decisions/0016). */
  'recovery:read',
  'operation:write',
  /** Follow-up schedule and visits, complications, questionnaire links and answers entered by staff. */
  'followup:write',
  /** Hospital stay, rehabilitation programme and therapy sessions. */
  'rehab:write',
  /** De-identified cases: pseudonym, age in years, sex, diagnosis, landmarks, measurements. */
  'research:read',
  /** The list of surgeons (id and display name) to assign a case to. */
  'surgeon:list',
  'user:manage',
  'audit:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const CLINICAL_WRITE: readonly Permission[] = [
  'patient:read',
  'patient:write',
  'case:read',
  'case:write',
  'imaging:read',
  'imaging:write',
  'plan:read',
  'plan:write',
  'recovery:read',
  'operation:write',
  'followup:write',
  'rehab:write',
  'research:read',
  'surgeon:list',
];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: PERMISSIONS,
  surgeon: [...CLINICAL_WRITE, 'patient:delete', 'case:delete'],
  resident: CLINICAL_WRITE,
  // Rehabilitation needs the patient, the case, the films with their alignment and the operation plan;
  // a therapist changes none of them.
  therapist: [
    'patient:read',
    'case:read',
    'imaging:read',
    'plan:read',
    'recovery:read',
    'rehab:write',
    'surgeon:list',
  ],
  researcher: ['research:read'],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
