import type { AuditEvent } from '../domain/audit.js';
import type { RequestContext } from '../domain/context.js';
import { appendAudit } from '../repositories/auditRepository.js';
import type { Executor } from '../repositories/executor.js';

/** Appends a successful access to the trail; for a write, `db` is the write's own transaction. */
export function recordAccess(
  db: Executor,
  context: RequestContext,
  event: Omit<AuditEvent, 'outcome'>,
): Promise<void> {
  return appendAudit(
    db,
    { actor: context.actor, ip: context.ip, requestId: context.requestId },
    { ...event, outcome: 'success' },
  );
}
