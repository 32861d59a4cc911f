import type { Point } from '../geometry/point.js';
import type { Level } from './levels.js';

/** Case file format identifier (docs/formats/spine-case.md). */
export const CASE_FORMAT = 'spinerecon.case/1';

export const SEXES = ['female', 'male', 'other'] as const;
export type Sex = (typeof SEXES)[number];

export const POSTURES = ['standing', 'supine', 'left-bending', 'right-bending', 'traction'] as const;
/** How the patient was positioned; `standing` when the file does not say. */
export type Posture = (typeof POSTURES)[number];

export type ImageSide = 'left' | 'right';

/**
 * Millimetres at the patient per pixel: one number for square pixels, or `[rowMm, colMm]` as DICOM
 * PixelSpacing orders it (row spacing = vertical distance between rows, column spacing = horizontal).
 */
export type PixelSpacingMm = number | readonly [number, number];

export interface Patient {
  readonly ageYears?: number;
  readonly sex?: Sex;
}

export const LATERAL_CORNERS = [
  'superiorAnterior',
  'superiorPosterior',
  'inferiorAnterior',
  'inferiorPosterior',
] as const;
export type LateralCorner = (typeof LATERAL_CORNERS)[number];
export type LateralVertebra = Partial<Record<LateralCorner, Point>>;

export const CORONAL_CORNERS = ['superiorRight', 'superiorLeft', 'inferiorRight', 'inferiorLeft'] as const;
export type CoronalCorner = (typeof CORONAL_CORNERS)[number];
export type CoronalVertebra = Partial<Record<CoronalCorner, Point>>;

export interface FemoralHead {
  readonly center: Point;
  readonly radiusPx?: number;
}

interface RadiographBase {
  readonly id: string;
  readonly posture: Posture;
  /** Absent: the film is uncalibrated, and no distance in millimetres can be given. */
  readonly pixelSpacingMm?: PixelSpacingMm;
}

export interface LateralRadiograph extends RadiographBase {
  readonly view: 'lateral';
  /** Which side of the image the patient faces. */
  readonly anteriorOnImage: ImageSide;
  readonly vertebrae: Partial<Record<Level, LateralVertebra>>;
  readonly femoralHeads: readonly FemoralHead[];
}

export interface CoronalRadiograph extends RadiographBase {
  readonly view: 'coronal';
  /** `left` as in AP display, `right` as in PA display. */
  readonly patientRightOnImage: ImageSide;
  readonly vertebrae: Partial<Record<Level, CoronalVertebra>>;
}

export type Radiograph = LateralRadiograph | CoronalRadiograph;

export interface SpineCase {
  readonly format: typeof CASE_FORMAT;
  readonly patient?: Patient;
  readonly radiographs: readonly Radiograph[];
}
