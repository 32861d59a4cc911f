import type { Executor } from './executor.js';
import type { VersionRow } from './versionRepository.js';

// The versioned documents of a case's recovery (docs/decisions/0016): at most one of each kind per case,
// kept as numbered immutable versions like plans. The owner row holds the latest number; a save moves it
// from the number the client saw to the next one with a compare-and-set.

export const CASE_DOCUMENT_KINDS = ['operation', 'hospital-stay', 'rehabilitation'] as const;
export type CaseDocumentKind = (typeof CASE_DOCUMENT_KINDS)[number];

const TABLES = {
  operation: { owner: 'operations', versions: 'operation_versions' },
  'hospital-stay': { owner: 'hospital_stays', versions: 'hospital_stay_versions' },
  rehabilitation: { owner: 'rehab_programmes', versions: 'rehab_programme_versions' },
} as const;

export interface CaseDocumentRow {
  readonly case_id: string;
  readonly version: number;
  readonly created_at: string;
  readonly updated_at: string;
}

export const findCaseDocument = (
  db: Executor,
  kind: CaseDocumentKind,
  caseId: string,
): Promise<CaseDocumentRow | undefined> =>
  db.selectFrom(TABLES[kind].owner).selectAll().where('case_id', '=', caseId).executeTakeFirst();

export async function insertCaseDocument(
  db: Executor,
  kind: CaseDocumentKind,
  row: CaseDocumentRow,
): Promise<void> {
  await db.insertInto(TABLES[kind].owner).values(row).execute();
}

/** Moves the document from version `expected` to `expected + 1`; false when someone else moved it first. */
export async function advanceCaseDocumentVersion(
  db: Executor,
  kind: CaseDocumentKind,
  caseId: string,
  expected: number,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable(TABLES[kind].owner)
    .set({ version: expected + 1, updated_at: at })
    .where('case_id', '=', caseId)
    .where('version', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertCaseDocumentVersion(
  db: Executor,
  kind: CaseDocumentKind,
  caseId: string,
  row: VersionRow,
): Promise<void> {
  await db
    .insertInto(TABLES[kind].versions)
    .values({ case_id: caseId, ...row })
    .execute();
}

export const findCaseDocumentVersion = (
  db: Executor,
  kind: CaseDocumentKind,
  caseId: string,
  version: number,
): Promise<VersionRow | undefined> =>
  db
    .selectFrom(TABLES[kind].versions)
    .select(['version', 'content', 'created_by', 'created_at'])
    .where('case_id', '=', caseId)
    .where('version', '=', version)
    .executeTakeFirst();

/** The latest content of the document, or undefined when the case has none. */
export async function latestCaseDocumentContent(
  db: Executor,
  kind: CaseDocumentKind,
  caseId: string,
): Promise<string | undefined> {
  const owner = await findCaseDocument(db, kind, caseId);
  if (owner === undefined) return undefined;
  return (await findCaseDocumentVersion(db, kind, caseId, owner.version))?.content;
}
