import { midpoint, RAD_TO_DEG, type Point } from '../geometry/point.js';

// Procedure of the AASCE 2019 challenge evaluation script (MATLAB; Wu et al., BoostNet, MICCAI 2017).

/** Vertebrae T1…L5 annotated per film. */
export const AASCE_VERTEBRA_COUNT = 17;
/** Four corners per vertebra: upper-left, upper-right, lower-left, lower-right (as seen on the image). */
export const AASCE_POINT_COUNT = AASCE_VERTEBRA_COUNT * 4;

/** The three challenge angles in degrees: the largest curve, then two others (see `challengeCobbAngles`). */
export type ChallengeCobbAngles = readonly [number, number, number];

/**
 * The three Cobb angles of the AASCE 2019 challenge, computed exactly as its reference script does.
 *
 * `points` are the 68 image points in pixels, vertebra by vertebra (T1 first), each upper-left,
 * upper-right, lower-left, lower-right. `imageHeightPx` is the film's height in pixels: the script uses it
 * to decide, on an S curve, whether the largest curve lies in the upper or the lower half of the image.
 *
 * Each vertebra's "midline" joins the midpoint of its two left corners to the midpoint of its two right
 * corners. The first angle is the largest angle between two midlines (vertebrae `upper` above `lower`).
 * On a C curve (all endplate midpoints on one side of the chord from the first to the last), the second
 * angle is between T1 and `upper`, the third between `lower` and L5. On an S curve, the second is the
 * largest angle between `upper` and a vertebra above it; the third is the largest angle between `lower`
 * and a vertebra below it, or, when the main curve is in the lower half of the image, the largest angle
 * between the end vertebra of the second curve and a vertebra above that one.
 */
export function challengeCobbAngles(points: readonly Point[], imageHeightPx: number): ChallengeCobbAngles {
  checkInput(points, imageHeightPx);
  const midlines = vertebraMidlines(points);
  const angles = midlineAngleMatrix(midlines);
  const main = mostTiltedPair(angles);
  const last = AASCE_VERTEBRA_COUNT - 1;
  const rowOf = (i: number): readonly number[] => angles[i] ?? [];
  if (!isSCurve(endplateMidpoints(points))) {
    return [toDeg(main.angle), toDeg(rowOf(0)[main.upper] ?? 0), toDeg(rowOf(last)[main.lower] ?? 0)];
  }
  const above = largestInRange(rowOf(main.upper), 0, main.upper);
  if (mainCurveInUpperHalf(points, main, imageHeightPx)) {
    const below = largestInRange(rowOf(main.lower), main.lower, last);
    return [toDeg(main.angle), toDeg(above.angle), toDeg(below.angle)];
  }
  const higher = largestInRange(rowOf(above.index), 0, above.index);
  return [toDeg(main.angle), toDeg(above.angle), toDeg(higher.angle)];
}

interface TiltedPair {
  /** Index (0 = T1) of the upper vertebra of the largest curve. */
  readonly upper: number;
  /** Index of the lower vertebra of the largest curve. */
  readonly lower: number;
  /** Angle between their midlines in radians. */
  readonly angle: number;
}

interface RowMaximum {
  readonly index: number;
  readonly angle: number;
}

function checkInput(points: readonly Point[], imageHeightPx: number): void {
  if (points.length !== AASCE_POINT_COUNT) {
    throw new RangeError(
      `challengeCobbAngles: expected ${AASCE_POINT_COUNT} points (4 corners of T1…L5), got ${points.length}`,
    );
  }
  points.forEach((p, i) => {
    if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      throw new RangeError(
        `challengeCobbAngles: point ${i + 1} has a non-finite coordinate (${p[0]}, ${p[1]})`,
      );
    }
  });
  if (!Number.isFinite(imageHeightPx) || imageHeightPx <= 0) {
    throw new RangeError(`challengeCobbAngles: image height must be a positive number, got ${imageHeightPx}`);
  }
}

function pointAt(points: readonly Point[], index: number): Point {
  const p = points[index];
  if (p === undefined) throw new RangeError(`challengeCobbAngles: missing point ${index + 1}`);
  return p;
}

/** Per vertebra, the vector from the midpoint of its left corners to the midpoint of its right corners. */
function vertebraMidlines(points: readonly Point[]): Point[] {
  const midlines: Point[] = [];
  for (let v = 0; v < AASCE_VERTEBRA_COUNT; v++) {
    const left = midpoint(pointAt(points, v * 4), pointAt(points, v * 4 + 2));
    const right = midpoint(pointAt(points, v * 4 + 1), pointAt(points, v * 4 + 3));
    const vector: Point = [right[0] - left[0], right[1] - left[1]];
    if (vector[0] === 0 && vector[1] === 0) {
      throw new RangeError(
        `challengeCobbAngles: vertebra ${v + 1} has no width (its left and right sides coincide)`,
      );
    }
    midlines.push(vector);
  }
  return midlines;
}

/** The 34 endplate midpoints: per vertebra, upper endplate then lower endplate. */
function endplateMidpoints(points: readonly Point[]): Point[] {
  const mids: Point[] = [];
  for (let i = 0; i < AASCE_POINT_COUNT; i += 2) {
    mids.push(midpoint(pointAt(points, i), pointAt(points, i + 1)));
  }
  return mids;
}

/** Angles in radians between every two midlines, cosines rounded to 8 decimals first (as in the script). */
function midlineAngleMatrix(midlines: readonly Point[]): number[][] {
  const lengths = midlines.map((v) => Math.sqrt(v[0] * v[0] + v[1] * v[1]));
  return midlines.map((u, i) =>
    midlines.map((v, j) => {
      const cosine = (u[0] * v[0] + u[1] * v[1]) / ((lengths[i] ?? 1) * (lengths[j] ?? 1));
      return Math.acos(roundToDecimals(cosine, 8));
    }),
  );
}

/** MATLAB's `roundn(x, -n)`: round to n decimals, halves away from zero. */
function roundToDecimals(x: number, decimals: number): number {
  const factor = 10 ** decimals;
  return (Math.sign(x) * Math.round(Math.abs(x) * factor)) / factor;
}

/**
 * The pair of midlines with the largest angle. Like the script (`max` over columns, then over the column
 * maxima, first index on ties), `upper` is the first column holding the maximum and `lower` the first row
 * holding it in that column.
 */
function mostTiltedPair(angles: readonly (readonly number[])[]): TiltedPair {
  let best: TiltedPair = { upper: 0, lower: 0, angle: -Infinity };
  for (let column = 0; column < angles.length; column++) {
    let row = 0;
    let columnMax = -Infinity;
    angles.forEach((r, i) => {
      const a = r[column] ?? -Infinity;
      if (a > columnMax) [row, columnMax] = [i, a];
    });
    if (columnMax > best.angle) best = { upper: column, lower: row, angle: columnMax };
  }
  return best;
}

/** The largest entry of `row` between indices `from` and `to` (inclusive), first index on ties. */
function largestInRange(row: readonly number[], from: number, to: number): RowMaximum {
  let best: RowMaximum = { index: from, angle: -Infinity };
  for (let i = from; i <= to; i++) {
    const a = row[i] ?? -Infinity;
    if (a > best.angle) best = { index: i, angle: a };
  }
  return best;
}

/**
 * The script's S test: for the endplate midpoints but the last two, the difference between their relative
 * position along y and along x on the chord from the first to the last midpoint. The curve is an S when
 * these differences do not all share one sign (the sum of their pairwise products differs from the sum of
 * its absolute values; exact comparison, as in the script, so a division by zero also counts as an S).
 */
function isSCurve(mids: readonly Point[]): boolean {
  const first = mids[0];
  const last = mids[mids.length - 1];
  if (first === undefined || last === undefined) return false;
  const offsets = mids
    .slice(0, mids.length - 2)
    .map((p) => (p[1] - last[1]) / (first[1] - last[1]) - (p[0] - last[0]) / (first[0] - last[0]));
  let signedSum = 0;
  let absoluteSum = 0;
  for (const b of offsets) {
    let signedColumn = 0;
    let absoluteColumn = 0;
    for (const a of offsets) {
      signedColumn += a * b;
      absoluteColumn += Math.abs(a * b);
    }
    signedSum += signedColumn;
    absoluteSum += absoluteColumn;
  }
  return signedSum !== absoluteSum;
}

/** The script's test: the lower-endplate midpoints of the two end vertebrae average above mid-height. */
function mainCurveInUpperHalf(points: readonly Point[], main: TiltedPair, imageHeightPx: number): boolean {
  const lowerEndplateY = (v: number): number =>
    midpoint(pointAt(points, v * 4 + 2), pointAt(points, v * 4 + 3))[1];
  return lowerEndplateY(main.upper) + lowerEndplateY(main.lower) < imageHeightPx;
}

function toDeg(radians: number): number {
  return radians * RAD_TO_DEG;
}
