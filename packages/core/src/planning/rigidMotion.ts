import type { Point } from '../geometry/point.js';

const DEG_TO_RAD = Math.PI / 180;

/** A rigid motion of the plane: p ↦ R·p + t, R a rotation (no scaling, no reflection). */
export interface RigidMotion {
  readonly cos: number;
  readonly sin: number;
  readonly tx: number;
  readonly ty: number;
}

export function applyMotion(motion: RigidMotion, p: Point): Point {
  const { cos, sin, tx, ty } = motion;
  return [cos * p[0] - sin * p[1] + tx, sin * p[0] + cos * p[1] + ty];
}

/** Rotation by `angleDeg` about `center`; positive turns from +X towards +Y (see signedAngleDeg). */
export function rotationAbout(center: Point, angleDeg: number): RigidMotion {
  const a = angleDeg * DEG_TO_RAD;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  return {
    cos,
    sin,
    tx: center[0] - (cos * center[0] - sin * center[1]),
    ty: center[1] - (sin * center[0] + cos * center[1]),
  };
}

/**
 * The rotation that increases lordosis by `angleDeg` for everything it moves above a fixed lower part.
 * In the patient frame (X anterior, Y down) an endplate tilt (anterior corner lower positive) grows with
 * positive turns, and lordosis = lower tilt − upper tilt; so the upper part turns by −angleDeg.
 */
export function lordosingRotation(hinge: Point, angleDeg: number): RigidMotion {
  return rotationAbout(hinge, -angleDeg);
}

/** The rigid motion that turns the direction `fromTiltDeg` into `toTiltDeg` and carries `from` onto `to`. */
export function motionCarrying(from: Point, fromTiltDeg: number, to: Point, toTiltDeg: number): RigidMotion {
  const a = (toTiltDeg - fromTiltDeg) * DEG_TO_RAD;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  return {
    cos,
    sin,
    tx: to[0] - (cos * from[0] - sin * from[1]),
    ty: to[1] - (sin * from[0] + cos * from[1]),
  };
}
