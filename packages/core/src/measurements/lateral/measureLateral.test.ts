import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEVELS, levelIndex, type Level } from '../../case/levels.js';
import type {
  ImageSide,
  LateralCorner,
  LateralRadiograph,
  LateralVertebra,
  PixelSpacingMm,
} from '../../case/types.js';
import type { Point } from '../../geometry/point.js';
import {
  bodyDimensionsMm,
  buildLateralSpine,
  DEFAULT_DISC_ANGLES_DEG,
  mapImagePoints,
  type SyntheticLateral,
  type SyntheticLateralOptions,
} from '../../test-support/syntheticLateral.js';
import type { MeasurementResult, Shape } from '../types.js';
import { LATERAL_PARAMETER_KEYS, type LateralParameter } from './lateralParameters.js';
import { measureLateral, type LateralMeasurements } from './measureLateral.js';
import { meyerdingGrade } from './segments.js';

// ───────────────────────────── helpers ─────────────────────────────

/** atan(3/4) in degrees: the angle of a 3-4-5 triangle's short leg over its long leg. */
const ATAN_3_4_DEG = 36.86989764584402;
const TOLERANCE = 1e-9;

const ANGLE_KEYS = LATERAL_PARAMETER_KEYS.filter((key) => key.endsWith('Deg'));
const MM_KEYS = LATERAL_PARAMETER_KEYS.filter((key) => key.endsWith('Mm'));

function radiograph(
  vertebrae: Partial<Record<Level, LateralVertebra>>,
  options: { heads?: Point[]; anteriorOnImage?: ImageSide; pixelSpacingMm?: PixelSpacingMm } = {},
): LateralRadiograph {
  return {
    id: 'worked',
    view: 'lateral',
    posture: 'standing',
    anteriorOnImage: options.anteriorOnImage ?? 'right',
    vertebrae,
    femoralHeads: (options.heads ?? []).map((center) => ({ center })),
    ...(options.pixelSpacingMm === undefined ? {} : { pixelSpacingMm: options.pixelSpacingMm }),
  };
}

/** An endplate from its posterior to its anterior corner. */
function endplate(side: 'superior' | 'inferior', posterior: Point, anterior: Point): LateralVertebra {
  return side === 'superior'
    ? { superiorPosterior: posterior, superiorAnterior: anterior }
    : { inferiorPosterior: posterior, inferiorAnterior: anterior };
}

/** A square body 40 px wide around `centre`, its anterior side on the given side of the image. */
function body(centre: Point, anteriorOnImage: ImageSide = 'right'): LateralVertebra {
  const [x, y] = centre;
  const a = anteriorOnImage === 'right' ? 20 : -20;
  return {
    superiorPosterior: [x - a, y - 20],
    superiorAnterior: [x + a, y - 20],
    inferiorPosterior: [x - a, y + 20],
    inferiorAnterior: [x + a, y + 20],
  };
}

/** The same film displayed mirrored (x → width − x), so the patient faces the other side. */
function mirror(film: LateralRadiograph, widthPx: number): LateralRadiograph {
  return mapImagePoints(film, (p) => [widthPx - p[0], p[1]], {
    anteriorOnImage: film.anteriorOnImage === 'right' ? 'left' : 'right',
  });
}

function valueOf(measurements: LateralMeasurements, key: LateralParameter): number {
  const result = measurements.values[key];
  if (!result.ok) throw new Error(`${key} is unavailable: ${result.reason}`);
  return result.value;
}

function expectClose(actual: number, expected: number, tolerance = TOLERANCE): void {
  expect(Math.abs(actual - expected), `${actual} should be ${expected} ± ${tolerance}`).toBeLessThanOrEqual(
    tolerance,
  );
}

/** Both unavailable, or both available with values within `tolerance`. */
function expectSameResult(
  actual: MeasurementResult,
  expected: MeasurementResult,
  key: string,
  tolerance = TOLERANCE,
) {
  expect(actual.ok, key).toBe(expected.ok);
  if (actual.ok && expected.ok) expectClose(actual.value, expected.value, tolerance);
}

function expectSameMeasurements(
  actual: LateralMeasurements,
  expected: LateralMeasurements,
  keys: readonly LateralParameter[] = LATERAL_PARAMETER_KEYS,
) {
  for (const key of keys) expectSameResult(actual.values[key], expected.values[key], key);
  expect(actual.segments.map((s) => [s.upper, s.lower])).toEqual(
    expected.segments.map((s) => [s.upper, s.lower]),
  );
  actual.segments.forEach((s, i) =>
    expectClose(s.discAngle.value, expected.segments[i]?.discAngle.value ?? NaN),
  );
  const slipKey = (l: LateralMeasurements['listheses'][number]) => [l.upper, l.lower, l.meyerdingGrade];
  expect(actual.listheses.map(slipKey)).toEqual(expected.listheses.map(slipKey));
  actual.listheses.forEach((l, i) => expectClose(l.slip.value, expected.listheses[i]?.slip.value ?? NaN));
}

// ───────────────────────────── worked examples ─────────────────────────────

/*
 * A film drawn by hand, anterior to the right, 0.2 mm per pixel:
 *   S1 superior endplate (1000, 2000) → (1040, 2030): run 40, drop 30, SS = atan(30/40) = 36.8699°.
 *   S1 midpoint (1020, 2015); femoral heads (1065, 2070) and (1075, 2060): hip axis (1070, 2065),
 *   50 px anterior and 50 px below the midpoint, PT = atan(50/50) = +45°. PI = 45 + 36.8699 = 81.8699°.
 *   L1 superior (1000, 1000) → (1040, 970): anterior corner 30 higher, tilt −36.8699°;
 *     LL = 36.8699 − (−36.8699) = 73.7398°; PI − LL = 81.8699 − 73.7398 = 8.1301° (= 45 − 36.8699).
 *   L4 superior (1000, 1700) → (1040, 1700): tilt 0; L4–S1 = 36.8699°.
 *   T4 superior (950, 600) → (990, 640): tilt +45°; T12 inferior (1000, 900) → (1040, 870): tilt −36.8699°;
 *     the endplates open posteriorly: TK T4–T12 = 45 − (−36.8699) = 81.8699° (kyphosis positive).
 *   T1 superior (950, 450) → (990, 480): anterior corner lower, T1 slope = +36.8699°.
 *   C2 inferior (950, 200) → (990, 200): tilt 0; C7 inferior (950, 420) → (990, 450): tilt 36.8699°;
 *     C2–C7 lordosis = 36.8699 − 0 = 36.8699°.
 */
const WORKED = radiograph(
  {
    C2: endplate('inferior', [950, 200], [990, 200]),
    C7: endplate('inferior', [950, 420], [990, 450]),
    T1: endplate('superior', [950, 450], [990, 480]),
    T4: endplate('superior', [950, 600], [990, 640]),
    T12: endplate('inferior', [1000, 900], [1040, 870]),
    L1: endplate('superior', [1000, 1000], [1040, 970]),
    L4: endplate('superior', [1000, 1700], [1040, 1700]),
    S1: endplate('superior', [1000, 2000], [1040, 2030]),
  },
  {
    heads: [
      [1065, 2070],
      [1075, 2060],
    ],
    pixelSpacingMm: 0.2,
  },
);

describe('lateral measurements on hand-computed films', () => {
  it.each([
    ['right', WORKED],
    ['left', mirror(WORKED, 3000)],
  ] as const)('gives PI, PT, SS, LL, L4–S1, PI−LL, TK, T1 slope and C2–C7 (anterior %s)', (_, film) => {
    const m = measureLateral(film);
    expectClose(valueOf(m, 'sacralSlopeDeg'), ATAN_3_4_DEG);
    expectClose(valueOf(m, 'pelvicTiltDeg'), 45);
    expectClose(valueOf(m, 'pelvicIncidenceDeg'), 45 + ATAN_3_4_DEG);
    expectClose(valueOf(m, 'lumbarLordosisDeg'), 2 * ATAN_3_4_DEG);
    expectClose(valueOf(m, 'lumbarLordosisL4S1Deg'), ATAN_3_4_DEG);
    expectClose(valueOf(m, 'piLlMismatchDeg'), 45 - ATAN_3_4_DEG);
    expectClose(valueOf(m, 'thoracicKyphosisT4T12Deg'), 45 + ATAN_3_4_DEG);
    expectClose(valueOf(m, 't1SlopeDeg'), ATAN_3_4_DEG);
    expectClose(valueOf(m, 'cervicalLordosisC2C7Deg'), ATAN_3_4_DEG);
  });

  it('gives a negative pelvic tilt when the hip axis is posterior to the S1 midpoint, and PI = PT + SS still', () => {
    // One head at (970, 2065): 50 px posterior and 50 px below the midpoint (1020, 2015): PT = −45°,
    // PI = −45 + 36.8699 = −8.1301°.
    const film = { ...WORKED, femoralHeads: [{ center: [970, 2065] as Point }] };
    const m = measureLateral(film);
    expectClose(valueOf(m, 'pelvicTiltDeg'), -45);
    expectClose(valueOf(m, 'pelvicIncidenceDeg'), ATAN_3_4_DEG - 45);
    expect(m.values.pelvicTiltDeg.ok && m.values.pelvicTiltDeg.landmarks).toContain('femoralHeads[0].center');
  });

  it('gives a negative T1 slope when the anterior corner of T1 is higher, on either image side', () => {
    // Anterior right: posterior (950, 480), anterior (990, 450): anterior 30 px higher over a 40 px run.
    const right = radiograph({ T1: endplate('superior', [950, 480], [990, 450]) });
    expectClose(valueOf(measureLateral(right), 't1SlopeDeg'), -ATAN_3_4_DEG);
    // Anterior left: anterior corner (910, 480) is to the left and 30 px lower than the posterior (950, 450).
    const left = radiograph(
      { T1: endplate('superior', [950, 450], [910, 480]) },
      { anteriorOnImage: 'left' },
    );
    expectClose(valueOf(measureLateral(left), 't1SlopeDeg'), ATAN_3_4_DEG);
  });

  describe('SVA and cervical SVA, in millimetres on a 0.2 mm/px film', () => {
    // C7 centroid (1150, 400); S1 posterosuperior corner (1000, 2000): 150 px = 30 mm apart.
    // C2 centroid (1180, 200); C7 posterosuperior corner (1130, 380) with anterior right: 50 px = 10 mm.
    const balance = (anteriorOnImage: ImageSide, pixelSpacingMm: PixelSpacingMm = 0.2) =>
      radiograph(
        {
          C2: body([1180, 200], anteriorOnImage),
          C7: body([1150, 400], anteriorOnImage),
          S1: { superiorPosterior: [1000, 2000] },
        },
        { anteriorOnImage, pixelSpacingMm },
      );

    it('is positive when the plumb line is anterior (anterior on the right of the image)', () => {
      const m = measureLateral(balance('right'));
      expectClose(valueOf(m, 'sagittalVerticalAxisMm'), 30);
      expectClose(valueOf(m, 'cervicalSvaMm'), 10);
      expect(m.values.sagittalVerticalAxisMm.ok && m.values.sagittalVerticalAxisMm.unit).toBe('mm');
    });

    it('is negative for the same points when the patient faces left: the plumb line is then posterior', () => {
      // Facing left, C7's posterosuperior corner is on the right: (1170, 380). C2 centroid 1180 → −10 px = −2 mm.
      const m = measureLateral(balance('left'));
      expectClose(valueOf(m, 'sagittalVerticalAxisMm'), -30);
      expectClose(valueOf(m, 'cervicalSvaMm'), -2);
    });

    it('is the same on the mirrored film of the same patient', () => {
      const m = measureLateral(mirror(balance('right'), 2500));
      expectClose(valueOf(m, 'sagittalVerticalAxisMm'), 30);
      expectClose(valueOf(m, 'cervicalSvaMm'), 10);
    });

    it('uses the column spacing (the second of [rowMm, colMm]) for horizontal distances', () => {
      expectClose(valueOf(measureLateral(balance('right', [0.1, 0.2])), 'sagittalVerticalAxisMm'), 30);
      expectClose(valueOf(measureLateral(balance('right', [0.2, 0.1])), 'sagittalVerticalAxisMm'), 15);
    });
  });

  describe('T1 pelvic angle and global tilt', () => {
    // S1 superior (980, 1990) → (1020, 2010): midpoint M = (1000, 2000).
    const s1 = endplate('superior', [980, 1990], [1020, 2010]);

    it('are positive when T1 and C7 are anterior to the hip-axis line (anterior right, then mirrored)', () => {
      // Hip axis H = (1100, 2100): H → M = (−100, −100), up and 45° posterior (PT = +45°).
      // T1 centroid (1100, 1000): H → T1 = (0, −1100), straight up: turned 45° anteriorly from H → M, TPA = +45°
      // (= PT when T1 is right above the hips). C7 centroid (1000, 1000): M → C7 = (0, −1000), straight up,
      // 45° anterior to the continuation of H → M: GT = +45°.
      const film = radiograph(
        { S1: s1, T1: body([1100, 1000]), C7: body([1000, 1000]) },
        { heads: [[1100, 2100]] },
      );
      for (const f of [film, mirror(film, 2400)]) {
        const m = measureLateral(f);
        expectClose(valueOf(m, 'pelvicTiltDeg'), 45);
        expectClose(valueOf(m, 't1PelvicAngleDeg'), 45);
        expectClose(valueOf(m, 'globalTiltDeg'), 45);
      }
    });

    it('are negative when T1 and C7 are posterior to it', () => {
      // Hip axis (1000, 2200), right below M (PT = 0). T1 centroid (800, 1800): H → T1 = (−200, −400), turned
      // posteriorly from straight up by atan(200/400) = 26.5651°: TPA = −26.5651°.
      // C7 centroid (800, 1800): M → C7 = (−200, −200), 45° posterior to straight up: GT = −45°.
      const film = radiograph(
        { S1: s1, T1: body([800, 1800]), C7: body([800, 1800]) },
        { heads: [[1000, 2200]] },
      );
      const m = measureLateral(film);
      expectClose(valueOf(m, 'pelvicTiltDeg'), 0);
      expectClose(valueOf(m, 't1PelvicAngleDeg'), -26.56505117707799);
      expectClose(valueOf(m, 'globalTiltDeg'), -45);
    });
  });

  it('says an endplate is drawn the wrong way round instead of measuring it', () => {
    const film = { ...WORKED, anteriorOnImage: 'left' as const };
    const result = measureLateral(film).values.sacralSlopeDeg;
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/S1.*anteriorOnImage/);
  });
});

// ───────────────────────────── spines built by construction ─────────────────────────────

describe('lateral measurements of spines built from chosen angles', () => {
  it('gives LL = 60° and L4–S1 = 30° for lumbar discs of 8, 10, 12, 14 and 16° without wedging', () => {
    // LL = 8 + 10 + 12 + 14 + 16 = 60; L4–S1 = L4–L5 + L5–S1 = 14 + 16 = 30.
    const { radiograph: film } = buildLateralSpine({
      discAnglesDeg: { ...DEFAULT_DISC_ANGLES_DEG, L1: 8, L2: 10, L3: 12, L4: 14, L5: 16 },
      pixelSpacingMm: 0.15,
    });
    const m = measureLateral(film);
    expectClose(valueOf(m, 'lumbarLordosisDeg'), 60);
    expectClose(valueOf(m, 'lumbarLordosisL4S1Deg'), 30);
  });

  it('gives the thoracic kyphosis of chosen kyphotic discs and wedged bodies', () => {
    // Discs T4–T5 … T11–T12: −2, −3, −4, −5, −5, −4, −3, −2 (sum −28); bodies T4 −1, T7, T8, T9 −2 each (−7).
    // T4 superior to T12 inferior crosses all of them: TK = 28 + 7 = 35°.
    // T5 superior to T12 inferior leaves out the T4 body (−1) and the T4–T5 disc (−2): 35 − 3 = 32°.
    const { radiograph: film, expected } = buildLateralSpine({
      discAnglesDeg: {
        ...DEFAULT_DISC_ANGLES_DEG,
        T4: -2,
        T5: -3,
        T6: -4,
        T7: -5,
        T8: -5,
        T9: -4,
        T10: -3,
        T11: -2,
      },
      wedgeAnglesDeg: { T4: -1, T7: -2, T8: -2, T9: -2 },
    });
    const m = measureLateral(film);
    expect(expected.thoracicKyphosisT4T12Deg).toBeCloseTo(35, 12);
    expectClose(valueOf(m, 'thoracicKyphosisT4T12Deg'), 35);
    expectClose(valueOf(m, 'thoracicKyphosisT5T12Deg'), 32);
  });

  it('gives back every chosen value of a default spine, and each disc angle in its segment', () => {
    const spine = buildLateralSpine({
      pixelSpacingMm: [0.14, 0.16],
      wedgeAnglesDeg: { T8: -3, L3: 2, C5: 1 },
    });
    const m = measureLateral(spine.radiograph);
    for (const [key, value] of Object.entries(spine.expected) as [LateralParameter, number][]) {
      expectClose(valueOf(m, key), value);
    }
    expect(m.segments.map((s) => [s.upper, s.lower])).toEqual(spine.segments.map((s) => [s.upper, s.lower]));
    m.segments.forEach((s, i) => expectClose(s.discAngle.value, spine.segments[i]?.discAngleDeg ?? NaN));
    expect(m.segments).toHaveLength(23); // C2–C3 … L5–S1
  });

  describe('spondylolisthesis', () => {
    // The lumbar bodies and S1 are 40 mm deep: a slip of s mm is 100·s/40 % = 2.5·s %.
    const slipped = (slipMm: Partial<Record<Level, number>>) =>
      measureLateral(buildLateralSpine({ slipMm, pixelSpacingMm: 0.15, topLevel: 'T12' }).radiograph)
        .listheses;

    it('measures a forward slip of L5 over S1 as its percentage of the S1 endplate, with its Meyerding grade', () => {
      expect(bodyDimensionsMm('S1').depth).toBe(40);
      const [l5, ...others] = slipped({ L5: 12 }); // 12 / 40 = 30 %: grade 2
      expect(others).toEqual([]);
      expect(l5).toMatchObject({ upper: 'L5', lower: 'S1', meyerdingGrade: 2, slip: { unit: 'percent' } });
      expectClose(l5?.slip.value ?? NaN, 30);
    });

    it.each([
      [8, 20, 1],
      [16, 40, 2],
      [24, 60, 3],
      [36, 90, 4],
      [44, 110, 5],
    ])('grades a slip of %f mm (%f percent) as Meyerding %i', (mm, percent, grade) => {
      const [l5] = slipped({ L5: mm });
      expect(l5?.meyerdingGrade).toBe(grade);
      expectClose(l5?.slip.value ?? NaN, percent);
    });

    it('gives a retrolisthesis as a negative slip without a grade, and leaves out slips under 5 %', () => {
      // L4 −3 mm over L5: −7.5 %. L3 1.6 mm over L4: 4 % (left out). L2 2.2 mm over L3: 5.5 %: grade 1.
      const found = slipped({ L4: -3, L3: 1.6, L2: 2.2 });
      expect(found.map((l) => [l.upper, l.lower, l.meyerdingGrade])).toEqual([
        ['L2', 'L3', 1],
        ['L4', 'L5', undefined],
      ]);
      expect(found[1] && 'meyerdingGrade' in found[1]).toBe(false);
      expectClose(found[0]?.slip.value ?? NaN, 5.5);
      expectClose(found[1]?.slip.value ?? NaN, -7.5);
    });

    it('reports no listhesis on an aligned spine', () => {
      expect(slipped({})).toEqual([]);
    });

    it('uses the Meyerding boundaries: 25 → 1, just above → 2, 50 → 2, 75 → 3, 100 → 4, beyond → 5', () => {
      const cases: [number, number | undefined][] = [
        [0, 1],
        [25, 1],
        [25.0001, 2],
        [50, 2],
        [50.0001, 3],
        [75, 3],
        [75.0001, 4],
        [100, 4],
        [100.0001, 5],
        [250, 5],
        [-7.5, undefined],
      ];
      for (const [percent, grade] of cases) expect(meyerdingGrade(percent), `${percent} %`).toBe(grade);
    });

    it('measures the slip from the three corners it needs (the upper anteroinferior corner is not one)', () => {
      // Spec: displacement of L5's posteroinferior corner over S1's superior endplate; L5's anteroinferior
      // corner plays no part, so a film without it still shows the 30 % slip.
      const { radiograph: film } = buildLateralSpine({
        slipMm: { L5: 12 },
        pixelSpacingMm: 0.15,
        topLevel: 'T12',
      });
      const { inferiorAnterior: _, ...l5 } = film.vertebrae.L5 ?? {};
      const found = measureLateral({ ...film, vertebrae: { ...film.vertebrae, L5: l5 } }).listheses;
      expect(found.map((l) => [l.upper, l.lower, l.meyerdingGrade])).toEqual([['L5', 'S1', 2]]);
    });
  });

  describe('calibration', () => {
    const options: SyntheticLateralOptions = { wedgeAnglesDeg: { L2: 2, T7: -2 }, slipMm: { L4: 4 } };
    const square = measureLateral(buildLateralSpine({ ...options, pixelSpacingMm: 0.15 }).radiograph);

    it('gives the same angles and millimetres from non-square pixels ([rowMm, colMm] = [0.1, 0.2])', () => {
      const spine = buildLateralSpine({ ...options, pixelSpacingMm: [0.1, 0.2] });
      const m = measureLateral(spine.radiograph);
      expectSameMeasurements(m, square);
      expectClose(valueOf(m, 'sagittalVerticalAxisMm'), spine.expected.sagittalVerticalAxisMm ?? NaN);
      expectClose(valueOf(m, 'cervicalSvaMm'), spine.expected.cervicalSvaMm ?? NaN);
      expectClose(valueOf(m, 'lumbarLordosisDeg'), spine.expected.lumbarLordosisDeg ?? NaN);
    });

    it('gives angles on an uncalibrated film, and every millimetre value as unavailable for want of calibration', () => {
      const m = measureLateral(buildLateralSpine(options).radiograph);
      expectSameMeasurements(m, square, ANGLE_KEYS);
      for (const key of MM_KEYS) {
        const result = m.values[key];
        expect(result.ok, key).toBe(false);
        expect(!result.ok && result.reason).toMatch(/calibrat/);
      }
    });
  });

  it('unavailable: removing S1.superiorAnterior takes away exactly PI, PT, SS, LL, L4–S1, PI−LL, TPA and GT', () => {
    const { radiograph: film } = buildLateralSpine({ pixelSpacingMm: 0.15 });
    const { superiorAnterior: _, ...s1 } = film.vertebrae.S1 ?? {};
    const m = measureLateral({ ...film, vertebrae: { ...film.vertebrae, S1: s1 } });
    const missing = LATERAL_PARAMETER_KEYS.filter((key) => !m.values[key].ok);
    expect(missing.sort()).toEqual(
      [
        'pelvicIncidenceDeg',
        'pelvicTiltDeg',
        'sacralSlopeDeg',
        'lumbarLordosisDeg',
        'lumbarLordosisL4S1Deg',
        'piLlMismatchDeg',
        't1PelvicAngleDeg',
        'globalTiltDeg',
      ].sort(),
    );
    for (const key of missing) {
      const result = m.values[key];
      expect(!result.ok && result.reason, key).toMatch(/superior endplate of S1/);
    }
    expect(m.segments.map((s) => s.upper)).not.toContain('L5');
  });
});

// ───────────────────────────── properties ─────────────────────────────

const range = (min: number, max: number) => fc.double({ min, max, noNaN: true });
const levelsBetween = (top: Level, bottom: Level) => LEVELS.slice(levelIndex(top), levelIndex(bottom) + 1);
/** One random angle for each of the given levels. */
const perLevel = (levels: readonly Level[], min: number, max: number) =>
  fc
    .array(range(min, max), { minLength: levels.length, maxLength: levels.length })
    .map((values) => Object.fromEntries(levels.map((level, i) => [level, values[i] ?? 0])));

const squareSpacing = fc.oneof(fc.constant(undefined), range(0.05, 0.3));
const anySpacing = fc.oneof(squareSpacing, fc.tuple(range(0.05, 0.3), range(0.05, 0.3)));

/** Plausible spines: random pelvis, disc angles by region, wedging, lumbar slips, film and calibration. */
function plausibleSpine(
  spacing: fc.Arbitrary<PixelSpacingMm | undefined> = anySpacing,
): fc.Arbitrary<SyntheticLateral> {
  return fc
    .record({
      sacralSlopeDeg: range(25, 55),
      pelvicTiltDeg: range(-5, 35),
      hipDistanceMm: range(60, 140),
      femoralHeadCount: fc.constantFrom(1 as const, 2 as const),
      femoralHeadOffsetMm: fc.tuple(range(-10, 10), range(-10, 10)),
      discAnglesDeg: fc
        .tuple(
          perLevel(levelsBetween('C2', 'C7'), -2, 5),
          perLevel(levelsBetween('T1', 'T12'), -5, 1),
          perLevel(levelsBetween('L1', 'L5'), 0, 15),
        )
        .map(([cervical, thoracic, lumbar]) => ({ ...cervical, ...thoracic, ...lumbar })),
      wedgeAnglesDeg: perLevel(levelsBetween('C2', 'L5'), -3, 3),
      slipMm: perLevel(levelsBetween('L1', 'L5'), -6, 14),
      anteriorOnImage: fc.constantFrom('left' as const, 'right' as const),
      pixelSpacingMm: spacing,
      s1MidpointOnImageMm: fc.tuple(range(100, 300), range(600, 900)),
    })
    .map((options) => buildLateralSpine(options))
    .filter((spine) => spine.maxAbsTiltDeg <= 65);
}

const corners = (level: Level): string[] => [
  `${level}.superiorPosterior`,
  `${level}.superiorAnterior`,
  `${level}.inferiorPosterior`,
  `${level}.inferiorAnterior`,
];
const endplateOf = (level: Level, side: 'superior' | 'inferior'): string[] => [
  `${level}.${side}Posterior`,
  `${level}.${side}Anterior`,
];
const HIP = 'hip axis';
const S1_ENDPLATE = endplateOf('S1', 'superior');

/** What each parameter needs, read off its definition in spine-case.md. */
const NEEDS: Record<LateralParameter, readonly string[]> = {
  pelvicIncidenceDeg: [...S1_ENDPLATE, HIP],
  pelvicTiltDeg: [...S1_ENDPLATE, HIP],
  sacralSlopeDeg: S1_ENDPLATE,
  lumbarLordosisDeg: [...endplateOf('L1', 'superior'), ...S1_ENDPLATE],
  lumbarLordosisL4S1Deg: [...endplateOf('L4', 'superior'), ...S1_ENDPLATE],
  thoracicKyphosisT4T12Deg: [...endplateOf('T4', 'superior'), ...endplateOf('T12', 'inferior')],
  thoracicKyphosisT5T12Deg: [...endplateOf('T5', 'superior'), ...endplateOf('T12', 'inferior')],
  proximalThoracicKyphosisT2T5Deg: [...endplateOf('T2', 'superior'), ...endplateOf('T5', 'inferior')],
  thoracolumbarKyphosisT10L2Deg: [...endplateOf('T10', 'superior'), ...endplateOf('L2', 'inferior')],
  piLlMismatchDeg: [...S1_ENDPLATE, HIP, ...endplateOf('L1', 'superior')],
  sagittalVerticalAxisMm: [...corners('C7'), 'S1.superiorPosterior'],
  t1PelvicAngleDeg: [...S1_ENDPLATE, HIP, ...corners('T1')],
  t1SlopeDeg: endplateOf('T1', 'superior'),
  cervicalLordosisC2C7Deg: [...endplateOf('C2', 'inferior'), ...endplateOf('C7', 'inferior')],
  cervicalSvaMm: [...corners('C2'), 'C7.superiorPosterior'],
  globalTiltDeg: [...S1_ENDPLATE, HIP, ...corners('C7')],
};
const HEAD_NAMES = ['femoralHeads[0].center', 'femoralHeads[1].center'];
const segmentNeeds = (upper: Level, lower: Level) => [
  ...endplateOf(upper, 'inferior'),
  ...endplateOf(lower, 'superior'),
];
const listhesisNeeds = (upper: Level, lower: Level) => [
  `${upper}.inferiorPosterior`,
  ...endplateOf(lower, 'superior'),
];

/** The landmark names of a film: `L4.superiorAnterior`, `femoralHeads[0].center`. */
function landmarkNames(film: LateralRadiograph): string[] {
  const names = Object.entries(film.vertebrae).flatMap(([level, v]) =>
    Object.keys(v ?? {}).map((corner) => `${level}.${corner}`),
  );
  return [...names, ...film.femoralHeads.map((_, i) => `femoralHeads[${i}].center`)];
}

function withoutLandmark(film: LateralRadiograph, name: string): LateralRadiograph {
  const head = /^femoralHeads\[(\d)\]/.exec(name);
  if (head) return { ...film, femoralHeads: film.femoralHeads.filter((_, i) => i !== Number(head[1])) };
  const [level, corner] = name.split('.') as [Level, LateralCorner];
  const { [corner]: _, ...rest } = film.vertebrae[level] ?? {};
  return { ...film, vertebrae: { ...film.vertebrae, [level]: rest } };
}

function shapePoints(shape: Shape): Point[] {
  switch (shape.kind) {
    case 'point':
      return [shape.at];
    case 'line':
      return [shape.from, shape.to];
    case 'plumbLine':
      return [shape.through];
    case 'arc':
      return [shape.center, shape.from, shape.to];
  }
}

/** Rotation of image points by `angleDeg` about `centre` (positive turns +x towards +y, i.e. clockwise on screen). */
function rotation(angleDeg: number, centre: Point): (p: Point) => Point {
  const c = Math.cos((angleDeg * Math.PI) / 180);
  const s = Math.sin((angleDeg * Math.PI) / 180);
  return ([x, y]) => {
    const dx = x - centre[0];
    const dy = y - centre[1];
    return [centre[0] + dx * c - dy * s, centre[1] + dx * s + dy * c];
  };
}

describe('lateral measurement properties on random plausible spines', () => {
  it('gives back the constructed values (angles, slips, plumb-line offsets)', () => {
    fc.assert(
      fc.property(plausibleSpine(), (spine) => {
        const m = measureLateral(spine.radiograph);
        for (const [key, value] of Object.entries(spine.expected) as [LateralParameter, number][]) {
          expectClose(valueOf(m, key), value);
        }
        m.segments.forEach((s, i) => expectClose(s.discAngle.value, spine.segments[i]?.discAngleDeg ?? NaN));
        const reported = spine.slips.filter((s) => Math.abs(s.slipPercent) >= 5 + 1e-6);
        const listed = m.listheses.filter((l) => Math.abs(l.slip.value) >= 5 + 1e-6);
        expect(listed.map((l) => [l.upper, l.lower])).toEqual(reported.map((s) => [s.upper, s.lower]));
        listed.forEach((l, i) => expectClose(l.slip.value, reported[i]?.slipPercent ?? NaN));
      }),
    );
  });

  it('(a) changes no angle when the image is translated or uniformly scaled (no mm either, spacing scaled back)', () => {
    fc.assert(
      fc.property(
        plausibleSpine(),
        range(0.25, 4),
        fc.tuple(range(-5000, 5000), range(-5000, 5000)),
        (spine, k, [tx, ty]) => {
          const film = spine.radiograph;
          const spacing = film.pixelSpacingMm;
          const pixelSpacingMm: PixelSpacingMm | undefined =
            spacing === undefined
              ? undefined
              : typeof spacing === 'number'
                ? spacing / k
                : [spacing[0] / k, spacing[1] / k];
          const moved = mapImagePoints(film, ([x, y]) => [x * k + tx, y * k + ty], { pixelSpacingMm });
          expectSameMeasurements(measureLateral(moved), measureLateral(film));
        },
      ),
    );
  });

  it('(a) changes no angle when an uncalibrated image is scaled', () => {
    fc.assert(
      fc.property(plausibleSpine(fc.constant(undefined)), range(0.25, 4), (spine, k) => {
        const scaled = mapImagePoints(spine.radiograph, ([x, y]) => [x * k, y * k]);
        const m = measureLateral(scaled);
        expectSameMeasurements(m, measureLateral(spine.radiograph));
        for (const key of MM_KEYS) expect(m.values[key].ok).toBe(false);
      }),
    );
  });

  it('(b) changes no value at all (angles, mm, segments, listheses) when the film is mirrored', () => {
    fc.assert(
      fc.property(plausibleSpine(), range(0, 5000), (spine, width) => {
        expectSameMeasurements(
          measureLateral(mirror(spine.radiograph, width)),
          measureLateral(spine.radiograph),
        );
      }),
    );
  });

  it('(c) rotating the film changes no angle between two lines of it, but turns PT, SS and T1 slope', () => {
    // Turning the image by θ (from +x towards +y) turns every direction of the patient frame by d·θ, where
    // d = +1 when anterior is on the image's right (the patient frame is the image frame) and −1 when it is on
    // the left (the frame is mirrored, so the turn is reversed). An endplate tilt (anterior corner lower
    // positive) is the direction's angle from +X towards +Y: SS and T1 slope grow by d·θ. PT is measured
    // from the downward vertical towards +X, the opposite sense: it shrinks by d·θ. PI = PT + SS, TPA, GT
    // and every Cobb angle compare two directions of the film and do not change. SVA moves because the
    // plumb line stays vertical while the spine turns.
    const invariant: LateralParameter[] = [
      'lumbarLordosisDeg',
      'lumbarLordosisL4S1Deg',
      'thoracicKyphosisT4T12Deg',
      'thoracicKyphosisT5T12Deg',
      'proximalThoracicKyphosisT2T5Deg',
      'thoracolumbarKyphosisT10L2Deg',
      'cervicalLordosisC2C7Deg',
      'pelvicIncidenceDeg',
      'piLlMismatchDeg',
      't1PelvicAngleDeg',
      'globalTiltDeg',
    ];
    fc.assert(
      fc.property(
        plausibleSpine(squareSpacing),
        range(1, 20),
        fc.boolean(),
        fc.tuple(range(-3000, 3000), range(-3000, 6000)),
        (spine, size, clockwise, centre) => {
          const theta = clockwise ? size : -size;
          const film = spine.radiograph;
          const before = measureLateral(film);
          const after = measureLateral(mapImagePoints(film, rotation(theta, centre)));
          expectSameMeasurements(after, before, invariant);
          const d = film.anteriorOnImage === 'right' ? 1 : -1;
          expectClose(valueOf(after, 'sacralSlopeDeg'), valueOf(before, 'sacralSlopeDeg') + d * theta);
          expectClose(valueOf(after, 't1SlopeDeg'), valueOf(before, 't1SlopeDeg') + d * theta);
          expectClose(valueOf(after, 'pelvicTiltDeg'), valueOf(before, 'pelvicTiltDeg') - d * theta);
          if (film.pixelSpacingMm !== undefined) {
            for (const key of MM_KEYS)
              expect(Math.abs(valueOf(after, key) - valueOf(before, key)), key).toBeGreaterThan(0.1);
          }
        },
      ),
    );
  });

  it('(d) PI = PT + SS on every spine', () => {
    fc.assert(
      fc.property(plausibleSpine(), (spine) => {
        const m = measureLateral(spine.radiograph);
        expectClose(
          valueOf(m, 'pelvicIncidenceDeg'),
          valueOf(m, 'pelvicTiltDeg') + valueOf(m, 'sacralSlopeDeg'),
        );
      }),
    );
  });

  it('(e) removing one landmark takes away exactly the values that need it, and changes no other', () => {
    fc.assert(
      fc.property(plausibleSpine(), fc.nat(), (spine, pick) => {
        const film = spine.radiograph;
        const names = landmarkNames(film);
        const removed = names[pick % names.length] as string;
        const isHead = removed.startsWith('femoralHeads');
        const reduced = withoutLandmark(film, removed);
        const before = measureLateral(film);
        const after = measureLateral(reduced);
        // With two heads, removing one leaves the other as the hip axis: as if both heads were there.
        const remaining = reduced.femoralHeads[0];
        const otherHeadOnly =
          isHead && remaining !== undefined
            ? measureLateral({ ...film, femoralHeads: [remaining, remaining] })
            : undefined;
        for (const key of LATERAL_PARAMETER_KEYS) {
          const result = after.values[key];
          if (!result.ok) expect(result.reason.length, key).toBeGreaterThan(0);
          const needsIt = isHead ? NEEDS[key].includes(HIP) : NEEDS[key].includes(removed);
          if (needsIt && otherHeadOnly) {
            expectSameResult(result, otherHeadOnly.values[key], key, 0);
            if (result.ok)
              expect(result.landmarks.filter((l) => l.startsWith('femoralHeads'))).toEqual([HEAD_NAMES[0]]);
          } else if (needsIt) {
            expect(result.ok, `${key} without ${removed}`).toBe(false);
            const level = isHead ? 'femoral head' : removed.split('.')[0];
            expect(!result.ok && result.reason, key).toContain(level);
          } else {
            expect(result, `${key} without ${removed}`).toEqual(before.values[key]);
          }
        }
        // Segments and listheses: the ones that need the landmark are gone, the others are untouched.
        const segmentsLeft = before.segments.filter((s) => !segmentNeeds(s.upper, s.lower).includes(removed));
        expect(after.segments).toEqual(segmentsLeft);
        const listhesesLeft = before.listheses.filter(
          (l) => !listhesisNeeds(l.upper, l.lower).includes(removed),
        );
        expect(after.listheses).toEqual(listhesesLeft);
      }),
    );
  });

  it('draws every computed value with finite image points and names exactly the landmarks it used', () => {
    fc.assert(
      fc.property(plausibleSpine(), (spine) => {
        const film = spine.radiograph;
        const m = measureLateral(film);
        const present = new Set(landmarkNames(film));
        const heads = HEAD_NAMES.slice(0, film.femoralHeads.length);
        const drawn = [
          ...Object.values(m.values).filter((r) => r.ok),
          ...m.segments.map((s) => s.discAngle),
          ...m.listheses.map((l) => l.slip),
        ];
        for (const result of drawn) {
          expect(result.construction.length).toBeGreaterThan(0);
          for (const point of result.construction.flatMap(shapePoints)) {
            expect(Number.isFinite(point[0]) && Number.isFinite(point[1]), JSON.stringify(point)).toBe(true);
          }
          for (const landmark of result.landmarks) expect(present.has(landmark), landmark).toBe(true);
        }
        for (const key of LATERAL_PARAMETER_KEYS) {
          const result = m.values[key];
          if (!result.ok) continue;
          const expected = NEEDS[key].flatMap((name) => (name === HIP ? heads : [name]));
          expect(new Set(result.landmarks), key).toEqual(new Set(expected));
        }
        for (const s of m.segments)
          expect(new Set(s.discAngle.landmarks)).toEqual(new Set(segmentNeeds(s.upper, s.lower)));
        for (const l of m.listheses)
          expect(new Set(l.slip.landmarks)).toEqual(new Set(listhesisNeeds(l.upper, l.lower)));
      }),
    );
  });
});
