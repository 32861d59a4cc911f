import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../domain/context.js';
import { invalidInput, notFound } from '../domain/errors.js';
import {
  deleteCase,
  findCase,
  insertCase,
  listCases,
  updateCase,
  type CaseFilter,
} from '../repositories/caseRepository.js';
import { now, type Executor, type Page } from '../repositories/executor.js';
import { findPatient } from '../repositories/patientRepository.js';
import { listCasePlans } from '../repositories/planRepository.js';
import { listCaseRadiographs } from '../repositories/radiographRepository.js';
import { findUserById } from '../repositories/userRepository.js';
import { latestLandmarksOfCase } from '../repositories/versionRepository.js';
import { recordAccess } from './auditTrail.js';
import { measureStoredLandmarks, type LandmarkContent, type StoredLandmarks } from './spineCase.js';
import { caseView, patientView, planSummaryView, radiographView } from './views.js';

export interface CaseInput {
  readonly patientId: string;
  readonly diagnosis: string;
  readonly status?: string | undefined;
  readonly surgeonId?: string | null | undefined;
  readonly description?: string | undefined;
}

export type CaseChanges = Partial<Omit<CaseInput, 'patientId'>>;

export function createCaseService(db: Executor) {
  async function checkSurgeon(trx: Executor, surgeonId: string | null | undefined): Promise<void> {
    if (surgeonId === undefined || surgeonId === null) return;
    const user = await findUserById(trx, surgeonId);
    if (user === undefined || user.role !== 'surgeon') {
      throw invalidInput('$.surgeonId: no surgeon has this id', [
        { path: '$.surgeonId', message: 'no user with the surgeon role has this id' },
      ]);
    }
  }

  /** The measurements of the case's latest landmark sets, computed by @spinerecon/core. */
  async function measurements(trx: Executor, caseId: string, radiographs: readonly StoredLandmarks['row'][]) {
    const latest = await latestLandmarksOfCase(trx, caseId);
    const byId = new Map(radiographs.map((row) => [row.id, row]));
    const sets: StoredLandmarks[] = [];
    for (const { id, content } of latest) {
      const row = byId.get(id);
      if (row !== undefined) sets.push({ row, content: JSON.parse(content) as LandmarkContent });
    }
    return measureStoredLandmarks(sets);
  }

  return {
    async create(context: RequestContext, input: CaseInput) {
      const at = now();
      const row = {
        id: randomUUID(),
        patient_id: input.patientId,
        diagnosis: input.diagnosis,
        status: input.status ?? 'assessment',
        surgeon_id: input.surgeonId ?? null,
        description: input.description ?? '',
        created_at: at,
        updated_at: at,
      };
      await db.transaction().execute(async (trx) => {
        if ((await findPatient(trx, input.patientId)) === undefined) {
          throw invalidInput('$.patientId: no patient has this id', [
            { path: '$.patientId', message: 'no patient has this id' },
          ]);
        }
        await checkSurgeon(trx, input.surgeonId);
        await insertCase(trx, row);
        await recordAccess(trx, context, {
          action: 'create',
          resourceType: 'case',
          resourceId: row.id,
          patientId: row.patient_id,
        });
      });
      return caseView(row);
    },

    /** The case with its patient, surgeon, radiographs, plans and measurements. */
    async get(context: RequestContext, id: string) {
      const row = await findCase(db, id);
      if (row === undefined) throw notFound('case');
      const [patient, surgeon, radiographs, plans] = await Promise.all([
        findPatient(db, row.patient_id),
        row.surgeon_id === null ? undefined : findUserById(db, row.surgeon_id),
        listCaseRadiographs(db, id),
        listCasePlans(db, id),
      ]);
      if (patient === undefined) throw notFound('case');
      const measured = await measurements(db, id, radiographs);
      await recordAccess(db, context, {
        action: 'read',
        resourceType: 'case',
        resourceId: id,
        patientId: row.patient_id,
      });
      return {
        ...caseView(row),
        patient: patientView(patient),
        surgeon: surgeon === undefined ? null : { id: surgeon.id, displayName: surgeon.display_name },
        radiographs: radiographs.map(radiographView),
        plans: plans.map(planSummaryView),
        measurements: measured,
      };
    },

    async list(context: RequestContext, filter: CaseFilter, page: Page) {
      const { rows, total } = await listCases(db, filter, page);
      await db.transaction().execute(async (trx) => {
        for (const row of rows) {
          await recordAccess(trx, context, {
            action: 'list',
            resourceType: 'case',
            resourceId: row.id,
            patientId: row.patient_id,
          });
        }
      });
      const items = rows.map((row) => ({
        ...caseView(row),
        patientName: row.patient_name,
        mrn: row.mrn,
        surgeonName: row.surgeon_name,
      }));
      return { items, total, ...page };
    },

    async update(context: RequestContext, id: string, input: CaseChanges) {
      return db.transaction().execute(async (trx) => {
        const row = await findCase(trx, id);
        if (row === undefined) throw notFound('case');
        await checkSurgeon(trx, input.surgeonId);
        const changes = {
          ...(input.diagnosis === undefined ? {} : { diagnosis: input.diagnosis }),
          ...(input.status === undefined ? {} : { status: input.status }),
          ...(input.surgeonId === undefined ? {} : { surgeon_id: input.surgeonId }),
          ...(input.description === undefined ? {} : { description: input.description }),
          updated_at: now(),
        };
        await updateCase(trx, id, changes);
        await recordAccess(trx, context, {
          action: 'update',
          resourceType: 'case',
          resourceId: id,
          patientId: row.patient_id,
        });
        return caseView({ ...row, ...changes });
      });
    },

    async remove(context: RequestContext, id: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const row = await findCase(trx, id);
        if (row === undefined || !(await deleteCase(trx, id))) throw notFound('case');
        await recordAccess(trx, context, {
          action: 'delete',
          resourceType: 'case',
          resourceId: id,
          patientId: row.patient_id,
        });
      });
    },
  };
}

export type CaseService = ReturnType<typeof createCaseService>;
