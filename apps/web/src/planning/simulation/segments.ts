// The predicted film as pieces of the original one: every part of the spine the plan moves rigidly, with the
// motion that carries it from the preoperative film to the predicted one and the region of the original image
// it takes along. Pure; the motions are read off the landmarks `predictPlan` moved, nothing is simulated here.
import {
  CENTROID_POINT,
  LATERAL_CORNERS,
  LEVELS,
  patientFrame,
  type CentroidPoint,
  type LateralCorner,
  type LateralRadiograph,
  type LateralVertebra,
  type Level,
  type Point,
} from '@spinerecon/core';

/** An affine map of image pixels as SVG's `matrix(a b c d e f)`: x′ = a·x + c·y + e, y′ = b·x + d·y + f. */
export interface Affine {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
  readonly e: number;
  readonly f: number;
}

export type VertebraPoint = LateralCorner | CentroidPoint;

/** The landmarks of one vertebra a segment carries: all of them, or one side of a vertebra cut by the plan. */
export interface SegmentPart {
  readonly level: Level;
  readonly points: readonly VertebraPoint[];
}

export interface Segment {
  /** Top down. A vertebra cut through (pedicle subtraction) has its superior part in one segment, its inferior part in the next. */
  readonly parts: readonly SegmentPart[];
  /** From the preoperative film's pixels to the predicted film's pixels (same image). */
  readonly matrix: Affine;
  /**
   * The rotation of the segment on the film, in degrees, positive from +x towards +y (clockwise on the screen),
   * measured in millimetres on a calibrated film (so non-square pixels do not distort it).
   */
  readonly rotationDeg: number;
  /** The region of the preoperative image this segment takes along, in its pixels (convex, clockwise or not). */
  readonly polygon: readonly Point[];
  /** The largest distance, in pixels, between a moved preoperative landmark and its predicted position (0 when exact). */
  readonly maxErrorPx: number;
}

export interface ImageSize {
  readonly widthPx: number;
  readonly heightPx: number;
}

/** A rigid motion in the film's millimetre-scaled pixel space: s ↦ R·s + t. */
interface Motion {
  readonly cos: number;
  readonly sin: number;
  readonly tx: number;
  readonly ty: number;
}

interface Piece {
  readonly level: Level;
  readonly points: readonly VertebraPoint[];
  motion: Motion;
  /** Fewer than two points: the motion was borrowed from a neighbour (or is a translation). */
  readonly floating: boolean;
}

interface Line {
  readonly p: Point;
  readonly q: Point;
}

const POINTS: readonly VertebraPoint[] = [...LATERAL_CORNERS, CENTROID_POINT];
// Tolerances that survive the 6-decimal rounding of the planning output (coordinates to 1e-6 px): two motions are
// the same when their rotations agree to 1e-6 and their translations to 1e-3 (far below a screen pixel), and a
// vertebra moved rigidly when no point is off by more than 1e-4 px.
const SAME_ROTATION = 1e-6;
const SAME_TRANSLATION = 1e-3;
const RIGID = 1e-4;
const IDENTITY: Motion = { cos: 1, sin: 0, tx: 0, ty: 0 };

const apply = (m: Motion, p: Point): Point => [
  m.cos * p[0] - m.sin * p[1] + m.tx,
  m.sin * p[0] + m.cos * p[1] + m.ty,
];
const compose = (outer: Motion, inner: Motion): Motion => {
  const [tx, ty] = apply(outer, [inner.tx, inner.ty]);
  return {
    cos: outer.cos * inner.cos - outer.sin * inner.sin,
    sin: outer.sin * inner.cos + outer.cos * inner.sin,
    tx,
    ty,
  };
};
const inverse = (m: Motion): Motion => ({
  cos: m.cos,
  sin: -m.sin,
  tx: -(m.cos * m.tx + m.sin * m.ty),
  ty: -(-m.sin * m.tx + m.cos * m.ty),
});
/** The motion H with H∘H = m (half the angle about the same centre, or half the translation). */
function halfOf(m: Motion): Motion {
  const angle = Math.atan2(m.sin, m.cos) / 2;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  // (Q + I)·t′ = t, Q the half rotation.
  const a = cos + 1;
  const det = a * a + sin * sin;
  return { cos, sin, tx: (a * m.tx + sin * m.ty) / det, ty: (-sin * m.tx + a * m.ty) / det };
}
const sameMotion = (m: Motion, n: Motion): boolean =>
  Math.abs(m.cos - n.cos) <= SAME_ROTATION &&
  Math.abs(m.sin - n.sin) <= SAME_ROTATION &&
  Math.abs(m.tx - n.tx) <= SAME_TRANSLATION &&
  Math.abs(m.ty - n.ty) <= SAME_TRANSLATION;
const distance = (a: Point, b: Point): number => Math.hypot(a[0] - b[0], a[1] - b[1]);
const mean = (points: readonly Point[]): Point => [
  points.reduce((s, p) => s + p[0], 0) / points.length,
  points.reduce((s, p) => s + p[1], 0) / points.length,
];
const mid = (a: Point, b: Point): Point => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];

/** The least-squares rigid motion carrying `from` onto `to` (2D Procrustes; exact for a rigid pair). */
function fit(from: readonly Point[], to: readonly Point[]): Motion {
  if (from.length === 0) return IDENTITY;
  const f = mean(from);
  const t = mean(to);
  let cross = 0;
  let dot = 0;
  from.forEach((p, i) => {
    const q = to[i] ?? t;
    const u: Point = [p[0] - f[0], p[1] - f[1]];
    const v: Point = [q[0] - t[0], q[1] - t[1]];
    cross += u[0] * v[1] - u[1] * v[0];
    dot += u[0] * v[0] + u[1] * v[1];
  });
  const angle = from.length < 2 || (cross === 0 && dot === 0) ? 0 : Math.atan2(cross, dot);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return { cos, sin, tx: t[0] - (cos * f[0] - sin * f[1]), ty: t[1] - (sin * f[0] + cos * f[1]) };
}

const maxError = (m: Motion, from: readonly Point[], to: readonly Point[]): number =>
  from.reduce((worst, p, i) => Math.max(worst, distance(apply(m, p), to[i] ?? p)), 0);

/**
 * Works in the film's pixels scaled to millimetres (x by the column spacing, y by the row spacing), where the
 * core's motions are rigid; uncalibrated films have square pixels.
 */
function scaling(film: LateralRadiograph): { sx: number; sy: number } {
  const frame = patientFrame(film.pixelSpacingMm, film.anteriorOnImage);
  return { sx: frame.mmPerPixelX, sy: frame.mmPerPixelY };
}

interface Scaled {
  readonly before: Partial<Record<Level, Partial<Record<VertebraPoint, Point>>>>;
  readonly after: Partial<Record<Level, Partial<Record<VertebraPoint, Point>>>>;
}

function scaledVertebrae(
  film: LateralRadiograph,
  sx: number,
  sy: number,
): Partial<Record<Level, Partial<Record<VertebraPoint, Point>>>> {
  const out: Partial<Record<Level, Partial<Record<VertebraPoint, Point>>>> = {};
  for (const level of LEVELS) {
    const vertebra: LateralVertebra | undefined = film.vertebrae[level];
    if (vertebra === undefined) continue;
    const scaled: Partial<Record<VertebraPoint, Point>> = {};
    for (const name of POINTS) {
      const p = vertebra[name];
      if (p !== undefined) scaled[name] = [p[0] * sx, p[1] * sy];
    }
    out[level] = scaled;
  }
  return out;
}

function pairs(scaled: Scaled, level: Level, names: readonly VertebraPoint[]): [Point[], Point[]] {
  const from: Point[] = [];
  const to: Point[] = [];
  for (const name of names) {
    const p = scaled.before[level]?.[name];
    const q = scaled.after[level]?.[name];
    if (p !== undefined && q !== undefined) {
      from.push(p);
      to.push(q);
    }
  }
  return [from, to];
}

/** One piece per rigid vertebra; two (superior, inferior) for a vertebra the plan cuts through. */
function piecesOf(scaled: Scaled, level: Level): Piece[] {
  const names = POINTS.filter(
    (n) => scaled.before[level]?.[n] !== undefined && scaled.after[level]?.[n] !== undefined,
  );
  if (names.length === 0) return [];
  const [from, to] = pairs(scaled, level, names);
  const whole = fit(from, to);
  if (names.length < 2) return [{ level, points: names, motion: whole, floating: true }];
  if (maxError(whole, from, to) <= RIGID) return [{ level, points: names, motion: whole, floating: false }];
  const superior = names.filter((n) => n === 'superiorAnterior' || n === 'superiorPosterior');
  const inferior = names.filter((n) => n === 'inferiorAnterior' || n === 'inferiorPosterior');
  if (superior.length < 2 || inferior.length < 2)
    return [{ level, points: names, motion: whole, floating: false }];
  const up = fit(...pairs(scaled, level, superior));
  const down = fit(...pairs(scaled, level, inferior));
  // A marked centroid goes with the part whose motion carries it (the core moves it with the superior part).
  const centre = pairs(scaled, level, [CENTROID_POINT]);
  const centreUp = names.includes(CENTROID_POINT) && maxError(up, ...centre) <= maxError(down, ...centre);
  const withCentre = (list: readonly VertebraPoint[], add: boolean): VertebraPoint[] =>
    add ? [...list, CENTROID_POINT] : [...list];
  return [
    { level, points: withCentre(superior, centreUp), motion: up, floating: false },
    {
      level,
      points: withCentre(inferior, names.includes(CENTROID_POINT) && !centreUp),
      motion: down,
      floating: false,
    },
  ];
}

/** A piece with one landmark takes the motion of a neighbour that carries it, else the translation. */
function settleFloating(scaled: Scaled, pieces: Piece[]): void {
  pieces.forEach((piece, i) => {
    if (!piece.floating) return;
    const [from, to] = pairs(scaled, piece.level, piece.points);
    const neighbours = [pieces[i - 1], pieces[i + 1]].filter(
      (n): n is Piece => n !== undefined && !n.floating,
    );
    const fits = neighbours.find((n) => maxError(n.motion, from, to) <= RIGID);
    if (fits !== undefined) piece.motion = fits.motion;
  });
}

/** The line between two pieces, before the plan: mid-disc, or through the middle of a vertebra cut through. */
function midLine(scaled: Scaled, above: Piece, below: Piece): Line {
  const a = scaled.before[above.level] ?? {};
  const b = scaled.before[below.level] ?? {};
  const [ant, post] =
    above.level === below.level
      ? [
          [a.superiorAnterior, a.inferiorAnterior],
          [a.superiorPosterior, a.inferiorPosterior],
        ]
      : [
          [a.inferiorAnterior, b.superiorAnterior],
          [a.inferiorPosterior, b.superiorPosterior],
        ];
  const [a0, a1] = ant ?? [];
  const [p0, p1] = post ?? [];
  if (a0 !== undefined && a1 !== undefined && p0 !== undefined && p1 !== undefined) {
    return { p: mid(a0, a1), q: mid(p0, p1) };
  }
  // Not enough corners: a horizontal line midway between the two pieces' landmarks.
  const upper = mean(pairs(scaled, above.level, above.points)[0]);
  const lower = mean(pairs(scaled, below.level, below.points)[0]);
  const m = mid(upper, lower);
  return { p: m, q: [m[0] + 1, m[1]] };
}

/** Keeps the part of a convex polygon on the side of `line` where `ref` is (Sutherland–Hodgman). */
function clip(polygon: readonly Point[], line: Line, ref: Point): Point[] {
  const dx = line.q[0] - line.p[0];
  const dy = line.q[1] - line.p[1];
  const side = (p: Point) => dx * (p[1] - line.p[1]) - dy * (p[0] - line.p[0]);
  const sign = side(ref) >= 0 ? 1 : -1;
  const inside = (p: Point) => sign * side(p) >= 0;
  const out: Point[] = [];
  polygon.forEach((current, i) => {
    const previous = polygon[(i + polygon.length - 1) % polygon.length] ?? current;
    if (inside(current)) {
      if (!inside(previous)) out.push(crossing(previous, current, side));
      out.push(current);
    } else if (inside(previous)) {
      out.push(crossing(previous, current, side));
    }
  });
  return out;
}

function crossing(a: Point, b: Point, side: (p: Point) => number): Point {
  const sa = side(a);
  const sb = side(b);
  const k = sa / (sa - sb);
  return [a[0] + (b[0] - a[0]) * k, a[1] + (b[1] - a[1]) * k];
}

function toAffine(m: Motion, sx: number, sy: number): Affine {
  return { a: m.cos, b: (m.sin * sx) / sy, c: (-m.sin * sy) / sx, d: m.cos, e: m.tx / sx, f: m.ty / sy };
}

/**
 * The predicted film as rigid segments of the preoperative one. For every vertebra on both films, the rigid
 * motion carrying its landmarks (least squares, exact for the core's rigid motions) from `before` to `after`;
 * a vertebra whose landmarks do not move rigidly (a pedicle subtraction moves its superior corners only) is
 * split into its superior and inferior parts. Consecutive parts with the same motion (tolerances above) form one
 * segment, top down. The cut between two segments is the line midway between them (mid-disc, or through the
 * middle of a vertebra cut through), opened by half of their relative motion on each side, so that on the
 * predicted film the two segments meet exactly along it: the wedge an osteotomy removes disappears. Each
 * segment's region runs to the edges of the image (`imageSize`; absent: far beyond the landmarks). Vertebrae
 * the plan removes belong to no part; the cut across them lets them disappear with the gap the plan closes.
 */
export function simulatedFilmSegments(
  before: LateralRadiograph,
  after: LateralRadiograph,
  imageSize?: ImageSize,
): Segment[] {
  const { sx, sy } = scaling(before);
  const scaled: Scaled = { before: scaledVertebrae(before, sx, sy), after: scaledVertebrae(after, sx, sy) };
  const pieces = LEVELS.flatMap((level) => piecesOf(scaled, level));
  if (pieces.length === 0) return [];
  settleFloating(scaled, pieces);

  const groups: Piece[][] = [];
  for (const piece of pieces) {
    const last = groups[groups.length - 1];
    const previous = last?.[last.length - 1];
    if (last !== undefined && previous !== undefined && sameMotion(previous.motion, piece.motion))
      last.push(piece);
    else groups.push([piece]);
  }

  const motions = groups.map((group) => {
    const from: Point[] = [];
    const to: Point[] = [];
    for (const piece of group) {
      const [f, t] = pairs(scaled, piece.level, piece.points);
      from.push(...f);
      to.push(...t);
    }
    const motion = group.some((p) => !p.floating) ? fit(from, to) : (group[0]?.motion ?? IDENTITY);
    return { motion, from, to };
  });

  // Cut k lies between group k and group k + 1: `upper` bounds group k, `lower` group k + 1.
  const cuts = groups.slice(1).map((group, k) => {
    const upperGroup = groups[k] ?? [];
    const first = group[0] ?? pieces[0];
    const last = upperGroup[upperGroup.length - 1] ?? first;
    const line = first === undefined || last === undefined ? undefined : midLine(scaled, last, first);
    if (line === undefined) return undefined;
    const relative = compose(inverse(motions[k + 1]?.motion ?? IDENTITY), motions[k]?.motion ?? IDENTITY);
    const half = halfOf(relative);
    const back = inverse(half);
    return {
      upper: { p: apply(back, line.p), q: apply(back, line.q) },
      lower: { p: apply(half, line.p), q: apply(half, line.q) },
    };
  });

  const all = Object.values(scaled.before).flatMap((v) => Object.values(v ?? {}));
  const [minX, maxX] = [Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0]))];
  const [minY, maxY] = [Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[1]))];
  const reach = 10 * Math.max(maxX - minX, maxY - minY, 1);
  const frame: Point[] =
    imageSize === undefined
      ? [
          [minX - reach, minY - reach],
          [maxX + reach, minY - reach],
          [maxX + reach, maxY + reach],
          [minX - reach, maxY + reach],
        ]
      : [
          [0, 0],
          [imageSize.widthPx * sx, 0],
          [imageSize.widthPx * sx, imageSize.heightPx * sy],
          [0, imageSize.heightPx * sy],
        ];

  return groups.map((group, k) => {
    const { motion, from, to } = motions[k] ?? { motion: IDENTITY, from: [], to: [] };
    const ref = mean(from);
    let region: Point[] = frame;
    const above = cuts[k - 1];
    const below = cuts[k];
    if (above !== undefined) region = clip(region, above.lower, ref);
    if (below !== undefined) region = clip(region, below.upper, ref);
    const matrix = toAffine(motion, sx, sy);
    const errorPx = from.reduce((worst, p, i) => {
      const q = to[i] ?? p;
      const moved = apply(motion, p);
      return Math.max(worst, Math.hypot((moved[0] - q[0]) / sx, (moved[1] - q[1]) / sy));
    }, 0);
    return {
      parts: group.map((piece) => ({ level: piece.level, points: piece.points })),
      matrix,
      rotationDeg: (Math.atan2(motion.sin, motion.cos) * 180) / Math.PI,
      polygon: region.map((p): Point => [p[0] / sx, p[1] / sy]),
      maxErrorPx: errorPx,
    };
  });
}

/** Where a point of the preoperative film goes under a segment's matrix. */
export function applyAffine(m: Affine, p: Point): [number, number] {
  return [m.a * p[0] + m.c * p[1] + m.e, m.b * p[0] + m.d * p[1] + m.f];
}

/** outer ∘ inner. */
export function composeAffine(outer: Affine, inner: Affine): Affine {
  return {
    a: outer.a * inner.a + outer.c * inner.b,
    b: outer.b * inner.a + outer.d * inner.b,
    c: outer.a * inner.c + outer.c * inner.d,
    d: outer.b * inner.c + outer.d * inner.d,
    e: outer.a * inner.e + outer.c * inner.f + outer.e,
    f: outer.b * inner.e + outer.d * inner.f + outer.f,
  };
}
