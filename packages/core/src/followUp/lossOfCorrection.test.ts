import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { correctionChange } from './lossOfCorrection.js';

describe('correctionChange', () => {
  it('reports follow-up minus reference with its sign', () => {
    const lost = correctionChange(
      'lumbarLordosisDeg',
      '°',
      { kind: 'immediate-postoperative', value: 52 },
      44,
    );
    expect(lost.change).toBe(-8);
    expect(lost.rules[0]).toMatch(/= -8°/);
    const gained = correctionChange('sagittalVerticalAxisMm', ' mm', { kind: 'planned', value: 20 }, 45);
    expect(gained.change).toBe(25);
    expect(gained.rules[0]).toMatch(/= \+25 mm/);
  });

  it('never flags a loss of correction, saying no published threshold is applied', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -200, max: 200, noNaN: true }),
        fc.double({ min: -200, max: 200, noNaN: true }),
        (ref, fu) => {
          const result = correctionChange('x', '°', { kind: 'planned', value: ref }, fu);
          expect(result.lossOfCorrection).toBeNull();
          expect(result.undetermined.lossOfCorrection).toMatch(/no published threshold/);
          expect(result.change).toBe(fu - ref);
        },
      ),
    );
  });

  it('needs both values', () => {
    const result = correctionChange(
      'lumbarLordosisDeg',
      '°',
      { kind: 'immediate-postoperative', value: null },
      40,
    );
    expect(result.change).toBeNull();
    expect(result.undetermined.change).toMatch(/immediate-postoperative and the follow-up/);
  });
});
