import { PLAN_FORMAT, validatePlan } from '@spinerecon/core';
import type { RequestContext } from '../domain/context.js';
import { invalidInput, type ErrorDetail } from '../domain/errors.js';
import { latestCaseDocumentContent } from '../repositories/caseDocumentRepository.js';
import { updateCase, type CaseRow } from '../repositories/caseRepository.js';
import type { Executor } from '../repositories/executor.js';
import { findPlan } from '../repositories/planRepository.js';
import { createCaseDocumentStore } from './caseDocumentStore.js';
import { todayOf, type Clock } from './clock.js';

export const OPERATION_FORMAT = 'spinerecon.operation/1';

/** What was actually done: a plan's elements (fusion, osteotomies, cages, VBR, screws, rods, graft). */
export type PerformedElements = Readonly<Record<string, unknown>>;

/** The operation record of a case (`spinerecon.operation/1`, docs/decisions/0016). */
export interface OperationContent {
  readonly format: typeof OPERATION_FORMAT;
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly planId?: string | undefined;
  readonly planVersion?: number | undefined;
  readonly performed: PerformedElements;
  readonly durationMin?: number | undefined;
  readonly estimatedBloodLossMl?: number | undefined;
  readonly transfusionUnits?: number | undefined;
  readonly neuromonitoringAlerts: { readonly description: string; readonly action: string }[];
  readonly intraoperativeComplications: string[];
  readonly implants: { readonly description: string; readonly udi?: string | undefined }[];
  readonly notes: string;
}

/** Keys of a plan that say nothing about what was done in theatre. */
const NOT_PERFORMED = ['format', 'riskFactors'] as const;

/** Checks what was performed with the core's plan reader: the same element rules as a plan. */
function checkPerformed(performed: PerformedElements): void {
  for (const key of NOT_PERFORMED) {
    if (key in performed) {
      const path = `$.content.performed.${key}`;
      throw invalidInput(`${path}: not part of what was performed (only the plan's elements are)`, [
        { path, message: 'not an element of an operation' },
      ]);
    }
  }
  const result = validatePlan({ ...performed, format: PLAN_FORMAT });
  if (result.ok) return;
  const details: ErrorDetail[] = result.errors.map((error) => ({
    path: error.path.replace(/^\$/, '$.content.performed'),
    message: error.message,
  }));
  const first = details[0];
  throw invalidInput(first === undefined ? 'invalid operation' : `${first.path}: ${first.message}`, details);
}

const bad = (path: string, message: string) => invalidInput(`${path}: ${message}`, [{ path, message }]);

/** The plan the operation names must be one of this case's plans, and the version one it has. */
async function checkPlanReference(trx: Executor, parent: CaseRow, content: OperationContent): Promise<void> {
  if (content.planId === undefined) {
    if (content.planVersion !== undefined) throw bad('$.content.planVersion', 'given without a planId');
    return;
  }
  const plan = await findPlan(trx, content.planId);
  if (plan === undefined || plan.case_id !== parent.id) {
    throw bad('$.content.planId', 'no plan of this case has this id');
  }
  if (content.planVersion !== undefined && content.planVersion > plan.version) {
    throw bad('$.content.planVersion', `the plan has versions 1 to ${plan.version}`);
  }
}

/** Statuses before the operation: recording the operation moves such a case on to `operated`. */
const BEFORE_OPERATION: ReadonlySet<string> = new Set(['assessment', 'planning', 'scheduled']);

async function markOperated(trx: Executor, parent: CaseRow, at: string): Promise<void> {
  if (BEFORE_OPERATION.has(parent.status))
    await updateCase(trx, parent.id, { status: 'operated', updated_at: at });
}

export function createOperationService(db: Executor, clock: Clock) {
  const store = createCaseDocumentStore<OperationContent>(
    db,
    'operation',
    async (trx, parent, content) => {
      if (content.date > todayOf(clock)) throw bad('$.content.date', 'the operation date is in the future');
      checkPerformed(content.performed);
      await checkPlanReference(trx, parent, content);
    },
    markOperated,
  );
  return {
    get: (context: RequestContext, caseId: string) => store.read(context, caseId),
    save: (
      context: RequestContext,
      caseId: string,
      expected: number | undefined,
      content: OperationContent,
    ) => store.save(context, caseId, expected, content),
  };
}

/** The case's operation record as last saved, or undefined when none was recorded. */
export async function latestOperation(db: Executor, caseId: string): Promise<OperationContent | undefined> {
  const content = await latestCaseDocumentContent(db, 'operation', caseId);
  return content === undefined ? undefined : (JSON.parse(content) as OperationContent);
}

export type OperationService = ReturnType<typeof createOperationService>;
