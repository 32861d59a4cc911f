import { randomUUID } from 'node:crypto';
import {
  DEFAULT_FOLLOW_UP_INTERVALS,
  VISIT_WINDOW_DAYS,
  addDays,
  followUpSchedule,
  visitStatus,
  type FollowUpInterval,
  type VisitStatus,
} from '@spinerecon/core';
import type { RequestContext } from '../domain/context.js';
import { Problem, invalidInput, notFound } from '../domain/errors.js';
import { findCase } from '../repositories/caseRepository.js';
import { now, type Executor, type Page } from '../repositories/executor.js';
import {
  findVisit,
  insertVisits,
  listCaseVisits,
  listUnseenVisits,
  listVisitRadiographs,
  updateVisit,
  type FollowUpVisitRow,
} from '../repositories/followUpRepository.js';
import { recordAccess } from './auditTrail.js';
import { todayOf, type Clock } from './clock.js';
import { latestOperation } from './operationService.js';
import { radiographView } from './views.js';

export interface VisitInput {
  readonly label: string;
  readonly dueDate: string;
  readonly visitDate?: string | null | undefined;
  readonly notes?: string | undefined;
}

export type VisitChanges = Partial<VisitInput>;

export type WorklistStatus = 'due' | 'overdue' | 'all';

const bad = (path: string, message: string) => invalidInput(`${path}: ${message}`, [{ path, message }]);

const labelTaken = (label: string) =>
  new Problem('conflict', `this case already has a visit labelled ${JSON.stringify(label)}`, [
    { path: '$.label', message: 'labels name the visits of a case: choose another' },
  ]);

/** Follow-up visits: the schedule from the operation date, extra visits, the due and overdue worklist. */
export function createFollowUpService(db: Executor, clock: Clock) {
  function visitView(row: FollowUpVisitRow) {
    return {
      id: row.id,
      caseId: row.case_id,
      label: row.label,
      dueDate: row.due_date,
      visitDate: row.visit_date,
      notes: row.notes,
      status: visitStatus({ dueDate: row.due_date, visitDate: row.visit_date }, todayOf(clock)),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  async function loadCase(trx: Executor, caseId: string) {
    const parent = await findCase(trx, caseId);
    if (parent === undefined) throw notFound('case');
    return parent;
  }

  async function loadVisit(trx: Executor, id: string) {
    const row = await findVisit(trx, id);
    if (row === undefined) throw notFound('follow-up visit');
    return row;
  }

  /** A visit's dates: seen on or before today, and neither date before the operation (when recorded). */
  async function checkDates(trx: Executor, caseId: string, dueDate: string, visitDate: string | null) {
    if (visitDate !== null && visitDate > todayOf(clock)) {
      throw bad('$.visitDate', 'the visit date is in the future: record it once the patient was seen');
    }
    const operation = await latestOperation(trx, caseId);
    if (operation === undefined) return;
    if (dueDate < operation.date) throw bad('$.dueDate', `before the operation (${operation.date})`);
    if (visitDate !== null && visitDate < operation.date) {
      throw bad('$.visitDate', `before the operation (${operation.date})`);
    }
  }

  async function checkLabelFree(trx: Executor, caseId: string, label: string, except?: string) {
    const visits = await listCaseVisits(trx, caseId);
    if (visits.some((v) => v.label === label && v.id !== except)) throw labelTaken(label);
  }

  return {
    /**
     * Creates the visits of the schedule from the operation date (the core's followUpSchedule); a visit
     * whose label the case already has is kept as it is. Answers every visit of the case.
     */
    async schedule(context: RequestContext, caseId: string, intervals?: readonly FollowUpInterval[]) {
      return db.transaction().execute(async (trx) => {
        const parent = await loadCase(trx, caseId);
        const operation = await latestOperation(trx, caseId);
        if (operation === undefined) {
          throw new Problem(
            'conflict',
            'this case has no operation record: record the operation first (PUT /cases/:id/operation), the schedule counts from its date',
          );
        }
        let planned;
        try {
          planned = followUpSchedule(operation.date, intervals ?? DEFAULT_FOLLOW_UP_INTERVALS);
        } catch (error) {
          throw bad('$.intervals', (error as Error).message);
        }
        const existing = new Set((await listCaseVisits(trx, caseId)).map((v) => v.label));
        const at = now();
        const rows: FollowUpVisitRow[] = planned
          .filter((visit) => !existing.has(visit.label))
          .map((visit) => ({
            id: randomUUID(),
            case_id: caseId,
            label: visit.label,
            due_date: visit.dueDate,
            visit_date: null,
            notes: '',
            created_at: at,
            updated_at: at,
          }));
        await insertVisits(trx, rows);
        for (const row of rows) {
          await recordAccess(trx, context, {
            action: 'create',
            resourceType: 'follow-up-visit',
            resourceId: row.id,
            patientId: parent.patient_id,
          });
        }
        return (await listCaseVisits(trx, caseId)).map(visitView);
      });
    },

    async list(context: RequestContext, caseId: string) {
      const parent = await loadCase(db, caseId);
      const rows = await listCaseVisits(db, caseId);
      await recordAccess(db, context, {
        action: 'list',
        resourceType: 'follow-up-visit',
        resourceId: caseId,
        patientId: parent.patient_id,
      });
      return rows.map(visitView);
    },

    /** One visit with the radiographs taken at it. */
    async get(context: RequestContext, id: string) {
      const row = await loadVisit(db, id);
      const films = await listVisitRadiographs(db, id);
      await recordAccess(db, context, {
        action: 'read',
        resourceType: 'follow-up-visit',
        resourceId: id,
        patientId: row.patient_id,
      });
      return { ...visitView(row), radiographs: films.map(radiographView) };
    },

    /** An extra visit, outside the schedule. */
    async create(context: RequestContext, caseId: string, input: VisitInput) {
      return db.transaction().execute(async (trx) => {
        const parent = await loadCase(trx, caseId);
        await checkDates(trx, caseId, input.dueDate, input.visitDate ?? null);
        await checkLabelFree(trx, caseId, input.label);
        const at = now();
        const row: FollowUpVisitRow = {
          id: randomUUID(),
          case_id: caseId,
          label: input.label,
          due_date: input.dueDate,
          visit_date: input.visitDate ?? null,
          notes: input.notes ?? '',
          created_at: at,
          updated_at: at,
        };
        await insertVisits(trx, [row]);
        await recordAccess(trx, context, {
          action: 'create',
          resourceType: 'follow-up-visit',
          resourceId: row.id,
          patientId: parent.patient_id,
        });
        return visitView(row);
      });
    },

    async update(context: RequestContext, id: string, input: VisitChanges) {
      return db.transaction().execute(async (trx) => {
        const row = await loadVisit(trx, id);
        const changed = {
          ...row,
          ...(input.label === undefined ? {} : { label: input.label }),
          ...(input.dueDate === undefined ? {} : { due_date: input.dueDate }),
          ...(input.visitDate === undefined ? {} : { visit_date: input.visitDate }),
          ...(input.notes === undefined ? {} : { notes: input.notes }),
          updated_at: now(),
        };
        await checkDates(trx, row.case_id, changed.due_date, changed.visit_date);
        if (input.label !== undefined) await checkLabelFree(trx, row.case_id, input.label, id);
        await updateVisit(trx, id, {
          label: changed.label,
          due_date: changed.due_date,
          visit_date: changed.visit_date,
          notes: changed.notes,
          updated_at: changed.updated_at,
        });
        await recordAccess(trx, context, {
          action: 'update',
          resourceType: 'follow-up-visit',
          resourceId: id,
          patientId: row.patient_id,
        });
        return visitView(changed);
      });
    },

    /**
     * The worklist: visits not yet seen that are due or overdue today (the core's visitStatus), across
     * every case (or one surgeon's), oldest due date first.
     */
    async worklist(
      context: RequestContext,
      status: WorklistStatus,
      surgeonId: string | undefined,
      page: Page,
    ) {
      const today = todayOf(clock);
      // Nothing due later than the start of the window ahead of today can be due or overdue.
      const rows = await listUnseenVisits(db, {
        dueOnOrBefore: addDays(today, VISIT_WINDOW_DAYS.before),
        ...(surgeonId === undefined ? {} : { surgeonId }),
      });
      const wanted = (s: VisitStatus) => (status === 'all' ? s === 'due' || s === 'overdue' : s === status);
      const matching = rows
        .map((row) => ({ row, status: visitStatus({ dueDate: row.due_date, visitDate: null }, today) }))
        .filter((entry) => wanted(entry.status));
      const shown = matching.slice(page.offset, page.offset + page.limit);
      await db.transaction().execute(async (trx) => {
        for (const { row } of shown) {
          await recordAccess(trx, context, {
            action: 'list',
            resourceType: 'follow-up-visit',
            resourceId: row.id,
            patientId: row.patient_id,
          });
        }
      });
      const items = shown.map(({ row, status: visitState }) => ({
        status: visitState as 'due' | 'overdue',
        visit: visitView(row),
        patient: { id: row.patient_id, name: row.patient_name, mrn: row.mrn, birthDate: row.birth_date },
        case: {
          id: row.case_id,
          diagnosis: row.diagnosis,
          surgeonId: row.surgeon_id,
          surgeonName: row.surgeon_name,
        },
      }));
      return { today, items, total: matching.length, ...page };
    },
  };
}

export type FollowUpService = ReturnType<typeof createFollowUpService>;
