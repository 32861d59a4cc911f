import type { Executor } from '../repositories/executor.js';

// The rows a report reads, beyond those the other repositories already give: who the case is about and
// whose it is, and the plan with its case.

/** The case with its patient and the surgeon's display name. */
export const findCaseSubject = (db: Executor, caseId: string) =>
  db
    .selectFrom('cases')
    .innerJoin('patients', 'patients.id', 'cases.patient_id')
    .leftJoin('users', 'users.id', 'cases.surgeon_id')
    .select([
      'cases.id as case_id',
      'cases.diagnosis',
      'cases.status',
      'cases.description',
      'cases.created_at as case_created_at',
      'patients.id as patient_id',
      'patients.name',
      'patients.mrn',
      'patients.birth_date',
      'patients.sex',
      'users.display_name as surgeon_name',
    ])
    .where('cases.id', '=', caseId)
    .executeTakeFirst();

export type CaseSubject = NonNullable<Awaited<ReturnType<typeof findCaseSubject>>>;

/** A plan's row (title, latest version, its case). */
export const findReportPlan = (db: Executor, planId: string) =>
  db
    .selectFrom('plans')
    .select(['id', 'case_id', 'title', 'version'])
    .where('id', '=', planId)
    .executeTakeFirst();

/** The display names of users by id (who saved a plan version). */
export async function displayNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** The content of the latest version of the case's operation record, when there is one. */
export const findOperationContent = (db: Executor, caseId: string) =>
  db
    .selectFrom('operations')
    .innerJoin('operation_versions', (join) =>
      join
        .onRef('operation_versions.case_id', '=', 'operations.case_id')
        .onRef('operation_versions.version', '=', 'operations.version'),
    )
    .select(['operation_versions.content', 'operations.version'])
    .where('operations.case_id', '=', caseId)
    .executeTakeFirst();

/** The case's follow-up visits in the order they are due. */
export const listVisits = (db: Executor, caseId: string) =>
  db
    .selectFrom('follow_up_visits')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('due_date')
    .orderBy('created_at')
    .orderBy('id')
    .execute();

/** The case's questionnaire answers in the order they were given. */
export const listResponses = (db: Executor, caseId: string) =>
  db
    .selectFrom('questionnaire_responses')
    .select(['id', 'visit_id', 'instrument', 'score', 'answered_at', 'source'])
    .where('case_id', '=', caseId)
    .orderBy('answered_at')
    .orderBy('id')
    .execute();

export type ResponseRow = Awaited<ReturnType<typeof listResponses>>[number];

/** The case's complications by onset. */
export const listComplications = (db: Executor, caseId: string) =>
  db
    .selectFrom('complications')
    .select([
      'id',
      'visit_id',
      'type',
      'onset_date',
      'clavien_dindo',
      'description',
      'treatment',
      'resolution',
      'resolved_date',
    ])
    .where('case_id', '=', caseId)
    .orderBy('onset_date')
    .orderBy('created_at')
    .orderBy('id')
    .execute();

export type ComplicationRow = Awaited<ReturnType<typeof listComplications>>[number];

/** The plans of a case, the most recently saved first. */
export const listPlansNewestFirst = (db: Executor, caseId: string) =>
  db
    .selectFrom('plans')
    .select(['id', 'case_id', 'title', 'version'])
    .where('case_id', '=', caseId)
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .execute();
