import { isUniqueViolation } from '../db/uniqueViolation.js';
import type { RequestContext } from '../domain/context.js';
import { Problem, notFound } from '../domain/errors.js';
import {
  advanceCaseDocumentVersion,
  findCaseDocument,
  findCaseDocumentVersion,
  insertCaseDocument,
  insertCaseDocumentVersion,
  type CaseDocumentKind,
} from '../repositories/caseDocumentRepository.js';
import { findCase, type CaseRow } from '../repositories/caseRepository.js';
import { now, type Executor } from '../repositories/executor.js';
import { recordAccess } from './auditTrail.js';
import { checkExpectedVersion, staleVersion } from './versioning.js';

// The operation record, hospital stay and rehabilitation programme of a case: one versioned document
// each (docs/decisions/0016), read and saved the way plans are (ETag = version, If-Match on every save
// but the first, 412 when someone saved first, 428 when If-Match is missing on an existing document).

/** A version of a case's document as the API returns it. */
export interface CaseDocument<C> {
  readonly caseId: string;
  readonly version: number;
  readonly content: C;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Who saved this version. */
  readonly createdBy: string;
}

const NAMES: Readonly<Record<CaseDocumentKind, string>> = {
  operation: 'operation record',
  'hospital-stay': 'hospital stay',
  rehabilitation: 'rehabilitation programme',
};

/**
 * Checks a document before it is saved, in the save's transaction (the case is read first); throws a
 * Problem (400/409) that names the path in the request body.
 */
export type DocumentCheck<C> = (trx: Executor, parent: CaseRow, content: C) => Promise<void>;

/** What else a save changes, in the save's transaction, after the version was written. */
export type AfterSave = (trx: Executor, parent: CaseRow, at: string) => Promise<void>;

export function createCaseDocumentStore<C>(
  db: Executor,
  kind: CaseDocumentKind,
  check: DocumentCheck<C>,
  afterSave?: AfterSave,
) {
  const name = NAMES[kind];

  async function loadCase(trx: Executor, caseId: string): Promise<CaseRow> {
    const parent = await findCase(trx, caseId);
    if (parent === undefined) throw notFound('case');
    return parent;
  }

  /** The latest version, or undefined when the case has none; no audit row (the caller's read has one). */
  async function latest(trx: Executor, caseId: string): Promise<CaseDocument<C> | undefined> {
    const owner = await findCaseDocument(trx, kind, caseId);
    if (owner === undefined) return undefined;
    const stored = await findCaseDocumentVersion(trx, kind, caseId, owner.version);
    if (stored === undefined) return undefined;
    return {
      caseId,
      version: stored.version,
      content: JSON.parse(stored.content) as C,
      createdAt: owner.created_at,
      updatedAt: owner.updated_at,
      createdBy: stored.created_by,
    };
  }

  return {
    name,
    latest,

    /** The latest version (404 until the first save), audited as a read of the patient's data. */
    async read(context: RequestContext, caseId: string): Promise<CaseDocument<C>> {
      const parent = await loadCase(db, caseId);
      const document = await latest(db, caseId);
      if (document === undefined) throw notFound(`the ${name} of this case`);
      await recordAccess(db, context, {
        action: 'read',
        resourceType: kind,
        resourceId: caseId,
        patientId: parent.patient_id,
      });
      return document;
    },

    /** Saves version 1 (no If-Match) or the next version (If-Match = the version edited). */
    async save(
      context: RequestContext,
      caseId: string,
      expected: number | undefined,
      content: C,
    ): Promise<CaseDocument<C>> {
      return db.transaction().execute(async (trx) => {
        const parent = await loadCase(trx, caseId);
        const owner = await findCaseDocument(trx, kind, caseId);
        if (owner === undefined && expected !== undefined) {
          throw new Problem(
            'precondition-failed',
            `this case has no ${name} yet: send its first save without If-Match`,
            [],
            { currentVersion: 0 },
          );
        }
        const base = checkExpectedVersion(name, owner?.version ?? 0, expected);
        await check(trx, parent, content);
        const at = now();
        if (owner === undefined) {
          try {
            await insertCaseDocument(trx, kind, {
              case_id: caseId,
              version: 1,
              created_at: at,
              updated_at: at,
            });
          } catch (error) {
            // Two first saves at the same moment: the primary key let one through.
            if (isUniqueViolation(error)) throw staleVersion(name, 1);
            throw error;
          }
        } else if (!(await advanceCaseDocumentVersion(trx, kind, caseId, base, at))) {
          throw staleVersion(name, (await findCaseDocument(trx, kind, caseId))?.version ?? base);
        }
        const version = base + 1;
        await insertCaseDocumentVersion(trx, kind, caseId, {
          version,
          content: JSON.stringify(content),
          created_by: context.actor.userId,
          created_at: at,
        });
        await afterSave?.(trx, parent, at);
        await recordAccess(trx, context, {
          action: owner === undefined ? 'create' : 'update',
          resourceType: kind,
          resourceId: caseId,
          patientId: parent.patient_id,
        });
        return {
          caseId,
          version,
          content,
          createdAt: owner?.created_at ?? at,
          updatedAt: at,
          createdBy: context.actor.userId,
        };
      });
    },
  };
}

export type CaseDocumentStore<C> = ReturnType<typeof createCaseDocumentStore<C>>;
