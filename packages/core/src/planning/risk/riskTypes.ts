import type { Level } from '../../case/levels.js';
import type { CitationId } from '../../measurements/citations.js';
import type { GapCategory } from '../../classification/gapScore.js';
import type { RiskFactors, SurgicalPlan } from '../planTypes.js';

/** A published incidence, with the population it was measured in. */
export interface PublishedRate {
  readonly statement: string;
  /** The rate in percent as published; a range when the source gives one. */
  readonly ratePercent: number | { readonly min: number; readonly max: number };
  readonly population: string;
  readonly citation: CitationId;
}

/** A published risk factor and what this patient or plan has of it (null: not known). */
export interface RiskFactorFinding {
  readonly factor: string;
  readonly thisPatient: string | null;
  /** True / false when the factor is a yes-no fact of the patient or plan; null when unknown or graded. */
  readonly present: boolean | null;
  readonly evidence: string;
  readonly citation: CitationId;
}

export type ComplicationKind =
  | 'neurological-deficit'
  | 'rod-fracture'
  | 'mechanical-complications'
  | 'proximal-junctional-kyphosis'
  | 'adjacent-segment-degeneration'
  | 'infection'
  | 'blood-loss-and-transfusion'
  | 'major-complications';

export interface ComplicationRisk {
  readonly complication: ComplicationKind;
  /** The published rates that apply to this plan (the population says how closely). */
  readonly rates: readonly PublishedRate[];
  readonly factors: readonly RiskFactorFinding[];
  /** An estimate in other units (blood loss, ml), when published for this procedure. */
  readonly estimate?: {
    readonly statement: string;
    readonly valueMl: number;
    readonly population: string;
    readonly citation: CitationId;
  };
  /** Always: why rates and factors are shown side by side and not combined into one number. */
  readonly model: string;
}

/** Everything the risk estimates read, gathered once. */
export interface RiskContext {
  readonly plan: SurgicalPlan;
  readonly factors: RiskFactors;
  readonly ageYears: number | undefined;
  readonly instrumented: readonly Level[];
  readonly threeColumn: boolean;
  readonly lumbarPedicleSubtraction: boolean;
  readonly columnResection: boolean;
  readonly toPelvis: boolean;
  /** Predicted values (pelvis as simulated), by measurement key; absent when unavailable. */
  readonly predicted: Readonly<Record<string, number>>;
  readonly preoperative: Readonly<Record<string, number>>;
  readonly predictedGapCategory: GapCategory | null;
  /** The largest |contour| of the plan's rods, when computed. */
  readonly rodContourDeg: number | null;
}

export const NO_EXACT_MODEL =
  'no exact published risk model for this complication is shipped: the published rates and the risk factors of this patient are listed side by side, never multiplied into a personal number';

export const yesNo = (value: boolean | undefined): string | null =>
  value === undefined ? null : value ? 'yes' : 'no';
