import { addDays, addMonths, daysBetween, parseIsoDate } from './calendarDates.js';

/** One follow-up visit after the operation, `days` or `months` (calendar months) after it. */
export type FollowUpInterval =
  | { readonly label: string; readonly days: number; readonly months?: undefined }
  | { readonly label: string; readonly months: number; readonly days?: undefined };

/**
 * Default visits. 6 weeks and 2 years: the data points of the ISSG adult deformity database (Klineberg 2016);
 * 3, 6, 12 and 24 months: the postoperative SRS-22 intervals of the SRS 2002 responsiveness study. 2 weeks
 * (wound check) is a SpineRecon convention, not from a source.
 */
export const DEFAULT_FOLLOW_UP_INTERVALS: readonly FollowUpInterval[] = [
  { label: '2 weeks', days: 14 },
  { label: '6 weeks', days: 42 },
  { label: '3 months', months: 3 },
  { label: '6 months', months: 6 },
  { label: '12 months', months: 12 },
  { label: '24 months', months: 24 },
];

/**
 * SpineRecon convention (no published window was found): a visit is due from 7 days before to 14 days
 * after its due date, and overdue after that.
 */
export const VISIT_WINDOW_DAYS = { before: 7, after: 14 } as const;

export interface ScheduledVisit {
  readonly label: string;
  /** YYYY-MM-DD. */
  readonly dueDate: string;
}

export type VisitStatus = 'done' | 'upcoming' | 'due' | 'overdue';

function checkInterval(interval: FollowUpInterval, index: number): void {
  const name = `interval ${index + 1} (${JSON.stringify(interval.label)})`;
  if (typeof interval.label !== 'string' || interval.label.trim() === '') {
    throw new Error(`interval ${index + 1} needs a label`);
  }
  const hasDays = interval.days !== undefined;
  const hasMonths = interval.months !== undefined;
  if (hasDays === hasMonths) throw new Error(`${name} needs either days or months, not both or neither`);
  const value = hasDays ? interval.days : interval.months;
  if (!Number.isInteger(value) || (value as number) < 1) {
    throw new Error(`${name}: ${hasDays ? 'days' : 'months'} must be a whole number of at least 1`);
  }
}

/**
 * The due date of every visit after an operation on `operationDate` (YYYY-MM-DD). Months are calendar
 * months, clamped to the end of a shorter month (31 Jan + 1 month → 28 or 29 Feb). Throws on a bad date,
 * an interval without a positive whole number of days or months, or a repeated label.
 */
export function followUpSchedule(
  operationDate: string,
  intervals: readonly FollowUpInterval[] = DEFAULT_FOLLOW_UP_INTERVALS,
): ScheduledVisit[] {
  parseIsoDate(operationDate, 'operationDate');
  const labels = new Set<string>();
  return intervals.map((interval, index) => {
    checkInterval(interval, index);
    if (labels.has(interval.label))
      throw new Error(`interval label ${JSON.stringify(interval.label)} repeats`);
    labels.add(interval.label);
    const dueDate =
      interval.days === undefined
        ? addMonths(operationDate, interval.months, 'operationDate')
        : addDays(operationDate, interval.days, 'operationDate');
    return { label: interval.label, dueDate };
  });
}

/**
 * Where a visit stands on `today`: `done` once a visit date is recorded; otherwise `upcoming` before the
 * window, `due` within it (VISIT_WINDOW_DAYS, both ends included) and `overdue` after it.
 */
export function visitStatus(
  visit: { readonly dueDate: string; readonly visitDate: string | null },
  today: string,
): VisitStatus {
  if (visit.visitDate !== null) {
    parseIsoDate(visit.visitDate, 'visitDate');
    return 'done';
  }
  const daysAfterDue = daysBetween(visit.dueDate, today, ['dueDate', 'today']);
  if (daysAfterDue < -VISIT_WINDOW_DAYS.before) return 'upcoming';
  if (daysAfterDue <= VISIT_WINDOW_DAYS.after) return 'due';
  return 'overdue';
}
