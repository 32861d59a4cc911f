import { DEFAULT_FOLLOW_UP_INTERVALS } from '@spinerecon/core';
import { describe, expect, it } from 'vitest';
import type { Visit } from './recoveryTypes';
import { defaultIntervalDrafts, intervalsOf, statusCounts } from './scheduleModel';

describe('the follow-up schedule form', () => {
  it('starts from the core default intervals and sends them back unchanged', () => {
    const checked = intervalsOf(defaultIntervalDrafts());
    expect(checked.ok && checked.intervals).toEqual(
      DEFAULT_FOLLOW_UP_INTERVALS.map((i) =>
        i.days === undefined ? { label: i.label, months: i.months } : { label: i.label, days: i.days },
      ),
    );
  });

  it('refuses a repeated label, a fraction and an empty list', () => {
    const checked = intervalsOf([
      { label: '6 weeks', amount: '42', unit: 'days' },
      { label: '6 weeks', amount: '1.5', unit: 'months' },
    ]);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors).toEqual([
      { path: '$.intervals[1].label', message: '“6 weeks” is used twice' },
      { path: '$.intervals[1].months', message: 'a whole number of months from 1 to 240' },
    ]);
    expect(intervalsOf([]).ok).toBe(false);
  });

  it('counts the visits in each status', () => {
    const visit = (status: Visit['status']) => ({ status }) as Visit;
    expect(statusCounts([visit('done'), visit('overdue'), visit('overdue'), visit('upcoming')])).toEqual({
      done: 1,
      due: 0,
      overdue: 2,
      upcoming: 1,
    });
  });
});
