import { LEVELS, levelIndex, type Level } from '../case/levels.js';
import type {
  FemoralHead,
  ImageSide,
  LateralCorner,
  LateralRadiograph,
  LateralVertebra,
  PixelSpacingMm,
} from '../case/types.js';
import type { Point } from '../geometry/point.js';
import type { LateralParameter } from '../measurements/lateral/lateralParameters.js';

/**
 * A lateral test film built from chosen angles, so that the answers are known by construction.
 *
 * Geometry is laid out in the patient frame, in millimetres: X towards the patient's anterior, Y down
 * (the image vertical is the true vertical). The S1 superior endplate has its midpoint at the origin and
 * the chosen sacral slope. Each vertebra above stands on the one below:
 *   - its posteroinferior corner is one disc height above the lower's posterosuperior corner (along the
 *     lower endplate's upward normal), shifted forward by the chosen slip along the lower endplate;
 *   - its inferior endplate is turned from the lower's superior endplate by the disc angle, its superior
 *     endplate from its inferior one by the wedge angle (both lordosis positive: the tilt, anterior corner
 *     lower positive, decreases by that angle going up);
 *   - its posterosuperior corner is one body height above its posteroinferior corner.
 * So the lordosis between two endplates is the sum of the disc and wedge angles between them, and a slip
 * of `s` mm over a lower endplate `d` mm deep is exactly 100·s/d %.
 */
export interface SyntheticLateralOptions {
  readonly sacralSlopeDeg?: number;
  readonly pelvicTiltDeg?: number;
  /** From the S1 endplate midpoint to the hip axis. */
  readonly hipDistanceMm?: number;
  readonly femoralHeadCount?: 0 | 1 | 2;
  /** With two heads, they sit at hip axis ± this offset (patient frame, mm), so their midpoint is the hip axis. */
  readonly femoralHeadOffsetMm?: Point;
  /** Disc angle keyed by the upper level (`L5` = L5–S1 disc); lordosis positive. Missing: DEFAULT_DISC_ANGLES_DEG. */
  readonly discAnglesDeg?: Partial<Record<Level, number>>;
  /** Wedge angle of a body from its superior to its inferior endplate; lordosis positive. Missing: 0. */
  readonly wedgeAnglesDeg?: Partial<Record<Level, number>>;
  /** Forward slip of a level's posteroinferior corner over the level below (mm); retrolisthesis negative. */
  readonly slipMm?: Partial<Record<Level, number>>;
  /** The highest vertebra built (down to S1). Default C2. */
  readonly topLevel?: Level;
  readonly anteriorOnImage?: ImageSide;
  /** Absent: uncalibrated, and the geometry is drawn at one pixel per millimetre. */
  readonly pixelSpacingMm?: PixelSpacingMm;
  /** Where the S1 endplate midpoint lies on the image, in mm from its top-left corner. */
  readonly s1MidpointOnImageMm?: Point;
}

/** A plausible adult spine: lordotic cervical and lumbar discs, kyphotic thoracic discs. */
export const DEFAULT_DISC_ANGLES_DEG: Readonly<Partial<Record<Level, number>>> = {
  C2: 2,
  C3: 2,
  C4: 3,
  C5: 3,
  C6: 3,
  C7: 0,
  T1: -3,
  T2: -3,
  T3: -3,
  T4: -3,
  T5: -3,
  T6: -3,
  T7: -3,
  T8: -3,
  T9: -3,
  T10: -3,
  T11: -3,
  T12: 0,
  L1: 4,
  L2: 6,
  L3: 9,
  L4: 12,
  L5: 15,
};

/** Body depth (endplate length) and posterior body and disc heights, by region. */
export function bodyDimensionsMm(level: Level): { depth: number; height: number; disc: number } {
  if (level.startsWith('C')) return { depth: 16, height: 14, disc: 5 };
  if (level.startsWith('T')) return { depth: 28, height: 22, disc: 6 };
  return { depth: 40, height: 28, disc: 10 }; // L1–L5 and S1
}

export interface SyntheticLateral {
  readonly radiograph: LateralRadiograph;
  /** The values by construction (only those whose levels were built). */
  readonly expected: Partial<Record<LateralParameter, number>>;
  /** Every adjacent pair, top down, with its chosen disc angle. */
  readonly segments: readonly { upper: Level; lower: Level; discAngleDeg: number }[];
  /** Every adjacent pair, top down, with the slip made by construction (including the ones below 5 %). */
  readonly slips: readonly { upper: Level; lower: Level; slipPercent: number }[];
  /** Tilt of every endplate (`L1.superior`), anterior corner lower positive. */
  readonly tiltsDeg: ReadonlyMap<string, number>;
  /** The largest endplate tilt in absolute value: a film rotated by less than 90° minus this stays valid. */
  readonly maxAbsTiltDeg: number;
}

const DEG = Math.PI / 180;
const direction = (tiltDeg: number): Point => [Math.cos(tiltDeg * DEG), Math.sin(tiltDeg * DEG)];
/** The normal pointing up (−Y) of an endplate with this tilt. */
const upward = (tiltDeg: number): Point => [Math.sin(tiltDeg * DEG), -Math.cos(tiltDeg * DEG)];
const plus = (p: Point, v: Point, k = 1): Point => [p[0] + v[0] * k, p[1] + v[1] * k];

export function buildLateralSpine(options: SyntheticLateralOptions = {}): SyntheticLateral {
  const sacralSlope = options.sacralSlopeDeg ?? 40;
  const pelvicTilt = options.pelvicTiltDeg ?? 15;
  const discs = options.discAnglesDeg ?? DEFAULT_DISC_ANGLES_DEG;
  const levels = LEVELS.slice(levelIndex(options.topLevel ?? 'C2'), levelIndex('S1') + 1).reverse(); // S1 first

  // Lordosis accumulated from the S1 superior endplate up to each endplate: tilt = SS − lordosis.
  const lordosisFromS1 = new Map<string, number>([['S1.superior', 0]]);
  const tiltsDeg = new Map<string, number>([['S1.superior', sacralSlope]]);
  const mm: Partial<Record<Level, Record<LateralCorner, Point>>> = {};
  const s1Depth = bodyDimensionsMm('S1').depth;
  const s1Direction = direction(sacralSlope);
  const s1 = {
    superiorPosterior: plus([0, 0], s1Direction, -s1Depth / 2),
    superiorAnterior: plus([0, 0], s1Direction, s1Depth / 2),
  };
  const segments: { upper: Level; lower: Level; discAngleDeg: number }[] = [];
  const slips: { upper: Level; lower: Level; slipPercent: number }[] = [];
  let below: { level: Level; posterior: Point; tilt: number; lordosis: number } = {
    level: 'S1',
    posterior: s1.superiorPosterior,
    tilt: sacralSlope,
    lordosis: 0,
  };
  for (const level of levels.slice(1)) {
    const { depth, height, disc } = bodyDimensionsMm(level);
    const discAngle = discs[level] ?? 0;
    const wedge = options.wedgeAnglesDeg?.[level] ?? 0;
    const slip = options.slipMm?.[level] ?? 0;
    const inferiorTilt = below.tilt - discAngle;
    const superiorTilt = inferiorTilt - wedge;
    const inferiorPosterior = plus(
      plus(below.posterior, direction(below.tilt), slip),
      upward(below.tilt),
      disc,
    );
    const superiorPosterior = plus(inferiorPosterior, upward(inferiorTilt), height);
    mm[level] = {
      inferiorPosterior,
      inferiorAnterior: plus(inferiorPosterior, direction(inferiorTilt), depth),
      superiorPosterior,
      superiorAnterior: plus(superiorPosterior, direction(superiorTilt), depth),
    };
    const inferiorLordosis = below.lordosis + discAngle;
    const superiorLordosis = inferiorLordosis + wedge;
    lordosisFromS1.set(`${level}.inferior`, inferiorLordosis).set(`${level}.superior`, superiorLordosis);
    tiltsDeg.set(`${level}.inferior`, inferiorTilt).set(`${level}.superior`, superiorTilt);
    segments.unshift({ upper: level, lower: below.level, discAngleDeg: discAngle });
    slips.unshift({
      upper: level,
      lower: below.level,
      slipPercent: (slip / bodyDimensionsMm(below.level).depth) * 100,
    });
    below = { level, posterior: superiorPosterior, tilt: superiorTilt, lordosis: superiorLordosis };
  }

  // Hip axis at the chosen pelvic tilt: the direction from the S1 midpoint turned from straight down towards anterior.
  const hip: Point = plus(
    [0, 0],
    [Math.sin(pelvicTilt * DEG), Math.cos(pelvicTilt * DEG)],
    options.hipDistanceMm ?? 100,
  );
  const offset = options.femoralHeadOffsetMm ?? [6, -4];
  const headsMm: Point[] =
    [[], [hip], [plus(hip, offset), plus(hip, offset, -1)]][options.femoralHeadCount ?? 2] ?? [];

  // Patient frame (mm) → image pixels: x_px = x_mm / colMm, y_px = y_mm / rowMm (DICOM order [row, col]).
  const anteriorOnImage = options.anteriorOnImage ?? 'right';
  const spacing = options.pixelSpacingMm;
  const [rowMm, colMm] =
    spacing === undefined ? [1, 1] : typeof spacing === 'number' ? [spacing, spacing] : spacing;
  const [originX, originY] = options.s1MidpointOnImageMm ?? [200, 700];
  const sign = anteriorOnImage === 'right' ? 1 : -1;
  const toImage = (p: Point): Point => [(originX + sign * p[0]) / colMm, (originY + p[1]) / rowMm];

  const vertebrae: Partial<Record<Level, LateralVertebra>> = {
    S1: { superiorAnterior: toImage(s1.superiorAnterior), superiorPosterior: toImage(s1.superiorPosterior) },
  };
  for (const [level, corners] of Object.entries(mm) as [Level, Record<LateralCorner, Point>][]) {
    vertebrae[level] = {
      superiorAnterior: toImage(corners.superiorAnterior),
      superiorPosterior: toImage(corners.superiorPosterior),
      inferiorAnterior: toImage(corners.inferiorAnterior),
      inferiorPosterior: toImage(corners.inferiorPosterior),
    };
  }
  const femoralHeads: FemoralHead[] = headsMm.map((center) => ({ center: toImage(center) }));

  // Expected values: sums of the chosen angles, and plumb-line offsets read off the millimetre geometry.
  const lordosis = (upper: string, lower: string): number | undefined => {
    const a = lordosisFromS1.get(upper);
    const b = lordosisFromS1.get(lower);
    return a === undefined || b === undefined ? undefined : a - b;
  };
  const kyphosis = (upper: string, lower: string): number | undefined => {
    const value = lordosis(upper, lower);
    return value === undefined ? undefined : -value;
  };
  const centroidX = (level: Level): number | undefined => {
    const c = mm[level];
    return (
      c &&
      (c.superiorAnterior[0] + c.superiorPosterior[0] + c.inferiorAnterior[0] + c.inferiorPosterior[0]) / 4
    );
  };
  const plumbOffset = (top: Level, reference: Level): number | undefined => {
    const x = centroidX(top);
    const cornerX = reference === 'S1' ? s1.superiorPosterior[0] : mm[reference]?.superiorPosterior[0];
    return x === undefined || cornerX === undefined || spacing === undefined ? undefined : x - cornerX;
  };
  const lumbarLordosis = lordosis('L1.superior', 'S1.superior');
  const t1Lordosis = lordosisFromS1.get('T1.superior');
  const candidates: Record<LateralParameter, number | undefined> = {
    pelvicIncidenceDeg: headsMm.length > 0 ? pelvicTilt + sacralSlope : undefined,
    pelvicTiltDeg: headsMm.length > 0 ? pelvicTilt : undefined,
    sacralSlopeDeg: sacralSlope,
    lumbarLordosisDeg: lumbarLordosis,
    lumbarLordosisL4S1Deg: lordosis('L4.superior', 'S1.superior'),
    thoracicKyphosisT4T12Deg: kyphosis('T4.superior', 'T12.inferior'),
    thoracicKyphosisT5T12Deg: kyphosis('T5.superior', 'T12.inferior'),
    proximalThoracicKyphosisT2T5Deg: kyphosis('T2.superior', 'T5.inferior'),
    thoracolumbarKyphosisT10L2Deg: kyphosis('T10.superior', 'L2.inferior'),
    piLlMismatchDeg:
      headsMm.length > 0 && lumbarLordosis !== undefined
        ? pelvicTilt + sacralSlope - lumbarLordosis
        : undefined,
    sagittalVerticalAxisMm: plumbOffset('C7', 'S1'),
    t1PelvicAngleDeg: undefined, // no closed form here: see the worked examples
    t1SlopeDeg: t1Lordosis === undefined ? undefined : sacralSlope - t1Lordosis,
    cervicalLordosisC2C7Deg: lordosis('C2.inferior', 'C7.inferior'),
    cervicalSvaMm: plumbOffset('C2', 'C7'),
    globalTiltDeg: undefined,
  };
  const expected = Object.fromEntries(
    Object.entries(candidates).filter(([, value]) => value !== undefined),
  ) as Partial<Record<LateralParameter, number>>;

  const radiograph: LateralRadiograph = {
    id: 'synthetic-lateral',
    view: 'lateral',
    posture: 'standing',
    anteriorOnImage,
    vertebrae,
    femoralHeads,
    ...(spacing === undefined ? {} : { pixelSpacingMm: spacing }),
  };
  const maxAbsTiltDeg = Math.max(...[...tiltsDeg.values()].map(Math.abs));
  return { radiograph, expected, segments, slips, tiltsDeg, maxAbsTiltDeg };
}

/** The same film with every image point moved by `f` (translation, scaling, rotation, mirroring). */
export function mapImagePoints(
  film: LateralRadiograph,
  f: (p: Point) => Point,
  changes: Partial<Pick<LateralRadiograph, 'anteriorOnImage' | 'pixelSpacingMm'>> = {},
): LateralRadiograph {
  const vertebrae: Partial<Record<Level, LateralVertebra>> = {};
  for (const [level, corners] of Object.entries(film.vertebrae) as [Level, LateralVertebra][]) {
    vertebrae[level] = Object.fromEntries(
      Object.entries(corners).map(([corner, p]) => [corner, f(p as Point)]),
    ) as LateralVertebra;
  }
  const femoralHeads = film.femoralHeads.map((head) => ({ ...head, center: f(head.center) }));
  return { ...film, vertebrae, femoralHeads, ...changes };
}
