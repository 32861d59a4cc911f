import { describe, expect, it } from 'vitest';
import { validateCase } from '../../case/validateCase.js';
import type { LateralRadiograph, LateralVertebra } from '../../case/types.js';
import type { Point } from '../../geometry/point.js';
import { buildLateralSpine } from '../../test-support/syntheticLateral.js';
import { measureLateral } from './measureLateral.js';

// A vertebra's centroid marked with one click stands in for the mean of its four corners (quick protocols).

const full: LateralRadiograph = { ...buildLateralSpine().radiograph, pixelSpacingMm: 0.2 };

function meanOfCorners(vertebra: LateralVertebra | undefined): Point {
  const corners = [
    vertebra?.superiorAnterior,
    vertebra?.superiorPosterior,
    vertebra?.inferiorAnterior,
    vertebra?.inferiorPosterior,
  ];
  if (corners.some((c) => c === undefined)) throw new Error('the synthetic spine lacks a corner');
  const points = corners as Point[];
  return [points.reduce((s, p) => s + p[0], 0) / 4, points.reduce((s, p) => s + p[1], 0) / 4];
}

/** The film with C7 reduced to its marked centroid (at the corner mean, or elsewhere). */
function withMarkedC7(centroid: Point, keepCorners = false): LateralRadiograph {
  const c7 = full.vertebrae.C7;
  return {
    ...full,
    vertebrae: { ...full.vertebrae, C7: keepCorners ? { ...c7, centroid } : { centroid } },
  };
}

const value = (radiograph: LateralRadiograph) => {
  const sva = measureLateral(radiograph).values.sagittalVerticalAxisMm;
  if (!sva.ok) throw new Error(sva.reason);
  return sva;
};

describe('a marked vertebral centroid', () => {
  it('gives the same SVA as the four corners it stands for, and is listed as the landmark used', () => {
    const marked = value(withMarkedC7(meanOfCorners(full.vertebrae.C7)));
    expect(marked.value).toBeCloseTo(value(full).value, 9);
    expect(marked.landmarks).toContain('C7.centroid');
    expect(marked.landmarks).not.toContain('C7.superiorAnterior');
  });

  it('is ignored when all four corners are marked: the corner mean is the definition', () => {
    const elsewhere: Point = [0, 0];
    const both = value(withMarkedC7(elsewhere, true));
    expect(both.value).toBeCloseTo(value(full).value, 9);
    expect(both.landmarks).not.toContain('C7.centroid');
  });

  it('is what the reason asks for when neither it nor the four corners are there', () => {
    const { C7: _dropped, ...rest } = full.vertebrae;
    const sva = measureLateral({ ...full, vertebrae: rest }).values.sagittalVerticalAxisMm;
    expect(sva).toEqual({ ok: false, reason: 'needs all four corners of C7 or its marked centroid' });
  });

  it('is read from a case file, and an unknown point name is still an error', () => {
    const file = (c7: Record<string, unknown>) => ({
      format: 'spinerecon.case/1',
      radiographs: [
        { id: 'l', view: 'lateral', anteriorOnImage: 'right', vertebrae: { C7: c7 }, femoralHeads: [] },
      ],
    });
    const read = validateCase(file({ centroid: [10, 20] }));
    expect(read.ok && read.value.radiographs[0]?.vertebrae.C7).toEqual({ centroid: [10, 20] });
    expect(validateCase(file({ center: [10, 20] })).ok).toBe(false);
  });
});
