import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Point } from '../geometry/point.js';
import { challengeCobbAngles } from './challengeCobbAngles.js';
import { parseAasceFiles, type AasceFilm } from './parseAasceFolder.js';

const TOLERANCE_DEG = 0.02;

function readSplit(split: 'training' | 'test'): AasceFilm[] {
  const read = (name: string): string =>
    readFileSync(new URL(`../../../../test/fixtures/aasce2019/${split}/${name}`, import.meta.url), 'utf8');
  return parseAasceFiles({
    filenames: read('filenames.csv'),
    landmarks: read('landmarks.csv'),
    imageSizes: read('image-sizes.csv'),
    angles: read('angles.csv'),
  });
}

/** The largest deviation from `angles.csv` over all films of a split, and where it occurs. */
function maxDeviation(films: readonly AasceFilm[]): { deviation: number; where: string } {
  let worst = { deviation: 0, where: 'none' };
  for (const film of films) {
    const computed = challengeCobbAngles(film.points, film.heightPx);
    computed.forEach((angle, i) => {
      const deviation = Math.abs(angle - (film.referenceAnglesDeg?.[i] ?? NaN));
      if (!(deviation <= worst.deviation)) {
        worst = {
          deviation,
          where: `${film.filename}, angle ${i + 1}: ${angle} vs ${film.referenceAnglesDeg}`,
        };
      }
    });
  }
  return worst;
}

/** Corners of one vertebra around `centre` tilted by `tiltDeg`: UL, UR, LL, LR. */
function vertebra(centre: Point, tiltDeg: number, halfWidth = 20, halfHeight = 10): Point[] {
  const t = (tiltDeg * Math.PI) / 180;
  const at = (u: number, v: number): Point => [
    centre[0] + u * Math.cos(t) - v * Math.sin(t),
    centre[1] + u * Math.sin(t) + v * Math.cos(t),
  ];
  return [
    at(-halfWidth, -halfHeight),
    at(halfWidth, -halfHeight),
    at(-halfWidth, halfHeight),
    at(halfWidth, halfHeight),
  ];
}

/** A spine of 17 vertebrae 60 px apart, the i-th centred at x = `xOf(i)` and tilted by `tiltsDeg[i]`. */
function spine(tiltsDeg: readonly number[], xOf: (i: number) => number): Point[] {
  return tiltsDeg.flatMap((tilt, i) => vertebra([xOf(i), 100 + 60 * i], tilt));
}

describe('challengeCobbAngles', () => {
  it.each(['training', 'test'] as const)(
    'reproduces the angles.csv of every %s film within 0.02 degrees',
    (split) => {
      const films = readSplit(split);
      expect(films).toHaveLength(split === 'training' ? 481 : 128);
      const { deviation, where } = maxDeviation(films);
      expect(deviation, `max deviation ${deviation.toFixed(5)}° at ${where}`).toBeLessThanOrEqual(
        TOLERANCE_DEG,
      );
    },
  );

  it('gives zero for all three angles on a straight spine', () => {
    const angles = challengeCobbAngles(
      spine(Array<number>(17).fill(0), () => 300),
      2000,
    );
    expect(angles).toEqual([0, 0, 0]);
  });

  it('measures a single C curve between the most tilted vertebrae and towards T1 and L5', () => {
    // Bulging to the right; most tilted: T4 (+10°) and T13 (−14°); T1 at −3°, T2 at −5°, L5 at −6°.
    const tilts = [-3, -5, 4, 10, 8, 5, 2, 0, -3, -6, -9, -12, -14, -12, -10, -4, -6];
    const angles = challengeCobbAngles(
      spine(tilts, (i) => 100 + 150 * Math.sin((Math.PI * i) / 16)),
      2000,
    );
    expect(angles[0]).toBeCloseTo(24, 4);
    expect(angles[1]).toBeCloseTo(13, 4); // T1 against T4 (not the larger 15° of T2 against T4)
    expect(angles[2]).toBeCloseTo(8, 4); // T13 against L5
  });

  it('measures the S curve below the main curve when that lies in the upper half of the image', () => {
    const tilts = [0, 5, 12, 6, 2, -4, -10, -16, -18, -10, -2, 6, 10, 14, 16, 8, 6];
    const points = spine(tilts, (i) => 300 + 150 * Math.sin((2 * Math.PI * i) / 16));
    // Main curve T9 (−18°) to L3 (+16°); their lower endplates average at y ≈ 780 px.
    const tall = challengeCobbAngles(points, 3000);
    expect(tall[0]).toBeCloseTo(34, 4);
    expect(tall[1]).toBeCloseTo(30, 4); // T3 (+12°) against T9
    expect(tall[2]).toBeCloseTo(10, 4); // L3 against L5 (+6°)
  });

  it('measures the S curve above the upper curve when the main curve is in the lower half', () => {
    const tilts = [0, 5, 12, 6, 2, -4, -10, -16, -18, -10, -2, 6, 10, 14, 16, 8, 6];
    const points = spine(tilts, (i) => 300 + 150 * Math.sin((2 * Math.PI * i) / 16));
    const short = challengeCobbAngles(points, 1000);
    expect(short[0]).toBeCloseTo(34, 4);
    expect(short[1]).toBeCloseTo(30, 4);
    expect(short[2]).toBeCloseTo(12, 4); // T3 against T1 (0°)
  });

  it('never gives a second or third angle larger than the first', () => {
    const tilts = fc.array(fc.double({ min: -60, max: 60, noNaN: true }), { minLength: 17, maxLength: 17 });
    const offsets = fc.array(fc.double({ min: -300, max: 300, noNaN: true }), {
      minLength: 17,
      maxLength: 17,
    });
    fc.assert(
      fc.property(tilts, offsets, fc.double({ min: 1, max: 5000, noNaN: true }), (t, x, height) => {
        const [a1, a2, a3] = challengeCobbAngles(
          spine(t, (i) => 500 + (x[i] ?? 0)),
          height,
        );
        return a1 >= 0 && a1 <= 120 + 1e-6 && a2 >= 0 && a2 <= a1 && a3 >= 0 && a3 <= a1;
      }),
    );
  });

  it('rejects a list that is not 68 points long', () => {
    const points = spine(Array<number>(17).fill(0), () => 300);
    expect(() => challengeCobbAngles(points.slice(0, 67), 2000)).toThrow(RangeError);
    expect(() => challengeCobbAngles([...points, [0, 0]], 2000)).toThrow(/expected 68 points/);
  });

  it('rejects a non-finite coordinate, naming the point', () => {
    const points = spine(Array<number>(17).fill(0), () => 300);
    points[5] = [NaN, 10];
    expect(() => challengeCobbAngles(points, 2000)).toThrow(RangeError);
    expect(() => challengeCobbAngles(points, 2000)).toThrow(/point 6/);
    points[5] = [10, Infinity];
    expect(() => challengeCobbAngles(points, 2000)).toThrow(/non-finite/);
  });

  it('rejects an image height that is not a positive number', () => {
    const points = spine(Array<number>(17).fill(0), () => 300);
    expect(() => challengeCobbAngles(points, 0)).toThrow(RangeError);
    expect(() => challengeCobbAngles(points, NaN)).toThrow(/image height/);
  });

  it('rejects a vertebra whose left and right sides coincide', () => {
    const points = spine(Array<number>(17).fill(0), () => 300);
    points.splice(8, 4, [300, 580], [300, 580], [300, 600], [300, 600]);
    expect(() => challengeCobbAngles(points, 2000)).toThrow(/vertebra 3 has no width/);
  });
});
