import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../domain/context.js';
import { invalidInput, notFound } from '../domain/errors.js';
import { findCase } from '../repositories/caseRepository.js';
import { now, type Executor } from '../repositories/executor.js';
import {
  insertTherapySession,
  listCaseTherapySessions,
  type TherapySessionRow,
} from '../repositories/therapySessionRepository.js';
import { recordAccess } from './auditTrail.js';
import { todayOf, type Clock } from './clock.js';

export interface TherapySessionInput {
  /** YYYY-MM-DD. */
  readonly sessionDate: string;
  /** The rehabilitation phase the session belongs to (a phase name of the programme, or free text). */
  readonly phase: string;
  readonly notes?: string | undefined;
  readonly progress?: string | undefined;
}

function therapySessionView(row: TherapySessionRow & { readonly recorded_by_name: string | null }) {
  return {
    id: row.id,
    caseId: row.case_id,
    sessionDate: row.session_date,
    phase: row.phase,
    notes: row.notes,
    progress: row.progress,
    recordedBy: row.recorded_by,
    recordedByName: row.recorded_by_name,
    createdAt: row.created_at,
  };
}

/** Sessions of physical therapy, recorded by the therapist (or anyone with rehab:write). */
export function createTherapySessionService(db: Executor, clock: Clock) {
  return {
    async list(context: RequestContext, caseId: string) {
      const parent = await findCase(db, caseId);
      if (parent === undefined) throw notFound('case');
      const rows = await listCaseTherapySessions(db, caseId);
      await recordAccess(db, context, {
        action: 'list',
        resourceType: 'therapy-session',
        resourceId: caseId,
        patientId: parent.patient_id,
      });
      return rows.map(therapySessionView);
    },

    async create(context: RequestContext, caseId: string, input: TherapySessionInput) {
      if (input.sessionDate > todayOf(clock)) {
        throw invalidInput('$.sessionDate: the session date is in the future', [
          { path: '$.sessionDate', message: 'record a session once it took place' },
        ]);
      }
      const row: TherapySessionRow = {
        id: randomUUID(),
        case_id: caseId,
        session_date: input.sessionDate,
        phase: input.phase,
        notes: input.notes ?? '',
        progress: input.progress ?? '',
        recorded_by: context.actor.userId,
        created_at: now(),
      };
      await db.transaction().execute(async (trx) => {
        const parent = await findCase(trx, caseId);
        if (parent === undefined) throw notFound('case');
        await insertTherapySession(trx, row);
        await recordAccess(trx, context, {
          action: 'create',
          resourceType: 'therapy-session',
          resourceId: row.id,
          patientId: parent.patient_id,
        });
      });
      return therapySessionView({ ...row, recorded_by_name: context.actor.displayName });
    },
  };
}

export type TherapySessionService = ReturnType<typeof createTherapySessionService>;
