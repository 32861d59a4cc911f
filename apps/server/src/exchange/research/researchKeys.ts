import { createHmac } from 'node:crypto';
import { addDays, daysBetween } from '@spinerecon/core';
import type { ResearchDates } from '../../config.js';
import { patientDateShiftDays } from '../../services/deidentifiedImages.js';

/**
 * A keyed pseudonym of a record id (`C-` case, `R-` radiograph): the same record gets the same pseudonym in
 * every export of this installation, and nobody without the database can link it back to the record.
 */
export function keyedPseudonym(secret: string, prefix: 'C' | 'R', id: string): string {
  return `${prefix}-${createHmac('sha256', secret).update(`research-${prefix}:${id}`).digest('hex').slice(0, 16)}`;
}

/**
 * How one patient's dates leave the installation (SPINERECON_RESEARCH_DATES, as for de-identified DICOM):
 * `off` no calendar date at all, only days from day zero; `shift` every date moved by the patient's own
 * ±1…365 days (PS3.15 E.3.6 Modified Dates); `full` dates as recorded. Days from day zero are given always.
 */
export interface DatePolicy {
  readonly mode: ResearchDates;
  /** YYYY-MM-DD of day zero: the operation, or the case's creation when no operation is recorded. */
  readonly dayZero: string;
  readonly dayZeroKind: 'operation' | 'case-created';
  readonly shiftDays: number;
}

export function datePolicy(
  mode: ResearchDates,
  secret: string,
  patientId: string,
  operationDate: string | undefined,
  caseCreatedAt: string,
): DatePolicy {
  return {
    mode,
    dayZero: operationDate ?? caseCreatedAt.slice(0, 10),
    dayZeroKind: operationDate === undefined ? 'case-created' : 'operation',
    shiftDays: mode === 'shift' ? patientDateShiftDays(secret, patientId) : 0,
  };
}

/** Days from day zero of a YYYY-MM-DD date (or the date part of an ISO instant); null without a date. */
export function dayOf(policy: DatePolicy, date: string | null | undefined): number | null {
  return date === null || date === undefined ? null : daysBetween(policy.dayZero, date.slice(0, 10));
}

/** The date as the policy lets it out: null (`off`), shifted (`shift`) or as recorded (`full`). */
export function exportedDate(policy: DatePolicy, date: string | null | undefined): string | null {
  if (date === null || date === undefined || policy.mode === 'off') return null;
  const day = date.slice(0, 10);
  return policy.mode === 'shift' ? addDays(day, policy.shiftDays) : day;
}
