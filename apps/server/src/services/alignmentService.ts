import {
  CASE_FORMAT,
  PLAN_FORMAT,
  SEXES,
  compareAlignment,
  planCase,
  validatePlan,
  type MeasurementOutput,
  type PelvisMode,
  type Sex,
  type SpineCase,
} from '@spinerecon/core';
import type { RequestContext } from '../domain/context.js';
import { ageInYears } from '../domain/age.js';
import { notFound } from '../domain/errors.js';
import type { Executor } from '../repositories/executor.js';
import { findVisit, listCaseVisits } from '../repositories/followUpRepository.js';
import { findPatient } from '../repositories/patientRepository.js';
import { findPlan, listCasePlans } from '../repositories/planRepository.js';
import { listCaseRadiographs } from '../repositories/radiographRepository.js';
import { findPlanVersion, latestLandmarksOfCase } from '../repositories/versionRepository.js';
import { recordAccess } from './auditTrail.js';
import { todayOf, type Clock } from './clock.js';
import { latestOperation, type OperationContent } from './operationService.js';
import type { LandmarkContent } from './spineCase.js';
import { selectVisitFilms, type MeasuredFilm } from './visitFilms.js';

// A follow-up visit's alignment (docs/decisions/0016): preoperative | planned | achieved for every lateral
// parameter, targets and the rule flags — all computed by the core's compareAlignment and planCase.

interface PlanChoice {
  readonly id: string;
  readonly title: string;
  readonly version: number;
  /** `operation`: the plan the operation record names; `latest`: the case's most recently saved plan. */
  readonly source: 'operation' | 'latest';
  readonly content: string;
}

/** The operation's plan (at the version it names), else the case's most recently saved plan. */
async function choosePlan(
  db: Executor,
  caseId: string,
  operation: OperationContent | undefined,
): Promise<PlanChoice | undefined> {
  if (operation?.planId !== undefined) {
    const plan = await findPlan(db, operation.planId);
    if (plan !== undefined) {
      const version = operation.planVersion ?? plan.version;
      const stored = await findPlanVersion(db, plan.id, version);
      if (stored !== undefined) {
        return { id: plan.id, title: plan.title, version, source: 'operation', content: stored.content };
      }
    }
  }
  const plans = await listCasePlans(db, caseId);
  const latest = [...plans].sort((a, b) => b.updated_at.localeCompare(a.updated_at))[0];
  if (latest === undefined) return undefined;
  const stored = await findPlanVersion(db, latest.id, latest.version);
  if (stored === undefined) return undefined;
  return {
    id: latest.id,
    title: latest.title,
    version: latest.version,
    source: 'latest',
    content: stored.content,
  };
}

/** The plan's prediction on the preoperative film (the core's planCase), or why there is none. */
function predict(
  plan: PlanChoice | undefined,
  preoperative: MeasuredFilm | undefined,
  patient: SpineCase['patient'],
  pelvis: PelvisMode,
): MeasurementOutput | string {
  if (plan === undefined) return 'the case has no plan';
  if (preoperative === undefined)
    return 'no preoperative lateral film with landmarks to simulate the plan on';
  const checked = validatePlan(JSON.parse(plan.content) as unknown);
  if (!checked.ok) return `the plan is not valid: ${checked.errors[0]?.message ?? 'unreadable'}`;
  const spineCase: SpineCase = {
    format: CASE_FORMAT,
    ...(patient === undefined ? {} : { patient }),
    radiographs: [preoperative.radiograph],
  };
  const result = planCase(spineCase, checked.value, pelvis);
  return result.ok ? result.value.predicted : `the plan could not be simulated: ${result.reason}`;
}

const filmRef = (film: MeasuredFilm | undefined) =>
  film === undefined
    ? null
    : {
        radiographId: film.row.id,
        takenOn: film.row.taken_on,
        posture: film.row.posture,
        visitId: film.row.visit_id,
      };

const isSex = (value: string): value is Sex => (SEXES as readonly string[]).includes(value);

export function createAlignmentService(db: Executor, clock: Clock) {
  return {
    async forVisit(context: RequestContext, visitId: string, pelvis: PelvisMode) {
      const visit = await findVisit(db, visitId);
      if (visit === undefined) throw notFound('follow-up visit');
      const caseId = visit.case_id;
      const [patient, radiographs, latest, visits, operation] = await Promise.all([
        findPatient(db, visit.patient_id),
        listCaseRadiographs(db, caseId),
        latestLandmarksOfCase(db, caseId),
        listCaseVisits(db, caseId),
        latestOperation(db, caseId),
      ]);
      if (patient === undefined) throw notFound('follow-up visit');
      const films = selectVisitFilms({
        visit,
        operationDate: operation?.date,
        radiographs,
        landmarks: new Map(latest.map((l) => [l.id, JSON.parse(l.content) as LandmarkContent])),
        visits,
      });
      const sex = isSex(patient.sex) ? { sex: patient.sex } : {};
      const operationDay = operation?.date ?? todayOf(clock);
      const visitDay = visit.visit_date ?? todayOf(clock);
      const plan = await choosePlan(db, caseId, operation);
      const predicted = predict(
        plan,
        films.preoperative,
        { ageYears: ageInYears(patient.birth_date, operationDay), ...sex },
        pelvis,
      );
      const missing = [...films.skipped];
      if (typeof predicted === 'string') missing.push(`planned: ${predicted}`);
      if (films.achieved === undefined) {
        missing.push('achieved: this visit has no lateral film with landmarks yet');
      }
      // The fusion range as performed names the UIV and LIV the rules read.
      const performed =
        operation === undefined ? undefined : validatePlan({ ...operation.performed, format: PLAN_FORMAT });
      const fusion = performed?.ok === true ? performed.value.fusion : undefined;
      if (operation === undefined) {
        missing.push('flags: no operation record (its fusion range names the UIV and LIV)');
      } else if (fusion === undefined) {
        missing.push('flags: the operation record has no fusion range');
      }
      const comparison =
        films.achieved === undefined
          ? null
          : compareAlignment({
              ...(films.preoperative === undefined ? {} : { preoperative: films.preoperative.radiograph }),
              ...(typeof predicted === 'string' ? {} : { planned: predicted }),
              achieved: films.achieved.radiograph,
              ...(films.firstPostoperative === undefined
                ? {}
                : { firstPostoperative: films.firstPostoperative.radiograph }),
              ...(fusion === undefined ? {} : { fusion }),
              ageYears: ageInYears(patient.birth_date, visitDay),
            });
      await recordAccess(db, context, {
        action: 'read',
        resourceType: 'follow-up-visit',
        resourceId: visitId,
        patientId: visit.patient_id,
      });
      return {
        visitId,
        caseId,
        pelvis,
        operation:
          operation === undefined
            ? null
            : {
                date: operation.date,
                planId: operation.planId ?? null,
                planVersion: operation.planVersion ?? null,
              },
        plan:
          plan === undefined
            ? null
            : { id: plan.id, title: plan.title, version: plan.version, source: plan.source },
        films: {
          preoperative: filmRef(films.preoperative),
          firstPostoperative: filmRef(films.firstPostoperative),
          achieved: filmRef(films.achieved),
        },
        missing,
        comparison,
      };
    },
  };
}

export type AlignmentService = ReturnType<typeof createAlignmentService>;
