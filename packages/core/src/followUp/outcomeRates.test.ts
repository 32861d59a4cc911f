import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { complicationRates, wilsonInterval, Z_95 } from './outcomeRates.js';

describe('wilsonInterval (Wilson 1927)', () => {
  it('reproduces the Wilson intervals of Newcombe 1998’s examples 81/263 and 15/148', () => {
    const a = wilsonInterval(81, 263);
    expect(a.lower).toBeCloseTo(0.2553, 4);
    expect(a.upper).toBeCloseTo(0.3662, 4);
    const b = wilsonInterval(15, 148);
    expect(b.lower).toBeCloseTo(0.0624, 4);
    expect(b.upper).toBeCloseTo(0.1605, 4);
  });

  it('starts at 0 for no events and ends at 1 when every case has one', () => {
    expect(wilsonInterval(0, 20).lower).toBe(0);
    expect(wilsonInterval(0, 20).upper).toBeCloseTo(Z_95 ** 2 / (20 + Z_95 ** 2), 12);
    expect(wilsonInterval(20, 20).upper).toBe(1);
  });

  it('has bounds where the score test statistic equals z, holding the observed rate inside', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.nat(), (n, k) => {
        const count = k % (n + 1);
        const p = count / n;
        const { lower, upper } = wilsonInterval(count, n);
        expect(lower).toBeLessThanOrEqual(p + 1e-12);
        expect(upper).toBeGreaterThanOrEqual(p - 1e-12);
        for (const bound of [lower, upper]) {
          if (bound === 0 || bound === 1) continue;
          expect(Math.abs(p - bound)).toBeCloseTo(Z_95 * Math.sqrt((bound * (1 - bound)) / n), 9);
        }
      }),
    );
  });

  it('refuses counts outside 0 to n', () => {
    expect(() => wilsonInterval(3, 2)).toThrow(/from 0 to n/);
    expect(() => wilsonInterval(0, 0)).toThrow(/at least 1/);
  });
});

describe('complicationRates', () => {
  const series = [
    {
      caseId: 'a',
      complications: [
        { type: 'infectionDeep', clavienDindo: 'IIIb' },
        { type: 'infectionDeep', clavienDindo: 'II' },
      ],
    },
    { caseId: 'b', complications: [{ type: 'implantBreakage', clavienDindo: 'IIIb' }] },
    { caseId: 'c', complications: [] },
    { caseId: 'd', complications: [{ type: 'duralTear', clavienDindo: null }] },
  ];

  it('counts a case once per type, with the rate and its Wilson interval in percent', () => {
    const result = complicationRates(series);
    const deep = result.rates.find((r) => r.type === 'infectionDeep');
    expect(deep).toMatchObject({ count: 1, n: 4, ratePercent: 25 });
    const expected = wilsonInterval(1, 4);
    expect(deep?.wilson95Percent?.lower).toBeCloseTo(expected.lower * 100, 9);
    expect(deep?.byClavienDindo).toEqual({ IIIb: 1 });
    expect(result.rates.find((r) => r.type === 'any')).toMatchObject({ count: 3, ratePercent: 75 });
    expect(result.rates.find((r) => r.type === 'duralTear')?.byClavienDindo).toEqual({ ungraded: 1 });
    expect(result.intervalSource).toMatch(/Wilson EB/);
  });

  it('puts the planning module’s published rate next to a type that has one, and none otherwise', () => {
    const rates = complicationRates(series).rates;
    const rod = rates.find((r) => r.type === 'implantBreakage');
    expect(rod?.published.map((p) => [p.ratePercent, p.citation])).toEqual([
      [9.0, 'smith-2014-rod-fracture'],
    ]);
    const infection = rates.find((r) => r.type === 'infectionSuperficial');
    expect(infection?.published[0]).toMatchObject({ ratePercent: 1.14, citation: 'burton-2016' });
    expect(infection?.publishedScope).toMatch(/superficial and deep together/);
    expect(rates.find((r) => r.type === 'neurologicalInjury')?.published[0]?.citation).toBe('burton-2016');
    expect(rates.find((r) => r.type === 'proximalJunctionalKyphosis')?.published[0]?.ratePercent).toEqual({
      min: 17,
      max: 47.9,
    });
    expect(rates.find((r) => r.type === 'duralTear')?.published).toEqual([]);
  });

  it('gives no rate for an empty series and rejects unknown types or repeated cases', () => {
    const empty = complicationRates([]);
    expect(empty.rates.every((r) => r.ratePercent === null && r.wilson95Percent === null)).toBe(true);
    expect(() => complicationRates([{ caseId: 'x', complications: [{ type: 'gout' }] }])).toThrow(
      /unknown complication type/,
    );
    expect(() => complicationRates([series[2], series[2]] as typeof series)).toThrow(/appears twice/);
  });
});
