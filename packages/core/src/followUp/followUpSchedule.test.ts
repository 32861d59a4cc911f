import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, daysInMonth, isIsoDate, parseIsoDate } from './calendarDates.js';
import {
  DEFAULT_FOLLOW_UP_INTERVALS,
  followUpSchedule,
  VISIT_WINDOW_DAYS,
  visitStatus,
} from './followUpSchedule.js';

const isoDate = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('calendar dates', () => {
  it('rejects strings that are not real calendar dates, naming the field', () => {
    expect(() => parseIsoDate('2023-02-29', 'operationDate')).toThrow(
      /operationDate 2023-02-29 is not a calendar date/,
    );
    expect(() => parseIsoDate('2023-13-01')).toThrow(/not a calendar date/);
    expect(() => parseIsoDate('2023-1-05')).toThrow(/YYYY-MM-DD/);
    expect(() => parseIsoDate(20230105)).toThrow(/YYYY-MM-DD/);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
  });

  it('clamps a month shift to the end of a shorter month', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2023-08-31', 3)).toBe('2023-11-30');
    expect(addMonths('2023-11-15', 2)).toBe('2024-01-15');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 24)).toBe('2026-02-28');
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2023-12-25', 14)).toBe('2024-01-08');
    expect(addDays('2024-02-20', 42)).toBe('2024-04-02');
    expect(daysBetween('2024-02-20', '2024-04-02')).toBe(42);
  });

  it('undoes an added number of days with daysBetween, for any date', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -2000, max: 2000 }), (date, days) => {
        expect(daysBetween(date, addDays(date, days))).toBe(days);
      }),
    );
  });

  it('keeps the day of the month unless the target month is shorter', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 48 }), (date, months) => {
        const shifted = parseIsoDate(addMonths(date, months));
        const { day } = parseIsoDate(date);
        expect(shifted.day).toBe(Math.min(day, daysInMonth(shifted.year, shifted.month)));
      }),
    );
  });
});

describe('followUpSchedule', () => {
  it('gives the default visits at 2 and 6 weeks and 3, 6, 12 and 24 calendar months', () => {
    expect(followUpSchedule('2024-01-31')).toEqual([
      { label: '2 weeks', dueDate: '2024-02-14' },
      { label: '6 weeks', dueDate: '2024-03-13' },
      { label: '3 months', dueDate: '2024-04-30' },
      { label: '6 months', dueDate: '2024-07-31' },
      { label: '12 months', dueDate: '2025-01-31' },
      { label: '24 months', dueDate: '2026-01-31' },
    ]);
    expect(DEFAULT_FOLLOW_UP_INTERVALS.map((i) => i.label)).toHaveLength(6);
  });

  it('uses intervals given by the caller, in their order', () => {
    expect(
      followUpSchedule('2024-05-10', [
        { label: 'wound check', days: 10 },
        { label: '18 months', months: 18 },
      ]),
    ).toEqual([
      { label: 'wound check', dueDate: '2024-05-20' },
      { label: '18 months', dueDate: '2025-11-10' },
    ]);
  });

  it('throws a clear error on a bad operation date or interval', () => {
    expect(() => followUpSchedule('2024-02-30')).toThrow(/operationDate 2024-02-30 is not a calendar date/);
    expect(() => followUpSchedule('10/05/2024')).toThrow(/operationDate must be a date written YYYY-MM-DD/);
    expect(() => followUpSchedule('2024-05-10', [{ label: 'x', days: 0 }])).toThrow(
      /whole number of at least 1/,
    );
    expect(() => followUpSchedule('2024-05-10', [{ label: 'x', days: 1.5 }])).toThrow(/whole number/);
    expect(() =>
      followUpSchedule('2024-05-10', [
        { label: 'x', days: 3, months: 1 } as unknown as { label: string; days: number },
      ]),
    ).toThrow(/either days or months/);
    expect(() =>
      followUpSchedule('2024-05-10', [
        { label: 'a', days: 3 },
        { label: 'a', months: 1 },
      ]),
    ).toThrow(/repeats/);
  });

  it('never schedules a visit on or before the operation, and keeps the default order', () => {
    fc.assert(
      fc.property(isoDate, (date) => {
        const visits = followUpSchedule(date);
        let previous = date;
        for (const visit of visits) {
          expect(daysBetween(previous, visit.dueDate)).toBeGreaterThan(0);
          previous = visit.dueDate;
        }
      }),
    );
  });
});

describe('visitStatus', () => {
  const due = '2024-06-15';

  it('is done once a visit date is recorded, whatever the day', () => {
    expect(visitStatus({ dueDate: due, visitDate: '2024-07-30' }, '2025-01-01')).toBe('done');
  });

  it('is due from 7 days before to 14 days after the due date, both ends included', () => {
    expect(visitStatus({ dueDate: due, visitDate: null }, '2024-06-07')).toBe('upcoming');
    expect(visitStatus({ dueDate: due, visitDate: null }, '2024-06-08')).toBe('due');
    expect(visitStatus({ dueDate: due, visitDate: null }, '2024-06-29')).toBe('due');
    expect(visitStatus({ dueDate: due, visitDate: null }, '2024-06-30')).toBe('overdue');
    expect(VISIT_WINDOW_DAYS).toEqual({ before: 7, after: 14 });
  });

  it('moves only forward from upcoming to due to overdue as the days pass', () => {
    const rank = { upcoming: 0, due: 1, overdue: 2, done: 3 } as const;
    fc.assert(
      fc.property(
        isoDate,
        fc.integer({ min: -60, max: 60 }),
        fc.integer({ min: 0, max: 30 }),
        (d, a, step) => {
          const today = addDays(d, a);
          const later = addDays(today, step);
          const visit = { dueDate: d, visitDate: null };
          expect(rank[visitStatus(visit, later)]).toBeGreaterThanOrEqual(rank[visitStatus(visit, today)]);
        },
      ),
    );
  });

  it('throws on a bad today or due date', () => {
    expect(() => visitStatus({ dueDate: due, visitDate: null }, '2024-06-31')).toThrow(/today 2024-06-31/);
    expect(() => visitStatus({ dueDate: 'soon', visitDate: null }, '2024-06-01')).toThrow(/dueDate/);
  });
});
