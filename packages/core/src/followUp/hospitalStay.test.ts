import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assessLengthOfStay,
  DISCHARGE_DESTINATIONS,
  isDischargeDestination,
  isStayMilestoneKind,
  lengthOfStayDays,
  STAY_MILESTONES,
} from './hospitalStay.js';

describe('hospital stay', () => {
  it('lists the five milestones by kind, each with a label', () => {
    expect(STAY_MILESTONES.map((m) => m.kind)).toEqual([
      'mobilisation',
      'drainRemoval',
      'diet',
      'oralPainControl',
      'stairs',
    ]);
    expect(isStayMilestoneKind('stairs')).toBe(true);
    expect(isStayMilestoneKind('Stairs')).toBe(false);
    expect(isDischargeDestination('home')).toBe(true);
    expect(isDischargeDestination('moon')).toBe(false);
    expect(new Set(DISCHARGE_DESTINATIONS.map((d) => d.destination)).size).toBe(
      DISCHARGE_DESTINATIONS.length,
    );
  });

  it('counts nights from admission to discharge, across a month end', () => {
    expect(lengthOfStayDays('2024-01-29', '2024-02-04')).toBe(6);
    expect(lengthOfStayDays('2024-03-01', '2024-03-01')).toBe(0);
  });

  it('throws when discharge precedes admission or a date is not real', () => {
    expect(() => lengthOfStayDays('2024-03-05', '2024-03-01')).toThrow(/before admissionDate/);
    expect(() => lengthOfStayDays('2024-02-30', '2024-03-01')).toThrow(/admissionDate 2024-02-30/);
  });

  it('calls 5–7 days within, fewer shorter and more longer, and 9 days or more an extended stay', () => {
    expect(assessLengthOfStay(4)).toMatchObject({ assessment: 'shorter', extendedStay: false });
    expect(assessLengthOfStay(5)).toMatchObject({ assessment: 'within', expectedDays: { min: 5, max: 7 } });
    expect(assessLengthOfStay(7).assessment).toBe('within');
    expect(assessLengthOfStay(8)).toMatchObject({ assessment: 'longer', extendedStay: false });
    expect(assessLengthOfStay(9)).toMatchObject({ assessment: 'longer', extendedStay: true });
    expect(assessLengthOfStay(6).source).toMatch(/not a published range/);
    expect(assessLengthOfStay(6).source).toMatch(/Klineberg/);
  });

  it('gives exactly one assessment for any stay, ordered with the days', () => {
    const order = { shorter: 0, within: 1, longer: 2 } as const;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), (days) => {
        expect(order[assessLengthOfStay(days + 1).assessment]).toBeGreaterThanOrEqual(
          order[assessLengthOfStay(days).assessment],
        );
      }),
    );
    expect(() => assessLengthOfStay(-1)).toThrow(/0 or more/);
    expect(() => assessLengthOfStay(2.5)).toThrow(/whole number/);
  });
});
