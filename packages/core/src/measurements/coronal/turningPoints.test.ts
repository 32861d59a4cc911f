import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { turningPoints } from './turningPoints.js';

describe('turningPoints', () => {
  it('finds nothing in a sequence that never moves by the hysteresis', () => {
    expect(turningPoints([0, 2, -1, 3, 1], 5)).toEqual([]);
    expect(turningPoints([], 5)).toEqual([]);
  });

  it('returns the two ends of one monotone stretch', () => {
    expect(turningPoints([-20, -10, 0, 10, 25], 5)).toEqual([0, 4]);
  });

  it('starts a stretch at its extreme, not at the first value', () => {
    // −1 (index 2) is the lowest point before the rise.
    expect(turningPoints([0, 3, -1, 2, 6, 10], 5)).toEqual([2, 5]);
  });

  it('ends a stretch at its extreme, not at the last value', () => {
    expect(turningPoints([-20, 0, 25, 22, 21], 5)).toEqual([0, 2]);
  });

  it('ignores a reversal smaller than the hysteresis inside a stretch', () => {
    expect(turningPoints([-20, -10, -12, 0, -2, 10, 25], 5)).toEqual([0, 6]);
  });

  it('turns at every reversal of at least the hysteresis', () => {
    expect(turningPoints([-20, 25, -10, 5], 5)).toEqual([0, 1, 2, 3]);
    expect(turningPoints([0, 5, 0], 5)).toEqual([0, 1, 2]);
  });

  it('alternates rises and falls of at least the hysteresis', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -60, max: 60, noNaN: true }), { maxLength: 40 }), (values) => {
        const turns = turningPoints(values, 5);
        for (let k = 0; k + 1 < turns.length; k++) {
          const a = values[turns[k] as number] as number;
          const b = values[turns[k + 1] as number] as number;
          expect(Math.abs(b - a)).toBeGreaterThanOrEqual(5);
          expect(turns[k + 1] as number).toBeGreaterThan(turns[k] as number);
          if (k + 2 < turns.length) {
            const c = values[turns[k + 2] as number] as number;
            expect(Math.sign(b - a)).toBe(-Math.sign(c - b));
          }
        }
      }),
    );
  });
});
