import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Level } from '../../case/levels.js';
import { buildCoronalSpine, mirrorImage, mirrorPatient } from '../../test-support/syntheticCoronal.js';
import { measureCoronal } from './measureCoronal.js';

const THORACOLUMBAR: Level[] = [
  'T1',
  'T2',
  'T3',
  'T4',
  'T5',
  'T6',
  'T7',
  'T8',
  'T9',
  'T10',
  'T11',
  'T12',
  'L1',
  'L2',
  'L3',
  'L4',
  'L5',
];

/** Tilts for T1…L5 in order. */
function spine(tilts: readonly number[], options: { pixelSpacingMm?: number } = {}) {
  return buildCoronalSpine({
    tiltsDeg: THORACOLUMBAR.map((level, i) => [level, tilts[i] ?? 0] as const),
    ...options,
  });
}

// A right thoracic curve: T5 tilted −20° (right end higher) to T11 +25° (right end lower): Cobb 45°.
// Above and below, the tilt changes by less than 10° (8° from T1 to T5, 7° from T11 to L5): no other curve.
const RIGHT_THORACIC = [-12, -14, -16, -18, -20, -12, -4, 4, 12, 18, 25, 23, 21, 20, 19, 18, 18];
// Double major: right thoracic T5–T11 (45°) and left lumbar T11–L4 (25° − (−10°) = 35°).
const DOUBLE_MAJOR = [-12, -14, -16, -18, -20, -12, -4, 4, 12, 18, 25, 18, 10, 2, -5, -10, -6];

describe('coronal curve detection', () => {
  it('finds no curve on a straight spine', () => {
    expect(measureCoronal(spine(THORACOLUMBAR.map(() => 0))).curves).toEqual([]);
  });

  it('finds a right thoracic curve with its end vertebrae, Cobb angle and apex', () => {
    const [curve, ...others] = measureCoronal(spine(RIGHT_THORACIC)).curves;
    expect(others).toEqual([]);
    expect(curve).toMatchObject({ upperEnd: 'T5', lowerEnd: 'T11', convexity: 'right', apex: 'T8' });
    expect(curve?.cobb.value).toBeCloseTo(45, 9);
  });

  it('finds both curves of a double major curve, sharing the junctional end vertebra', () => {
    const curves = measureCoronal(spine(DOUBLE_MAJOR)).curves;
    expect(curves.map((c) => [c.upperEnd, c.lowerEnd, c.convexity])).toEqual([
      ['T5', 'T11', 'right'],
      ['T11', 'L4', 'left'],
    ]);
    expect(curves[1]?.cobb.value).toBeCloseTo(35, 9);
  });

  it('uses the superior endplate of the upper end and the inferior endplate of the lower end', () => {
    // Wedged end vertebrae: T5 superior −22°, inferior −18°; T11 superior 21°, inferior 27°.
    const tilts = RIGHT_THORACIC.map((t, i) =>
      i === 4 ? ([-22, -18] as const) : i === 10 ? ([21, 27] as const) : t,
    );
    const film = buildCoronalSpine({
      tiltsDeg: THORACOLUMBAR.map((level, i) => [level, tilts[i] ?? 0] as const),
    });
    const [curve] = measureCoronal(film).curves;
    expect(curve?.cobb.value).toBeCloseTo(27 - -22, 9);
  });

  it('does not split a curve at a 2° wobble of one vertebra inside it', () => {
    const wobbly = [...RIGHT_THORACIC];
    wobbly[7] = -6; // T8 tilts back 2° below T7 (−4°) before the curve goes on.
    const curves = measureCoronal(spine(wobbly)).curves;
    expect(curves.map((c) => [c.upperEnd, c.lowerEnd])).toEqual([['T5', 'T11']]);
    expect(curves[0]?.cobb.value).toBeCloseTo(45, 9);
  });

  it('does not split a curve at a counter-tilt under 10°, which cannot be a curve of its own', () => {
    const interrupted = [...RIGHT_THORACIC];
    interrupted[7] = -11; // T8 tilts back 7° below T7 (−4°) before the curve goes on to T11 (+25°).
    const curves = measureCoronal(spine(interrupted)).curves;
    expect(curves.map((c) => [c.upperEnd, c.lowerEnd, c.convexity])).toEqual([['T5', 'T11', 'right']]);
  });

  it('splits at a counter-tilt of 10° or more, which is a curve of its own', () => {
    const interrupted = [...RIGHT_THORACIC];
    interrupted[7] = -14.5; // T7 −4° → T8 −14.5°: a 10.5° left counter-curve T7–T8.
    const curves = measureCoronal(spine(interrupted)).curves;
    expect(curves.map((c) => [c.upperEnd, c.lowerEnd, c.convexity])).toEqual([
      ['T5', 'T7', 'right'],
      ['T7', 'T8', 'left'],
      ['T8', 'T11', 'right'],
    ]);
  });

  it('leaves out an endplate with its corners on the wrong sides, and says so', () => {
    const film = spine(RIGHT_THORACIC);
    const t8 = film.vertebrae.T8;
    const swapped = {
      ...film,
      vertebrae: {
        ...film.vertebrae,
        T8: { ...t8, superiorRight: t8?.superiorLeft, superiorLeft: t8?.superiorRight },
      },
    };
    const result = measureCoronal(swapped as typeof film);
    expect(result.excludedEndplates).toEqual([
      expect.stringMatching(
        /^the superior endplate of T8: its right corner is not to the patient's right of its left corner \(check the corner names and patientRightOnImage\)$/,
      ),
    ]);
    expect(result.curves.map((c) => [c.upperEnd, c.lowerEnd])).toEqual([['T5', 'T11']]);
  });

  it('leaves out a vertebra drawn crossed, and says so', () => {
    const film = spine(RIGHT_THORACIC);
    const t8 = film.vertebrae.T8;
    const t7 = film.vertebrae.T7;
    // T8's inferior corners moved above T7: they now lie above T8's own superior corners.
    const crossed = {
      ...t8,
      inferiorRight: [t8?.inferiorRight?.[0] ?? 0, (t7?.superiorRight?.[1] ?? 0) - 5] as const,
      inferiorLeft: [t8?.inferiorLeft?.[0] ?? 0, (t7?.superiorLeft?.[1] ?? 0) - 5] as const,
    };
    const result = measureCoronal({ ...film, vertebrae: { ...film.vertebrae, T8: crossed } });
    expect(result.excludedEndplates).toEqual([
      'the endplates of T8: a superior corner lies below the inferior corner on the same side',
    ]);
  });

  it('leaves out an endplate that lies above the endplate it should lie below, and says so', () => {
    const film = spine(RIGHT_THORACIC);
    const t9 = film.vertebrae.T9;
    const t8 = film.vertebrae.T8;
    // T9's superior corners moved 5 px above T8's superior corners (still above T9's inferior corners).
    const raised = {
      ...t9,
      superiorRight: [t9?.superiorRight?.[0] ?? 0, (t8?.superiorRight?.[1] ?? 0) - 5] as const,
      superiorLeft: [t9?.superiorLeft?.[0] ?? 0, (t8?.superiorLeft?.[1] ?? 0) - 5] as const,
    };
    const result = measureCoronal({ ...film, vertebrae: { ...film.vertebrae, T9: raised } });
    expect(result.excludedEndplates).toEqual([
      'the superior endplate of T9: it lies above the endplate it should lie below',
    ]);
  });

  it('accepts vertebrae that touch across a thin disc (a superior endplate a pixel above the inferior one above it)', () => {
    const film = buildCoronalSpine({
      tiltsDeg: THORACOLUMBAR.map((level, i) => [level, RIGHT_THORACIC[i] ?? 0] as const),
      discHeightMm: -1,
    });
    expect(measureCoronal(film).excludedEndplates).toEqual([]);
  });

  it('finds the most tilted superior endplate just past the turning point when the extreme is an inferior one', () => {
    // The tilt is lowest at T4's inferior endplate (−22°); the most tilted superior endplate is T5's
    // (−21.5°), just inside the curve: the upper end is T5, Cobb 25 − (−21.5) = 46.5°.
    const tilts = RIGHT_THORACIC.map((t, i): number | readonly [number, number] =>
      i === 3 ? [-20, -22] : i === 4 ? [-21.5, -19] : t,
    );
    const film = buildCoronalSpine({
      tiltsDeg: THORACOLUMBAR.map((level, i) => [level, tilts[i] ?? 0] as const),
    });
    const [curve] = measureCoronal(film).curves.filter((c) => c.cobb.value > 20);
    expect(curve).toMatchObject({ upperEnd: 'T5', lowerEnd: 'T11' });
    expect(curve?.cobb.value).toBeCloseTo(46.5, 9);
  });

  it('finds the upper end a vertebra above the turning point on a plateau, when no curve lies above', () => {
    // The tilt is lowest at T4's inferior endplate (−22°); the most tilted superior endplate is T3's (−21.5°),
    // one vertebra above it: the upper end is T3, Cobb 25 − (−21.5) = 46.5°.
    const tilts = RIGHT_THORACIC.map((t, i): number | readonly [number, number] =>
      i === 2 ? [-21.5, -19] : i === 3 ? [-20, -22] : i === 4 ? [-19, -19] : t,
    );
    const film = buildCoronalSpine({
      tiltsDeg: THORACOLUMBAR.map((level, i) => [level, tilts[i] ?? 0] as const),
    });
    const [curve] = measureCoronal(film).curves.filter((c) => c.cobb.value > 20);
    expect(curve).toMatchObject({ upperEnd: 'T3', lowerEnd: 'T11' });
    expect(curve?.cobb.value).toBeCloseTo(46.5, 9);
  });

  it('never lets adjacent curves overlap, whatever the tilts', () => {
    const tilt = fc.double({ min: -40, max: 40, noNaN: true });
    fc.assert(
      fc.property(fc.array(fc.tuple(tilt, tilt), { minLength: 17, maxLength: 17 }), (tilts) => {
        const film = buildCoronalSpine({
          tiltsDeg: THORACOLUMBAR.map((level, i) => [level, tilts[i] ?? [0, 0]] as const),
        });
        const curves = measureCoronal(film).curves;
        for (let k = 0; k + 1 < curves.length; k++) {
          const above = THORACOLUMBAR.indexOf(curves[k]?.lowerEnd as (typeof THORACOLUMBAR)[number]);
          const below = THORACOLUMBAR.indexOf(curves[k + 1]?.upperEnd as (typeof THORACOLUMBAR)[number]);
          expect(above).toBeLessThanOrEqual(below);
        }
      }),
    );
  });

  it('reports no excluded endplate on a well-labelled film', () => {
    expect(measureCoronal(spine(DOUBLE_MAJOR)).excludedEndplates).toEqual([]);
  });

  it('reports a curve from 10° and leaves out a smaller one (scoliosis threshold)', () => {
    // T5 tilted −c/2, T7 +c/2, everything else level: one curve T5–T7 of c degrees.
    const curve = (cobbDeg: number) =>
      THORACOLUMBAR.map((level) => (level === 'T5' ? -cobbDeg / 2 : level === 'T7' ? cobbDeg / 2 : 0));
    expect(measureCoronal(spine(curve(10.001))).curves).toHaveLength(1);
    expect(measureCoronal(spine(curve(9.999))).curves).toHaveLength(0);
  });

  it('keeps end vertebrae and Cobb angle under endplate noise of ±2.4°', () => {
    // End vertebrae at least 6° more tilted than their neighbours, so ±2.4° noise cannot change which is most tilted.
    const clearEnds = [-10, -12, -14, -16, -22, -12, -4, 4, 12, 18, 28, 22, 20, 19, 18, 17, 17];
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -2.4, max: 2.4, noNaN: true }), { minLength: 34, maxLength: 34 }),
        (noise) => {
          const tiltsDeg = THORACOLUMBAR.map((level, i) => {
            const tilt = clearEnds[i] ?? 0;
            return [level, [tilt + (noise[2 * i] ?? 0), tilt + (noise[2 * i + 1] ?? 0)]] as const;
          });
          const curves = measureCoronal(buildCoronalSpine({ tiltsDeg })).curves.filter(
            (c) => c.cobb.value > 20,
          );
          expect(curves.map((c) => [c.upperEnd, c.lowerEnd, c.convexity])).toEqual([['T5', 'T11', 'right']]);
          expect(Math.abs((curves[0]?.cobb.value ?? 0) - 50)).toBeLessThanOrEqual(4.8 + 1e-9);
        },
      ),
    );
  });

  it('gives the same result for a mirrored image whose patientRightOnImage is flipped', () => {
    const film = spine(DOUBLE_MAJOR, { pixelSpacingMm: 0.2 });
    const mirrored = mirrorImage(film, 3000);
    const strip = (m: ReturnType<typeof measureCoronal>) =>
      m.curves.map((c) => [c.upperEnd, c.lowerEnd, c.apex, c.convexity, c.cobb.value.toFixed(9)]);
    expect(strip(measureCoronal(mirrored))).toEqual(strip(measureCoronal(film)));
  });

  it('reports the opposite convexity for a mirrored patient (same patientRightOnImage)', () => {
    const film = spine(RIGHT_THORACIC);
    const [curve] = measureCoronal(mirrorPatient(film, 3000)).curves;
    expect(curve?.convexity).toBe('left');
    expect(curve?.cobb.value).toBeCloseTo(45, 9);
  });

  it('says why the apical translation is missing: no C7 on the film, no calibration', () => {
    const [curve] = measureCoronal(spine(RIGHT_THORACIC)).curves;
    expect(curve?.apicalTranslation).toEqual({
      ok: false,
      reason: expect.stringMatching(/all four corners of C7.*not calibrated/),
    });
  });
});

describe('apical translation and coronal balance', () => {
  // C7 above and S1 below a right thoracic curve, 0.5 mm per pixel, AP display.
  const film = buildCoronalSpine({
    tiltsDeg: [
      ['C7', -12],
      ...THORACOLUMBAR.map((level, i) => [level, RIGHT_THORACIC[i] ?? 0] as const),
      ['S1', 18],
    ],
    pixelSpacingMm: 0.5,
    topCentreMm: [0, 0],
  });
  const result = measureCoronal(film);

  it('measures the apex of a right thoracic curve to the right of the C7 plumb line (positive)', () => {
    const apex = film.vertebrae.T8;
    const c7 = film.vertebrae.C7;
    const centreX = (v: typeof apex) =>
      ((v?.superiorLeft?.[0] ?? 0) +
        (v?.superiorRight?.[0] ?? 0) +
        (v?.inferiorLeft?.[0] ?? 0) +
        (v?.inferiorRight?.[0] ?? 0)) /
      4;
    // AP display: the patient's right is the image's left, so rightwards is −x on the image.
    const expectedMm = -(centreX(apex) - centreX(c7)) * 0.5;
    const [curve] = result.curves;
    expect(curve?.apicalTranslation.ok && curve.apicalTranslation.value).toBeCloseTo(expectedMm, 9);
    expect(expectedMm).toBeGreaterThan(0);
  });

  it('measures coronal balance from the C7 plumb line to the CSVL, right positive', () => {
    const balance = result.values.coronalBalanceMm;
    expect(balance.ok).toBe(true);
    const c7 = film.vertebrae.C7;
    const s1 = film.vertebrae.S1;
    const c7x =
      ((c7?.superiorLeft?.[0] ?? 0) +
        (c7?.superiorRight?.[0] ?? 0) +
        (c7?.inferiorLeft?.[0] ?? 0) +
        (c7?.inferiorRight?.[0] ?? 0)) /
      4;
    const csvlX = ((s1?.superiorLeft?.[0] ?? 0) + (s1?.superiorRight?.[0] ?? 0)) / 2;
    expect(balance.ok && balance.value).toBeCloseTo(-(c7x - csvlX) * 0.5, 9);
  });

  it('gives no millimetres on an uncalibrated film', () => {
    const { pixelSpacingMm, ...uncalibrated } = film;
    expect(pixelSpacingMm).toBe(0.5);
    const balance = measureCoronal(uncalibrated).values.coronalBalanceMm;
    expect(balance).toEqual({ ok: false, reason: expect.stringContaining('not calibrated') });
  });
});
