import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SRS22R_DOMAIN_ITEMS, srs22r } from './srs22r.js';

// Item map as documented with the SRS-22r data of the BifactorIndicesCalculator R package: function 5, 9,
// 12, 15, 18; pain 1, 2, 8, 11, 17; self-image 4, 6, 10, 14, 19; mental health 3, 7, 13, 16, 20;
// satisfaction the remaining 21, 22. Scoring: domain = mean of answered items; a domain other than
// satisfaction is not scored with fewer than 3 answered items.

/** 22 answers where each item of `domain` gets `value` and every other item 3. */
function withDomain(domain: keyof typeof SRS22R_DOMAIN_ITEMS, value: number): (number | null)[] {
  const answers: (number | null)[] = Array(22).fill(3);
  for (const item of SRS22R_DOMAIN_ITEMS[domain]) answers[item - 1] = value;
  return answers;
}

describe('srs22r', () => {
  it('maps the 22 items onto the five domains, each item exactly once', () => {
    const all = Object.values(SRS22R_DOMAIN_ITEMS)
      .flat()
      .sort((a, b) => a - b);
    expect(all).toEqual([...Array(22).keys()].map((i) => i + 1));
  });

  it('scores each domain as the mean of its own items', () => {
    for (const domain of Object.keys(SRS22R_DOMAIN_ITEMS) as (keyof typeof SRS22R_DOMAIN_ITEMS)[]) {
      const result = srs22r(withDomain(domain, 5));
      expect(result.domains[domain]).toBe(5);
      for (const other of Object.keys(SRS22R_DOMAIN_ITEMS) as (keyof typeof SRS22R_DOMAIN_ITEMS)[]) {
        if (other !== domain) expect(result.domains[other]).toBe(3);
      }
    }
  });

  it('averages the answered items of a domain when two are blank', () => {
    const answers = withDomain('pain', 4);
    answers[0] = null; // item 1
    answers[1] = null; // item 2
    answers[7] = 1; // item 8
    const result = srs22r(answers);
    expect(result.domains.pain).toBeCloseTo((1 + 4 + 4) / 3, 12);
    expect(result.total).not.toBeNull();
  });

  it('leaves a five-item domain and the total undetermined with only two answers', () => {
    const answers = withDomain('function', 4);
    for (const item of [5, 9, 12]) answers[item - 1] = null;
    const result = srs22r(answers);
    expect(result.domains.function).toBeNull();
    expect(result.undetermined.function).toMatch(/needs at least 3/);
    expect(result.total).toBeNull();
    expect(result.domains.pain).toBe(3);
  });

  it('scores satisfaction from one answered item and not from none', () => {
    const one = withDomain('satisfaction', 4);
    one[21] = null;
    expect(srs22r(one).domains.satisfaction).toBe(4);
    const none = withDomain('satisfaction', 4);
    none[20] = null;
    none[21] = null;
    expect(srs22r(none).domains.satisfaction).toBeNull();
  });

  it('rejects answers outside 1–5 and a wrong number of items', () => {
    const answers: (number | null)[] = Array(22).fill(3);
    answers[4] = 0;
    expect(srs22r(answers).undetermined.total).toMatch(/item 5/);
    expect(srs22r([3, 3]).total).toBeNull();
  });

  it('keeps every score between 1 and 5 and the total equal to the item mean', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 22, maxLength: 22 }), (answers) => {
        const result = srs22r(answers);
        for (const value of Object.values(result.domains)) {
          expect(value).not.toBeNull();
          expect(value).toBeGreaterThanOrEqual(1);
          expect(value).toBeLessThanOrEqual(5);
        }
        expect(result.total).toBeCloseTo(answers.reduce((s, a) => s + a, 0) / 22, 12);
      }),
    );
  });
});
