import { describe, expect, it } from 'vitest';
import type { PublishedRate } from './outcomeTypes';
import { citationText, intervalText, percentText, publishedRange, scaleMaxPercent } from './rateModel';

const published = (ratePercent: PublishedRate['ratePercent']): PublishedRate => ({
  statement: 'rate',
  ratePercent,
  population: 'adults',
  citation: 'burton-2016',
});

describe('the rates next to the published ones', () => {
  it('treats a single published value as a range of one point', () => {
    expect(publishedRange(published(7))).toEqual({ min: 7, max: 7 });
    expect(publishedRange(published({ min: 5, max: 12 }))).toEqual({ min: 5, max: 12 });
  });

  it('writes percentages to a tenth, ranges with a dash', () => {
    expect(percentText(100 / 3)).toBe('33.3 %');
    expect(percentText({ min: 5, max: 12 })).toBe('5–12 %');
    expect(percentText({ min: 4, max: 4 })).toBe('4 %');
    expect(percentText(null)).toBe('—');
    expect(intervalText({ lower: 2.06, upper: 19.34 })).toBe('95 % CI 2.1–19.3 %');
  });

  it('fits the widest interval end and published value on a scale rounded up to ten percent', () => {
    expect(
      scaleMaxPercent([
        { interval: { lower: 0, upper: 43.4 }, published: [published(12)] },
        { interval: null, published: [published({ min: 5, max: 21 })] },
      ]),
    ).toBe(50);
  });

  it('keeps the scale between 10 and 100 percent', () => {
    expect(scaleMaxPercent([{ interval: { lower: 0, upper: 2 }, published: [] }])).toBe(10);
    expect(scaleMaxPercent([{ interval: { lower: 40, upper: 100 }, published: [] }])).toBe(100);
  });

  it('gives the full reference of a citation the core knows, and the id of one it does not', () => {
    expect(citationText('burton-2016')).toMatch(/^Burton DC/);
    expect(citationText('unknown-2099')).toBe('unknown-2099');
  });
});
