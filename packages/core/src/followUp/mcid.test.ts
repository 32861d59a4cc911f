import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MCID, mcidReached } from './mcid.js';

// Yoshida 2019 (Asian Spine J 13:35, abstract): MCID of the total ODI 11 % after ASD surgery.
// Parai 2020 (ISSLS prize, abstract): MIC NRS back 2.7, NRS leg 3.2 (SDC 3.6 and 3.7).
// Spine Deform 2018;6:79 (abstract): SRS-22R MCID appearance 1.17, activity 0.40, pain 0.60, total 0.77.

describe('mcidReached', () => {
  it('ships the values read in the abstracts', () => {
    expect(MCID.odi?.value).toBe(11);
    expect(MCID.nrsBackPain?.value).toBe(2.7);
    expect(MCID.nrsLegPain?.value).toBe(3.2);
    expect(MCID.srs22rPain?.value).toBe(0.6);
    expect(MCID.srs22rSelfImage?.value).toBe(1.17);
    expect(MCID.srs22rFunction?.value).toBe(0.4);
    expect(MCID.srs22rTotal?.value).toBe(0.77);
  });

  it('counts a fall of the ODI as improvement and reaches the MCID at exactly 11 points', () => {
    expect(mcidReached('odi', 48, 37)).toMatchObject({ improvement: 11, reached: true });
    expect(mcidReached('odi', 48, 38)).toMatchObject({ improvement: 10, reached: false });
    expect(mcidReached('odi', 30, 48)).toMatchObject({ improvement: -18, reached: false });
  });

  it('counts a rise of an SRS-22r score as improvement, despite rounding of item means', () => {
    expect(mcidReached('srs22rPain', 1.8, 2.4).reached).toBe(true);
    expect(mcidReached('srs22rPain', 2.4, 1.8).reached).toBe(false);
  });

  it('reports the change but no verdict where no MCID was confirmed', () => {
    const result = mcidReached('srs22rMentalHealth', 3, 4);
    expect(result.improvement).toBe(1);
    expect(result.reached).toBeNull();
    expect(result.undetermined.reached).toMatch(/mental health/);
  });

  it('needs both scores', () => {
    const result = mcidReached('nrsLegPain', null, 2);
    expect(result.reached).toBeNull();
    expect(result.undetermined.improvement).toMatch(/both/);
  });

  it('never reaches the MCID when the score worsens or stays the same', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (a, b) => {
        const [before, after] = a <= b ? [a, b] : [b, a]; // ODI not lower afterwards
        expect(mcidReached('odi', before, after).reached).toBe(false);
      }),
    );
  });
});
