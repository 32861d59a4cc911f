import type { Selectable } from 'kysely';
import type { TherapySessionsTable } from '../db/schema.js';
import type { Executor } from './executor.js';

export type TherapySessionRow = Selectable<TherapySessionsTable>;

export async function insertTherapySession(db: Executor, row: TherapySessionRow): Promise<void> {
  await db.insertInto('therapy_sessions').values(row).execute();
}

/** The case's therapy sessions, oldest first, with the name of who recorded each. */
export const listCaseTherapySessions = (db: Executor, caseId: string) =>
  db
    .selectFrom('therapy_sessions')
    .leftJoin('users', 'users.id', 'therapy_sessions.recorded_by')
    .selectAll('therapy_sessions')
    .select('users.display_name as recorded_by_name')
    .where('therapy_sessions.case_id', '=', caseId)
    .orderBy('therapy_sessions.session_date')
    .orderBy('therapy_sessions.created_at')
    .orderBy('therapy_sessions.id')
    .execute();
