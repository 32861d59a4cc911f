import { DEFAULT_FOLLOW_UP_INTERVALS, type CaseError, type VisitStatus } from '@spinerecon/core';
import type { ScheduleInterval, Visit } from './recoveryTypes';

// The follow-up schedule's form: the intervals after the operation (the core's defaults to start with,
// editable), and how a visit's status reads. The due dates and statuses are the server's (the core's
// followUpSchedule and visitStatus).

export interface IntervalDraft {
  readonly label: string;
  readonly amount: string;
  readonly unit: 'days' | 'months';
}

export function defaultIntervalDrafts(): IntervalDraft[] {
  return DEFAULT_FOLLOW_UP_INTERVALS.map((i) =>
    i.days === undefined
      ? { label: i.label, amount: String(i.months), unit: 'months' }
      : { label: i.label, amount: String(i.days), unit: 'days' },
  );
}

/** The server's limits (schemas/recovery.ts followUpInterval). */
const MAX = { days: 3650, months: 240 } as const;

export type IntervalsCheck =
  | { readonly ok: true; readonly intervals: ScheduleInterval[] }
  | { readonly ok: false; readonly errors: readonly CaseError[] };

export function intervalsOf(drafts: readonly IntervalDraft[]): IntervalsCheck {
  const errors: CaseError[] = [];
  const labels = new Set<string>();
  const intervals: ScheduleInterval[] = [];
  drafts.forEach((draft, i) => {
    const path = `$.intervals[${i}]`;
    const label = draft.label.trim();
    const amount = Number(draft.amount);
    if (label === '') errors.push({ path: `${path}.label`, message: 'label the visit' });
    else if (labels.has(label)) errors.push({ path: `${path}.label`, message: `“${label}” is used twice` });
    labels.add(label);
    if (draft.amount.trim() === '' || !Number.isInteger(amount) || amount < 1 || amount > MAX[draft.unit]) {
      errors.push({
        path: `${path}.${draft.unit}`,
        message: `a whole number of ${draft.unit} from 1 to ${MAX[draft.unit]}`,
      });
      return;
    }
    if (label !== '')
      intervals.push(draft.unit === 'days' ? { label, days: amount } : { label, months: amount });
  });
  if (drafts.length === 0) errors.push({ path: '$.intervals', message: 'at least one visit' });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, intervals };
}

export const VISIT_STATUS_TEXT: Readonly<Record<VisitStatus, string>> = {
  done: 'Done',
  upcoming: 'Upcoming',
  due: 'Due',
  overdue: 'Overdue',
};

/** How many visits are in each status, in the order done, due, overdue, upcoming. */
export function statusCounts(visits: readonly Visit[]): Readonly<Record<VisitStatus, number>> {
  const counts: Record<VisitStatus, number> = { done: 0, due: 0, overdue: 0, upcoming: 0 };
  for (const visit of visits) counts[visit.status] += 1;
  return counts;
}
