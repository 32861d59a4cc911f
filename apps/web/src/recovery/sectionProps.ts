import type { CaseDetail } from '../api/types';
import type { OperationRecord } from './recoveryTypes';

/** What every section of the recovery page gets (pages/RecoveryPage.tsx). */
export interface RecoverySectionProps {
  readonly caseId: string;
  readonly detail: CaseDetail;
  /** The operation record, when recorded: its date starts the schedule and the programme. */
  readonly operation: OperationRecord | undefined;
  /** The signed-in user's role (the server decides; the sections hide what it refuses). */
  readonly role: string;
}
