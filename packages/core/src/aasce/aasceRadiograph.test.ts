import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CASE_FORMAT } from '../case/types.js';
import { parseCaseJson } from '../case/validateCase.js';
import type { Point } from '../geometry/point.js';
import { measureCoronal } from '../measurements/coronal/measureCoronal.js';
import { AASCE_LEVELS, aasceFilmToRadiograph } from './aasceRadiograph.js';
import { challengeCobbAngles } from './challengeCobbAngles.js';
import { parseAasceFiles, type AasceFilm } from './parseAasceFolder.js';

/** Corners of one rectangular vertebra around `centre`, turned by `tiltDeg` on the image: UL, UR, LL, LR. */
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

function film(points: Point[], filename = 'synthetic AP.jpg'): AasceFilm {
  return { filename, widthPx: 1000, heightPx: 2000, points };
}

function firstTestFilm(): AasceFilm {
  const read = (name: string): string =>
    readFileSync(new URL(`../../../../test/fixtures/aasce2019/test/${name}`, import.meta.url), 'utf8');
  const [first] = parseAasceFiles({
    filenames: read('filenames.csv'),
    landmarks: read('landmarks.csv'),
    imageSizes: read('image-sizes.csv'),
    angles: read('angles.csv'),
  });
  if (first === undefined) throw new Error('no film in the test split');
  return first;
}

describe('aasceFilmToRadiograph', () => {
  it('maps the image corners of T1…L5 to patient corners of an AP film, the patient’s right on the left', () => {
    // Point k at (k, 1000 + k): every corner is distinct and traceable to its index.
    const points = Array.from({ length: 68 }, (_, k): Point => [k, 1000 + k]);
    const radiograph = aasceFilmToRadiograph(film(points, 'sunhl-1th-01-Mar-2017-310 C AP.jpg'));
    expect(radiograph).toMatchObject({
      id: 'sunhl-1th-01-Mar-2017-310 C AP.jpg',
      view: 'coronal',
      posture: 'standing',
      patientRightOnImage: 'left',
    });
    expect(radiograph).not.toHaveProperty('pixelSpacingMm');
    expect(Object.keys(radiograph.vertebrae)).toEqual([...AASCE_LEVELS]);
    expect(AASCE_LEVELS[0]).toBe('T1');
    expect(AASCE_LEVELS[16]).toBe('L5');
    expect(radiograph.vertebrae.T1).toEqual({
      superiorRight: [0, 1000], // upper-left on the image
      superiorLeft: [1, 1001], // upper-right
      inferiorRight: [2, 1002], // lower-left
      inferiorLeft: [3, 1003], // lower-right
    });
    expect(radiograph.vertebrae.T12).toEqual({
      superiorRight: [44, 1044],
      superiorLeft: [45, 1045],
      inferiorRight: [46, 1046],
      inferiorLeft: [47, 1047],
    });
    expect(radiograph.vertebrae.L5?.inferiorLeft).toEqual([67, 1067]);
  });

  it('gives a radiograph that is a valid case file', () => {
    const radiograph = aasceFilmToRadiograph(firstTestFilm());
    const result = parseCaseJson(JSON.stringify({ format: CASE_FORMAT, radiographs: [radiograph] }));
    expect(result.ok, JSON.stringify(result)).toBe(true);
  });

  it('measures a curve bulging to the image right as convex to the patient’s left', () => {
    // Rectangular vertebrae turned from −20° (right end higher on the image) at T1 to +20° at L5, their
    // centres bulging to the right of the image: the endplates converge on the image's left (concave side).
    const tilts = AASCE_LEVELS.map((_, i) => -20 + 2.5 * i);
    const points = tilts.flatMap((tilt, i) =>
      vertebra([300 + 150 * Math.sin((Math.PI * i) / 16), 100 + 60 * i], tilt),
    );
    const [curve, ...others] = measureCoronal(aasceFilmToRadiograph(film(points))).curves;
    expect(others).toEqual([]);
    expect(curve).toMatchObject({ upperEnd: 'T1', lowerEnd: 'L5', apex: 'T9', convexity: 'left' });
    // Without wedged vertebrae, endplates and the challenge's midlines agree.
    expect(curve?.cobb.value).toBeCloseTo(40, 9);
    expect(challengeCobbAngles(points, 2000)[0]).toBeCloseTo(40, 6);
  });

  it('finds the right thoracic and left lumbar curves of a real test film', () => {
    // Challenge angles 43.4° (main), 15.9° and 40.7°.
    const curves = measureCoronal(aasceFilmToRadiograph(firstTestFilm())).curves;
    const summary = curves.map((c) => [c.upperEnd, c.lowerEnd, c.convexity]);
    expect(summary).toContainEqual(['T5', 'T10', 'right']);
    expect(summary).toContainEqual(['T11', 'L4', 'left']);
    const cobb = (upperEnd: string): number | undefined =>
      curves.find((c) => c.upperEnd === upperEnd)?.cobb.value;
    expect(cobb('T5')).toBeCloseTo(46.474, 2);
    expect(cobb('T11')).toBeCloseTo(42.328, 2);
    expect(curves.every((c) => c.cobb.value >= 10 && c.apicalTranslation.ok === false)).toBe(true);
  });

  it('rejects a film without the 68 points, naming the film', () => {
    const points = Array.from({ length: 67 }, (_, k): Point => [k, k]);
    expect(() => aasceFilmToRadiograph(film(points, 'short.jpg'))).toThrow(RangeError);
    expect(() => aasceFilmToRadiograph(film(points, 'short.jpg'))).toThrow(/short\.jpg: expected 68 points/);
  });
});
