import { UNCALIBRATED_REASON } from '../../calibration/patientFrame.js';
import { LEVELS, levelIndex, type Level } from '../../case/levels.js';
import { endplateMidpoint, type Landmark } from '../landmarkNeeds.js';
import { endplateSequence, type TiltedEndplate } from './endplateSequence.js';
import { measured } from '../measured.js';
import type { Measurement, MeasurementResult } from '../types.js';
import { APICAL_TRANSLATION, CURVE_COBB } from './coronalParameters.js';
import { needsOn, type CoronalFilm } from './coronalFilm.js';
import { turningPoints } from './turningPoints.js';

/** A curve is scoliotic from a Cobb angle of 10° (Scoliosis Research Society; Cobb 1948 method). */
export const CURVE_MIN_COBB_DEG = 10;
/**
 * A reversal of endplate tilt smaller than this does not end a curve. A counter-tilt under 10° cannot be
 * a curve of its own, so it must not split the curve around it into two curves of the same convexity;
 * it also absorbs landmark noise and vertebral wedging (one reader's Cobb error is 3–5°, Morrissy 1990).
 */
export const TILT_REVERSAL_TOLERANCE_DEG = CURVE_MIN_COBB_DEG;

export type PatientSide = 'right' | 'left';

export interface CurveDetection {
  readonly curves: readonly CoronalCurve[];
  /** Marked endplates that could not be used (labelling errors), each with the reason. */
  readonly excludedEndplates: readonly string[];
}

export interface CoronalCurve {
  readonly upperEnd: Level;
  readonly lowerEnd: Level;
  readonly apex: Level;
  /** The patient side of the curve's convex edge. */
  readonly convexity: PatientSide;
  readonly cobb: Measurement;
  readonly apicalTranslation: MeasurementResult;
}

/**
 * Every curve of 10° or more. The endplate tilts from the top down rise and fall; each stretch between
 * two turning points of the tilt (reversals under 10° ignored, see TILT_REVERSAL_TOLERANCE_DEG) is a
 * curve whose end vertebrae are the most tilted ones at its ends (Cobb 1948): the upper end's superior
 * endplate and the lower end's inferior endplate (or S1's superior endplate) that maximise the angle.
 */
export function detectCurves(film: CoronalFilm): CurveDetection {
  const { endplates: sequence, excluded } = endplateSequence(film);
  const turns = turningPoints(
    sequence.map((e) => e.tiltDeg),
    TILT_REVERSAL_TOLERANCE_DEG,
  );
  const curves: CoronalCurve[] = [];
  // Where the last reported curve ended: the next curve may share that vertebra, never reach above it.
  let previousLowerEnd = -1;
  for (let k = 0; k + 1 < turns.length; k++) {
    const from = turns[k] as number;
    const to = turns[k + 1] as number;
    // Tilts rise along the curve when its Cobb lines converge on the patient's left: convex to the right.
    const rising = (sequence[to] as TiltedEndplate).tiltDeg > (sequence[from] as TiltedEndplate).tiltDeg;
    const sign = rising ? 1 : -1;
    // The most tilted end vertebrae are looked for from the neighbouring turning points inwards: past a
    // turning point the tilt only comes back, but on a plateau the most tilted superior (or inferior)
    // endplate may lie a vertebra beyond it. The upper end never reaches above the last curve's lower end.
    const upperWindow = { first: Math.max((turns[k - 1] ?? -1) + 1, previousLowerEnd - 1), last: to - 1 };
    const lowerWindow = { first: from + 1, last: (turns[k + 2] ?? sequence.length) - 1 };
    const upper = mostTilted(
      sequence,
      upperWindow,
      (e) => e.side === 'superior',
      (e) => -sign * e.tiltDeg,
    );
    const lower = mostTilted(sequence, lowerWindow, isLowerEndplate, (e) => sign * e.tiltDeg);
    if (!upper || !lower || levelIndex(upper.level) >= levelIndex(lower.level)) continue;
    const cobbDeg = sign * (lower.tiltDeg - upper.tiltDeg);
    if (cobbDeg < CURVE_MIN_COBB_DEG) continue;
    previousLowerEnd = sequence.indexOf(lower);
    curves.push(describeCurve(film, sequence, upper, lower, cobbDeg, rising ? 'right' : 'left'));
  }
  return { curves, excludedEndplates: excluded };
}

function isLowerEndplate(e: TiltedEndplate): boolean {
  return e.side === 'inferior' || e.level === 'S1';
}

/** Of the endplates in `window` (positions in the sequence) that may end a curve, the one scoring highest. */
function mostTilted(
  sequence: readonly TiltedEndplate[],
  window: { readonly first: number; readonly last: number },
  eligible: (e: TiltedEndplate) => boolean,
  score: (e: TiltedEndplate) => number,
): TiltedEndplate | undefined {
  let best: TiltedEndplate | undefined;
  for (let i = Math.max(0, window.first); i <= Math.min(sequence.length - 1, window.last); i++) {
    const e = sequence[i] as TiltedEndplate;
    if (eligible(e) && (best === undefined || score(e) > score(best))) best = e;
  }
  return best;
}

function describeCurve(
  film: CoronalFilm,
  sequence: readonly TiltedEndplate[],
  upper: TiltedEndplate,
  lower: TiltedEndplate,
  cobbDeg: number,
  convexity: PatientSide,
): CoronalCurve {
  const apex = findApex(film, sequence, upper, lower);
  const cobb: Measurement = {
    ok: true,
    value: cobbDeg,
    unit: 'deg',
    landmarks: [upper, lower].flatMap((e) => cornerNames(e)),
    construction: [
      {
        kind: 'line',
        from: upper.endplate.from.image,
        to: upper.endplate.to.image,
        label: `${upper.level} superior endplate`,
      },
      {
        kind: 'line',
        from: lower.endplate.from.image,
        to: lower.endplate.to.image,
        label: `${lower.level} ${lower.side} endplate`,
      },
    ],
    definition: CURVE_COBB.definition,
    citation: CURVE_COBB.citation,
  };
  return {
    upperEnd: upper.level,
    lowerEnd: lower.level,
    apex,
    convexity,
    cobb,
    apicalTranslation: apicalTranslation(film, apex),
  };
}

function cornerNames(e: TiltedEndplate): string[] {
  return [`${e.level}.${e.side}Left`, `${e.level}.${e.side}Right`];
}

/**
 * The apex: of the vertebrae between the end vertebrae, the one whose centroid lies farthest from the
 * line joining the end vertebrae's centroids. When a centroid is missing, the most horizontal vertebra
 * relative to the curve: its mean endplate tilt closest to the mean tilt of the two ends.
 */
function findApex(
  film: CoronalFilm,
  sequence: readonly TiltedEndplate[],
  upper: TiltedEndplate,
  lower: TiltedEndplate,
): Level {
  const inside = LEVELS.slice(levelIndex(upper.level) + 1, levelIndex(lower.level)).filter(
    (level) => film.radiograph.vertebrae[level] !== undefined,
  );
  const candidates = inside.length > 0 ? inside : [upper.level, lower.level];
  const needs = needsOn(film);
  const ends = [needs.centroid(upper.level), needs.centroid(lower.level)] as const;
  const centres = candidates.map((level) => needs.centroid(level));
  if (needs.reason === undefined) {
    // Distances equal to a millionth of a millimetre are a tie (a symmetric curve): the upper one is taken.
    const distances = centres.map((c) => Math.round(distanceToLine(c, ends[0], ends[1]) * 1e6));
    return candidates[distances.indexOf(Math.max(...distances))] as Level;
  }
  const middleTilt = (upper.tiltDeg + lower.tiltDeg) / 2;
  const offsets = candidates.map((level) => Math.abs(meanTilt(sequence, level) - middleTilt));
  return candidates[offsets.indexOf(Math.min(...offsets))] as Level;
}

function distanceToLine(p: Landmark, a: Landmark, b: Landmark): number {
  const dx = b.at[0] - a.at[0];
  const dy = b.at[1] - a.at[1];
  return Math.abs(dx * (p.at[1] - a.at[1]) - dy * (p.at[0] - a.at[0])) / Math.hypot(dx, dy);
}

function meanTilt(sequence: readonly TiltedEndplate[], level: Level): number {
  const tilts = sequence.filter((e) => e.level === level).map((e) => e.tiltDeg);
  return tilts.length === 0 ? Number.POSITIVE_INFINITY : tilts.reduce((a, b) => a + b, 0) / tilts.length;
}

/** Apex centroid from the CSVL (apex T12 or below) or from the C7 plumb line (above T12), right positive. */
function apicalTranslation(film: CoronalFilm, apex: Level): MeasurementResult {
  const needs = needsOn(film);
  const centre = needs.centroid(apex);
  const thoracic = levelIndex(apex) < levelIndex('T12');
  const reference = thoracic ? needs.centroid('C7') : endplateMidpoint(needs.endplate('S1', 'superior'));
  const label = thoracic ? 'C7 plumb line' : 'CSVL';
  const calibration = film.frame.calibrated ? undefined : UNCALIBRATED_REASON;
  return measured(
    APICAL_TRANSLATION,
    needs,
    () => ({
      value: centre.at[0] - reference.at[0],
      construction: [
        { kind: 'point', at: centre.image, label: `${apex} centroid` },
        { kind: 'plumbLine', through: reference.image, label },
        {
          kind: 'line',
          from: centre.image,
          to: [reference.image[0], centre.image[1]],
          label: 'apical translation',
        },
      ],
    }),
    calibration,
  );
}
