import { STAY_MILESTONES } from '@spinerecon/core';
import { describe, expect, it } from 'vitest';
import { lengthOfStayText, newStayDraft, stayContentOf, stayDraftOf } from './stayModel';

const LOS = {
  expectedDays: { min: 5, max: 7 },
  extendedStay: false,
  source: 'core',
} as const;

describe('the hospital stay form', () => {
  it('starts on the operation day with one empty row per milestone of the core', () => {
    const draft = newStayDraft('2025-03-01');
    expect(draft.admissionDate).toBe('2025-03-01');
    expect(draft.milestones.map((m) => m.kind)).toEqual(STAY_MILESTONES.map((m) => m.kind));
  });

  it('saves only the milestones with a date, in date order, and no discharge while there is none', () => {
    const draft = {
      ...newStayDraft('2025-03-01'),
      milestones: [
        { kind: 'stairs', date: '2025-03-05' },
        { kind: 'mobilisation', date: '2025-03-02' },
        { kind: 'diet', date: '' },
      ],
    } as const;
    const checked = stayContentOf(draft);
    expect(checked).toEqual({
      ok: true,
      content: {
        admissionDate: '2025-03-01',
        milestones: [
          { kind: 'mobilisation', date: '2025-03-02' },
          { kind: 'stairs', date: '2025-03-05' },
        ],
      },
    });
  });

  it('refuses a discharge before the admission and a milestone outside the stay', () => {
    const checked = stayContentOf({
      admissionDate: '2025-03-01',
      dischargeDate: '2025-02-27',
      milestones: [{ kind: 'diet', date: '2025-02-20' }],
      dischargeDestination: 'home',
    });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.map((e) => e.path)).toEqual([
      '$.content.dischargeDate',
      '$.content.milestones[0].date',
    ]);
  });

  it('reads a saved stay back with its milestones and empty rows for the others', () => {
    const draft = stayDraftOf({
      admissionDate: '2025-03-01',
      dischargeDate: '2025-03-07',
      milestones: [{ kind: 'drainRemoval', date: '2025-03-03' }],
      dischargeDestination: 'rehabilitationFacility',
    });
    expect(draft.milestones[0]).toEqual({ kind: 'drainRemoval', date: '2025-03-03' });
    expect(draft.milestones).toHaveLength(STAY_MILESTONES.length);
    expect(draft.dischargeDestination).toBe('rehabilitationFacility');
  });

  it('says the length of stay as the server assessed it against the expected range', () => {
    expect(lengthOfStayText({ ...LOS, days: 6, assessment: 'within' })).toBe(
      '6 days: within the expected 5–7 days.',
    );
    expect(lengthOfStayText({ ...LOS, days: 10, assessment: 'longer', extendedStay: true })).toBe(
      '10 days: longer than the expected 5–7 days; an extended stay.',
    );
    expect(lengthOfStayText({ ...LOS, days: 1, assessment: 'shorter' })).toBe(
      '1 day: shorter than the expected 5–7 days.',
    );
    expect(lengthOfStayText(null)).toMatch(/No discharge date yet/);
  });
});
