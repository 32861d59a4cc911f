import { randomUUID } from 'node:crypto';
import { complicationLabel, isClavienDindoGrade, isComplicationType } from '@spinerecon/core';
import type { RequestContext } from '../domain/context.js';
import { invalidInput, notFound } from '../domain/errors.js';
import {
  findComplication,
  insertComplication,
  listCaseComplications,
  updateComplication,
  type ComplicationRow,
} from '../repositories/complicationRepository.js';
import { findCase } from '../repositories/caseRepository.js';
import { now, type Executor } from '../repositories/executor.js';
import { findVisit } from '../repositories/followUpRepository.js';
import { recordAccess } from './auditTrail.js';
import { todayOf, type Clock } from './clock.js';

export interface ComplicationInput {
  /** One of the core's COMPLICATION_TYPES. */
  readonly type: string;
  readonly onsetDate: string;
  /** Clavien–Dindo grade (Dindo 2004): I, II, IIIa, IIIb, IVa, IVb, V. */
  readonly clavienDindo: string;
  readonly visitId?: string | null | undefined;
  readonly description?: string | undefined;
  readonly treatment?: string | undefined;
  readonly resolution?: string | undefined;
  readonly resolvedDate?: string | null | undefined;
}

export type ComplicationChanges = Partial<ComplicationInput>;

const bad = (path: string, message: string) => invalidInput(`${path}: ${message}`, [{ path, message }]);

function complicationView(row: ComplicationRow) {
  return {
    id: row.id,
    caseId: row.case_id,
    visitId: row.visit_id,
    type: row.type,
    typeLabel: isComplicationType(row.type) ? complicationLabel(row.type) : row.type,
    onsetDate: row.onset_date,
    clavienDindo: row.clavien_dindo,
    description: row.description,
    treatment: row.treatment,
    resolution: row.resolution,
    resolvedDate: row.resolved_date,
    recordedBy: row.recorded_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Complications of a case: type, onset, Clavien–Dindo grade, treatment and resolution. */
export function createComplicationService(db: Executor, clock: Clock) {
  /** The rules a complication obeys whatever the request sent: the core's lists, dates in order. */
  async function check(trx: Executor, caseId: string, row: ComplicationRow): Promise<void> {
    if (!isComplicationType(row.type))
      throw bad('$.type', `unknown complication type ${JSON.stringify(row.type)}`);
    if (!isClavienDindoGrade(row.clavien_dindo)) {
      throw bad('$.clavienDindo', `unknown Clavien–Dindo grade ${JSON.stringify(row.clavien_dindo)}`);
    }
    const today = todayOf(clock);
    if (row.onset_date > today) throw bad('$.onsetDate', 'the onset date is in the future');
    if (row.resolved_date !== null) {
      if (row.resolved_date < row.onset_date) {
        throw bad('$.resolvedDate', `before the onset date (${row.onset_date})`);
      }
      if (row.resolved_date > today) throw bad('$.resolvedDate', 'the resolution date is in the future');
    }
    if (row.visit_id !== null) {
      const visit = await findVisit(trx, row.visit_id);
      if (visit === undefined || visit.case_id !== caseId) {
        throw bad('$.visitId', 'no follow-up visit of this case has this id');
      }
    }
  }

  return {
    async list(context: RequestContext, caseId: string) {
      const parent = await findCase(db, caseId);
      if (parent === undefined) throw notFound('case');
      const rows = await listCaseComplications(db, caseId);
      await recordAccess(db, context, {
        action: 'list',
        resourceType: 'complication',
        resourceId: caseId,
        patientId: parent.patient_id,
      });
      return rows.map(complicationView);
    },

    async create(context: RequestContext, caseId: string, input: ComplicationInput) {
      const at = now();
      const row: ComplicationRow = {
        id: randomUUID(),
        case_id: caseId,
        visit_id: input.visitId ?? null,
        type: input.type,
        onset_date: input.onsetDate,
        clavien_dindo: input.clavienDindo,
        description: input.description ?? '',
        treatment: input.treatment ?? '',
        resolution: input.resolution ?? '',
        resolved_date: input.resolvedDate ?? null,
        recorded_by: context.actor.userId,
        created_at: at,
        updated_at: at,
      };
      await db.transaction().execute(async (trx) => {
        const parent = await findCase(trx, caseId);
        if (parent === undefined) throw notFound('case');
        await check(trx, caseId, row);
        await insertComplication(trx, row);
        await recordAccess(trx, context, {
          action: 'create',
          resourceType: 'complication',
          resourceId: row.id,
          patientId: parent.patient_id,
        });
      });
      return complicationView(row);
    },

    async update(context: RequestContext, id: string, input: ComplicationChanges) {
      return db.transaction().execute(async (trx) => {
        const found = await findComplication(trx, id);
        if (found === undefined) throw notFound('complication');
        const { patient_id: patientId, ...stored } = found;
        const changed: ComplicationRow = {
          ...stored,
          ...(input.type === undefined ? {} : { type: input.type }),
          ...(input.onsetDate === undefined ? {} : { onset_date: input.onsetDate }),
          ...(input.clavienDindo === undefined ? {} : { clavien_dindo: input.clavienDindo }),
          ...(input.visitId === undefined ? {} : { visit_id: input.visitId }),
          ...(input.description === undefined ? {} : { description: input.description }),
          ...(input.treatment === undefined ? {} : { treatment: input.treatment }),
          ...(input.resolution === undefined ? {} : { resolution: input.resolution }),
          ...(input.resolvedDate === undefined ? {} : { resolved_date: input.resolvedDate }),
          updated_at: now(),
        };
        await check(trx, stored.case_id, changed);
        const { id: _id, case_id: _case, recorded_by: _by, created_at: _at, ...changes } = changed;
        await updateComplication(trx, id, changes);
        await recordAccess(trx, context, {
          action: 'update',
          resourceType: 'complication',
          resourceId: id,
          patientId,
        });
        return complicationView(changed);
      });
    },
  };
}

export type ComplicationService = ReturnType<typeof createComplicationService>;
