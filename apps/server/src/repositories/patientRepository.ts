import type { Selectable } from 'kysely';
import type { PatientsTable } from '../db/schema.js';
import { containsText, type Executor, type Page } from './executor.js';

export type PatientRow = Selectable<PatientsTable>;

export async function insertPatient(db: Executor, row: PatientRow): Promise<void> {
  await db.insertInto('patients').values(row).execute();
}

export const findPatient = (db: Executor, id: string) =>
  db.selectFrom('patients').selectAll().where('id', '=', id).executeTakeFirst();

export const findPatientByMrn = (db: Executor, mrn: string) =>
  db.selectFrom('patients').select('id').where('mrn', '=', mrn).executeTakeFirst();

/** Patients whose name or MRN contains `search` (case-insensitive), newest first. */
export async function listPatients(db: Executor, search: string | undefined, page: Page) {
  let query = db.selectFrom('patients');
  if (search !== undefined) query = query.where(containsText(['name_search', 'mrn'], search));
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function updatePatient(
  db: Executor,
  id: string,
  changes: Partial<Omit<PatientRow, 'id' | 'pseudonym' | 'created_at'>>,
): Promise<boolean> {
  const result = await db.updateTable('patients').set(changes).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deletePatient(db: Executor, id: string): Promise<boolean> {
  const result = await db.deleteFrom('patients').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
