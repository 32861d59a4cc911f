// Image pixel coordinates ↔ Cornerstone world coordinates.
//
// SpineRecon's convention (landmarks, calibration markers, DICOM SR SCOORD): [x, y] in image pixels, x to the
// right (column), y down (row), (0, 0) the top-left CORNER of the image, so the centre of the top-left pixel is
// (0.5, 0.5) and the image spans [0, columns] × [0, rows].
//
// Cornerstone places the image in world space with its imagePlaneModule: `imagePositionPatient` is the CENTRE of
// the first pixel, `rowCosines` points along a row (x), `columnCosines` down a column (y). Its own
// `utilities.worldToImageCoords` / `imageToWorldCoords` use the same corner convention as ours (they shift the
// origin by half a pixel), but they divide the distance along a row by `rowPixelSpacing` while the rendered
// image data uses `columnPixelSpacing` for that axis; for non-square pixels the two disagree. We therefore
// convert with the viewport's own image data (origin, direction, spacing), which is exactly what is drawn; for
// square pixels the result equals Cornerstone's utilities (checked by the e2e test).
import type { Types } from '@cornerstonejs/core';

export type ImagePoint = [number, number];

interface PlaneGeometry {
  readonly origin: Types.Point3;
  readonly direction: ArrayLike<number>;
  readonly spacing: Types.Point3;
}

const dot3 = (a: ArrayLike<number>, aOffset: number, b: readonly number[]): number =>
  (a[aOffset] ?? 0) * (b[0] ?? 0) + (a[aOffset + 1] ?? 0) * (b[1] ?? 0) + (a[aOffset + 2] ?? 0) * (b[2] ?? 0);

export function worldToImage(geometry: PlaneGeometry, world: Types.Point3): ImagePoint {
  const { origin, direction, spacing } = geometry;
  const d = [world[0] - origin[0], world[1] - origin[1], world[2] - origin[2]];
  return [dot3(direction, 0, d) / spacing[0] + 0.5, dot3(direction, 3, d) / spacing[1] + 0.5];
}

export function imageToWorld(geometry: PlaneGeometry, image: ImagePoint): Types.Point3 {
  const { origin, direction, spacing } = geometry;
  const u = (image[0] - 0.5) * spacing[0];
  const v = (image[1] - 0.5) * spacing[1];
  const at = (k: number) => origin[k as 0 | 1 | 2] + (direction[k] ?? 0) * u + (direction[k + 3] ?? 0) * v;
  return [at(0), at(1), at(2)];
}
