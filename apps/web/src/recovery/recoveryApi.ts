import type { PelvisMode } from '@spinerecon/core';
import { ApiError, apiFetch, apiJson } from '../api/client';
import type {
  CaseDocument,
  Complication,
  ComplicationInput,
  HospitalStay,
  HospitalStayContent,
  OperationContent,
  OperationRecord,
  Rehabilitation,
  RehabilitationContent,
  ScheduleInterval,
  TherapySession,
  TherapySessionInput,
  Visit,
  VisitChanges,
  VisitDetail,
  VisitInput,
  Worklist,
  WorklistStatus,
} from './recoveryTypes';
import type { VisitAlignment } from './alignmentTypes';

// The recovery calls of the API (docs/decisions/0016; apps/server/src/http/routes/{operation,recovery,
// followUp}Routes.ts). The three case documents are versioned: saved with If-Match, a 412 is a conflict.

const id = (value: string) => encodeURIComponent(value);

export type DocumentSaveOutcome<D> =
  { readonly kind: 'saved'; readonly document: D } | { readonly kind: 'conflict'; readonly message: string };

/** The latest version of a case document, or undefined while none was saved (the server's 404). */
async function readDocument<D>(path: string, signal?: AbortSignal): Promise<D | undefined> {
  try {
    return await apiJson<D>('GET', path, { signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && error.kind === 'not-found') {
      // 404 is also "no such case": only a missing document reads as "none yet" when the case exists.
      if (/of this case/.test(error.message)) return undefined;
    }
    throw error;
  }
}

/**
 * Saves a new version on top of `baseVersion` (undefined: the first version). Someone else saved in
 * between (412), or a first save found a version already there (428): a conflict, not an error.
 */
async function saveDocument<C, D extends CaseDocument<C>>(
  path: string,
  baseVersion: number | undefined,
  content: C,
): Promise<DocumentSaveOutcome<D>> {
  try {
    const response = await apiFetch('PUT', path, {
      body: { content },
      headers: baseVersion === undefined ? {} : { 'if-match': `"${baseVersion}"` },
    });
    return { kind: 'saved', document: (await response.json()) as D };
  } catch (error) {
    if (error instanceof ApiError && (error.status === 412 || error.status === 428)) {
      return { kind: 'conflict', message: error.message };
    }
    throw error;
  }
}

export const operationApi = {
  get: (caseId: string, signal?: AbortSignal) =>
    readDocument<OperationRecord>(`/cases/${id(caseId)}/operation`, signal),
  save: (caseId: string, baseVersion: number | undefined, content: OperationContent) =>
    saveDocument<OperationContent, OperationRecord>(`/cases/${id(caseId)}/operation`, baseVersion, content),
};

export const hospitalStayApi = {
  get: (caseId: string, signal?: AbortSignal) =>
    readDocument<HospitalStay>(`/cases/${id(caseId)}/hospital-stay`, signal),
  save: (caseId: string, baseVersion: number | undefined, content: HospitalStayContent) =>
    saveDocument<HospitalStayContent, HospitalStay>(
      `/cases/${id(caseId)}/hospital-stay`,
      baseVersion,
      content,
    ),
};

export const rehabilitationApi = {
  get: (caseId: string, signal?: AbortSignal) =>
    readDocument<Rehabilitation>(`/cases/${id(caseId)}/rehabilitation`, signal),
  save: (caseId: string, baseVersion: number | undefined, content: RehabilitationContent) =>
    saveDocument<RehabilitationContent, Rehabilitation>(
      `/cases/${id(caseId)}/rehabilitation`,
      baseVersion,
      content,
    ),
};

export const therapySessionApi = {
  list: (caseId: string, signal?: AbortSignal) =>
    apiJson<TherapySession[]>('GET', `/cases/${id(caseId)}/therapy-sessions`, { signal }),
  create: (caseId: string, input: TherapySessionInput) =>
    apiJson<TherapySession>('POST', `/cases/${id(caseId)}/therapy-sessions`, { body: input }),
};

export const followUpApi = {
  /** Visits from the operation date (the core's default intervals when none are given). */
  schedule: (caseId: string, intervals?: readonly ScheduleInterval[]) =>
    apiJson<Visit[]>('POST', `/cases/${id(caseId)}/follow-up/schedule`, {
      body: intervals === undefined ? {} : { intervals },
    }),
  visits: (caseId: string, signal?: AbortSignal) =>
    apiJson<Visit[]>('GET', `/cases/${id(caseId)}/follow-up/visits`, { signal }),
  addVisit: (caseId: string, input: VisitInput) =>
    apiJson<Visit>('POST', `/cases/${id(caseId)}/follow-up/visits`, { body: input }),
  visit: (visitId: string, signal?: AbortSignal) =>
    apiJson<VisitDetail>('GET', `/follow-up/visits/${id(visitId)}`, { signal }),
  updateVisit: (visitId: string, changes: VisitChanges) =>
    apiJson<Visit>('PATCH', `/follow-up/visits/${id(visitId)}`, { body: changes }),
  worklist: (
    query: {
      readonly status: WorklistStatus;
      readonly surgeonId?: string;
      readonly limit?: number;
      readonly offset?: number;
    },
    signal?: AbortSignal,
  ) => apiJson<Worklist>('GET', '/follow-up/due', { query: { ...query }, signal }),
  /** Preoperative | planned | achieved; `pelvis`: how the plan's prediction treats the pelvis. */
  alignment: (visitId: string, pelvis: PelvisMode, signal?: AbortSignal) =>
    apiJson<VisitAlignment>('GET', `/follow-up/visits/${id(visitId)}/alignment`, {
      query: { pelvis },
      signal,
    }),
};

export const complicationApi = {
  list: (caseId: string, signal?: AbortSignal) =>
    apiJson<Complication[]>('GET', `/cases/${id(caseId)}/complications`, { signal }),
  create: (caseId: string, input: ComplicationInput) =>
    apiJson<Complication>('POST', `/cases/${id(caseId)}/complications`, { body: input }),
  update: (complicationId: string, changes: Partial<ComplicationInput>) =>
    apiJson<Complication>('PATCH', `/complications/${id(complicationId)}`, { body: changes }),
};
