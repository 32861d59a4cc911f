import { ApiError, apiFetch, apiJson } from '../api/client';
import type { SurgicalPlan } from '@spinerecon/core';

// The plans of a case on the server: named, versioned, saved with If-Match (apps/server planRoutes.ts).

export interface StoredPlan {
  readonly id: string;
  readonly caseId: string;
  readonly title: string;
  readonly version: number;
  readonly latestVersion: number;
  readonly savedBy: string;
  readonly savedAt: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** `spinerecon.plan/1` as saved; checked with the core's validatePlan before use. */
  readonly content: unknown;
}

export interface PlanVersionEntry {
  readonly version: number;
  readonly savedBy: string;
  readonly savedAt: string;
}

export type PlanSaveOutcome =
  | { readonly kind: 'saved'; readonly plan: StoredPlan }
  | { readonly kind: 'conflict'; readonly message: string };

const id = (value: string) => encodeURIComponent(value);

export const planApi = {
  create: (caseId: string, title: string, content: SurgicalPlan) =>
    apiJson<StoredPlan>('POST', `/cases/${id(caseId)}/plans`, { body: { title, content } }),
  latest: (planId: string, signal?: AbortSignal) =>
    apiJson<StoredPlan>('GET', `/plans/${id(planId)}`, { signal }),
  version: (planId: string, version: number) =>
    apiJson<StoredPlan>('GET', `/plans/${id(planId)}/versions/${version}`),
  versions: (planId: string, signal?: AbortSignal) =>
    apiJson<PlanVersionEntry[]>('GET', `/plans/${id(planId)}/versions`, { signal }),
  /** A new version on top of `baseVersion`; a 412 (someone saved in between) is a conflict, not an error. */
  async save(
    planId: string,
    baseVersion: number,
    title: string,
    content: SurgicalPlan,
  ): Promise<PlanSaveOutcome> {
    try {
      const response = await apiFetch('PUT', `/plans/${id(planId)}`, {
        body: { title, content },
        headers: { 'if-match': `"${baseVersion}"` },
      });
      return { kind: 'saved', plan: (await response.json()) as StoredPlan };
    } catch (error) {
      if (error instanceof ApiError && (error.status === 412 || error.status === 428)) {
        return { kind: 'conflict', message: error.message };
      }
      throw error;
    }
  },
};
