import { describe, expect, it } from 'vitest';
import type { LateralRadiograph } from '../case/types.js';
import { rotationAbout } from './rigidMotion.js';
import { moveAbove, spineFromRadiograph, spineToRadiograph } from './sagittalSpine.js';

const film: LateralRadiograph = {
  id: 'l',
  view: 'lateral',
  posture: 'standing',
  pixelSpacingMm: 0.5,
  anteriorOnImage: 'right',
  femoralHeads: [{ center: [0, 400] }],
  vertebrae: {
    C7: { centroid: [100, 0] },
    L3: { superiorAnterior: [110, 200], superiorPosterior: [90, 200], centroid: [100, 210] },
    L4: { centroid: [100, 240] },
  },
};

describe('the simulated spine and marked centroids', () => {
  it('carries a marked centroid through the patient frame and back unchanged', () => {
    expect(spineToRadiograph(spineFromRadiograph(film), 'l').vertebrae).toEqual(film.vertebrae);
  });

  it('moves the centroids above an osteotomy, and that of the osteotomised vertebra with its superior part', () => {
    const spine = spineFromRadiograph(film);
    const half = rotationAbout([50, 100], 180); // a half turn about (50, 100) mm sends (x, y) to (100 − x, 200 − y)
    const moved = spineToRadiograph(
      moveAbove(spine, 'L3', ['superiorAnterior', 'superiorPosterior'], half),
      'l',
    );
    // In mm: C7 (50, 0) → (50, 200) mm = (100, 400) px; L3's centroid (50, 105) → (50, 95) mm = (100, 190) px.
    expect(moved.vertebrae.C7?.centroid?.[0]).toBeCloseTo(100, 9);
    expect(moved.vertebrae.C7?.centroid?.[1]).toBeCloseTo(400, 9);
    expect(moved.vertebrae.L3?.centroid?.[1]).toBeCloseTo(190, 9);
    expect(moved.vertebrae.L4?.centroid).toEqual([100, 240]);
  });

  it('leaves the centroid of the osteotomised vertebra when only its inferior part moves', () => {
    const spine = spineFromRadiograph(film);
    const moved = spineToRadiograph(
      moveAbove(spine, 'L3', ['inferiorAnterior'], rotationAbout([0, 0], 10)),
      'l',
    );
    expect(moved.vertebrae.L3?.centroid).toEqual([100, 210]);
  });
});
