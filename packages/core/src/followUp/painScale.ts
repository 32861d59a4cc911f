import { explanation, type Explanation } from '../classification/explanation.js';

/** Back and leg pain on the 0–10 numeric rating scale (0 no pain, 10 worst imaginable). */
export interface PainScores extends Explanation {
  readonly backPain: number | null;
  readonly legPain: number | null;
}

/** True for a whole number from 0 to 10. */
export function isNrsPain(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 10;
}

/**
 * Checks NRS back and leg pain answers (whole numbers 0–10). Validation only: no severity bands are given,
 * none being sourced here. A missing or invalid answer is undetermined with the reason.
 */
export function painScores(
  backPain: number | null | undefined,
  legPain: number | null | undefined,
): PainScores {
  const why = explanation('parai-2020');
  const check = (name: 'backPain' | 'legPain', value: number | null | undefined): number | null => {
    if (value === null || value === undefined) {
      why.undetermined[name] = 'not recorded';
      return null;
    }
    if (!isNrsPain(value)) {
      why.undetermined[name] = `${String(value)} is not a whole number from 0 to 10`;
      return null;
    }
    why.inputs[name] = value;
    return value;
  };
  return { backPain: check('backPain', backPain), legPain: check('legPain', legPain), ...why };
}
