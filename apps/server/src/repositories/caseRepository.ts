import type { Selectable } from 'kysely';
import type { CasesTable } from '../db/schema.js';
import { containsText, type Executor, type Page } from './executor.js';

export type CaseRow = Selectable<CasesTable>;

export interface CaseFilter {
  /** Part of the patient's name or MRN, or of the surgeon's name. */
  readonly search?: string;
  readonly diagnosis?: string;
  readonly status?: string;
  readonly surgeonId?: string;
  readonly patientId?: string;
}

export async function insertCase(db: Executor, row: CaseRow): Promise<void> {
  await db.insertInto('cases').values(row).execute();
}

export const findCase = (db: Executor, id: string) =>
  db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();

/** Cases with their patient's name and MRN and the surgeon's name, newest first. */
export async function listCases(db: Executor, filter: CaseFilter, page: Page) {
  let query = db
    .selectFrom('cases')
    .innerJoin('patients', 'patients.id', 'cases.patient_id')
    .leftJoin('users', 'users.id', 'cases.surgeon_id');
  if (filter.search !== undefined)
    query = query.where(
      containsText(['patients.name_search', 'patients.mrn', 'users.display_name'], filter.search),
    );
  if (filter.diagnosis !== undefined) query = query.where('cases.diagnosis', '=', filter.diagnosis);
  if (filter.status !== undefined) query = query.where('cases.status', '=', filter.status);
  if (filter.surgeonId !== undefined) query = query.where('cases.surgeon_id', '=', filter.surgeonId);
  if (filter.patientId !== undefined) query = query.where('cases.patient_id', '=', filter.patientId);
  const [rows, count] = await Promise.all([
    query
      .selectAll('cases')
      .select(['patients.name as patient_name', 'patients.mrn', 'users.display_name as surgeon_name'])
      .orderBy('cases.created_at', 'desc')
      .orderBy('cases.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function updateCase(
  db: Executor,
  id: string,
  changes: Partial<Omit<CaseRow, 'id' | 'patient_id' | 'created_at'>>,
): Promise<boolean> {
  const result = await db.updateTable('cases').set(changes).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteCase(db: Executor, id: string): Promise<boolean> {
  const result = await db.deleteFrom('cases').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
