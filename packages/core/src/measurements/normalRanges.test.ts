import { describe, expect, it } from 'vitest';
import { CITATIONS } from './citations.js';
import { LATERAL_PARAMETER_KEYS } from './lateral/lateralParameters.js';
import { COBB_NORMAL_RANGE, LATERAL_NORMAL_RANGES, rangeFlag } from './normalRanges.js';

describe('normal ranges', () => {
  it('flag a value below, within or above the stated range, boundaries included in the range', () => {
    const pt = LATERAL_NORMAL_RANGES.pelvicTiltDeg;
    expect([4.9, 5, 25, 25.1].map((v) => rangeFlag(pt, v))).toEqual(['below', 'within', 'within', 'above']);
    expect(rangeFlag(LATERAL_NORMAL_RANGES.sagittalVerticalAxisMm, -80)).toBe('within');
    expect(rangeFlag(COBB_NORMAL_RANGE, 10.5)).toBe('above');
  });

  it('never flag a parameter whose source gives no threshold', () => {
    expect(rangeFlag(LATERAL_NORMAL_RANGES.lumbarLordosisDeg, 5)).toBe('no-threshold');
    expect(rangeFlag(LATERAL_NORMAL_RANGES.globalTiltDeg, 30)).toBe('no-threshold');
  });

  it('name real parameters and known sources only', () => {
    for (const [key, range] of Object.entries(LATERAL_NORMAL_RANGES)) {
      expect(LATERAL_PARAMETER_KEYS).toContain(key);
      expect(Object.keys(CITATIONS)).toContain(range.citation);
      if (range.min !== undefined && range.max !== undefined) expect(range.min).toBeLessThan(range.max);
    }
  });
});
