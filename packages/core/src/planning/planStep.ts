import type { SagittalSpine } from './sagittalSpine.js';

/** One plan element applied to the spine: the moved spine, or why it cannot be simulated. */
export type PlanStep =
  { readonly ok: true; readonly spine: SagittalSpine } | { readonly ok: false; readonly reason: string };

export const stepOk = (spine: SagittalSpine): PlanStep => ({ ok: true, spine });
export const stepFailed = (reason: string): PlanStep => ({ ok: false, reason });
