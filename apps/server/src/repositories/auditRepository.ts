import type { AuditEvent } from '../domain/audit.js';
import type { Actor } from '../domain/context.js';
import { now, type Executor, type Page } from './executor.js';

export interface AuditWho {
  readonly actor: Actor | undefined;
  /** Attempted user name for a failed login, when there is no actor. */
  readonly username?: string;
  readonly ip: string | null;
  readonly requestId: string | null;
}

export interface AuditFilter {
  readonly patientId?: string;
  readonly userId?: string;
  readonly resourceType?: string;
  readonly outcome?: string;
  readonly since?: string;
  readonly until?: string;
}

/** Append-only: this module has no update or delete, and the database refuses both (migrations.ts). */
export async function appendAudit(db: Executor, who: AuditWho, event: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      at: now(),
      user_id: who.actor?.userId ?? null,
      username: who.actor?.username ?? who.username ?? null,
      role: who.actor?.role ?? null,
      action: event.action,
      resource_type: event.resourceType,
      resource_id: event.resourceId,
      patient_id: event.patientId,
      outcome: event.outcome,
      status_code: event.statusCode ?? null,
      ip: who.ip,
      request_id: who.requestId,
    })
    .execute();
}

export async function listAudit(db: Executor, filter: AuditFilter, page: Page) {
  let query = db.selectFrom('audit_events');
  if (filter.patientId !== undefined) query = query.where('patient_id', '=', filter.patientId);
  if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
  if (filter.resourceType !== undefined) query = query.where('resource_type', '=', filter.resourceType);
  if (filter.outcome !== undefined) query = query.where('outcome', '=', filter.outcome);
  if (filter.since !== undefined) query = query.where('at', '>=', filter.since);
  if (filter.until !== undefined) query = query.where('at', '<', filter.until);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}
