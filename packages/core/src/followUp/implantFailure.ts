import type { LateralRadiograph } from '../case/types.js';
import { explanation, formatValue } from '../classification/explanation.js';
import { lateralFilm } from '../measurements/lateral/lateralFilm.js';
import { FOLLOW_UP_SOURCES } from './followUpSources.js';
import type { FusionLevels, RuleFlag } from './ruleFlag.js';
import { fixedSegmentAngleDeg, fusionProblem } from './segmentGeometry.js';

/**
 * Loss of fixed-segment alignment: the fixed segmental angle lost more than 3° between the early
 * postoperative and the later film (the minimal detectable change used by the adult deformity study PMID 28658032,
 * which found loss associated with screw loosening and commercially pure titanium rods).
 */
export const FIXED_SEGMENT_LOSS_MIN_DEG = 3;

export interface ImplantFailureFlag extends RuleFlag {
  /** Fixed segmental angle, lordosis positive, on each film; null when it cannot be measured. */
  readonly firstPostoperativeAngleDeg: number | null;
  readonly followUpAngleDeg: number | null;
  /** follow-up − first postoperative (negative: lordosis lost, kyphosis gained). */
  readonly changeDeg: number | null;
}

/**
 * Flags a suspected implant failure for a clinician to confirm: the instrumented segment lost more than 3°
 * of lordosis (or gained as much kyphosis) from the first postoperative film to the follow-up film. A
 * fused segment should not move; rod fracture, screw loosening and pseudarthrosis are what to look for.
 * Missing films, fusion range or endplates: `undetermined` with the reason.
 */
export function suspectedImplantFailure(input: {
  readonly firstPostoperative?: LateralRadiograph;
  readonly followUp?: LateralRadiograph;
  readonly fusion?: FusionLevels;
}): ImplantFailureFlag {
  const why = explanation();
  const source = FOLLOW_UP_SOURCES['fixed-segment-loss'];
  const reasons: string[] = [];
  const result = (
    flag: boolean | 'undetermined',
    first: number | null,
    later: number | null,
  ): ImplantFailureFlag => ({
    flag,
    reasons,
    source,
    firstPostoperativeAngleDeg: first,
    followUpAngleDeg: later,
    changeDeg: first === null || later === null ? null : later - first,
    ...why,
  });
  const problem = fusionProblem(input.fusion);
  if (problem !== undefined || input.fusion === undefined) {
    reasons.push(problem ?? 'no fusion range');
    why.undetermined.flag = reasons[0] as string;
    return result('undetermined', null, null);
  }
  const fusion = input.fusion;
  why.inputs.uiv = fusion.upperInstrumentedVertebra;
  why.inputs.liv = fusion.lowerInstrumentedVertebra;
  const measure = (film: LateralRadiograph | undefined, name: string): number | null => {
    if (film === undefined) {
      reasons.push(`no ${name} lateral film`);
      return null;
    }
    const angle = fixedSegmentAngleDeg(lateralFilm(film), fusion);
    if (!angle.ok) {
      reasons.push(`${name} film ${film.id}: ${angle.reason}`);
      return null;
    }
    why.inputs[`${name === 'first postoperative' ? 'firstPostoperative' : 'followUp'}FixedSegmentAngleDeg`] =
      angle.value;
    return angle.value;
  };
  const first = measure(input.firstPostoperative, 'first postoperative');
  const later = measure(input.followUp, 'follow-up');
  if (first === null || later === null) {
    why.undetermined.flag = reasons.join('; ');
    return result('undetermined', first, later);
  }
  const lostDeg = first - later;
  const flag = lostDeg > FIXED_SEGMENT_LOSS_MIN_DEG;
  const range = `${fusion.upperInstrumentedVertebra}–${fusion.lowerInstrumentedVertebra}`;
  const rule =
    `fixed segment ${range}: ${formatValue(first)}° → ${formatValue(later)}° lordosis, ` +
    (lostDeg >= 0 ? `${formatValue(lostDeg)}° lost` : `${formatValue(-lostDeg)}° gained`) +
    ` (${flag ? '>' : '≤'} ${FIXED_SEGMENT_LOSS_MIN_DEG}° lost) → ${flag ? 'suspected implant failure: check for rod fracture, screw loosening or pseudarthrosis' : 'no loss of fixed-segment alignment'}`;
  why.rules.push(rule);
  reasons.push(rule);
  if (!flag && -lostDeg > FIXED_SEGMENT_LOSS_MIN_DEG) {
    reasons.push(
      `the segment gained more than ${FIXED_SEGMENT_LOSS_MIN_DEG}° of lordosis: not the published loss of alignment, shown for review`,
    );
  }
  return result(flag, first, later);
}
