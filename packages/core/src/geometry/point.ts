/** A point as `[x, y]`. Image points are in pixels, x to the right, y downwards. */
export type Point = readonly [number, number];

export const RAD_TO_DEG = 180 / Math.PI;

export function midpoint(a: Point, b: Point): Point {
  return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
}

export function distance(a: Point, b: Point): number {
  return Math.hypot(b[0] - a[0], b[1] - a[1]);
}

/** Mean of the given points (the centroid of a vertebra is the mean of its four corners). */
export function centroid(points: readonly Point[]): Point {
  let x = 0;
  let y = 0;
  for (const p of points) {
    x += p[0];
    y += p[1];
  }
  return [x / points.length, y / points.length];
}

/** Signed angle in degrees from vector `u` to vector `v`, in (−180, 180]. Positive turns from +x towards +y. */
export function signedAngleDeg(u: Point, v: Point): number {
  const cross = u[0] * v[1] - u[1] * v[0];
  const dot = u[0] * v[0] + u[1] * v[1];
  return Math.atan2(cross, dot) * RAD_TO_DEG;
}

/** Wraps an angle in degrees into (−180, 180]. */
export function wrapDeg(angleDeg: number): number {
  let a = angleDeg % 360;
  if (a <= -180) a += 360;
  else if (a > 180) a -= 360;
  return a;
}
