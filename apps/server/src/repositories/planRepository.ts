import type { Selectable } from 'kysely';
import type { PlansTable } from '../db/schema.js';
import type { Executor } from './executor.js';

export type PlanRow = Selectable<PlansTable>;

export async function insertPlan(db: Executor, row: PlanRow): Promise<void> {
  await db.insertInto('plans').values(row).execute();
}

/** The plan with the patient it belongs to. */
export const findPlan = (db: Executor, id: string) =>
  db
    .selectFrom('plans')
    .innerJoin('cases', 'cases.id', 'plans.case_id')
    .selectAll('plans')
    .select('cases.patient_id')
    .where('plans.id', '=', id)
    .executeTakeFirst();

export const listCasePlans = (db: Executor, caseId: string) =>
  db.selectFrom('plans').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute();

export async function renamePlan(db: Executor, id: string, title: string): Promise<void> {
  await db.updateTable('plans').set({ title }).where('id', '=', id).execute();
}
