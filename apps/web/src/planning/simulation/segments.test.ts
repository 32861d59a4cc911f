import {
  CASE_FORMAT,
  EMPTY_PLAN,
  predictPlan,
  type LateralRadiograph,
  type PelvisMode,
  type Point,
  type SpineCase,
  type SurgicalPlan,
} from '@spinerecon/core';
import { describe, expect, it } from 'vitest';
import {
  buildLateralSpine,
  type SyntheticLateralOptions,
} from '../../../../../packages/core/src/test-support/syntheticLateral';
import { applyAffine, simulatedFilmSegments, type Segment } from './segments';

const EXACT = 1e-9;

function predictedFilms(
  plan: Partial<SurgicalPlan>,
  options: SyntheticLateralOptions = {},
  pelvis: PelvisMode = 'fixed',
): { before: LateralRadiograph; after: LateralRadiograph } {
  const lateral = buildLateralSpine(options).radiograph;
  const spineCase: SpineCase = { format: CASE_FORMAT, radiographs: [lateral] };
  const prediction = predictPlan(spineCase, { ...EMPTY_PLAN, ...plan }, pelvis);
  if (!prediction.ok) throw new Error(prediction.reason);
  const after = prediction.predictedCase.radiographs[0];
  if (after?.view !== 'lateral') throw new Error('no predicted lateral film');
  return { before: lateral, after };
}

/** Every landmark a segment carries, moved by its matrix, lands on its predicted position. */
function expectSegmentsCarryLandmarks(
  segments: readonly Segment[],
  before: LateralRadiograph,
  after: LateralRadiograph,
): number {
  let checked = 0;
  for (const segment of segments) {
    for (const part of segment.parts) {
      for (const name of part.points) {
        const p = before.vertebrae[part.level]?.[name];
        const q = after.vertebrae[part.level]?.[name];
        if (p === undefined || q === undefined) throw new Error(`${part.level}.${name} missing`);
        const moved = applyAffine(segment.matrix, p);
        expect(Math.hypot(moved[0] - q[0], moved[1] - q[1]), `${part.level}.${name}`).toBeLessThanOrEqual(
          EXACT,
        );
        checked += 1;
      }
    }
  }
  return checked;
}

const isIdentity = (segment: Segment | undefined): boolean => {
  const m = segment?.matrix;
  return m !== undefined && [m.a - 1, m.b, m.c, m.d - 1, m.e, m.f].every((v) => Math.abs(v) <= EXACT);
};

describe('simulatedFilmSegments', () => {
  it('splits the film at a 30° grade 3 osteotomy at L3: the part above turns by 30°, the part below stays', () => {
    const { before, after } = predictedFilms({ osteotomies: [{ level: 'L3', grade: 3, angleDeg: 30 }] });
    const segments = simulatedFilmSegments(before, after, { widthPx: 2000, heightPx: 4000 });
    expect(segments).toHaveLength(2);
    const [upper, lower] = segments;
    // The core turns the upper spine by −30° in the patient frame (X anterior, Y down): lordosing. The film
    // faces right, so on the image it is −30° too: anticlockwise on the screen, the upper spine tilts back.
    expect(Math.abs((upper?.rotationDeg ?? NaN) - -30)).toBeLessThanOrEqual(EXACT);
    expect(isIdentity(lower)).toBe(true);
    expect(Math.abs(lower?.rotationDeg ?? NaN)).toBeLessThanOrEqual(EXACT);
    // L3 is cut through: its superior corners go up with the upper part, its inferior ones stay.
    expect(upper?.parts[upper.parts.length - 1]).toEqual({
      level: 'L3',
      points: ['superiorAnterior', 'superiorPosterior'],
    });
    expect(lower?.parts[0]).toEqual({ level: 'L3', points: ['inferiorAnterior', 'inferiorPosterior'] });
    expect(upper?.parts[0]?.level).toBe('C2');
    expect(lower?.parts[lower.parts.length - 1]?.level).toBe('S1');
    expect(expectSegmentsCarryLandmarks(segments, before, after)).toBe(
      Object.values(before.vertebrae).reduce((n, v) => n + Object.keys(v ?? {}).length, 0),
    );
    expect(segments.every((s) => s.maxErrorPx <= EXACT)).toBe(true);
  });

  it('still finds two parts when the predicted film comes rounded to 6 decimals, as the planning output is', () => {
    const { before, after } = predictedFilms({ osteotomies: [{ level: 'L3', grade: 3, angleDeg: 30 }] });
    const round = (p: readonly [number, number]): [number, number] => [
      Math.round(p[0] * 1e6) / 1e6,
      Math.round(p[1] * 1e6) / 1e6,
    ];
    const rounded = {
      ...after,
      vertebrae: Object.fromEntries(
        Object.entries(after.vertebrae).map(([level, v]) => [
          level,
          Object.fromEntries(Object.entries(v ?? {}).map(([name, p]) => [name, round(p)])),
        ]),
      ),
    };
    expect(simulatedFilmSegments(before, rounded, { widthPx: 2000, heightPx: 4000 })).toHaveLength(2);
  });

  it('the hinge stays put and the two regions meet along one line on the predicted film (the wedge closes)', () => {
    const { before, after } = predictedFilms({ osteotomies: [{ level: 'L3', grade: 3, angleDeg: 30 }] });
    const [upper, lower] = simulatedFilmSegments(before, after, { widthPx: 2000, heightPx: 4000 });
    if (upper === undefined || lower === undefined) throw new Error('two segments expected');
    const l3 = before.vertebrae.L3;
    const sa = l3?.superiorAnterior;
    const ia = l3?.inferiorAnterior;
    if (sa === undefined || ia === undefined) throw new Error('L3 corners');
    const hinge: Point = [(sa[0] + ia[0]) / 2, (sa[1] + ia[1]) / 2];
    const moved = applyAffine(upper.matrix, hinge);
    expect(Math.hypot(moved[0] - hinge[0], moved[1] - hinge[1])).toBeLessThanOrEqual(EXACT);
    const inner = (p: Point) => p[0] > 1e-6 && p[0] < 2000 - 1e-6 && p[1] > 1e-6 && p[1] < 4000 - 1e-6;
    const lowerCut = lower.polygon.filter(inner);
    const onLine = (p: Point, a: Point, b: Point) =>
      Math.abs((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])) /
      Math.hypot(b[0] - a[0], b[1] - a[1]);
    // The cut lines cross the whole image; the upper region's cut, moved, lies on the lower region's cut.
    const borderUpper = upper.polygon.filter((p) => Math.abs(p[0]) < 1e-6 || Math.abs(p[0] - 2000) < 1e-6);
    const borderLower = lower.polygon.filter((p) => Math.abs(p[0]) < 1e-6 || Math.abs(p[0] - 2000) < 1e-6);
    expect(lowerCut).toHaveLength(0);
    const lowerEdge = borderLower.filter((p) => p[1] < 4000 - 1e-6);
    expect(lowerEdge).toHaveLength(2);
    const [a, b] = lowerEdge as [Point, Point];
    for (const p of borderUpper.filter((q) => q[1] > 1e-6)) {
      expect(onLine(applyAffine(upper.matrix, p), a, b)).toBeLessThanOrEqual(1e-6);
    }
    expect(onLine(hinge, a, b)).toBeLessThanOrEqual(1e-6);
  });

  it('on a film facing left with non-square pixels the turn is mirrored and still exact', () => {
    const { before, after } = predictedFilms(
      { osteotomies: [{ level: 'L3', grade: 3, angleDeg: 30 }] },
      { anteriorOnImage: 'left', pixelSpacingMm: [0.2, 0.25], s1MidpointOnImageMm: [300, 700] },
    );
    const segments = simulatedFilmSegments(before, after);
    expect(segments).toHaveLength(2);
    expect(Math.abs((segments[0]?.rotationDeg ?? NaN) - 30)).toBeLessThanOrEqual(EXACT);
    expect(isIdentity(segments[1])).toBe(true);
    expectSegmentsCarryLandmarks(segments, before, after);
  });

  it('gives one identity segment for an empty plan', () => {
    const { before, after } = predictedFilms({});
    const segments = simulatedFilmSegments(before, after);
    expect(segments).toHaveLength(1);
    expect(isIdentity(segments[0])).toBe(true);
  });

  it('cuts in the disc for a posterior column osteotomy and a cage, one segment per moved part', () => {
    const { before, after } = predictedFilms({
      osteotomies: [{ level: 'T12', grade: 2, angleDeg: 10 }],
      cages: [{ disc: 'L4', heightMm: 12, lordoticAngleDeg: 20 }],
    });
    const segments = simulatedFilmSegments(before, after);
    expect(segments.map((s) => [s.parts[0]?.level, s.parts[s.parts.length - 1]?.level])).toEqual([
      ['C2', 'T12'],
      ['L1', 'L4'],
      ['L5', 'S1'],
    ]);
    expect(isIdentity(segments[2])).toBe(true);
    expectSegmentsCarryLandmarks(segments, before, after);
  });

  it('with a compensating pelvis the lowest segment turns about the hips, and the landmarks still match', () => {
    const { before, after } = predictedFilms(
      { osteotomies: [{ level: 'L3', grade: 3, angleDeg: 30 }] },
      {},
      'compensating',
    );
    const segments = simulatedFilmSegments(before, after);
    expect(segments).toHaveLength(2);
    expectSegmentsCarryLandmarks(segments, before, after);
  });

  it('leaves out vertebrae a column resection removes', () => {
    const { before, after } = predictedFilms({ osteotomies: [{ level: 'L2', grade: 5, angleDeg: 0 }] });
    const segments = simulatedFilmSegments(before, after);
    expect(segments).toHaveLength(2);
    expect(segments.flatMap((s) => s.parts.map((p) => p.level))).not.toContain('L2');
    expectSegmentsCarryLandmarks(segments, before, after);
  });
});
