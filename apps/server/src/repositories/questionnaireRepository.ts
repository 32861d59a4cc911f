import type { Selectable } from 'kysely';
import type { QuestionnaireInvitationsTable, QuestionnaireResponsesTable } from '../db/schema.js';
import type { Executor, Page } from './executor.js';

// Questionnaire links and answers (patient-reported outcomes), and the rows the recovery timeline and a
// surgeon's outcome rates read: visits, the operation record, complications (docs/decisions/0016).

export type InvitationRow = Selectable<QuestionnaireInvitationsTable>;
export type ResponseRow = Selectable<QuestionnaireResponsesTable>;

export async function insertInvitation(db: Executor, row: InvitationRow): Promise<void> {
  await db.insertInto('questionnaire_invitations').values(row).execute();
}

/** The invitation of a link's token hash, with the patient it belongs to. */
export const findInvitationByTokenHash = (db: Executor, tokenHash: string) =>
  db
    .selectFrom('questionnaire_invitations')
    .innerJoin('cases', 'cases.id', 'questionnaire_invitations.case_id')
    .selectAll('questionnaire_invitations')
    .select('cases.patient_id')
    .where('questionnaire_invitations.token_hash', '=', tokenHash)
    .executeTakeFirst();

/** Marks the invitation answered unless it already was: false when someone answered first. */
export async function markInvitationAnswered(db: Executor, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('questionnaire_invitations')
    .set({ answered_at: at })
    .where('id', '=', id)
    .where('answered_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const listCaseInvitations = (db: Executor, caseId: string) =>
  db
    .selectFrom('questionnaire_invitations')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

export async function insertResponse(db: Executor, row: ResponseRow): Promise<void> {
  await db.insertInto('questionnaire_responses').values(row).execute();
}

/** The answers of a case, oldest first (the first one of an instrument is the baseline). */
export const listCaseResponses = (db: Executor, caseId: string) =>
  db
    .selectFrom('questionnaire_responses')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('answered_at')
    .orderBy('id')
    .execute();

/** The answers of every case of a surgeon, oldest first. */
export const listSurgeonResponses = (db: Executor, surgeonId: string) =>
  db
    .selectFrom('questionnaire_responses')
    .innerJoin('cases', 'cases.id', 'questionnaire_responses.case_id')
    .selectAll('questionnaire_responses')
    .where('cases.surgeon_id', '=', surgeonId)
    .orderBy('questionnaire_responses.answered_at')
    .orderBy('questionnaire_responses.id')
    .execute();

export const findVisit = (db: Executor, id: string) =>
  db.selectFrom('follow_up_visits').selectAll().where('id', '=', id).executeTakeFirst();

export const listCaseVisits = (db: Executor, caseId: string) =>
  db
    .selectFrom('follow_up_visits')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('due_date')
    .orderBy('id')
    .execute();

/** The latest version of the case's operation record, or undefined before it is recorded. */
export const findLatestOperation = (db: Executor, caseId: string) =>
  db
    .selectFrom('operations')
    .innerJoin('operation_versions', (join) =>
      join
        .onRef('operation_versions.case_id', '=', 'operations.case_id')
        .onRef('operation_versions.version', '=', 'operations.version'),
    )
    .select(['operations.case_id', 'operation_versions.content'])
    .where('operations.case_id', '=', caseId)
    .executeTakeFirst();

/** The cases a surgeon is assigned to, with the latest operation record of each (null when none). */
export const listSurgeonCases = (db: Executor, surgeonId: string) =>
  db
    .selectFrom('cases')
    .leftJoin('operations', 'operations.case_id', 'cases.id')
    .leftJoin('operation_versions', (join) =>
      join
        .onRef('operation_versions.case_id', '=', 'operations.case_id')
        .onRef('operation_versions.version', '=', 'operations.version'),
    )
    .select(['cases.id', 'cases.patient_id', 'operation_versions.content as operation'])
    .where('cases.surgeon_id', '=', surgeonId)
    .orderBy('cases.created_at')
    .orderBy('cases.id')
    .execute();

/** The complications recorded on a surgeon's cases. */
export const listSurgeonComplications = (db: Executor, surgeonId: string) =>
  db
    .selectFrom('complications')
    .innerJoin('cases', 'cases.id', 'complications.case_id')
    .select([
      'complications.id',
      'complications.case_id',
      'complications.type',
      'complications.clavien_dindo',
      'complications.onset_date',
    ])
    .where('cases.surgeon_id', '=', surgeonId)
    .orderBy('complications.onset_date')
    .orderBy('complications.id')
    .execute();

export type UnansweredStatus = 'pending' | 'expired' | 'all';

/** Links not answered (still open, expired, or both) across cases, with patient and visit, oldest first. */
export async function listUnanswered(db: Executor, status: UnansweredStatus, at: string, page: Page) {
  let query = db
    .selectFrom('questionnaire_invitations')
    .innerJoin('cases', 'cases.id', 'questionnaire_invitations.case_id')
    .innerJoin('patients', 'patients.id', 'cases.patient_id')
    .leftJoin('follow_up_visits', 'follow_up_visits.id', 'questionnaire_invitations.visit_id')
    .where('questionnaire_invitations.answered_at', 'is', null);
  if (status === 'pending') query = query.where('questionnaire_invitations.expires_at', '>', at);
  if (status === 'expired') query = query.where('questionnaire_invitations.expires_at', '<=', at);
  const [rows, count] = await Promise.all([
    query
      .selectAll('questionnaire_invitations')
      .select([
        'cases.patient_id',
        'patients.name as patient_name',
        'patients.mrn',
        'follow_up_visits.label as visit_label',
      ])
      .orderBy('questionnaire_invitations.created_at')
      .orderBy('questionnaire_invitations.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
