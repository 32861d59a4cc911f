import type { Level } from '../case/levels.js';
import type { Explanation } from '../classification/explanation.js';

/**
 * A rule that flags a finding for a clinician to confirm (never a diagnosis): `true` / `false`, or
 * `undetermined` when a film, a landmark or a calibration is missing, with the reasons in words.
 */
export interface RuleFlag extends Explanation {
  readonly flag: boolean | 'undetermined';
  /** Why the flag is what it is, for a person (criteria met, not met, or what is missing). */
  readonly reasons: readonly string[];
  /** The published source of the rule, as read. */
  readonly source: string;
}

/** The instrumented range of the operation (UIV above LIV). */
export interface FusionLevels {
  readonly upperInstrumentedVertebra: Level;
  readonly lowerInstrumentedVertebra: Level;
}
