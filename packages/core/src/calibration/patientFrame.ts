import type { Point } from '../geometry/point.js';
import type { ImageSide, PixelSpacingMm } from '../case/types.js';

/**
 * The coordinate frame every measurement is computed in. X points towards the patient's anterior
 * (lateral film) or the patient's right (coronal film); Y points down, as on the image (the image
 * vertical is the true vertical of a standing film). Units are millimetres on a calibrated film, so
 * non-square pixels give correct angles too; on an uncalibrated film they are pixels, with square
 * pixels assumed, and no distance may be reported.
 */
export interface PatientFrame {
  readonly calibrated: boolean;
  readonly mmPerPixelX: number;
  readonly mmPerPixelY: number;
  /** +1 when the patient's anterior (lateral) or right (coronal) is to the right of the image. */
  readonly directionX: 1 | -1;
}

export function patientFrame(spacing: PixelSpacingMm | undefined, positiveXOnImage: ImageSide): PatientFrame {
  const directionX = positiveXOnImage === 'right' ? 1 : -1;
  if (spacing === undefined) return { calibrated: false, mmPerPixelX: 1, mmPerPixelY: 1, directionX };
  // DICOM PixelSpacing order: [row spacing (vertical), column spacing (horizontal)].
  const [rowMm, colMm] = typeof spacing === 'number' ? [spacing, spacing] : spacing;
  return { calibrated: true, mmPerPixelX: colMm, mmPerPixelY: rowMm, directionX };
}

export function toPatient(frame: PatientFrame, p: Point): Point {
  return [p[0] * frame.mmPerPixelX * frame.directionX, p[1] * frame.mmPerPixelY];
}

export function toImage(frame: PatientFrame, p: Point): Point {
  return [p[0] / (frame.mmPerPixelX * frame.directionX), p[1] / frame.mmPerPixelY];
}

export const UNCALIBRATED_REASON =
  'the radiograph is not calibrated (no pixelSpacingMm), so no distance in millimetres can be given';
