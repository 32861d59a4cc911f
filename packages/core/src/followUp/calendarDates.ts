/** Calendar dates as `YYYY-MM-DD` strings (no time, no time zone): parse, check and shift. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** A calendar date split into its parts; `month` 1–12. */
interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The parts of a `YYYY-MM-DD` date; throws an Error naming the field when it is not a real calendar date. */
export function parseIsoDate(value: unknown, field = 'date'): DateParts {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (match === null)
    throw new Error(`${field} must be a date written YYYY-MM-DD, got ${JSON.stringify(value)}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new Error(`${field} ${String(value)} is not a calendar date`);
  }
  return { year, month, day };
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: unknown): value is string {
  try {
    parseIsoDate(value);
    return true;
  } catch {
    return false;
  }
}

/** Days in a month (1–12) of the Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function format({ year, month, day }: DateParts): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function toUtcMs(parts: DateParts): number {
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const date = new Date(Date.UTC(2000, parts.month - 1, parts.day));
  date.setUTCFullYear(parts.year);
  return date.getTime();
}

/** `date` plus `days` calendar days (negative goes back). */
export function addDays(date: string, days: number, field = 'date'): string {
  const shifted = new Date(toUtcMs(parseIsoDate(date, field)) + days * MS_PER_DAY);
  return format({
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  });
}

/** `date` plus `months` calendar months, clamped to the last day of a shorter month (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, months: number, field = 'date'): string {
  const { year, month, day } = parseIsoDate(date, field);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return format({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(
  from: string,
  to: string,
  fields: readonly [string, string] = ['from', 'to'],
): number {
  return Math.round(
    (toUtcMs(parseIsoDate(to, fields[1])) - toUtcMs(parseIsoDate(from, fields[0]))) / MS_PER_DAY,
  );
}
