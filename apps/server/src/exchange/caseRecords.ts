import type { Selectable } from 'kysely';
import type { ComplicationsTable, FollowUpVisitsTable, QuestionnaireResponsesTable } from '../db/schema.js';
import { ageInYears } from '../domain/age.js';
import type { CaseRow } from '../repositories/caseRepository.js';
import type { Executor } from '../repositories/executor.js';
import type { LandmarkContent } from '../services/spineCase.js';
import type { RadiographWithImage } from '../services/views.js';

// Everything the exchange formats (FHIR, research export) read about a case, loaded for many cases at once:
// one query per table for a page of cases, never one per case.

export interface StoredDocument {
  readonly version: number;
  /** The parsed JSON content of the latest version. */
  readonly content: unknown;
  readonly updatedAt: string;
}

export interface StoredPlan extends StoredDocument {
  readonly id: string;
  readonly title: string;
}

/** Who the patient is: loaded only for identified exchange (FHIR), never for the research export. */
export interface PatientIdentity {
  readonly mrn: string;
  readonly name: string;
  readonly birthDate: string;
}

export interface RecordPatient {
  readonly id: string;
  /** Random, stable, meaningless (patients.pseudonym). */
  readonly pseudonym: string;
  readonly sex: string;
  /** Whole years at the case's creation, 90 for 90 and over (domain/age.ts). */
  readonly ageYears: number;
  readonly identity: PatientIdentity | undefined;
}

export interface CaseRecord {
  readonly case: CaseRow;
  readonly patient: RecordPatient;
  /** Oldest first. */
  readonly radiographs: readonly RadiographWithImage[];
  /** The latest landmark set of each radiograph that has one. */
  readonly landmarks: ReadonlyMap<string, LandmarkContent>;
  /** The plan changed last, with its latest version; undefined when the case has no plan. */
  readonly plan: StoredPlan | undefined;
  readonly operation: StoredDocument | undefined;
  readonly rehabilitation: StoredDocument | undefined;
  readonly visits: readonly Selectable<FollowUpVisitsTable>[];
  readonly complications: readonly Selectable<ComplicationsTable>[];
  /** Oldest first. */
  readonly questionnaires: readonly Selectable<QuestionnaireResponsesTable>[];
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list === undefined) groups.set(k, [row]);
    else list.push(row);
  }
  return groups;
}

const parse = (text: string): unknown => JSON.parse(text) as unknown;

async function latestDocuments(
  db: Executor,
  owner: 'operations' | 'rehab_programmes',
  caseIds: readonly string[],
): Promise<Map<string, StoredDocument>> {
  const rows =
    owner === 'operations'
      ? await db
          .selectFrom('operations')
          .innerJoin('operation_versions', (join) =>
            join
              .onRef('operation_versions.case_id', '=', 'operations.case_id')
              .onRef('operation_versions.version', '=', 'operations.version'),
          )
          .select([
            'operations.case_id',
            'operations.version',
            'operations.updated_at',
            'operation_versions.content',
          ])
          .where('operations.case_id', 'in', caseIds)
          .execute()
      : await db
          .selectFrom('rehab_programmes')
          .innerJoin('rehab_programme_versions', (join) =>
            join
              .onRef('rehab_programme_versions.case_id', '=', 'rehab_programmes.case_id')
              .onRef('rehab_programme_versions.version', '=', 'rehab_programmes.version'),
          )
          .select([
            'rehab_programmes.case_id',
            'rehab_programmes.version',
            'rehab_programmes.updated_at',
            'rehab_programme_versions.content',
          ])
          .where('rehab_programmes.case_id', 'in', caseIds)
          .execute();
  return new Map(
    rows.map((row) => [
      row.case_id,
      { version: row.version, content: parse(row.content), updatedAt: row.updated_at },
    ]),
  );
}

async function latestPlans(db: Executor, caseIds: readonly string[]): Promise<Map<string, StoredPlan>> {
  const rows = await db
    .selectFrom('plans')
    .innerJoin('plan_versions', (join) =>
      join
        .onRef('plan_versions.plan_id', '=', 'plans.id')
        .onRef('plan_versions.version', '=', 'plans.version'),
    )
    .select([
      'plans.id',
      'plans.case_id',
      'plans.title',
      'plans.version',
      'plans.updated_at',
      'plan_versions.content',
    ])
    .where('plans.case_id', 'in', caseIds)
    .orderBy('plans.updated_at')
    .orderBy('plans.id')
    .execute();
  const latest = new Map<string, StoredPlan>();
  // Ordered by change time: the last one of a case wins.
  for (const row of rows) {
    latest.set(row.case_id, {
      id: row.id,
      title: row.title,
      version: row.version,
      updatedAt: row.updated_at,
      content: parse(row.content),
    });
  }
  return latest;
}

/**
 * The records of these cases (missing ids are left out), in the order of `caseIds`. `identified`: with the
 * patient's MRN, name and birth date; without it those columns are not even read.
 */
export async function loadCaseRecords(
  db: Executor,
  caseIds: readonly string[],
  identified: boolean,
): Promise<CaseRecord[]> {
  if (caseIds.length === 0) return [];
  const ids = [...caseIds];
  const [cases, radiographs, landmarks, plans, operations, rehabs, visits, complications, questionnaires] =
    await Promise.all([
      db
        .selectFrom('cases')
        .innerJoin('patients', 'patients.id', 'cases.patient_id')
        .selectAll('cases')
        .select(['patients.pseudonym', 'patients.birth_date', 'patients.sex'])
        .$if(identified, (query) => query.select(['patients.mrn', 'patients.name']))
        .where('cases.id', 'in', ids)
        .execute(),
      db
        .selectFrom('radiographs')
        .leftJoin('images', 'images.sha256', 'radiographs.image_sha256')
        .selectAll('radiographs')
        .select([
          'images.media_type',
          'images.size_bytes',
          'images.width_px',
          'images.height_px',
          'images.dicom',
        ])
        .where('radiographs.case_id', 'in', ids)
        .orderBy('radiographs.created_at')
        .orderBy('radiographs.id')
        .execute(),
      db
        .selectFrom('radiographs')
        .innerJoin('landmark_versions', (join) =>
          join
            .onRef('landmark_versions.radiograph_id', '=', 'radiographs.id')
            .onRef('landmark_versions.version', '=', 'radiographs.landmark_version'),
        )
        .select(['radiographs.id', 'landmark_versions.content'])
        .where('radiographs.case_id', 'in', ids)
        .execute(),
      latestPlans(db, ids),
      latestDocuments(db, 'operations', ids),
      latestDocuments(db, 'rehab_programmes', ids),
      db.selectFrom('follow_up_visits').selectAll().where('case_id', 'in', ids).orderBy('due_date').execute(),
      db
        .selectFrom('complications')
        .selectAll()
        .where('case_id', 'in', ids)
        .orderBy('onset_date')
        .orderBy('id')
        .execute(),
      db
        .selectFrom('questionnaire_responses')
        .selectAll()
        .where('case_id', 'in', ids)
        .orderBy('answered_at')
        .orderBy('id')
        .execute(),
    ]);
  const landmarkById = new Map(landmarks.map((row) => [row.id, parse(row.content) as LandmarkContent]));
  const radiographsByCase = groupBy(radiographs, (row) => row.case_id);
  const visitsByCase = groupBy(visits, (row) => row.case_id);
  const complicationsByCase = groupBy(complications, (row) => row.case_id);
  const questionnairesByCase = groupBy(questionnaires, (row) => row.case_id);
  const byId = new Map(cases.map((row) => [row.id, row]));
  const records: CaseRecord[] = [];
  for (const id of ids) {
    const row = byId.get(id);
    if (row === undefined) continue;
    const films = radiographsByCase.get(id) ?? [];
    records.push({
      case: {
        id: row.id,
        patient_id: row.patient_id,
        diagnosis: row.diagnosis,
        status: row.status,
        surgeon_id: row.surgeon_id,
        description: row.description,
        created_at: row.created_at,
        updated_at: row.updated_at,
      },
      patient: {
        id: row.patient_id,
        pseudonym: row.pseudonym,
        sex: row.sex,
        ageYears: ageInYears(row.birth_date, row.created_at),
        identity:
          identified && row.mrn !== undefined && row.name !== undefined
            ? { mrn: row.mrn, name: row.name, birthDate: row.birth_date }
            : undefined,
      },
      radiographs: films,
      landmarks: new Map(
        films.flatMap((film) => {
          const content = landmarkById.get(film.id);
          return content === undefined ? [] : [[film.id, content] as const];
        }),
      ),
      plan: plans.get(id),
      operation: operations.get(id),
      rehabilitation: rehabs.get(id),
      visits: visitsByCase.get(id) ?? [],
      complications: complicationsByCase.get(id) ?? [],
      questionnaires: questionnairesByCase.get(id) ?? [],
    });
  }
  return records;
}
