import {
  PLAN_FORMAT,
  validatePlan,
  type PelvisMode,
  type SurgicalPlan,
  type TargetSetName,
} from '@spinerecon/core';
import type { RequestContext } from '../domain/context.js';
import { notFound, Problem } from '../domain/errors.js';
import type { ImageStore } from '../images/imageStore.js';
import type { Executor } from '../repositories/executor.js';
import { listCaseRadiographs } from '../repositories/radiographRepository.js';
import { findPlanVersion, latestLandmarksOfCase } from '../repositories/versionRepository.js';
import { recordAccess } from '../services/auditTrail.js';
import { systemClock, type Clock } from '../services/clock.js';
import type { LandmarkContent } from '../services/spineCase.js';
import { selectVisitFilms } from '../services/visitFilms.js';
import { loadCaseFilms, spineCaseOf, type CaseFilms } from './caseFilms.js';
import { loadFilmPicture, type FilmPicture } from './filmPicture.js';
import { buildFollowUpReport, type FollowUpReportInput } from './followUpReport.js';
import { buildPlanningReport } from './planningReport.js';
import {
  displayNames,
  findCaseSubject,
  findOperationContent,
  findReportPlan,
  listComplications,
  listPlansNewestFirst,
  listResponses,
  listVisits,
} from './reportRepository.js';

// The PDF reports: read the rows, let the core compute, lay out, and record the read in the audit trail.

export interface PlanningReportOptions {
  /** A saved version; the latest when absent. */
  readonly version?: number | undefined;
  readonly pelvis: PelvisMode;
  readonly targetSet: TargetSetName;
}

export interface Report {
  readonly bytes: Uint8Array;
  /** A file name without patient data. */
  readonly fileName: string;
}

/** What the follow-up report reads of the operation record (`spinerecon.operation/1`, docs/decisions/0016). */
interface OperationFacts {
  readonly date?: unknown;
  readonly planId?: unknown;
  readonly planVersion?: unknown;
  readonly performed?: unknown;
}

function checkedPlan(content: string): SurgicalPlan | string {
  const checked = validatePlan(JSON.parse(content) as unknown);
  return checked.ok ? checked.value : `the plan is not valid: ${checked.errors[0]?.message ?? 'unreadable'}`;
}

export function createReportService(db: Executor, images: ImageStore, clock: Clock = systemClock) {
  async function pictures(films: CaseFilms): Promise<Map<string, FilmPicture | string>> {
    const out = new Map<string, FilmPicture | string>();
    for (const { row } of films.films) {
      if (row.image_sha256 === null || row.media_type === null) continue;
      out.set(
        row.id,
        await loadFilmPicture(images, {
          sha256: row.image_sha256,
          mediaType: row.media_type,
          widthPx: row.width_px,
          heightPx: row.height_px,
        }),
      );
    }
    return out;
  }

  /** The plan the operation record names (at its version), else the case's most recently saved plan. */
  async function followedPlan(caseId: string, operation: OperationFacts | undefined) {
    if (typeof operation?.planId === 'string') {
      const plan = await findReportPlan(db, operation.planId);
      if (plan !== undefined && plan.case_id === caseId) {
        const version = typeof operation.planVersion === 'number' ? operation.planVersion : plan.version;
        const stored = await findPlanVersion(db, plan.id, version);
        if (stored !== undefined)
          return {
            title: plan.title,
            version,
            source: 'operation' as const,
            content: checkedPlan(stored.content),
          };
      }
    }
    const latest = (await listPlansNewestFirst(db, caseId))[0];
    if (latest === undefined) return undefined;
    const stored = await findPlanVersion(db, latest.id, latest.version);
    if (stored === undefined) return undefined;
    return {
      title: latest.title,
      version: latest.version,
      source: 'latest' as const,
      content: checkedPlan(stored.content),
    };
  }

  return {
    /** The follow-up report of a case (recovery:read; audited as a read of the case's outcomes). */
    async followUp(context: RequestContext, caseId: string): Promise<Report> {
      const subject = await findCaseSubject(db, caseId);
      if (subject === undefined) throw notFound('case');
      const [operationRow, visits, responses, complications, radiographs, latest] = await Promise.all([
        findOperationContent(db, caseId),
        listVisits(db, caseId),
        listResponses(db, caseId),
        listComplications(db, caseId),
        listCaseRadiographs(db, caseId),
        latestLandmarksOfCase(db, caseId),
      ]);
      const facts =
        operationRow === undefined ? undefined : (JSON.parse(operationRow.content) as OperationFacts);
      const operationDate = typeof facts?.date === 'string' ? facts.date : undefined;
      const performed =
        typeof facts?.performed === 'object' && facts.performed !== null
          ? validatePlan({ ...facts.performed, format: PLAN_FORMAT })
          : undefined;
      const landmarks = new Map(latest.map((l) => [l.id, JSON.parse(l.content) as LandmarkContent]));
      const input: FollowUpReportInput = {
        subject: { ...subject, on: clock() },
        operation:
          operationDate === undefined
            ? undefined
            : { date: operationDate, fusion: performed?.ok === true ? performed.value.fusion : undefined },
        plan: await followedPlan(caseId, facts),
        visits: visits.map((row) => ({
          row,
          films: selectVisitFilms({ visit: row, operationDate, radiographs, landmarks, visits }),
        })),
        responses,
        complications,
        generatedAt: clock(),
        generatedBy: context.actor.displayName,
      };
      const bytes = await buildFollowUpReport(input);
      await recordAccess(db, context, {
        action: 'read',
        resourceType: 'outcomes',
        resourceId: caseId,
        patientId: subject.patient_id,
      });
      return { bytes, fileName: `follow-up-report-${caseId}.pdf` };
    },

    /** The planning report of a plan version (plan:read; audited as a read of the plan). */
    async planning(context: RequestContext, planId: string, options: PlanningReportOptions): Promise<Report> {
      const plan = await findReportPlan(db, planId);
      if (plan === undefined) throw notFound('plan');
      const version = options.version ?? plan.version;
      const stored = await findPlanVersion(db, planId, version);
      if (stored === undefined) throw notFound(`plan version ${version}`);
      const subject = await findCaseSubject(db, plan.case_id);
      if (subject === undefined) throw notFound('case');
      const checked = validatePlan(JSON.parse(stored.content) as unknown);
      if (!checked.ok) {
        const first = checked.errors[0];
        throw new Problem(
          'conflict',
          `plan version ${version} is not a plan the core accepts (${first?.path ?? '$'}: ${first?.message ?? 'invalid'}): open it in the planning page and save it again`,
        );
      }
      const on = clock();
      // The films before the operation: follow-up films belong to a visit.
      const films = await loadCaseFilms(db, plan.case_id, (row) => row.visit_id === null);
      const names = await displayNames(db, [stored.created_by]);
      const bytes = await buildPlanningReport({
        subject: { ...subject, on },
        plan: {
          title: plan.title,
          version,
          latestVersion: plan.version,
          savedBy: names.get(stored.created_by) ?? 'a removed user',
          savedAt: stored.created_at,
          content: checked.value,
        },
        films,
        spineCase: spineCaseOf(subject, films.films, on),
        pictures: await pictures(films),
        pelvis: options.pelvis,
        targetSet: options.targetSet,
        generatedAt: on,
        generatedBy: context.actor.displayName,
      });
      await recordAccess(db, context, {
        action: 'read',
        resourceType: 'plan',
        resourceId: planId,
        patientId: subject.patient_id,
      });
      return { bytes, fileName: `planning-report-${planId}-v${version}.pdf` };
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
