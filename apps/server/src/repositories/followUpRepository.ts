import type { Selectable } from 'kysely';
import type { FollowUpVisitsTable } from '../db/schema.js';
import type { Executor } from './executor.js';

export type FollowUpVisitRow = Selectable<FollowUpVisitsTable>;

export async function insertVisits(db: Executor, rows: readonly FollowUpVisitRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('follow_up_visits')
    .values([...rows])
    .execute();
}

/** The visit with the patient it belongs to. */
export const findVisit = (db: Executor, id: string) =>
  db
    .selectFrom('follow_up_visits')
    .innerJoin('cases', 'cases.id', 'follow_up_visits.case_id')
    .selectAll('follow_up_visits')
    .select('cases.patient_id')
    .where('follow_up_visits.id', '=', id)
    .executeTakeFirst();

/** The case's visits in the order they fall due. */
export const listCaseVisits = (db: Executor, caseId: string) =>
  db
    .selectFrom('follow_up_visits')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('due_date')
    .orderBy('created_at')
    .orderBy('id')
    .execute();

export async function updateVisit(
  db: Executor,
  id: string,
  changes: Partial<Pick<FollowUpVisitRow, 'label' | 'due_date' | 'visit_date' | 'notes' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable('follow_up_visits').set(changes).where('id', '=', id).execute();
}

export interface WorklistFilter {
  /** Visits due on or before this date (YYYY-MM-DD). */
  readonly dueOnOrBefore: string;
  readonly surgeonId?: string;
}

/** Visits not yet seen that fall due on or before a date, with their patient, case and surgeon. */
export const listUnseenVisits = (db: Executor, filter: WorklistFilter) => {
  let query = db
    .selectFrom('follow_up_visits')
    .innerJoin('cases', 'cases.id', 'follow_up_visits.case_id')
    .innerJoin('patients', 'patients.id', 'cases.patient_id')
    .leftJoin('users', 'users.id', 'cases.surgeon_id')
    .selectAll('follow_up_visits')
    .select([
      'cases.patient_id',
      'cases.diagnosis',
      'cases.surgeon_id',
      'users.display_name as surgeon_name',
      'patients.name as patient_name',
      'patients.mrn',
      'patients.birth_date',
    ])
    .where('follow_up_visits.visit_date', 'is', null)
    .where('follow_up_visits.due_date', '<=', filter.dueOnOrBefore);
  if (filter.surgeonId !== undefined) query = query.where('cases.surgeon_id', '=', filter.surgeonId);
  return query
    .orderBy('follow_up_visits.due_date')
    .orderBy('patients.name')
    .orderBy('follow_up_visits.id')
    .execute();
};

/** The radiographs tied to a visit. */
export const listVisitRadiographs = (db: Executor, visitId: string) =>
  db
    .selectFrom('radiographs')
    .leftJoin('images', 'images.sha256', 'radiographs.image_sha256')
    .selectAll('radiographs')
    .select(['images.media_type', 'images.size_bytes', 'images.width_px', 'images.height_px', 'images.dicom'])
    .where('radiographs.visit_id', '=', visitId)
    .orderBy('radiographs.created_at')
    .orderBy('radiographs.id')
    .execute();
