// Who may change what on the recovery pages: a mirror of apps/server/src/domain/roles.ts (decision 0016).
// The server decides; the pages only hide the buttons a role cannot use.

export type RecoveryWrite = 'operation' | 'followup' | 'rehab' | 'imaging';

const SURGICAL_TEAM = ['admin', 'surgeon', 'resident'] as const;

const WRITERS: Readonly<Record<RecoveryWrite, readonly string[]>> = {
  /** operation:write */
  operation: SURGICAL_TEAM,
  /** followup:write: schedule, visits, complications. */
  followup: SURGICAL_TEAM,
  /** rehab:write: hospital stay, rehabilitation programme, therapy sessions — the therapist too. */
  rehab: [...SURGICAL_TEAM, 'therapist'],
  /** imaging:write: films and their landmarks. */
  imaging: SURGICAL_TEAM,
};

export function mayWrite(role: string, what: RecoveryWrite): boolean {
  return WRITERS[what].includes(role);
}
