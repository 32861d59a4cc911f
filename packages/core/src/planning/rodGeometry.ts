import { UNCALIBRATED_REASON } from '../calibration/patientFrame.js';
import type { Level } from '../case/levels.js';
import { distance, midpoint, signedAngleDeg, type Point } from '../geometry/point.js';
import type { CitationId } from '../measurements/citations.js';
import type { Rod } from './planTypes.js';
import { corner, type SagittalSpine } from './sagittalSpine.js';

/** Barton 2015: a sagittal rod contour over 60° was a risk factor for rod fracture (OR 10.0). */
export const ROD_CONTOUR_RISK_DEG = 60;

export interface RodBend {
  readonly level: Level;
  /** Angle between the rod segments meeting at this screw; lordotic bend positive. */
  readonly bendDeg: number;
}

export interface RodGeometry {
  readonly side: Rod['side'];
  readonly material: Rod['material'];
  readonly diameterMm: number;
  /** Through the screw heads plus the overhang at both ends. */
  readonly lengthMm: number;
  readonly overhangMm: number;
  readonly headOffsetMm: number;
  readonly bends: readonly RodBend[];
  /** Angle between the first and the last rod segment (lordosis positive). */
  readonly contourDeg: number;
  readonly contourOverRiskThreshold: boolean;
  /** The rod for a 1:1 template, in mm: from the top screw, x along the chord to the bottom one, y anterior. */
  readonly templateMm: readonly Point[];
  /** The same points in the patient frame of the predicted film (mm, X anterior, Y down). */
  readonly patientFrameMm: readonly Point[];
  readonly notes: readonly string[];
  readonly citations: readonly CitationId[];
}

const unit = (v: Point): Point => {
  const length = Math.hypot(v[0], v[1]);
  return [v[0] / length, v[1] / length];
};

/**
 * Where a screw head is taken to lie on the lateral film: the midpoint of the posterior vertebral wall
 * (S1: its posterosuperior corner), moved posteriorly by `offsetMm` perpendicular to that wall. Our rule:
 * the landmarks carry no posterior elements, so the offset is the surgeon's measurement (default 0).
 */
function screwHead(spine: SagittalSpine, level: Level, offsetMm: number): Point | undefined {
  if (level === 'S1') {
    const p = corner(spine, 'S1', 'superiorPosterior');
    const a = corner(spine, 'S1', 'superiorAnterior');
    if (p === undefined || a === undefined) return undefined;
    const back = unit([p[0] - a[0], p[1] - a[1]]);
    return [p[0] + back[0] * offsetMm, p[1] + back[1] * offsetMm];
  }
  const top = corner(spine, level, 'superiorPosterior');
  const bottom = corner(spine, level, 'inferiorPosterior');
  if (top === undefined || bottom === undefined) return undefined;
  const down = unit([bottom[0] - top[0], bottom[1] - top[1]]);
  const back: Point = [-down[1], down[0]];
  const m = midpoint(top, bottom);
  return [m[0] + back[0] * offsetMm, m[1] + back[1] * offsetMm];
}

function template(points: readonly Point[]): Point[] {
  const first = points[0] ?? [0, 0];
  const last = points[points.length - 1] ?? first;
  const x = unit([last[0] - first[0], last[1] - first[1]]);
  // y: the chord turned towards anterior (a quarter turn from "down" towards +X).
  const y: Point = [x[1], -x[0]];
  return points.map((p) => {
    const d: Point = [p[0] - first[0], p[1] - first[1]];
    return [d[0] * x[0] + d[1] * x[1], d[0] * y[0] + d[1] * y[1]];
  });
}

/** The rod through the screw heads of the instrumented levels on the predicted film, or why not. */
export function rodGeometry(spine: SagittalSpine, rod: Rod, levels: readonly Level[]): RodGeometry | string {
  if (!spine.frame.calibrated) return UNCALIBRATED_REASON;
  const offset = rod.headOffsetMm ?? 0;
  const heads = levels.map((level) => ({ level, at: screwHead(spine, level, offset) }));
  const missing = heads.filter((h) => h.at === undefined).map((h) => h.level);
  if (missing.length > 0) return `needs the posterior corners of ${missing.join(', ')}`;
  if (heads.length < 2) return 'a rod needs at least two instrumented levels';
  const points = heads.map((h) => h.at as Point);
  const segments = points
    .slice(1)
    .map((p, i) => [p[0] - (points[i] as Point)[0], p[1] - (points[i] as Point)[1]] as Point);
  const bends = segments.slice(1).map((s, i) => ({
    level: heads[i + 1]?.level as Level,
    bendDeg: signedAngleDeg(segments[i] as Point, s),
  }));
  const contourDeg = signedAngleDeg(segments[0] as Point, segments[segments.length - 1] as Point);
  const overhangMm = rod.overhangMm ?? 0;
  const throughHeads = points.slice(1).reduce((sum, p, i) => sum + distance(points[i] as Point, p), 0);
  const notes = [
    ...(rod.overhangMm === undefined ? ['overhang not given: 0 mm used (add the overhang you use)'] : []),
    ...(rod.headOffsetMm === undefined
      ? ['screw heads taken at the posterior vertebral wall (headOffsetMm not given)']
      : []),
  ];
  return {
    side: rod.side,
    material: rod.material,
    diameterMm: rod.diameterMm,
    lengthMm: throughHeads + 2 * overhangMm,
    overhangMm,
    headOffsetMm: offset,
    bends,
    contourDeg,
    contourOverRiskThreshold: Math.abs(contourDeg) > ROD_CONTOUR_RISK_DEG,
    templateMm: template(points),
    patientFrameMm: points,
    notes,
    citations: ['barton-2015'],
  };
}
