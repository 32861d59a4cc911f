import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Level } from '../case/levels.js';
import type { LateralCorner, SpineCase } from '../case/types.js';
import { measureCase } from '../measurements/measureCase.js';
import { caseOf, chosenInputs, syntheticAdultDeformityCase } from '../test-support/classificationCases.js';
import { buildLateralSpine } from '../test-support/syntheticLateral.js';
import { classificationInputs, NO_STANDING_LATERAL } from './classificationInputs.js';
import {
  gapScore,
  idealGlobalTiltDeg,
  idealLumbarLordosisDeg,
  idealSacralSlopeDeg,
  type GapPoints,
} from './gapScore.js';

// Global Alignment and Proportion score: Yilgor C et al., J Bone Joint Surg Am 2017;99:1661–1672.
// Ideal SS = 0.59·PI + 9, ideal LL = 0.62·PI + 29, ideal GT = 0.48·PI − 15.
// RPV = SS − ideal SS: < −15 → 3; −15 to −7.1 → 2; −7 to 5 → 0; > 5 → 1.
// RLL = LL − ideal LL: < −25 → 3; −25 to −14.1 → 2; −14 to 11 → 0; > 11 → 3.
// LDI = L4–S1 / L1–S1 × 100: < 40 → 2; 40–49 → 1; 50–80 → 0; > 80 → 3.
// RSA = GT − ideal GT: < −7 → 1; −7 to 10 → 0; 10.1 to 18 → 1; > 18 → 3. Age ≥ 60 → 1.
// Total 0–2 proportioned, 3–6 moderately, ≥ 7 severely disproportioned.
// The bands are written to 0.1° (LDI to whole %), so a component is rounded to that precision before the
// lookup (SpineRecon's documented decision): −7.04° is −7.0° (aligned), −7.06° is −7.1° (2 points).

interface Relative {
  readonly pi: number;
  readonly rpv: number;
  readonly rll: number;
  readonly ldiPercent: number;
  readonly rsa: number;
  readonly ageYears?: number;
}

/** Classification inputs whose GAP components are the given relative values (by the published ideals). */
function inputsFor(r: Relative) {
  const ll = idealLumbarLordosisDeg(r.pi) + r.rll;
  return chosenInputs({
    lateral: {
      pelvicIncidenceDeg: r.pi,
      sacralSlopeDeg: idealSacralSlopeDeg(r.pi) + r.rpv,
      lumbarLordosisDeg: ll,
      lumbarLordosisL4S1Deg: (ll * r.ldiPercent) / 100,
      globalTiltDeg: idealGlobalTiltDeg(r.pi) + r.rsa,
    },
    ...(r.ageYears === undefined ? {} : { ageYears: r.ageYears }),
  });
}

const ALIGNED: Relative = { pi: 55, rpv: 0, rll: 0, ldiPercent: 65, rsa: 0, ageYears: 40 };

/** Independent oracle on whole tenths (k = value × 10), so no floating boundary is involved. */
const tenths = (value: number) => Math.round(value * 10);
const ORACLE = {
  rpv: (k: number) => (k < -150 ? 3 : k <= -71 ? 2 : k <= 50 ? 0 : 1),
  rll: (k: number) => (k < -250 ? 3 : k <= -141 ? 2 : k <= 110 ? 0 : 3),
  rsa: (k: number) => (k < -70 ? 1 : k <= 100 ? 0 : k <= 180 ? 1 : 3),
  ldi: (percent: number) => (percent < 40 ? 2 : percent <= 49 ? 1 : percent <= 80 ? 0 : 3),
};

describe('GAP worked examples', () => {
  it('example built from the published tables: PI 60, SS 30, LL 40, L4–S1 35, GT 30, age 65 → 10, severe', () => {
    // No numeric example of the paper could be read here; this one is worked by hand from its tables:
    // ideal SS 0.59·60 + 9 = 44.4 → RPV −14.4 → 2; ideal LL 66.2 → RLL −26.2 → 3; LDI 35/40 = 87.5 → 88 %
    // → 3; ideal GT 13.8 → RSA 16.2 → 1; age 65 → 1. Total 10 ≥ 7: severely disproportioned.
    const result = gapScore(
      chosenInputs({
        lateral: {
          pelvicIncidenceDeg: 60,
          sacralSlopeDeg: 30,
          lumbarLordosisDeg: 40,
          lumbarLordosisL4S1Deg: 35,
          globalTiltDeg: 30,
        },
        ageYears: 65,
      }),
    );
    expect(result.points).toEqual({ rpv: 2, rll: 3, ldi: 3, rsa: 1, age: 1 });
    expect(result).toMatchObject({ total: 10, category: 'severely disproportioned', undetermined: {} });
    const { inputs } = result;
    expect(inputs.relativePelvicVersionDeg).toBeCloseTo(-14.4, 9);
    expect(inputs.relativeLumbarLordosisDeg).toBeCloseTo(-26.2, 9);
    expect(inputs.lordosisDistributionIndexPercent).toBe(88);
    expect(inputs.relativeSpinopelvicAlignmentDeg).toBeCloseTo(16.2, 9);
    expect(result.citations).toEqual(['yilgor-2017']);
  });

  it('a spine exactly at its PI-based ideals, younger than 60, scores 0: proportioned', () => {
    const result = gapScore(inputsFor(ALIGNED));
    expect(result).toMatchObject({ total: 0, category: 'proportioned' });
  });

  it('the synthetic adult deformity case (age 67) scores 12: severely disproportioned', () => {
    // Checked by hand from its measurements: PI 51.8, SS 28.0, LL 30.0, L4–S1 29.0, GT 35.3 → RPV −11.6 (2),
    // RLL −31.1 (3), LDI 97 % (3), RSA 25.5 (3), age 67 (1).
    const spineCase = syntheticAdultDeformityCase();
    const result = gapScore(classificationInputs(spineCase, measureCase(spineCase)));
    expect(result.points).toEqual({ rpv: 2, rll: 3, ldi: 3, rsa: 3, age: 1 });
    expect(result).toMatchObject({ total: 12, category: 'severely disproportioned' });
  });
});

describe('GAP boundaries (each component on both sides of every cut-off)', () => {
  const pointsOf = (change: Partial<Relative>) => gapScore(inputsFor({ ...ALIGNED, ...change })).points;
  it.each([
    ['rpv', -15.1, 3],
    ['rpv', -15, 2],
    ['rpv', -7.1, 2],
    ['rpv', -7.06, 2], // rounds to −7.1
    ['rpv', -7.04, 0], // rounds to −7.0
    ['rpv', -7, 0],
    ['rpv', 5, 0],
    ['rpv', 5.1, 1],
    ['rll', -25.1, 3],
    ['rll', -25, 2],
    ['rll', -14.1, 2],
    ['rll', -14, 0],
    ['rll', 11, 0],
    ['rll', 11.1, 3],
    ['rsa', -7.1, 1],
    ['rsa', -7, 0],
    ['rsa', 10, 0],
    ['rsa', 10.1, 1],
    ['rsa', 18, 1],
    ['rsa', 18.1, 3],
  ] as const)('%s %s° → %s points', (component, value, points) => {
    expect(pointsOf({ [component]: value })[component]).toBe(points);
  });

  it.each([
    [39, 2],
    [39.4, 2], // rounds to 39 %
    [40, 1],
    [49, 1],
    [49.4, 1],
    [49.5, 0], // rounds to 50 %
    [50, 0],
    [80, 0],
    [80.4, 0],
    [81, 3],
  ] as const)('LDI %s %% → %s points', (ldiPercent, points) => {
    expect(pointsOf({ ldiPercent }).ldi).toBe(points);
  });

  it('age 59 → 0 points, 60 → 1 point', () => {
    expect(pointsOf({ ageYears: 59 }).age).toBe(0);
    expect(pointsOf({ ageYears: 60 }).age).toBe(1);
  });

  it.each([
    [{ rpv: 5.1, ageYears: 60 }, 2, 'proportioned'], // 1 + 1
    [{ rll: -14.1, ageYears: 60 }, 3, 'moderately disproportioned'], // 2 + 1
    [{ rll: 11.1, rpv: -7.1, ldiPercent: 40 }, 6, 'moderately disproportioned'], // 3 + 2 + 1
    [{ rll: 11.1, rpv: -7.1, ldiPercent: 40, ageYears: 60 }, 7, 'severely disproportioned'], // + 1
  ] as const)('total %# → %s: %s', (change, total, category) => {
    expect(gapScore(inputsFor({ ...ALIGNED, ...change }))).toMatchObject({ total, category });
  });
});

describe('GAP properties', () => {
  const relative = fc.record({
    pi: fc.double({ min: 25, max: 95, noNaN: true }),
    rpv: fc.double({ min: -30, max: 20, noNaN: true }),
    rll: fc.double({ min: -45, max: 30, noNaN: true }),
    ldiPercent: fc.double({ min: 10, max: 110, noNaN: true }),
    rsa: fc.double({ min: -20, max: 40, noNaN: true }),
    ageYears: fc.integer({ min: 18, max: 95 }),
  });
  const awayFromHalfTenth = (v: number) => Math.abs(v * 10 - Math.round(v * 10)) < 0.5 - 1e-6;
  const awayFromHalfPercent = (v: number) => Math.abs(v - Math.round(v)) < 0.5 - 1e-6;

  it('scores every component as the published tables do (a score changes only at a cut-off)', () => {
    fc.assert(
      fc.property(relative, (r) => {
        fc.pre(awayFromHalfTenth(r.rpv) && awayFromHalfTenth(r.rll) && awayFromHalfTenth(r.rsa));
        fc.pre(awayFromHalfPercent(r.ldiPercent) && idealLumbarLordosisDeg(r.pi) + r.rll > 1);
        const result = gapScore(inputsFor(r));
        const expected: GapPoints = {
          rpv: ORACLE.rpv(tenths(r.rpv)),
          rll: ORACLE.rll(tenths(r.rll)),
          ldi: ORACLE.ldi(Math.round(r.ldiPercent)),
          rsa: ORACLE.rsa(tenths(r.rsa)),
          age: r.ageYears >= 60 ? 1 : 0,
        };
        expect(result.points).toEqual(expected);
        const total = Object.values(expected).reduce((a: number, b) => a + (b ?? 0), 0);
        expect(result.total).toBe(total);
        expect(result.category).toBe(
          total <= 2
            ? 'proportioned'
            : total <= 6
              ? 'moderately disproportioned'
              : 'severely disproportioned',
        );
      }),
      { numRuns: 300 },
    );
  });

  it('always finds a band: every rounded value from −60° to +60° gets points (no gap between bands)', () => {
    for (let k = -600; k <= 600; k++) {
      const points = gapScore(inputsFor({ ...ALIGNED, rpv: k / 10, rll: k / 10, rsa: k / 10 })).points;
      expect([points.rpv, points.rll, points.rsa]).toEqual([ORACLE.rpv(k), ORACLE.rll(k), ORACLE.rsa(k)]);
    }
  });

  it('never guesses: removing landmarks of a film gives the same points or null with a reason', () => {
    const full = buildLateralSpine({ sacralSlopeDeg: 30, pelvicTiltDeg: 24, pixelSpacingMm: 0.2 }).radiograph;
    const score = (spineCase: SpineCase) => gapScore(classificationInputs(spineCase, measureCase(spineCase)));
    const reference = score(caseOf({ lateral: full, ageYears: 70 }));
    expect(reference.total).not.toBeNull();
    const corners: [Level, LateralCorner][] = (['C7', 'L1', 'L4', 'S1'] as const).flatMap((level) =>
      (['superiorAnterior', 'superiorPosterior', 'inferiorAnterior', 'inferiorPosterior'] as const).map(
        (corner): [Level, LateralCorner] => [level, corner],
      ),
    );
    fc.assert(
      fc.property(fc.subarray(corners), fc.constantFrom(0, 2), (removed, heads) => {
        const vertebrae = { ...full.vertebrae };
        for (const [level, corner] of removed) {
          const { [corner]: _gone, ...kept } = vertebrae[level] ?? {};
          vertebrae[level] = kept;
        }
        const film = { ...full, vertebrae, femoralHeads: full.femoralHeads.slice(0, heads) };
        const result = score(caseOf({ lateral: film, ageYears: 70 }));
        for (const key of ['rpv', 'rll', 'ldi', 'rsa', 'age'] as const) {
          if (result.points[key] === null) expect(result.undetermined[key]).toMatch(/\S/);
          else expect(result.points[key]).toBe(reference.points[key]);
        }
        if (result.total === null) expect(result.undetermined.total).toMatch(/every component/);
        else expect(result.total).toBe(reference.total);
      }),
    );
  });
});

describe('GAP undetermined, never a guess', () => {
  it('without a lateral film: the four sagittal components and the total are null, with reasons', () => {
    const result = gapScore(chosenInputs({ ageYears: 70 }));
    expect(result.points).toEqual({ rpv: null, rll: null, ldi: null, rsa: null, age: 1 });
    expect(result).toMatchObject({ total: null, category: null });
    expect(result.undetermined).toEqual({
      rpv: NO_STANDING_LATERAL,
      rll: NO_STANDING_LATERAL,
      ldi: NO_STANDING_LATERAL,
      rsa: NO_STANDING_LATERAL,
      total: expect.stringMatching(/every component/),
    });
  });

  it('without the age: the age point and the total are null (age is never assumed)', () => {
    const { ageYears: _age, ...rest } = ALIGNED;
    const result = gapScore(inputsFor(rest));
    expect(result.points.age).toBeNull();
    expect(result.total).toBeNull();
    expect(result.undetermined.age).toMatch(/patient\.ageYears/);
  });

  it('without femoral heads (no PI): RPV, RLL and RSA are null; LDI needs no PI and is scored', () => {
    const film = buildLateralSpine({ femoralHeadCount: 0, pixelSpacingMm: 0.2 }).radiograph;
    const spineCase = caseOf({ lateral: film, ageYears: 50 });
    const result = gapScore(classificationInputs(spineCase, measureCase(spineCase)));
    expect(result.points).toMatchObject({ rpv: null, rll: null, rsa: null, age: 0 });
    expect(result.points.ldi).not.toBeNull();
    for (const key of ['rpv', 'rll', 'rsa']) expect(result.undetermined[key]).toMatch(/femoral head/);
  });

  it('a kyphotic or flat L1–S1 gives no LDI (the ratio has no meaning), with the measured value', () => {
    const flat = gapScore(
      chosenInputs({ lateral: { lumbarLordosisDeg: 0, lumbarLordosisL4S1Deg: 10 }, ageYears: 50 }),
    );
    expect(flat.points.ldi).toBeNull();
    expect(flat.undetermined.ldi).toMatch(/lordotic L1–S1 \(measured 0\.0°\)/);
  });
});
