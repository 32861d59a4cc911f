import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../domain/context.js';
import { validatePlan } from '@spinerecon/core';
import { invalidInput, notFound, type ErrorDetail } from '../domain/errors.js';
import { findCase } from '../repositories/caseRepository.js';
import { now, type Executor } from '../repositories/executor.js';
import { findPlan, insertPlan, listCasePlans, renamePlan } from '../repositories/planRepository.js';
import {
  advancePlanVersion,
  findPlanVersion,
  insertPlanVersion,
  listPlanVersions,
} from '../repositories/versionRepository.js';
import { recordAccess } from './auditTrail.js';
import { checkExpectedVersion, staleVersion } from './versioning.js';
import { planSummaryView } from './views.js';

/** A plan document (`spinerecon.plan/1`, docs/formats/plan.md), stored as given once the core accepts it. */
export type PlanContent = { readonly format: 'spinerecon.plan/1' } & Readonly<Record<string, unknown>>;

/** Checks a plan with the core's reader; errors name paths in the request body (`$.content.…`). */
function checkPlan(content: PlanContent): void {
  const result = validatePlan(content);
  if (result.ok) return;
  const details: ErrorDetail[] = result.errors.map((error) => ({
    path: error.path.replace(/^\$/, '$.content'),
    message: error.message,
  }));
  const first = details[0];
  throw invalidInput(first === undefined ? 'invalid plan' : `${first.path}: ${first.message}`, details);
}

export function createPlanService(db: Executor) {
  async function load(trx: Executor, planId: string) {
    const row = await findPlan(trx, planId);
    if (row === undefined) throw notFound('plan');
    return row;
  }

  async function readVersion(context: RequestContext, planId: string, version: number | 'latest') {
    const plan = await load(db, planId);
    const stored = await findPlanVersion(db, planId, version === 'latest' ? plan.version : version);
    if (stored === undefined) throw notFound(`plan version ${version}`);
    await recordAccess(db, context, {
      action: 'read',
      resourceType: 'plan',
      resourceId: planId,
      patientId: plan.patient_id,
    });
    return {
      ...planSummaryView(plan),
      version: stored.version,
      latestVersion: plan.version,
      savedBy: stored.created_by,
      savedAt: stored.created_at,
      content: JSON.parse(stored.content) as PlanContent,
    };
  }

  return {
    async create(context: RequestContext, caseId: string, title: string, content: PlanContent) {
      checkPlan(content);
      const at = now();
      const row = { id: randomUUID(), case_id: caseId, title, version: 1, created_at: at, updated_at: at };
      await db.transaction().execute(async (trx) => {
        const parent = await findCase(trx, caseId);
        if (parent === undefined) throw notFound('case');
        await insertPlan(trx, row);
        await insertPlanVersion(trx, row.id, {
          version: 1,
          content: JSON.stringify(content),
          created_by: context.actor.userId,
          created_at: at,
        });
        await recordAccess(trx, context, {
          action: 'create',
          resourceType: 'plan',
          resourceId: row.id,
          patientId: parent.patient_id,
        });
      });
      return {
        ...planSummaryView(row),
        latestVersion: 1,
        savedBy: context.actor.userId,
        savedAt: at,
        content,
      };
    },

    async listForCase(context: RequestContext, caseId: string) {
      const parent = await findCase(db, caseId);
      if (parent === undefined) throw notFound('case');
      const rows = await listCasePlans(db, caseId);
      await recordAccess(db, context, {
        action: 'list',
        resourceType: 'plan',
        resourceId: caseId,
        patientId: parent.patient_id,
      });
      return rows.map(planSummaryView);
    },

    latest: (context: RequestContext, planId: string) => readVersion(context, planId, 'latest'),
    version: (context: RequestContext, planId: string, version: number) =>
      readVersion(context, planId, version),

    async versions(context: RequestContext, planId: string) {
      const plan = await load(db, planId);
      const versions = await listPlanVersions(db, planId);
      await recordAccess(db, context, {
        action: 'list',
        resourceType: 'plan',
        resourceId: planId,
        patientId: plan.patient_id,
      });
      return versions.map((v) => ({ version: v.version, savedBy: v.created_by, savedAt: v.created_at }));
    },

    async save(
      context: RequestContext,
      planId: string,
      expected: number | undefined,
      title: string | undefined,
      content: PlanContent,
    ) {
      checkPlan(content);
      return db.transaction().execute(async (trx) => {
        const plan = await load(trx, planId);
        const base = checkExpectedVersion('plan', plan.version, expected);
        const at = now();
        if (!(await advancePlanVersion(trx, planId, base, at))) {
          throw staleVersion('plan', (await load(trx, planId)).version);
        }
        if (title !== undefined) await renamePlan(trx, planId, title);
        const version = base + 1;
        await insertPlanVersion(trx, planId, {
          version,
          content: JSON.stringify(content),
          created_by: context.actor.userId,
          created_at: at,
        });
        await recordAccess(trx, context, {
          action: 'update',
          resourceType: 'plan',
          resourceId: planId,
          patientId: plan.patient_id,
        });
        const summary = planSummaryView({ ...plan, title: title ?? plan.title, version, updated_at: at });
        return { ...summary, latestVersion: version, savedBy: context.actor.userId, savedAt: at, content };
      });
    },
  };
}

export type PlanService = ReturnType<typeof createPlanService>;
