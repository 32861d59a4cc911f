import { centroid, type LateralRadiograph, type Point } from '@spinerecon/core';
import { describe, expect, it } from 'vitest';
import { buildLateralSpine } from '../../../../packages/core/src/test-support/syntheticLateral';
import {
  fusedLevels,
  NEW_FUSION,
  pickFusionLevel,
  pickToleranceOf,
  quadrilateralOf,
  vertebraAt,
} from './levelPicking';

const film = (): LateralRadiograph => buildLateralSpine({ pixelSpacingMm: 0.5 }).radiograph;

function centreOf(radiograph: LateralRadiograph, level: 'L1' | 'L4' | 'T10'): Point {
  const quadrilateral = quadrilateralOf(radiograph.vertebrae[level] ?? {});
  if (quadrilateral === undefined) throw new Error(`${level} has no four corners`);
  return centroid(quadrilateral);
}

describe('vertebraAt', () => {
  it('finds the vertebra whose four corners enclose the click', () => {
    const radiograph = film();
    expect(vertebraAt(radiograph, centreOf(radiograph, 'L1'))).toBe('L1');
    expect(vertebraAt(radiograph, centreOf(radiograph, 'T10'))).toBe('T10');
    // A corner nudged inwards still lies inside its own body.
    const corner = radiograph.vertebrae.L4?.superiorPosterior as Point;
    const centre = centreOf(radiograph, 'L4');
    expect(vertebraAt(radiograph, [(corner[0] * 9 + centre[0]) / 10, (corner[1] * 9 + centre[1]) / 10])).toBe(
      'L4',
    );
  });

  it('finds nothing in a disc space or far from the spine', () => {
    const radiograph = film();
    const l1 = radiograph.vertebrae.L1;
    const l2 = radiograph.vertebrae.L2;
    const disc = centroid([
      l1?.inferiorAnterior as Point,
      l1?.inferiorPosterior as Point,
      l2?.superiorAnterior as Point,
      l2?.superiorPosterior as Point,
    ]);
    expect(vertebraAt(radiograph, disc)).toBeUndefined();
    expect(vertebraAt(radiograph, [-5000, -5000])).toBeUndefined();
  });

  it('picks a vertebra marked by its centroid or one endplate when the click is within half an endplate length', () => {
    const full = film();
    const centre = centreOf(full, 'L1');
    const quick: LateralRadiograph = {
      ...full,
      vertebrae: {
        L1: { centroid: centre },
        L4: {
          superiorAnterior: full.vertebrae.L4?.superiorAnterior as Point,
          superiorPosterior: full.vertebrae.L4?.superiorPosterior as Point,
        },
      },
    };
    const tolerance = pickToleranceOf(quick) ?? Number.NaN;
    // Half the one marked endplate (L4's).
    const l4 = quick.vertebrae.L4;
    const endplate = Math.hypot(
      (l4?.superiorAnterior?.[0] ?? 0) - (l4?.superiorPosterior?.[0] ?? 0),
      (l4?.superiorAnterior?.[1] ?? 0) - (l4?.superiorPosterior?.[1] ?? 0),
    );
    expect(tolerance).toBeCloseTo(endplate / 2, 9);
    expect(vertebraAt(quick, [centre[0] + tolerance * 0.9, centre[1]])).toBe('L1');
    expect(vertebraAt(quick, [centre[0] + tolerance * 1.1, centre[1]])).toBeUndefined();
  });
});

describe('pickFusionLevel', () => {
  it('makes the first click the UIV and the second the LIV', () => {
    const first = pickFusionLevel(undefined, undefined, 'T11');
    expect(first).toEqual({ fusion: { ...NEW_FUSION, upperInstrumentedVertebra: 'T11' }, first: 'T11' });
    const second = pickFusionLevel(first.fusion, first.first, 'L5');
    expect(second).toEqual({
      fusion: { upperInstrumentedVertebra: 'T11', lowerInstrumentedVertebra: 'L5', pelvicFixation: 'none' },
      first: undefined,
    });
  });

  it('swaps the two when the second vertebra is above the first, and keeps the pelvic fixation', () => {
    const fusion = { ...NEW_FUSION, pelvicFixation: 'S2AI' as const };
    const first = pickFusionLevel(fusion, undefined, 'L4');
    const second = pickFusionLevel(first.fusion, first.first, 'T4');
    expect(second.fusion).toEqual({
      upperInstrumentedVertebra: 'T4',
      lowerInstrumentedVertebra: 'L4',
      pelvicFixation: 'S2AI',
    });
  });

  it('takes S1 as the LIV even when it is clicked first, and waits when the same vertebra is clicked twice', () => {
    const first = pickFusionLevel(NEW_FUSION, undefined, 'S1');
    expect(first.fusion.lowerInstrumentedVertebra).toBe('S1');
    expect(first.fusion.upperInstrumentedVertebra).toBe('T10');
    expect(pickFusionLevel(first.fusion, first.first, 'S1')).toEqual(first);
    expect(pickFusionLevel(first.fusion, first.first, 'L2').fusion).toMatchObject({
      upperInstrumentedVertebra: 'L2',
      lowerInstrumentedVertebra: 'S1',
    });
  });
});

describe('fusedLevels', () => {
  it('lists UIV to LIV top down, and nothing for a reversed range', () => {
    expect(fusedLevels({ ...NEW_FUSION, upperInstrumentedVertebra: 'L3' })).toEqual(['L3', 'L4', 'L5', 'S1']);
    expect(
      fusedLevels({ ...NEW_FUSION, upperInstrumentedVertebra: 'S1', lowerInstrumentedVertebra: 'L5' }),
    ).toEqual([]);
  });
});
