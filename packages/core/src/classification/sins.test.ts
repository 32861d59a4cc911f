import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEVELS, type Level } from '../case/levels.js';
import {
  SINS_ALIGNMENT,
  SINS_COLLAPSE,
  SINS_LESION,
  SINS_PAIN,
  SINS_POSTEROLATERAL,
  SINS_SACRAL_LOCATION,
  type SinsInputs,
} from '../case/types.js';
import { sins, sinsLocationPoints } from './sins.js';

// Spinal Instability Neoplastic Score: Fisher CG et al., Spine 2010;35:E1221–E1229 (table as reproduced by
// oxfordmedicaleducation.com "Scoring systems in MSCC – SINS score" and ars-neurochirurgica.com):
// location junctional (occiput–C2, C7–T2, T11–L1, L5–S1) 3, mobile (C3–C6, L2–L4) 2, semi-rigid (T3–T10) 1,
// rigid (S2–S5) 0; pain mechanical 3, occasional non-mechanical 1, pain-free 0; lesion lytic 2, mixed 1,
// blastic 0; alignment subluxation/translation 4, de novo deformity 2, normal 0; collapse > 50 % 3,
// < 50 % 2, none with > 50 % body involved 1, none 0; posterolateral bilateral 3, unilateral 1, none 0.
// Total 0–6 stable, 7–12 indeterminate (possibly impending instability), 13–18 unstable.
// No published patient with every component was found: the examples below are built from this table.

const PAIN = { mechanical: 3, 'occasional-non-mechanical': 1, none: 0 } as const;
const LESION = { lytic: 2, mixed: 1, blastic: 0 } as const;
const ALIGNMENT = { 'subluxation-translation': 4, 'de-novo-deformity': 2, normal: 0 } as const;
const COLLAPSE = {
  'over-50-percent': 3,
  'under-50-percent': 2,
  'none-over-50-percent-body-involved': 1,
  none: 0,
} as const;
const POSTEROLATERAL = { bilateral: 3, unilateral: 1, none: 0 } as const;
const bandOf = (total: number) => (total <= 6 ? 'stable' : total <= 12 ? 'indeterminate' : 'unstable');

const BLASTIC_PAINLESS: Required<SinsInputs> = {
  location: 'T7',
  pain: 'none',
  lesion: 'blastic',
  alignment: 'normal',
  collapse: 'none',
  posterolateral: 'none',
};

describe('SINS worked examples (built from the published table)', () => {
  it.each([
    ['blastic, pain-free T7 lesion, normal alignment', BLASTIC_PAINLESS, 1, 'stable'],
    [
      'lytic T7 lesion with mechanical pain, < 50 % collapse, unilateral posterolateral: 1+3+2+0+2+1',
      {
        ...BLASTIC_PAINLESS,
        pain: 'mechanical',
        lesion: 'lytic',
        collapse: 'under-50-percent',
        posterolateral: 'unilateral',
      },
      9,
      'indeterminate',
    ],
    [
      'lytic L1 lesion, mechanical pain, subluxation, > 50 % collapse, bilateral: 3+3+2+4+3+3',
      {
        location: 'L1',
        pain: 'mechanical',
        lesion: 'lytic',
        alignment: 'subluxation-translation',
        collapse: 'over-50-percent',
        posterolateral: 'bilateral',
      },
      18,
      'unstable',
    ],
    [
      'sacral (S2–S5) blastic lesion, pain-free',
      { ...BLASTIC_PAINLESS, location: SINS_SACRAL_LOCATION },
      0,
      'stable',
    ],
  ] as const)('%s → %s, %s', (_name, facts, total, band) => {
    const result = sins(facts);
    expect(result).toMatchObject({ total, band, undetermined: {} });
    expect(result.citations).toEqual(['fisher-2010']);
  });
});

describe('SINS location table (every level)', () => {
  const expected = (level: Level): number => {
    const junctional: Level[] = ['C1', 'C2', 'C7', 'T1', 'T2', 'T11', 'T12', 'L1', 'L5', 'S1'];
    const mobile: Level[] = ['C3', 'C4', 'C5', 'C6', 'L2', 'L3', 'L4'];
    return junctional.includes(level) ? 3 : mobile.includes(level) ? 2 : 1;
  };
  it.each(LEVELS.map((level) => [level, expected(level)] as const))('%s → %s points', (level, points) => {
    expect(sinsLocationPoints(level).points).toBe(points);
  });

  it('S2–S5 (rigid) → 0 points; segment names as published', () => {
    expect(sinsLocationPoints(SINS_SACRAL_LOCATION)).toEqual({ points: 0, segment: 'rigid (S2–S5)' });
    expect(sinsLocationPoints('T2').segment).toBe('junctional');
    expect(sinsLocationPoints('T3').segment).toBe('semi-rigid (T3–T10)');
    expect(sinsLocationPoints('L2').segment).toBe('mobile');
  });
});

describe('SINS boundaries of the stability bands', () => {
  // Totals 6/7 and 12/13 from the semi-rigid T7 baseline (1 point).
  it.each([
    [{ pain: 'mechanical', lesion: 'lytic' }, 6], // 1+3+2
    [{ pain: 'mechanical', lesion: 'lytic', posterolateral: 'unilateral' }, 7],
    [
      {
        pain: 'mechanical',
        lesion: 'lytic',
        alignment: 'subluxation-translation',
        posterolateral: 'unilateral',
        collapse: 'none-over-50-percent-body-involved',
      },
      12,
    ],
    [
      {
        pain: 'mechanical',
        lesion: 'lytic',
        alignment: 'subluxation-translation',
        posterolateral: 'unilateral',
        collapse: 'under-50-percent',
      },
      13,
    ],
  ] as const)('%j → total %s', (change, total) => {
    expect(sins({ ...BLASTIC_PAINLESS, ...change })).toMatchObject({ total, band: bandOf(total) });
  });

  it('6 is the last stable total, 7 the first indeterminate, 12 the last indeterminate, 13 unstable', () => {
    expect([6, 7, 12, 13].map(bandOf)).toEqual(['stable', 'indeterminate', 'indeterminate', 'unstable']);
  });
});

describe('SINS properties', () => {
  const facts = fc.record({
    location: fc.constantFrom<SinsInputs['location']>(...LEVELS, SINS_SACRAL_LOCATION),
    pain: fc.constantFrom(...SINS_PAIN),
    lesion: fc.constantFrom(...SINS_LESION),
    alignment: fc.constantFrom(...SINS_ALIGNMENT),
    collapse: fc.constantFrom(...SINS_COLLAPSE),
    posterolateral: fc.constantFrom(...SINS_POSTEROLATERAL),
  });

  it('scores every combination as the published table, band from the total (0–18)', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const location = f.location === undefined ? 0 : sinsLocationPoints(f.location).points;
        const total =
          location +
          PAIN[f.pain] +
          LESION[f.lesion] +
          ALIGNMENT[f.alignment] +
          COLLAPSE[f.collapse] +
          POSTEROLATERAL[f.posterolateral];
        const result = sins(f);
        expect(result).toMatchObject({ total, band: bandOf(total) });
        expect(total).toBeGreaterThanOrEqual(0);
        expect(total).toBeLessThanOrEqual(18);
      }),
    );
  });

  it('never guesses: leaving out any component gives no total and names the missing field', () => {
    const fields = ['location', 'pain', 'lesion', 'alignment', 'collapse', 'posterolateral'] as const;
    fc.assert(
      fc.property(facts, fc.subarray([...fields], { minLength: 1 }), (f, missing) => {
        const partial: SinsInputs = Object.fromEntries(
          Object.entries(f).filter(([key]) => !(missing as readonly string[]).includes(key)),
        );
        const result = sins(partial);
        expect(result).toMatchObject({ total: null, band: null });
        for (const field of missing)
          expect(result.undetermined[field]).toBe(`not recorded (clinical.sins.${field})`);
      }),
    );
  });
});

describe('SINS undetermined', () => {
  it('no SINS facts: all six components are reported missing', () => {
    const result = sins(undefined);
    expect(result).toMatchObject({ total: null, band: null, inputs: {}, rules: [] });
    expect(Object.keys(result.undetermined)).toEqual([
      'location',
      'pain',
      'lesion',
      'alignment',
      'collapse',
      'posterolateral',
    ]);
  });

  it('explains every component it scored', () => {
    const result = sins({ ...BLASTIC_PAINLESS, location: 'L5' });
    expect(result.inputs.location).toBe('L5 (junctional)');
    expect(result.rules).toContain('location L5 (junctional) → 3');
    expect(result.rules.at(-1)).toBe('total 3: 0–6 → stable');
  });
});
