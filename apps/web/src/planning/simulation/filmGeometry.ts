// What the plan's hinges and the alignment targets mean on the predicted film, in image pixels. Pure: every
// position comes from the core's films (predicted landmarks, pixel spacing, anterior side) and targets.
import {
  LEVELS,
  OSTEOTOMY_GRADES,
  patientFrame,
  toImage,
  toPatient,
  type LateralRadiograph,
  type Level,
  type Osteotomy,
  type Point,
  type Target,
} from '@spinerecon/core';
import { applyAffine, simulatedFilmSegments, type Segment } from './segments';

/** One osteotomy's hinge on the predicted film. */
export interface FilmHinge {
  readonly level: Level;
  /** Image pixels of the predicted film. */
  readonly at: Point;
  /** Level and grade, e.g. "L3 grade 3". */
  readonly label: string;
  /** The wedge angle simulated (the plan's, else the grade's published default). */
  readonly angleDeg: number;
}

/** A target's range on the film: null bounds are open. */
export interface TargetRange {
  readonly min: number | null;
  readonly max: number | null;
}

/** The allowed band of the C7 plumb line: x from `xMin` to `xMax` in image pixels (either may be open). */
export interface SvaBand {
  readonly xMin: number | null;
  readonly xMax: number | null;
  /** The posterosuperior corner of S1 the band is measured from (image pixels). */
  readonly origin: Point;
}

/** The allowed directions of the hip axis → S1 endplate midpoint line, at the hip axis. */
export interface PtWedge {
  readonly apex: Point;
  /** The ends of the two bounding rays (image pixels), the ray's length the hip axis–S1 midpoint distance. */
  readonly minEnd: Point;
  readonly maxEnd: Point;
  /** The angles drawn (degrees, from the vertical, hip axis anterior positive); an open bound is drawn at ±`OPEN_PT_DEG`. */
  readonly minDeg: number;
  readonly maxDeg: number;
  readonly radiusPx: number;
  /** Points along the arc from the min ray's end to the max ray's end (image pixels), for drawing. */
  readonly arc: readonly Point[];
}

/** How far an open PT bound is drawn (degrees from the vertical). */
export const OPEN_PT_DEG = 60;

const midpoint = (a: Point, b: Point): Point => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
const lower = (level: Level): Level | undefined => LEVELS[LEVELS.indexOf(level) + 1];
const upper = (level: Level): Level | undefined => LEVELS[LEVELS.indexOf(level) - 1];

/** The range of `parameter` in a target list, when it has at least one bound. */
export function rangeOf(
  targets: readonly Target[] | undefined,
  parameter: Target['parameter'],
): TargetRange | undefined {
  const target = targets?.find((t) => t.parameter === parameter);
  if (target === undefined || (target.min === null && target.max === null)) return undefined;
  return { min: target.min, max: target.max };
}

/**
 * The SVA target as the band the C7 plumb line must fall in: SVA is the horizontal offset of the C7 centroid
 * from the posterosuperior corner of S1 (anterior positive), so the band runs from the corner + min to the
 * corner + max, in millimetres converted with the film's column spacing. Undefined on an uncalibrated film or
 * without the S1 corner.
 */
export function svaBand(film: LateralRadiograph, range: TargetRange): SvaBand | undefined {
  if (film.pixelSpacingMm === undefined) return undefined;
  const origin = film.vertebrae.S1?.superiorPosterior;
  if (origin === undefined) return undefined;
  const frame = patientFrame(film.pixelSpacingMm, film.anteriorOnImage);
  const at = (mm: number | null): number | null =>
    mm === null ? null : origin[0] + (mm / frame.mmPerPixelX) * frame.directionX;
  const [a, b] = [at(range.min), at(range.max)];
  // On a film with anterior to the left the bounds swap sides.
  const xs = frame.directionX === 1 ? [a, b] : [b, a];
  return { xMin: xs[0] ?? null, xMax: xs[1] ?? null, origin };
}

/**
 * The PT target as the allowed directions of the line from the hip axis (midpoint of the femoral head centres)
 * to the S1 endplate midpoint: PT is the angle of that line from the vertical, positive when the hip axis is
 * anterior to the midpoint, so the midpoint lies at hip + r·(−sin PT, −cos PT) in the patient frame (x anterior,
 * y down). Angles are true on calibrated films with non-square pixels (computed in millimetres).
 */
export function ptWedge(film: LateralRadiograph, range: TargetRange): PtWedge | undefined {
  const [first, second] = film.femoralHeads;
  const s1 = film.vertebrae.S1;
  if (first === undefined || s1?.superiorAnterior === undefined || s1.superiorPosterior === undefined)
    return undefined;
  const apex = second === undefined ? first.center : midpoint(first.center, second.center);
  const frame = patientFrame(film.pixelSpacingMm, film.anteriorOnImage);
  const hip = toPatient(frame, apex);
  const middle = toPatient(frame, midpoint(s1.superiorAnterior, s1.superiorPosterior));
  const r = Math.hypot(middle[0] - hip[0], middle[1] - hip[1]);
  if (r === 0) return undefined;
  const end = (deg: number): Point => {
    const rad = (deg * Math.PI) / 180;
    return toImage(frame, [hip[0] - r * Math.sin(rad), hip[1] - r * Math.cos(rad)]);
  };
  const minDeg = range.min ?? -OPEN_PT_DEG;
  const maxDeg = range.max ?? OPEN_PT_DEG;
  const endMin = end(minDeg);
  const radiusPx = Math.hypot(endMin[0] - apex[0], endMin[1] - apex[1]);
  const steps = Math.max(1, Math.ceil(Math.abs(maxDeg - minDeg) / 2));
  const arc = Array.from({ length: steps + 1 }, (_, i) => end(minDeg + ((maxDeg - minDeg) * i) / steps));
  return { apex, minEnd: endMin, maxEnd: end(maxDeg), minDeg, maxDeg, radiusPx, arc };
}

/** The segment carrying a landmark of `level` (before → after). */
function segmentWith(segments: readonly Segment[], level: Level, point: string): Segment | undefined {
  return segments.find((s) => s.parts.some((p) => p.level === level && p.points.some((n) => n === point)));
}

/**
 * Where each osteotomy's hinge is on the predicted film, as the core places it (planning/osteotomyMotions.ts,
 * discSetting.ts): a pedicle subtraction (grades 3–4) turns about the midpoint of the level's anterior corners
 * (or the plan's own hinge), carried to the predicted film with the level's inferior part; a posterior column
 * osteotomy (grades 1–2) about the level's inferior-posterior corner (or the plan's hinge); a resection (grades
 * 5–6) closes on the posterior corners (anterior for a negative angle) of the vertebrae bounding the gap, which
 * meet at the superior corner of the vertebra below. Osteotomies whose landmarks are missing are left out.
 */
export function osteotomyHinges(
  osteotomies: readonly Osteotomy[],
  before: LateralRadiograph,
  after: LateralRadiograph,
): FilmHinge[] {
  const segments = simulatedFilmSegments(before, after);
  return osteotomies.flatMap((o): FilmHinge[] => {
    const grade = OSTEOTOMY_GRADES[o.grade];
    const angleDeg = o.angleDeg ?? grade.defaultAngleDeg;
    if (angleDeg === null || angleDeg === undefined || !Number.isFinite(angleDeg)) return [];
    const label = `${o.level} grade ${o.grade}`;
    const carried = (pre: Point | undefined, level: Level, by: string): Point | undefined => {
      const segment = segmentWith(segments, level, by);
      return pre === undefined || segment === undefined ? undefined : applyAffine(segment.matrix, pre);
    };
    let at: Point | undefined;
    if (grade.motion === 'pedicle-subtraction') {
      const v = before.vertebrae[o.level];
      const pre =
        o.hinge ??
        (v?.superiorAnterior === undefined || v.inferiorAnterior === undefined
          ? undefined
          : midpoint(v.superiorAnterior, v.inferiorAnterior));
      at = carried(pre, o.level, 'inferiorAnterior');
    } else if (grade.motion === 'posterior-column') {
      at =
        o.hinge === undefined
          ? after.vertebrae[o.level]?.inferiorPosterior
          : carried(o.hinge, o.level, 'inferiorPosterior');
    } else {
      const removed = o.grade === 6 ? (o.levels ?? [o.level]) : [o.level];
      const last = removed[removed.length - 1] ?? o.level;
      const below = lower(last);
      const first = removed[0] ?? o.level;
      if (below !== undefined && upper(first) !== undefined) {
        const v = after.vertebrae[below];
        at = angleDeg >= 0 ? v?.superiorPosterior : v?.superiorAnterior;
      }
    }
    return at === undefined ? [] : [{ level: o.level, at, label, angleDeg }];
  });
}
