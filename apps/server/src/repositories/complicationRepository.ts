import type { Selectable } from 'kysely';
import type { ComplicationsTable } from '../db/schema.js';
import type { Executor } from './executor.js';

export type ComplicationRow = Selectable<ComplicationsTable>;

export async function insertComplication(db: Executor, row: ComplicationRow): Promise<void> {
  await db.insertInto('complications').values(row).execute();
}

/** The complication with the patient it belongs to. */
export const findComplication = (db: Executor, id: string) =>
  db
    .selectFrom('complications')
    .innerJoin('cases', 'cases.id', 'complications.case_id')
    .selectAll('complications')
    .select('cases.patient_id')
    .where('complications.id', '=', id)
    .executeTakeFirst();

/** The case's complications, oldest onset first. */
export const listCaseComplications = (db: Executor, caseId: string) =>
  db
    .selectFrom('complications')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('onset_date')
    .orderBy('created_at')
    .orderBy('id')
    .execute();

export async function updateComplication(
  db: Executor,
  id: string,
  changes: Partial<Omit<ComplicationRow, 'id' | 'case_id' | 'recorded_by' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('complications').set(changes).where('id', '=', id).execute();
}
