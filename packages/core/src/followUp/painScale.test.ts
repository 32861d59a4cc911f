import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNrsPain, painScores } from './painScale.js';

describe('painScores', () => {
  it('keeps whole numbers from 0 to 10', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }), (back, leg) => {
        const result = painScores(back, leg);
        expect(result.backPain).toBe(back);
        expect(result.legPain).toBe(leg);
        expect(result.undetermined).toEqual({});
      }),
    );
  });

  it('leaves a missing, fractional or out-of-range answer undetermined with the reason', () => {
    const result = painScores(11, null);
    expect(result.backPain).toBeNull();
    expect(result.undetermined.backPain).toMatch(/not a whole number from 0 to 10/);
    expect(result.undetermined.legPain).toBe('not recorded');
    expect(isNrsPain(2.5)).toBe(false);
    expect(isNrsPain(-1)).toBe(false);
    expect(isNrsPain(Number.NaN)).toBe(false);
  });

  it('gives no severity band', () => {
    expect(Object.keys(painScores(7, 3))).not.toContain('band');
  });
});
