import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Level } from '../case/levels.js';
import type { Point } from '../geometry/point.js';
import { measureCase, type RadiographMeasurements } from '../measurements/measureCase.js';
import type { LateralParameter } from '../measurements/lateral/lateralParameters.js';
import {
  BALANCED,
  FLAT_BACK,
  lateralFilmOf,
  lateralValue,
  syntheticCase,
} from '../test-support/planningCases.js';
import { EMPTY_PLAN, type Cage, type Osteotomy, type SurgicalPlan } from './planTypes.js';
import { predictPlan } from './predictPlan.js';
import { spineFromRadiograph } from './sagittalSpine.js';
import { simulatePlan } from './simulatePlan.js';

const TOLERANCE = 1e-9;
const LUMBAR: readonly Level[] = ['L1', 'L2', 'L3', 'L4', 'L5'];

function expectClose(actual: number, expected: number, tolerance = TOLERANCE): void {
  expect(Math.abs(actual - expected), `${actual} should be ${expected} ± ${tolerance}`).toBeLessThanOrEqual(
    tolerance,
  );
}

const plan = (parts: Partial<SurgicalPlan>): SurgicalPlan => ({ ...EMPTY_PLAN, ...parts });

function predicted(spineCase = syntheticCase(FLAT_BACK), surgicalPlan: SurgicalPlan) {
  const prediction = predictPlan(spineCase, surgicalPlan, 'fixed');
  if (!prediction.ok) throw new Error(prediction.reason);
  return prediction;
}

describe('pedicle subtraction osteotomy with the pelvis fixed', () => {
  const spineCase = syntheticCase(FLAT_BACK);
  const before = measureCase(spineCase);
  const value = (m: readonly RadiographMeasurements[], key: LateralParameter) => lateralValue(m, key);

  it.each(LUMBAR)(
    'a 30° PSO at %s raises L1–S1 lordosis by exactly 30° and leaves PI, PT, SS and T4–T12 unchanged',
    (level) => {
      const after = predicted(
        spineCase,
        plan({ osteotomies: [{ level, grade: 3, angleDeg: 30 }] }),
      ).measurements;
      expectClose(value(after, 'lumbarLordosisDeg'), value(before, 'lumbarLordosisDeg') + 30);
      for (const key of [
        'pelvicIncidenceDeg',
        'pelvicTiltDeg',
        'sacralSlopeDeg',
        'thoracicKyphosisT4T12Deg',
      ] as const) {
        expectClose(value(after, key), value(before, key));
      }
    },
  );

  it('moves C7 exactly as a rotation about the L3 hinge computed by hand: the new SVA', () => {
    // Hinge: midpoint of L3's superior-anterior and inferior-anterior corners (patient frame, mm). The film
    // faces right at 0.2 mm per pixel, so a point in mm is the pixel times 0.2.
    const film = lateralFilmOf(spineCase);
    const mm = (p: Point | undefined): Point => [(p?.[0] ?? NaN) * 0.2, (p?.[1] ?? NaN) * 0.2];
    const l3 = film.vertebrae.L3 ?? {};
    const hinge: Point = [
      (mm(l3.superiorAnterior)[0] + mm(l3.inferiorAnterior)[0]) / 2,
      (mm(l3.superiorAnterior)[1] + mm(l3.inferiorAnterior)[1]) / 2,
    ];
    // Lordosing = turning the upper spine backwards: by −30° in the frame X anterior, Y down.
    const a = (-30 * Math.PI) / 180;
    const turned = (p: Point): Point => [
      hinge[0] + (p[0] - hinge[0]) * Math.cos(a) - (p[1] - hinge[1]) * Math.sin(a),
      hinge[1] + (p[0] - hinge[0]) * Math.sin(a) + (p[1] - hinge[1]) * Math.cos(a),
    ];
    const c7 = Object.values(film.vertebrae.C7 ?? {}).map((p) => turned(mm(p)));
    const c7x = c7.reduce((sum, p) => sum + p[0], 0) / 4;
    const s1x = mm(film.vertebrae.S1?.superiorPosterior)[0];
    const after = predicted(spineCase, plan({ osteotomies: [{ level: 'L3', grade: 3, angleDeg: 30 }] }));
    expectClose(lateralValue(after.measurements, 'sagittalVerticalAxisMm'), c7x - s1x, 1e-6);
    expect(lateralValue(after.measurements, 'sagittalVerticalAxisMm')).toBeLessThan(
      lateralValue(before, 'sagittalVerticalAxisMm'),
    );
  });

  it('uses the published default of 30° for a grade 3 without an angle, and says so', () => {
    const after = predicted(spineCase, plan({ osteotomies: [{ level: 'L2', grade: 3 }] }));
    expectClose(
      lateralValue(after.measurements, 'lumbarLordosisDeg'),
      value(before, 'lumbarLordosisDeg') + 30,
    );
    expect(after.elements[0]).toMatchObject({ angleDeg: 30, angleSource: 'published default' });
  });

  it('refuses a grade 1 without an angle: no published default exists', () => {
    const result = predictPlan(spineCase, plan({ osteotomies: [{ level: 'L2', grade: 1 }] }), 'fixed');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/osteotomies\[0\]: grade 1 .*give angleDeg/);
  });
});

describe('posterior column osteotomy', () => {
  it('opens the disc below the level by the angle and changes no other disc', () => {
    const spineCase = syntheticCase(FLAT_BACK);
    const before = measureCase(spineCase);
    const after = predicted(spineCase, plan({ osteotomies: [{ level: 'L2', grade: 2, angleDeg: 10 }] }));
    const discs = (m: readonly RadiographMeasurements[]) => {
      const lateral = m.find((r) => r.view === 'lateral');
      return lateral?.view === 'lateral'
        ? lateral.segments.map((s) => [s.upper, s.discAngle.value] as const)
        : [];
    };
    const changes = discs(after.measurements).map(([upper, angle], i) => [
      upper,
      angle - (discs(before)[i]?.[1] ?? NaN),
    ]);
    for (const [upper, change] of changes) expectClose(change as number, upper === 'L2' ? 10 : 0, 1e-9);
  });
});

describe('cages, vertebral body replacement and column resection', () => {
  const spineCase = syntheticCase(FLAT_BACK);

  it('a cage sets its disc angle and the mean height of the disc', () => {
    const after = predicted(
      spineCase,
      plan({ cages: [{ disc: 'L4', approach: 'TLIF', heightMm: 12, lordoticAngleDeg: 20 }] }),
    );
    const lateral = after.measurements.find((m) => m.view === 'lateral');
    const disc = lateral?.view === 'lateral' ? lateral.segments.find((s) => s.upper === 'L4') : undefined;
    expectClose(disc?.discAngle.value ?? NaN, 20);
    // Mean height: distance from L5's superior endplate line to L4's inferior endplate midpoint.
    const l4 = after.after.vertebrae.L4 ?? {};
    const l5 = after.after.vertebrae.L5 ?? {};
    const [p, q] = [l5.superiorPosterior ?? [0, 0], l5.superiorAnterior ?? [0, 0]];
    const m: Point = [
      ((l4.inferiorPosterior?.[0] ?? 0) + (l4.inferiorAnterior?.[0] ?? 0)) / 2,
      ((l4.inferiorPosterior?.[1] ?? 0) + (l4.inferiorAnterior?.[1] ?? 0)) / 2,
    ];
    const length = Math.hypot(q[0] - p[0], q[1] - p[1]);
    const heightMm = -((q[0] - p[0]) * (m[1] - p[1]) - (q[1] - p[1]) * (m[0] - p[0])) / length;
    expectClose(heightMm, 12, 1e-9);
  });

  it('a vertebral body replacement removes the levels and sets the angle between the bounding endplates', () => {
    const after = predicted(
      spineCase,
      plan({ vertebralBodyReplacements: [{ levelsRemoved: ['L1'], heightMm: 50, angleDeg: 5 }] }),
    );
    const film = lateralFilmOf(after.predictedCase);
    expect(film.vertebrae.L1).toBeUndefined();
    expect(after.removed).toEqual(['L1']);
    const t12 = after.after.vertebrae.T12 ?? {};
    const l2 = after.after.vertebrae.L2 ?? {};
    const tilt = (p?: Point, q?: Point) =>
      (Math.atan2((q?.[1] ?? 0) - (p?.[1] ?? 0), (q?.[0] ?? 0) - (p?.[0] ?? 0)) * 180) / Math.PI;
    expectClose(
      tilt(l2.superiorPosterior, l2.superiorAnterior) - tilt(t12.inferiorPosterior, t12.inferiorAnterior),
      5,
    );
  });

  it('a vertebral column resection closes the gap at the posterior corners with the given angle', () => {
    const after = predicted(spineCase, plan({ osteotomies: [{ level: 'T12', grade: 5, angleDeg: 10 }] }));
    const t11 = after.after.vertebrae.T11 ?? {};
    const l1 = after.after.vertebrae.L1 ?? {};
    expect(after.after.vertebrae.T12).toBeUndefined();
    expectClose(t11.inferiorPosterior?.[0] ?? NaN, l1.superiorPosterior?.[0] ?? NaN, 1e-9);
    expectClose(t11.inferiorPosterior?.[1] ?? NaN, l1.superiorPosterior?.[1] ?? NaN, 1e-9);
  });

  it('says what is missing instead of simulating: a PSO at a vertebra without its anterior corners', () => {
    const film = lateralFilmOf(spineCase);
    const { superiorAnterior: _, ...l3 } = film.vertebrae.L3 ?? {};
    const broken = { ...spineCase, radiographs: [{ ...film, vertebrae: { ...film.vertebrae, L3: l3 } }] };
    const result = predictPlan(
      broken,
      plan({ osteotomies: [{ level: 'L3', grade: 3, angleDeg: 30 }] }),
      'fixed',
    );
    expect(!result.ok && result.reason).toMatch(
      /L3 needs its superior-anterior and inferior-anterior corners/,
    );
  });

  it('refuses a cage next to a vertebra the plan removes', () => {
    const result = predictPlan(
      spineCase,
      plan({
        osteotomies: [{ level: 'L4', grade: 5, angleDeg: 0 }],
        cages: [{ disc: 'L4', heightMm: 10, lordoticAngleDeg: 10 }],
      }),
      'fixed',
    );
    expect(!result.ok && result.reason).toMatch(
      /cages\[0\] is at a disc next to a vertebra that osteotomies\[0\] removes/,
    );
  });
});

describe('order independence', () => {
  const start = spineFromRadiograph(lateralFilmOf(syntheticCase(BALANCED)));
  const osteotomy: fc.Arbitrary<Osteotomy> = fc.record({
    level: fc.constantFrom<Level>('T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5'),
    grade: fc.constantFrom(2 as const, 3 as const),
    angleDeg: fc.double({ min: 0, max: 40, noNaN: true }),
  });
  const cage: fc.Arbitrary<Cage> = fc.record({
    disc: fc.constantFrom<Level>('L1', 'L2', 'L3', 'L4', 'L5'),
    heightMm: fc.double({ min: 5, max: 15, noNaN: true }),
    lordoticAngleDeg: fc.double({ min: 0, max: 30, noNaN: true }),
  });

  function expectSameLandmarks(a: SurgicalPlan, b: SurgicalPlan): void {
    const first = simulatePlan(start, a);
    const second = simulatePlan(start, b);
    if (!first.ok || !second.ok) throw new Error('simulation failed');
    for (const [level, corners] of Object.entries(first.spine.vertebrae)) {
      for (const [name, p] of Object.entries(corners)) {
        const q = second.spine.vertebrae[level as Level]?.[name as keyof typeof corners];
        expectClose(p[0], q?.[0] ?? NaN, 1e-8);
        expectClose(p[1], q?.[1] ?? NaN, 1e-8);
      }
    }
  }

  it('the order of two osteotomies does not matter (PSO at L3 and Ponte below T12)', () => {
    const pso: Osteotomy = { level: 'L3', grade: 3, angleDeg: 30 };
    const ponte: Osteotomy = { level: 'T12', grade: 2, angleDeg: 10 };
    expectSameLandmarks(plan({ osteotomies: [pso, ponte] }), plan({ osteotomies: [ponte, pso] }));
  });

  it('uses a hinge given in the plan, which moves with its vertebra when an osteotomy below acts first', () => {
    const film = lateralFilmOf(syntheticCase(BALANCED));
    const l2 = film.vertebrae.L2 ?? {};
    // The default hinge, given explicitly (in pixels), gives the default result.
    const hinge: Point = [
      ((l2.superiorAnterior?.[0] ?? 0) + (l2.inferiorAnterior?.[0] ?? 0)) / 2,
      ((l2.superiorAnterior?.[1] ?? 0) + (l2.inferiorAnterior?.[1] ?? 0)) / 2,
    ];
    const own: Osteotomy = { level: 'L2', grade: 3, angleDeg: 30, hinge };
    const below: Osteotomy = { level: 'L4', grade: 3, angleDeg: 25 };
    expectSameLandmarks(
      plan({ osteotomies: [own] }),
      plan({ osteotomies: [{ level: 'L2', grade: 3, angleDeg: 30 }] }),
    );
    expectSameLandmarks(plan({ osteotomies: [own, below] }), plan({ osteotomies: [below, own] }));
  });

  it('any osteotomies and cages give the same landmarks in any order (property)', () => {
    fc.assert(
      fc.property(
        fc.array(osteotomy, { minLength: 1, maxLength: 3 }),
        fc.uniqueArray(cage, { maxLength: 2, selector: (c) => c.disc }),
        (osteotomies, cages) => {
          expectSameLandmarks(
            plan({ osteotomies, cages }),
            plan({ osteotomies: [...osteotomies].reverse(), cages: [...cages].reverse() }),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('the film is only a view of the patient', () => {
  it('gives the same predicted values on a mirrored, non-square-pixel film', () => {
    const surgicalPlan = plan({ osteotomies: [{ level: 'L3', grade: 3, angleDeg: 35 }] });
    const right = predicted(syntheticCase(FLAT_BACK), surgicalPlan).measurements;
    const left = predicted(
      syntheticCase({ ...FLAT_BACK, anteriorOnImage: 'left', pixelSpacingMm: [0.15, 0.25] }),
      surgicalPlan,
    ).measurements;
    for (const key of [
      'lumbarLordosisDeg',
      'sagittalVerticalAxisMm',
      't1PelvicAngleDeg',
      'globalTiltDeg',
    ] as const) {
      expectClose(lateralValue(left, key), lateralValue(right, key), 1e-6);
    }
  });
});
