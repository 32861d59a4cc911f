import type { Executor } from './executor.js';

// Landmark sets and plans are kept as numbered versions: a save adds version n+1, never changes n.
// The owner row (radiograph / plan) holds the latest number; a save moves it from the number the
// client saw to the next one with a compare-and-set, so of two concurrent saves exactly one wins.

export interface VersionRow {
  readonly version: number;
  readonly content: string;
  readonly created_by: string;
  readonly created_at: string;
}

/** Moves the radiograph's landmark version from `expected` to `expected + 1`; false when it had moved. */
export async function advanceLandmarkVersion(
  db: Executor,
  radiographId: string,
  expected: number,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('radiographs')
    .set({ landmark_version: expected + 1, updated_at: at })
    .where('id', '=', radiographId)
    .where('landmark_version', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertLandmarkVersion(
  db: Executor,
  radiographId: string,
  row: VersionRow,
): Promise<void> {
  await db
    .insertInto('landmark_versions')
    .values({ radiograph_id: radiographId, ...row })
    .execute();
}

export const findLandmarkVersion = (db: Executor, radiographId: string, version: number) =>
  db
    .selectFrom('landmark_versions')
    .select(['version', 'content', 'created_by', 'created_at'])
    .where('radiograph_id', '=', radiographId)
    .where('version', '=', version)
    .executeTakeFirst();

export const listLandmarkVersions = (db: Executor, radiographId: string) =>
  db
    .selectFrom('landmark_versions')
    .select(['version', 'created_by', 'created_at'])
    .where('radiograph_id', '=', radiographId)
    .orderBy('version', 'desc')
    .execute();

/** The latest landmark set of each of the case's radiographs that has one. */
export const latestLandmarksOfCase = (db: Executor, caseId: string) =>
  db
    .selectFrom('radiographs')
    .innerJoin('landmark_versions', (join) =>
      join
        .onRef('landmark_versions.radiograph_id', '=', 'radiographs.id')
        .onRef('landmark_versions.version', '=', 'radiographs.landmark_version'),
    )
    .select(['radiographs.id', 'landmark_versions.content'])
    .where('radiographs.case_id', '=', caseId)
    .execute();

export async function advancePlanVersion(
  db: Executor,
  planId: string,
  expected: number,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('plans')
    .set({ version: expected + 1, updated_at: at })
    .where('id', '=', planId)
    .where('version', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertPlanVersion(db: Executor, planId: string, row: VersionRow): Promise<void> {
  await db
    .insertInto('plan_versions')
    .values({ plan_id: planId, ...row })
    .execute();
}

export const findPlanVersion = (db: Executor, planId: string, version: number) =>
  db
    .selectFrom('plan_versions')
    .select(['version', 'content', 'created_by', 'created_at'])
    .where('plan_id', '=', planId)
    .where('version', '=', version)
    .executeTakeFirst();

export const listPlanVersions = (db: Executor, planId: string) =>
  db
    .selectFrom('plan_versions')
    .select(['version', 'created_by', 'created_at'])
    .where('plan_id', '=', planId)
    .orderBy('version', 'desc')
    .execute();
