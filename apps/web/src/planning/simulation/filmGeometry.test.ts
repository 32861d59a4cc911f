import {
  CASE_FORMAT,
  EMPTY_PLAN,
  measureRadiograph,
  predictPlan,
  type LateralRadiograph,
  type Osteotomy,
} from '@spinerecon/core';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  buildLateralSpine,
  type SyntheticLateralOptions,
} from '../../../../../packages/core/src/test-support/syntheticLateral';
import {
  HingeMarkers,
  osteotomyHinges,
  ptWedge,
  svaBand,
  TargetAnnotations,
  vertebralCentroid,
} from './index';

function predicted(
  osteotomies: readonly Osteotomy[],
  options: SyntheticLateralOptions = {},
): { before: LateralRadiograph; after: LateralRadiograph } {
  const before = buildLateralSpine(options).radiograph;
  const prediction = predictPlan(
    { format: CASE_FORMAT, radiographs: [before] },
    { ...EMPTY_PLAN, osteotomies: [...osteotomies] },
    'fixed',
  );
  if (!prediction.ok) throw new Error(prediction.reason);
  const after = prediction.predictedCase.radiographs[0];
  if (after?.view !== 'lateral') throw new Error('no predicted lateral film');
  return { before, after };
}

function measured(film: LateralRadiograph, parameter: 'sagittalVerticalAxisMm' | 'pelvicTiltDeg'): number {
  const result = measureRadiograph(film);
  if (result.view !== 'lateral') throw new Error('not lateral');
  const found = result.values[parameter];
  if (!('value' in found)) throw new Error(`${parameter} not measured`);
  return found.value;
}

describe('svaBand', () => {
  it('is the S1 posterosuperior corner plus the range in mm, in image pixels (anterior right)', () => {
    const film = buildLateralSpine({ pixelSpacingMm: [0.2, 0.25] }).radiograph;
    const corner = film.vertebrae.S1?.superiorPosterior;
    if (corner === undefined) throw new Error('no S1 corner');
    const band = svaBand(film, { min: -20, max: 40 });
    expect(band?.xMin).toBeCloseTo(corner[0] - 20 / 0.25, 6);
    expect(band?.xMax).toBeCloseTo(corner[0] + 40 / 0.25, 6);
    // A C7 centroid on the band's right edge measures exactly the max.
    const open = svaBand(film, { min: null, max: 40 });
    expect(open?.xMin).toBeNull();
    expect(open?.xMax).toBeCloseTo(corner[0] + 160, 6);
  });

  it('swaps sides when anterior is on the left, and is undefined on an uncalibrated film', () => {
    const film = buildLateralSpine({ pixelSpacingMm: 0.5, anteriorOnImage: 'left' }).radiograph;
    const corner = film.vertebrae.S1?.superiorPosterior ?? [0, 0];
    const band = svaBand(film, { min: null, max: 40 });
    expect(band?.xMax).toBeNull();
    expect(band?.xMin).toBeCloseTo(corner[0] - 80, 6);
    expect(svaBand(buildLateralSpine().radiograph, { min: null, max: 40 })).toBeUndefined();
  });

  it('puts the measured SVA inside the band exactly when it meets the range', () => {
    const film = buildLateralSpine({ pixelSpacingMm: 0.3 }).radiograph;
    const sva = measured(film, 'sagittalVerticalAxisMm');
    const c7x = vertebralCentroid(film.vertebrae.C7)?.[0] ?? Number.NaN;
    const inside = svaBand(film, { min: sva - 1, max: sva + 1 });
    expect(c7x).toBeGreaterThan(inside?.xMin ?? Infinity);
    expect(c7x).toBeLessThan(inside?.xMax ?? -Infinity);
    const edge = svaBand(film, { min: null, max: sva });
    expect(edge?.xMax).toBeCloseTo(c7x, 4);
  });
});

describe('ptWedge', () => {
  it('has its ray at the measured PT through the S1 endplate midpoint (non-square pixels)', () => {
    const film = buildLateralSpine({ pixelSpacingMm: [0.2, 0.3], pelvicTiltDeg: 25 }).radiograph;
    const pt = measured(film, 'pelvicTiltDeg');
    const s1 = film.vertebrae.S1;
    const mid = [
      ((s1?.superiorAnterior?.[0] ?? 0) + (s1?.superiorPosterior?.[0] ?? 0)) / 2,
      ((s1?.superiorAnterior?.[1] ?? 0) + (s1?.superiorPosterior?.[1] ?? 0)) / 2,
    ];
    const wedge = ptWedge(film, { min: pt, max: 40 });
    expect(wedge?.minEnd[0]).toBeCloseTo(mid[0] ?? 0, 4);
    expect(wedge?.minEnd[1]).toBeCloseTo(mid[1] ?? 0, 4);
    expect(wedge?.arc[0]).toEqual(wedge?.minEnd);
    expect(wedge?.arc.at(-1)).toEqual(wedge?.maxEnd);
    const open = ptWedge(film, { min: null, max: 20 });
    expect(open?.minDeg).toBe(-60);
    expect(open?.maxDeg).toBe(20);
  });
});

describe('osteotomyHinges', () => {
  it('puts a PSO hinge where the core turns it (anterior midpoint, unmoved below the cut)', () => {
    const { before, after } = predicted([{ level: 'L3', grade: 3, angleDeg: 30 }]);
    const v = before.vertebrae.L3;
    const hinges = osteotomyHinges([{ level: 'L3', grade: 3, angleDeg: 30 }], before, after);
    expect(hinges).toHaveLength(1);
    expect(hinges[0]?.label).toBe('L3 grade 3');
    expect(hinges[0]?.angleDeg).toBe(30);
    expect(hinges[0]?.at[0]).toBeCloseTo(
      ((v?.superiorAnterior?.[0] ?? 0) + (v?.inferiorAnterior?.[0] ?? 0)) / 2,
      3,
    );
    expect(hinges[0]?.at[1]).toBeCloseTo(
      ((v?.superiorAnterior?.[1] ?? 0) + (v?.inferiorAnterior?.[1] ?? 0)) / 2,
      3,
    );
  });

  it('carries a hinge with the parts a later element moves, and uses the default angle', () => {
    const plan: Osteotomy[] = [
      { level: 'L1', grade: 3 },
      { level: 'L4', grade: 2, angleDeg: 10 },
    ];
    const { before, after } = predicted(plan);
    const hinges = osteotomyHinges(plan, before, after);
    expect(hinges.map((h) => h.level)).toEqual(['L1', 'L4']);
    expect(hinges[1]?.at).toEqual(after.vertebrae.L4?.inferiorPosterior);
    // L1's hinge moved with L1's inferior part under the L4 osteotomy; the distance to its corner is kept.
    const pre = before.vertebrae.L1;
    const post = after.vertebrae.L1;
    const preHinge = [
      ((pre?.superiorAnterior?.[0] ?? 0) + (pre?.inferiorAnterior?.[0] ?? 0)) / 2,
      ((pre?.superiorAnterior?.[1] ?? 0) + (pre?.inferiorAnterior?.[1] ?? 0)) / 2,
    ];
    const d = (a: readonly number[], b: readonly number[]) =>
      Math.hypot((a[0] ?? 0) - (b[0] ?? 0), (a[1] ?? 0) - (b[1] ?? 0));
    expect(d(hinges[0]?.at ?? [], post?.inferiorAnterior ?? [])).toBeCloseTo(
      d(preHinge, pre?.inferiorAnterior ?? []),
      3,
    );
    expect(d(hinges[0]?.at ?? [], preHinge)).toBeGreaterThan(1);
  });
});

describe('annotations', () => {
  const toScreen = (p: [number, number]): [number, number] => [p[0] * 2 + 10, p[1] * 2 + 20];
  it('draws one marker per hinge with its label and wedge angle, and labelled target bands', () => {
    const { before, after } = predicted([{ level: 'L3', grade: 3, angleDeg: 30 }], { pixelSpacingMm: 0.3 });
    const hinges = osteotomyHinges([{ level: 'L3', grade: 3, angleDeg: 30 }], before, after);
    const html = renderToStaticMarkup(createElement(HingeMarkers, { hinges, toScreen }));
    expect(html).toContain('data-hinge="L3"');
    expect(html).toContain('L3 grade 3, 30° wedge');
    const targets = renderToStaticMarkup(
      createElement(TargetAnnotations, {
        film: after,
        sva: { min: null, max: 40 },
        pt: { min: null, max: 20 },
        toScreen,
      }),
    );
    expect(targets).toContain('data-target="sva"');
    expect(targets).toContain('SVA target &lt; 40 mm');
    expect(targets).toContain('data-target="pt"');
    expect(targets).toContain('PT target &lt; 20 °');
  });
});
