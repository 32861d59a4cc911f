import { LEVELS, levelIndex, type Level } from '../case/levels.js';
import type { LateralRadiograph } from '../case/types.js';
import { explanation, formatValue, type Explanation } from '../classification/explanation.js';
import { lateralFilm } from '../measurements/lateral/lateralFilm.js';
import { sagittalCobb } from '../measurements/lateral/sagittalCobbAngles.js';
import { unavailable, type MeasurementResult, type ParameterDefinition } from '../measurements/types.js';

const PJA: ParameterDefinition = {
  unit: 'deg',
  definition:
    'Proximal junctional angle: Cobb angle between the inferior endplate of the upper instrumented vertebra (UIV) and the superior endplate of the vertebra two levels above (UIV+2); kyphosis positive',
  citation: 'glattes-2005',
};

/** Glattes 2005: PJK when the PJA is ≥ 10° and at least 10° more than before surgery. */
export const PJK_MIN_ANGLE_DEG = 10;
export const PJK_MIN_INCREASE_DEG = 10;

/** The vertebra two levels above `uiv` (T10 → T8), or undefined above C3. */
export function twoLevelsAbove(uiv: Level): Level | undefined {
  return LEVELS[levelIndex(uiv) - 2];
}

/**
 * Proximal junctional angle (Glattes 2005) on a lateral film: kyphosis = tilt of the UIV+2 superior
 * endplate − tilt of the UIV inferior endplate (tilt positive when the anterior corner is lower).
 */
export function proximalJunctionalAngle(radiograph: LateralRadiograph, uiv: Level): MeasurementResult {
  const upper = twoLevelsAbove(uiv);
  if (upper === undefined) return unavailable(`no vertebra two levels above ${uiv}`);
  return sagittalCobb(
    lateralFilm(radiograph),
    { upper, upperSide: 'superior', lower: uiv, lowerSide: 'inferior', positive: 'kyphosis' },
    PJA,
  );
}

export interface ProximalJunctionalKyphosis extends Explanation {
  readonly preoperativePjaDeg: number | null;
  readonly followUpPjaDeg: number | null;
  readonly pjk: boolean | null;
}

/**
 * PJK (Glattes 2005): follow-up PJA ≥ 10° AND ≥ 10° more than the preoperative PJA, both measured over the
 * same levels (the UIV of the operation). Either film missing or unmeasurable: undetermined, with the reason.
 */
export function proximalJunctionalKyphosis(
  preoperative: LateralRadiograph | undefined,
  followUp: LateralRadiograph | undefined,
  uiv: Level,
): ProximalJunctionalKyphosis {
  const why = explanation('glattes-2005');
  why.inputs.uiv = uiv;
  const measure = (film: LateralRadiograph | undefined, name: string): number | null => {
    if (film === undefined) {
      why.undetermined[name] =
        `no ${name === 'preoperativePjaDeg' ? 'preoperative' : 'follow-up'} lateral film`;
      return null;
    }
    const pja = proximalJunctionalAngle(film, uiv);
    if (!pja.ok) {
      why.undetermined[name] = `${film.id}: ${pja.reason}`;
      return null;
    }
    why.inputs[name] = pja.value;
    return pja.value;
  };
  const preoperativePjaDeg = measure(preoperative, 'preoperativePjaDeg');
  const followUpPjaDeg = measure(followUp, 'followUpPjaDeg');
  if (preoperativePjaDeg === null || followUpPjaDeg === null) {
    why.undetermined.pjk = 'needs the PJA on both the preoperative and the follow-up film';
    return { preoperativePjaDeg, followUpPjaDeg, pjk: null, ...why };
  }
  const increase = followUpPjaDeg - preoperativePjaDeg;
  const pjk = followUpPjaDeg >= PJK_MIN_ANGLE_DEG && increase >= PJK_MIN_INCREASE_DEG;
  why.rules.push(
    `PJA ${formatValue(followUpPjaDeg)}° (${followUpPjaDeg >= PJK_MIN_ANGLE_DEG ? '≥' : '<'} ${PJK_MIN_ANGLE_DEG}°), ` +
      `${formatValue(increase)}° more than preoperatively (${increase >= PJK_MIN_INCREASE_DEG ? '≥' : '<'} ${PJK_MIN_INCREASE_DEG}°) → ${pjk ? 'PJK' : 'no PJK'}`,
  );
  return { preoperativePjaDeg, followUpPjaDeg, pjk, ...why };
}
