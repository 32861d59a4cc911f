import type { Level } from '../case/levels.js';
import type { CoronalRadiograph, CoronalVertebra, ImageSide, PixelSpacingMm } from '../case/types.js';
import type { Point } from '../geometry/point.js';

export interface SyntheticCoronalOptions {
  /** Levels from the top down, each with its endplate tilt in degrees (right end lower positive): one number for both endplates, or [superior, inferior]. */
  readonly tiltsDeg: readonly (readonly [Level, number | readonly [number, number]])[];
  readonly patientRightOnImage?: ImageSide;
  /** Square pixels only; absent = uncalibrated (geometry then in pixels). */
  readonly pixelSpacingMm?: number;
  readonly bodyWidthMm?: number;
  readonly bodyHeightMm?: number;
  readonly discHeightMm?: number;
  /** Where the top vertebra's centre is, in millimetres of the patient frame (X right, Y down). */
  readonly topCentreMm?: Point;
}

const DEG = Math.PI / 180;

/**
 * A coronal film built from chosen endplate tilts, so Cobb angles are known by construction. Each
 * vertebra is a body of the given width and height whose superior and inferior endplates have the chosen
 * tilts; it stands on the previous one, its centre one body-plus-disc height further along the local
 * spine axis (perpendicular to the mean endplate direction).
 */
export function buildCoronalSpine(options: SyntheticCoronalOptions): CoronalRadiograph {
  const width = options.bodyWidthMm ?? 40;
  const height = options.bodyHeightMm ?? 25;
  const disc = options.discHeightMm ?? 8;
  const spacing = options.pixelSpacingMm ?? 1;
  const side = options.patientRightOnImage ?? 'left';
  // Patient frame (mm, X right, Y down) → image pixels; the patient's right is on the image's `side`.
  const toImage = (p: Point): Point => [(side === 'right' ? p[0] : -p[0]) / spacing + 1000, p[1] / spacing];
  let centre: Point = options.topCentreMm ?? [0, 100];
  const vertebrae: Partial<Record<Level, CoronalVertebra>> = {};
  for (const [level, tilt] of options.tiltsDeg) {
    const [superior, inferior] = typeof tilt === 'number' ? [tilt, tilt] : tilt;
    const axis = ((superior + inferior) / 2) * DEG;
    const down: Point = [-Math.sin(axis), Math.cos(axis)];
    const endplate = (tiltDeg: number, along: number): { right: Point; left: Point } => {
      const e: Point = [Math.cos(tiltDeg * DEG), Math.sin(tiltDeg * DEG)];
      const middle: Point = [centre[0] + down[0] * along, centre[1] + down[1] * along];
      return {
        right: toImage([middle[0] + (e[0] * width) / 2, middle[1] + (e[1] * width) / 2]),
        left: toImage([middle[0] - (e[0] * width) / 2, middle[1] - (e[1] * width) / 2]),
      };
    };
    const top = endplate(superior, -height / 2);
    const bottom = endplate(inferior, height / 2);
    vertebrae[level] = {
      superiorRight: top.right,
      superiorLeft: top.left,
      inferiorRight: bottom.right,
      inferiorLeft: bottom.left,
    };
    centre = [centre[0] + down[0] * (height + disc), centre[1] + down[1] * (height + disc)];
  }
  return {
    id: 'synthetic-coronal',
    view: 'coronal',
    posture: 'standing',
    patientRightOnImage: side,
    vertebrae,
    ...(options.pixelSpacingMm === undefined
      ? {}
      : { pixelSpacingMm: options.pixelSpacingMm as PixelSpacingMm }),
  };
}

function mirroredVertebrae(
  film: CoronalRadiograph,
  imageWidthPx: number,
  rename: (corner: string) => string,
) {
  const vertebrae: Partial<Record<Level, CoronalVertebra>> = {};
  for (const [level, v] of Object.entries(film.vertebrae) as [Level, CoronalVertebra][]) {
    const mirrored: Record<string, Point> = {};
    for (const [corner, p] of Object.entries(v) as [string, Point][])
      mirrored[rename(corner)] = [imageWidthPx - p[0], p[1]];
    vertebrae[level] = mirrored;
  }
  return vertebrae;
}

/** The same patient's film shown mirrored (AP ↔ PA display): every value must stay the same. */
export function mirrorImage(film: CoronalRadiograph, imageWidthPx: number): CoronalRadiograph {
  const patientRightOnImage = film.patientRightOnImage === 'left' ? 'right' : 'left';
  return {
    ...film,
    patientRightOnImage,
    vertebrae: mirroredVertebrae(film, imageWidthPx, (corner) => corner),
  };
}

/** The film of a mirror-image patient (a left curve where there was a right one), displayed the same way. */
export function mirrorPatient(film: CoronalRadiograph, imageWidthPx: number): CoronalRadiograph {
  const swap = (corner: string) =>
    corner.replace(/Right$|Left$/, (side) => (side === 'Right' ? 'Left' : 'Right'));
  return { ...film, vertebrae: mirroredVertebrae(film, imageWidthPx, swap) };
}
