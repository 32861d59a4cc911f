import type { Level } from '../case/levels.js';
import type { LateralRadiograph } from '../case/types.js';
import { explanation, formatValue } from '../classification/explanation.js';
import { lateralFilm, type LateralFilm } from '../measurements/lateral/lateralFilm.js';
import { FOLLOW_UP_SOURCES } from './followUpSources.js';
import type { FusionLevels, RuleFlag } from './ruleFlag.js';
import {
  adjacentSegments,
  discAngleDeg,
  discHeightMm,
  fusionProblem,
  translationMm,
  type FilmValue,
} from './segmentGeometry.js';

/** Radiographic adjacent segment deterioration (Spine criteria as quoted, FOLLOW_UP_SOURCES): new listhesis > 3 mm … */
export const ADJACENT_LISTHESIS_CHANGE_MIN_MM = 3;
/** … or a loss of disc height of more than 3 mm … */
export const ADJACENT_DISC_HEIGHT_LOSS_MIN_MM = 3;
/** … or an intervertebral angle in flexion under −5° (needs a flexion film: not applied to standing films). */
export const ADJACENT_FLEXION_ANGLE_MAX_DEG = -5;

export interface AdjacentLevelFinding {
  readonly position: 'above' | 'below';
  readonly upper: Level;
  readonly lower: Level;
  /** follow-up − reference translation (forward positive), mm. */
  readonly translationChangeMm: number | null;
  /** follow-up − reference disc height, mm (negative: height lost). */
  readonly discHeightChangeMm: number | null;
  /** follow-up − reference disc angle (lordosis positive), shown only: no threshold is applied to it. */
  readonly discAngleChangeDeg: number | null;
  readonly flag: boolean | 'undetermined';
  readonly reasons: readonly string[];
}

export interface AdjacentSegmentFlag extends RuleFlag {
  readonly levels: readonly AdjacentLevelFinding[];
}

function change(
  reference: LateralFilm,
  followUp: LateralFilm,
  read: (film: LateralFilm) => FilmValue,
): { value: number; reference: number } | string {
  const a = read(reference);
  const b = read(followUp);
  if (!a.ok) return `reference film: ${a.reason}`;
  if (!b.ok) return `follow-up film: ${b.reason}`;
  return { value: b.value - a.value, reference: a.value };
}

function levelFinding(
  reference: LateralFilm,
  followUp: LateralFilm,
  segment: { readonly position: 'above' | 'below'; readonly upper: Level; readonly lower: Level },
): AdjacentLevelFinding {
  const { upper, lower } = segment;
  const name = `${upper}–${lower}`;
  const reasons: string[] = [];
  const translation = change(reference, followUp, (f) => translationMm(f, upper, lower));
  const height = change(reference, followUp, (f) => discHeightMm(f, upper, lower));
  const angle = change(reference, followUp, (f) => discAngleDeg(f, upper, lower));
  let met = false;
  let unknown = false;
  if (typeof translation === 'string') {
    unknown = true;
    reasons.push(`${name} listhesis: undetermined (${translation})`);
  } else {
    const hit = Math.abs(translation.value) > ADJACENT_LISTHESIS_CHANGE_MIN_MM;
    met ||= hit;
    reasons.push(
      `${name} translation changed ${formatValue(translation.value)} mm (${hit ? '>' : '≤'} ${ADJACENT_LISTHESIS_CHANGE_MIN_MM} mm)`,
    );
  }
  if (typeof height === 'string') {
    unknown = true;
    reasons.push(`${name} disc height: undetermined (${height})`);
  } else {
    const hit = -height.value > ADJACENT_DISC_HEIGHT_LOSS_MIN_MM;
    met ||= hit;
    reasons.push(
      `${name} disc height changed ${formatValue(height.value)} mm (loss ${hit ? '>' : '≤'} ${ADJACENT_DISC_HEIGHT_LOSS_MIN_MM} mm)`,
    );
  }
  if (typeof angle !== 'string') {
    reasons.push(
      `${name} disc angle changed ${formatValue(angle.value)}° (shown only; no threshold applied)`,
    );
  }
  return {
    ...segment,
    translationChangeMm: typeof translation === 'string' ? null : translation.value,
    discHeightChangeMm: typeof height === 'string' ? null : height.value,
    discAngleChangeDeg: typeof angle === 'string' ? null : angle.value,
    flag: met ? true : unknown ? 'undetermined' : false,
    reasons,
  };
}

/**
 * Flags radiographic adjacent segment change for a clinician to confirm, at the motion segment above the
 * UIV and the one below the LIV (none below S1), between a reference film (preoperative or first
 * postoperative) and a follow-up film: translation changed by more than 3 mm, or disc height lost by more
 * than 3 mm (both need calibrated films). The flexion-angle criterion needs a flexion film and is not
 * applied. Any level meeting a criterion flags; otherwise a level that cannot be measured leaves the flag
 * undetermined.
 */
export function adjacentSegmentChange(input: {
  readonly reference?: LateralRadiograph;
  readonly referenceKind: 'preoperative' | 'immediate-postoperative';
  readonly followUp?: LateralRadiograph;
  readonly fusion?: FusionLevels;
}): AdjacentSegmentFlag {
  const why = explanation();
  const source = FOLLOW_UP_SOURCES['adjacent-segment-radiographic-criteria'];
  const reasons: string[] = [];
  why.inputs.referenceKind = input.referenceKind;
  const undetermined = (reason: string): AdjacentSegmentFlag => {
    reasons.push(reason);
    why.undetermined.flag = reason;
    return { flag: 'undetermined', reasons, source, levels: [], ...why };
  };
  const problem = fusionProblem(input.fusion);
  if (problem !== undefined || input.fusion === undefined) return undetermined(problem ?? 'no fusion range');
  if (input.reference === undefined) return undetermined(`no ${input.referenceKind} lateral film`);
  if (input.followUp === undefined) return undetermined('no follow-up lateral film');
  why.inputs.uiv = input.fusion.upperInstrumentedVertebra;
  why.inputs.liv = input.fusion.lowerInstrumentedVertebra;
  const segments = adjacentSegments(input.fusion);
  if (segments.length === 0) return undetermined('no unfused motion segment next to the fusion');
  const reference = lateralFilm(input.reference);
  const followUp = lateralFilm(input.followUp);
  const levels = segments.map((segment) => levelFinding(reference, followUp, segment));
  for (const level of levels) {
    reasons.push(...level.reasons);
    why.rules.push(...level.reasons.filter((r) => !r.includes('undetermined')));
    if (level.translationChangeMm !== null) {
      why.inputs[`${level.upper}-${level.lower}.translationChangeMm`] = level.translationChangeMm;
    }
    if (level.discHeightChangeMm !== null) {
      why.inputs[`${level.upper}-${level.lower}.discHeightChangeMm`] = level.discHeightChangeMm;
    }
  }
  if (input.fusion.lowerInstrumentedVertebra === 'S1')
    reasons.push('LIV S1: no motion segment below the fusion');
  reasons.push(
    `intervertebral angle in flexion (< ${ADJACENT_FLEXION_ANGLE_MAX_DEG}°) not assessed: it needs a flexion film`,
  );
  const flag = levels.some((l) => l.flag === true)
    ? true
    : levels.some((l) => l.flag === 'undetermined')
      ? 'undetermined'
      : false;
  if (flag === 'undetermined') {
    why.undetermined.flag = levels
      .flatMap((l) => l.reasons.filter((r) => r.includes('undetermined')))
      .join('; ');
  }
  return { flag, reasons, source, levels, ...why };
}
