import { UNCALIBRATED_REASON } from '../calibration/patientFrame.js';
import { LEVELS, levelIndex, type Level } from '../case/levels.js';
import { wrapDeg, type Point } from '../geometry/point.js';
import { endplateTiltDeg, type Endplate } from '../measurements/landmarkNeeds.js';
import type { LateralFilm } from '../measurements/lateral/lateralFilm.js';
import type { FusionLevels } from './ruleFlag.js';

/** A number read off a film, or why it cannot be. */
export type FilmValue =
  { readonly ok: true; readonly value: number } | { readonly ok: false; readonly reason: string };

const fail = (reason: string): FilmValue => ({ ok: false, reason });

function endplate(film: LateralFilm, level: Level, side: 'superior' | 'inferior'): Endplate | string {
  const found = film.landmarks.endplate(level, side);
  return 'missing' in found ? `needs ${found.missing}` : found;
}

/**
 * Sagittal Cobb angle between two endplates, lordosis positive (lower tilt − upper tilt, tilt positive when
 * the anterior corner is lower), as the lumbar lordosis of the measurement module.
 */
export function lordosisBetweenDeg(
  film: LateralFilm,
  upper: { readonly level: Level; readonly side: 'superior' | 'inferior' },
  lower: { readonly level: Level; readonly side: 'superior' | 'inferior' },
): FilmValue {
  const a = endplate(film, upper.level, upper.side);
  const b = endplate(film, lower.level, lower.side);
  if (typeof a === 'string') return fail(a);
  if (typeof b === 'string') return fail(b);
  return { ok: true, value: wrapDeg(endplateTiltDeg(b) - endplateTiltDeg(a)) };
}

/** The disc angle of upper–lower: upper's inferior to lower's superior endplate, lordosis positive. */
export function discAngleDeg(film: LateralFilm, upper: Level, lower: Level): FilmValue {
  return lordosisBetweenDeg(film, { level: upper, side: 'inferior' }, { level: lower, side: 'superior' });
}

function facing(film: LateralFilm, upper: Level, lower: Level): [Endplate, Endplate] | string {
  if (!film.frame.calibrated) return UNCALIBRATED_REASON;
  const a = endplate(film, upper, 'inferior');
  const b = endplate(film, lower, 'superior');
  if (typeof a === 'string') return a;
  if (typeof b === 'string') return b;
  return [a, b];
}

const distance = (p: Point, q: Point) => Math.hypot(p[0] - q[0], p[1] - q[1]);

/**
 * Sagittal translation of `upper` on `lower` in mm: the posteroinferior corner of `upper` from the
 * posterosuperior corner of `lower`, along the superior endplate of `lower`; forward (anterolisthesis)
 * positive. The slip of the measurement module (Taillard 1954) in millimetres instead of percent.
 */
export function translationMm(film: LateralFilm, upper: Level, lower: Level): FilmValue {
  const found = facing(film, upper, lower);
  if (typeof found === 'string') return fail(found);
  const [above, below] = found;
  const along: Point = [below.to.at[0] - below.from.at[0], below.to.at[1] - below.from.at[1]];
  const offset: Point = [above.from.at[0] - below.from.at[0], above.from.at[1] - below.from.at[1]];
  return { ok: true, value: (offset[0] * along[0] + offset[1] * along[1]) / Math.hypot(along[0], along[1]) };
}

/** Disc height in mm: the mean of the anterior and the posterior corner-to-corner distances across the disc. */
export function discHeightMm(film: LateralFilm, upper: Level, lower: Level): FilmValue {
  const found = facing(film, upper, lower);
  if (typeof found === 'string') return fail(found);
  const [above, below] = found;
  return {
    ok: true,
    value: (distance(above.to.at, below.to.at) + distance(above.from.at, below.from.at)) / 2,
  };
}

/**
 * The angle of the instrumented (fixed) segment, lordosis positive: from the superior endplate of the UIV
 * to the inferior endplate of the LIV, or to the S1 superior endplate when the LIV is S1.
 */
export function fixedSegmentAngleDeg(film: LateralFilm, fusion: FusionLevels): FilmValue {
  const liv = fusion.lowerInstrumentedVertebra;
  return lordosisBetweenDeg(
    film,
    { level: fusion.upperInstrumentedVertebra, side: 'superior' },
    { level: liv, side: liv === 'S1' ? 'superior' : 'inferior' },
  );
}

/** Why a fusion range cannot be used, or undefined when UIV lies above LIV. */
export function fusionProblem(fusion: FusionLevels | undefined): string | undefined {
  if (fusion === undefined) return 'no fusion range (UIV and LIV) recorded';
  if (levelIndex(fusion.upperInstrumentedVertebra) >= levelIndex(fusion.lowerInstrumentedVertebra)) {
    return `the UIV ${fusion.upperInstrumentedVertebra} must lie above the LIV ${fusion.lowerInstrumentedVertebra}`;
  }
  return undefined;
}

/** The unfused motion segments next to the fusion: above the UIV, and below the LIV unless the LIV is S1. */
export function adjacentSegments(
  fusion: FusionLevels,
): { readonly position: 'above' | 'below'; readonly upper: Level; readonly lower: Level }[] {
  const above = LEVELS[levelIndex(fusion.upperInstrumentedVertebra) - 1];
  const below = LEVELS[levelIndex(fusion.lowerInstrumentedVertebra) + 1];
  return [
    ...(above === undefined
      ? []
      : [{ position: 'above' as const, upper: above, lower: fusion.upperInstrumentedVertebra }]),
    ...(below === undefined
      ? []
      : [{ position: 'below' as const, upper: fusion.lowerInstrumentedVertebra, lower: below }]),
  ];
}
