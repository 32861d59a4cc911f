import {
  centroid,
  distance,
  LATERAL_CORNERS,
  LEVELS,
  levelIndex,
  type FusionRange,
  type LateralRadiograph,
  type LateralVertebra,
  type Level,
  type Point,
} from '@spinerecon/core';

// Picking the fusion range on the film: which vertebra of the preoperative landmark set a click (in image
// pixels) falls on, and how two clicks become UIV and LIV. Pure; the film draws what it returns.

/** The four corners in drawing order, when all are marked. */
export function quadrilateralOf(vertebra: LateralVertebra): readonly Point[] | undefined {
  const { superiorAnterior, superiorPosterior, inferiorPosterior, inferiorAnterior } = vertebra;
  if (
    superiorAnterior === undefined ||
    superiorPosterior === undefined ||
    inferiorPosterior === undefined ||
    inferiorAnterior === undefined
  ) {
    return undefined;
  }
  return [superiorAnterior, superiorPosterior, inferiorPosterior, inferiorAnterior];
}

/** Inside a simple polygon (ray casting); points on an edge may fall either way. */
function inside(polygon: readonly Point[], p: Point): boolean {
  let crossings = 0;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i, i += 1) {
    const a = polygon[i] as Point;
    const b = polygon[j] as Point;
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) {
      crossings += 1;
    }
  }
  return crossings % 2 === 1;
}

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const length2 = (b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2;
  if (length2 === 0) return distance(p, a);
  const t = Math.max(
    0,
    Math.min(1, ((p[0] - a[0]) * (b[0] - a[0]) + (p[1] - a[1]) * (b[1] - a[1])) / length2),
  );
  return distance(p, [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
}

/** The marked points of a vertebra (corners, then the centroid). */
function markedPoints(vertebra: LateralVertebra): Point[] {
  return [...LATERAL_CORNERS, 'centroid' as const].flatMap((name) => {
    const p = vertebra[name];
    return p === undefined ? [] : [p];
  });
}

/** The marked endplates (anterior and posterior corner of the same endplate) of a vertebra. */
function endplates(vertebra: LateralVertebra): [Point, Point][] {
  const pairs: [Point | undefined, Point | undefined][] = [
    [vertebra.superiorAnterior, vertebra.superiorPosterior],
    [vertebra.inferiorAnterior, vertebra.inferiorPosterior],
  ];
  return pairs.flatMap(([a, b]) => (a === undefined || b === undefined ? [] : [[a, b] as [Point, Point]]));
}

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * How far (image pixels) a click may be from a partly marked vertebra and still pick it: half the film's median
 * endplate length, else half the median distance between neighbouring marked vertebrae. A picking tolerance of
 * this user interface, scaled to the film, not a clinical value.
 */
export function pickToleranceOf(film: LateralRadiograph): number | undefined {
  const vertebrae = LEVELS.flatMap((level) => {
    const v = film.vertebrae[level];
    return v === undefined ? [] : [v];
  });
  const endplate = median(vertebrae.flatMap((v) => endplates(v).map(([a, b]) => distance(a, b))));
  if (endplate !== undefined) return endplate / 2;
  const centres = vertebrae.flatMap((v) => {
    const points = markedPoints(v);
    return points.length === 0 ? [] : [centroid(points)];
  });
  const gaps = centres.slice(1).map((c, i) => distance(centres[i] as Point, c));
  const gap = median(gaps);
  return gap === undefined ? undefined : gap / 2;
}

/**
 * The vertebra of the film under an image point: the one whose four marked corners enclose it; otherwise the
 * nearest partly marked one (an endplate, a centroid) within the pick tolerance; otherwise none.
 */
export function vertebraAt(film: LateralRadiograph, p: Point): Level | undefined {
  const tolerance = pickToleranceOf(film);
  let nearest: { level: Level; distance: number } | undefined;
  for (const level of LEVELS) {
    const vertebra = film.vertebrae[level];
    if (vertebra === undefined) continue;
    const quadrilateral = quadrilateralOf(vertebra);
    if (quadrilateral !== undefined) {
      if (inside(quadrilateral, p)) return level;
      continue;
    }
    const distances = [
      ...endplates(vertebra).map(([a, b]) => distanceToSegment(p, a, b)),
      ...markedPoints(vertebra).map((q) => distance(p, q)),
    ];
    const d = Math.min(...distances);
    if (tolerance !== undefined && d <= tolerance && (nearest === undefined || d < nearest.distance)) {
      nearest = { level, distance: d };
    }
  }
  return nearest?.level;
}

/** Where picking on the film stands: the first level clicked, waiting for the second. */
export interface FusionPick {
  readonly fusion: FusionRange;
  /** The level of the first click while the second is awaited; undefined when the range is complete. */
  readonly first: Level | undefined;
}

/** The range the fusion checkbox starts with (PlanEditor): T10 to S1, no pelvic fixation. */
export const NEW_FUSION: FusionRange = {
  upperInstrumentedVertebra: 'T10',
  lowerInstrumentedVertebra: 'S1',
  pelvicFixation: 'none',
};

/**
 * One click on a vertebra. The first click sets the UIV (S1, which cannot be one, sets the LIV), the second the
 * LIV; when the second vertebra is above the first, the two are swapped. The pelvic fixation is kept.
 */
export function pickFusionLevel(
  fusion: FusionRange | undefined,
  first: Level | undefined,
  level: Level,
): FusionPick {
  const range = fusion ?? NEW_FUSION;
  if (first === undefined) {
    return level === 'S1'
      ? { fusion: { ...range, lowerInstrumentedVertebra: level }, first: level }
      : { fusion: { ...range, upperInstrumentedVertebra: level }, first: level };
  }
  if (level === first) return { fusion: range, first };
  const [upper, lower] = levelIndex(level) < levelIndex(first) ? [level, first] : [first, level];
  return {
    fusion: { ...range, upperInstrumentedVertebra: upper, lowerInstrumentedVertebra: lower },
    first: undefined,
  };
}

/** The vertebrae from UIV to LIV, top down (the film highlights them). */
export function fusedLevels(fusion: FusionRange): Level[] {
  const top = levelIndex(fusion.upperInstrumentedVertebra);
  const bottom = levelIndex(fusion.lowerInstrumentedVertebra);
  return top > bottom ? [] : LEVELS.slice(top, bottom + 1);
}
