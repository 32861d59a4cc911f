import { patientFrame, toImage, toPatient, type PatientFrame } from '../calibration/patientFrame.js';
import { LEVELS, levelIndex, type Level } from '../case/levels.js';
import {
  CENTROID_POINT,
  LATERAL_CORNERS,
  type CentroidPoint,
  type LateralCorner,
  type LateralRadiograph,
} from '../case/types.js';
import { RAD_TO_DEG, midpoint, type Point } from '../geometry/point.js';
import { applyMotion, type RigidMotion } from './rigidMotion.js';

type Corners = Partial<Record<LateralCorner | CentroidPoint, Point>>;
/** Every point of a lateral vertebra the simulation moves: its corners and a marked centroid. */
const POINTS = [...LATERAL_CORNERS, CENTROID_POINT] as const;

/**
 * The landmarks of one lateral film in the patient frame (mm on a calibrated film; X anterior, Y down),
 * as the simulation moves them. The pelvis (S1 and the femoral heads) is what stays fixed.
 */
export interface SagittalSpine {
  readonly source: LateralRadiograph;
  readonly frame: PatientFrame;
  readonly vertebrae: Readonly<Partial<Record<Level, Corners>>>;
  readonly femoralHeads: readonly Point[];
  /** Hinges given by the plan, keyed by osteotomy; each moves with the inferior part of its vertebra. */
  readonly hinges: Readonly<Record<string, { readonly level: Level; readonly at: Point }>>;
}

export function spineFromRadiograph(radiograph: LateralRadiograph): SagittalSpine {
  const frame = patientFrame(radiograph.pixelSpacingMm, radiograph.anteriorOnImage);
  const vertebrae: Partial<Record<Level, Corners>> = {};
  for (const level of LEVELS) {
    const corners = radiograph.vertebrae[level];
    if (corners === undefined) continue;
    const moved: Corners = {};
    for (const point of POINTS) {
      const p = corners[point];
      if (p !== undefined) moved[point] = toPatient(frame, p);
    }
    vertebrae[level] = moved;
  }
  const femoralHeads = radiograph.femoralHeads.map((head) => toPatient(frame, head.center));
  return { source: radiograph, frame, vertebrae, femoralHeads, hinges: {} };
}

/** The film of the moved landmarks, in the source film's pixels; removed vertebrae are left out. */
export function spineToRadiograph(spine: SagittalSpine, id: string): LateralRadiograph {
  const vertebrae: Partial<Record<Level, Corners>> = {};
  for (const [level, corners] of Object.entries(spine.vertebrae) as [Level, Corners][]) {
    const image: Corners = {};
    for (const point of POINTS) {
      const p = corners[point];
      if (p !== undefined) image[point] = toImage(spine.frame, p);
    }
    vertebrae[level] = image;
  }
  const femoralHeads = spine.source.femoralHeads.map((head, i) => ({
    ...head,
    center: toImage(spine.frame, spine.femoralHeads[i] ?? head.center),
  }));
  return { ...spine.source, id, vertebrae, femoralHeads };
}

export function corner(
  spine: SagittalSpine,
  level: Level,
  name: LateralCorner | CentroidPoint,
): Point | undefined {
  return spine.vertebrae[level]?.[name];
}

/**
 * Moves every landmark of the vertebrae above `level`, the listed corners of `level` itself, and the
 * plan's hinges attached to those parts. A marked centroid of `level` moves with its superior part
 * (when the superior anterior corner is listed). With `pelvis` the femoral heads move too (a rotation
 * of the whole patient about the hips).
 */
export function moveAbove(
  spine: SagittalSpine,
  level: Level,
  cornersOfLevel: readonly LateralCorner[],
  motion: RigidMotion,
): SagittalSpine {
  const top = levelIndex(level);
  const vertebrae: Partial<Record<Level, Corners>> = { ...spine.vertebrae };
  for (const [name, corners] of Object.entries(spine.vertebrae) as [Level, Corners][]) {
    const index = levelIndex(name);
    if (index > top) continue;
    const moved: Corners = { ...corners };
    for (const c of LATERAL_CORNERS) {
      const p = corners[c];
      if (p !== undefined && (index < top || cornersOfLevel.includes(c))) moved[c] = applyMotion(motion, p);
    }
    const centre = corners[CENTROID_POINT];
    if (centre !== undefined && (index < top || cornersOfLevel.includes('superiorAnterior'))) {
      moved[CENTROID_POINT] = applyMotion(motion, centre);
    }
    vertebrae[name] = moved;
  }
  const inferiorMoves = cornersOfLevel.includes('inferiorAnterior');
  const hinges = Object.fromEntries(
    Object.entries(spine.hinges).map(([key, hinge]) => {
      const index = levelIndex(hinge.level);
      const moves = index < top || (index === top && inferiorMoves);
      return [key, moves ? { ...hinge, at: applyMotion(motion, hinge.at) } : hinge];
    }),
  );
  return { ...spine, vertebrae, hinges };
}

/** The whole patient (spine, sacrum and femoral heads) moved rigidly. */
export function moveWhole(spine: SagittalSpine, motion: RigidMotion): SagittalSpine {
  const moved = moveAbove(spine, 'S1', LATERAL_CORNERS, motion);
  return { ...moved, femoralHeads: spine.femoralHeads.map((p) => applyMotion(motion, p)) };
}

export function removeLevels(spine: SagittalSpine, levels: readonly Level[]): SagittalSpine {
  const vertebrae = Object.fromEntries(
    Object.entries(spine.vertebrae).filter(([level]) => !(levels as readonly string[]).includes(level)),
  );
  return { ...spine, vertebrae };
}

export function withHinge(spine: SagittalSpine, key: string, level: Level, at: Point): SagittalSpine {
  return { ...spine, hinges: { ...spine.hinges, [key]: { level, at } } };
}

/** An endplate in the patient frame, from its posterior to its anterior corner. */
export interface SpineEndplate {
  readonly posterior: Point;
  readonly anterior: Point;
  readonly midpoint: Point;
  /** Against the horizontal, anterior corner lower positive. */
  readonly tiltDeg: number;
}

export function endplateOf(
  spine: SagittalSpine,
  level: Level,
  side: 'superior' | 'inferior',
): SpineEndplate | undefined {
  const posterior = corner(spine, level, `${side}Posterior`);
  const anterior = corner(spine, level, `${side}Anterior`);
  if (posterior === undefined || anterior === undefined) return undefined;
  const tiltDeg = Math.atan2(anterior[1] - posterior[1], anterior[0] - posterior[0]) * RAD_TO_DEG;
  return { posterior, anterior, midpoint: midpoint(posterior, anterior), tiltDeg };
}

/** The hip axis: midpoint of the femoral head centres, or the one centre (Legaye 1998). */
export function hipAxisOf(spine: SagittalSpine): Point | undefined {
  const [first, second] = spine.femoralHeads;
  if (first === undefined) return undefined;
  return second === undefined ? first : midpoint(first, second);
}
