import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oswestryDisabilityIndex, type OdiAnswer } from './oswestryDisabilityIndex.js';

// ODI v2.1a scoring instructions (Fairbank & Pynsent, Spine 2000;25:2940): "16 (total scored) / 50 (total
// possible score) × 100 = 32 %"; "if one section is missed or not applicable: 16 / 45 × 100 = 35.5 %".
// Interpretation: 0–20 % minimal, 21–40 % moderate, 41–60 % severe, 61–80 % crippled, 81–100 % bed-bound.

const answer = fc.constantFrom<OdiAnswer>(0, 1, 2, 3, 4, 5);

describe('oswestryDisabilityIndex', () => {
  it('scores the published example of 16 points over ten sections as 32 %, moderate', () => {
    const result = oswestryDisabilityIndex([2, 2, 2, 2, 2, 2, 1, 1, 1, 1]);
    expect(result.scorePercent).toBe(32);
    expect(result.band).toBe('moderate');
    expect(result.undetermined).toEqual({});
    expect(result.citations).toEqual(['fairbank-2000']);
  });

  it('divides by 45 when one section is blank, as the published example (16 of 45 → 35.6 %)', () => {
    const result = oswestryDisabilityIndex([2, 2, 2, 2, 2, 2, 2, 1, 1, null]);
    expect(result.scorePercent).toBeCloseTo((16 / 45) * 100, 12);
    expect(result.answeredSections).toBe(9);
    expect(result.band).toBe('moderate');
  });

  it('leaves the score undetermined with two blank sections, saying why', () => {
    const result = oswestryDisabilityIndex([2, 2, 2, 2, 2, 2, 2, 2, null, null]);
    expect(result.scorePercent).toBeNull();
    expect(result.band).toBeNull();
    expect(result.undetermined.scorePercent).toMatch(/2 sections blank/);
  });

  it('rejects answers outside 0–5 and a wrong number of sections', () => {
    expect(oswestryDisabilityIndex([6, 0, 0, 0, 0, 0, 0, 0, 0, 0]).undetermined.scorePercent).toMatch(
      /section 1/,
    );
    expect(oswestryDisabilityIndex([1.5, 0, 0, 0, 0, 0, 0, 0, 0, 0]).scorePercent).toBeNull();
    expect(oswestryDisabilityIndex([0, 0, 0]).undetermined.scorePercent).toMatch(/needs 10/);
  });

  it('puts the band boundaries where the interpretation writes them', () => {
    const withSum = (sum: number) =>
      oswestryDisabilityIndex(
        [...Array(10).keys()].map((i) => (i < sum % 10 ? 1 : 0) + Math.floor(sum / 10)) as OdiAnswer[],
      );
    expect(withSum(10).band).toBe('minimal'); // 20 %
    expect(withSum(11).band).toBe('moderate'); // 22 %
    expect(withSum(20).band).toBe('moderate'); // 40 %
    expect(withSum(21).band).toBe('severe'); // 42 %
    expect(withSum(30).band).toBe('severe'); // 60 %
    expect(withSum(31).band).toBe('crippled'); // 62 %
    expect(withSum(40).band).toBe('crippled'); // 80 %
    expect(withSum(41).band).toBe('bed-bound'); // 82 %
    expect(withSum(50).scorePercent).toBe(100);
  });

  it('gives every complete or one-blank questionnaire a score in 0–100 and exactly one band', () => {
    fc.assert(
      fc.property(
        fc.array(answer, { minLength: 10, maxLength: 10 }),
        fc.option(fc.nat(9), { nil: undefined }),
        (answers, blank) => {
          const input: OdiAnswer[] = [...answers];
          if (blank !== undefined) input[blank] = null;
          const result = oswestryDisabilityIndex(input);
          expect(result.scorePercent).not.toBeNull();
          expect(result.scorePercent).toBeGreaterThanOrEqual(0);
          expect(result.scorePercent).toBeLessThanOrEqual(100);
          expect(result.band).not.toBeNull();
          expect(result.undetermined).toEqual({});
        },
      ),
    );
  });

  it('does not depend on the order of the sections', () => {
    fc.assert(
      fc.property(fc.array(answer, { minLength: 10, maxLength: 10 }), (answers) => {
        const reversed = [...answers].reverse();
        expect(oswestryDisabilityIndex(reversed).scorePercent).toBe(
          oswestryDisabilityIndex(answers).scorePercent,
        );
      }),
    );
  });
});
