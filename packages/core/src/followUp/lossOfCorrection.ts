import { explanation, formatValue, type Explanation } from '../classification/explanation.js';

export interface CorrectionChange extends Explanation {
  /** follow-up − reference, in the parameter's unit and sign convention; null without both values. */
  readonly change: number | null;
  /** Always null: no published threshold for a loss of correction is applied. */
  readonly lossOfCorrection: null;
}

/**
 * The change of one parameter from its reference value (immediate postoperative, or planned) to a
 * follow-up value, with its sign (follow-up − reference). It does not call a change a loss of correction:
 * no published threshold was confirmed, so that field stays undetermined.
 */
export function correctionChange(
  parameter: string,
  unit: string,
  reference: { readonly kind: 'immediate-postoperative' | 'planned'; readonly value: number | null },
  followUp: number | null,
): CorrectionChange {
  const why = explanation();
  why.inputs.parameter = parameter;
  why.inputs.referenceKind = reference.kind;
  why.undetermined.lossOfCorrection = 'no published threshold for a loss of correction is applied';
  if (
    reference.value === null ||
    followUp === null ||
    !Number.isFinite(reference.value) ||
    !Number.isFinite(followUp)
  ) {
    why.undetermined.change = `needs the ${reference.kind} and the follow-up value of ${parameter}`;
    return { change: null, lossOfCorrection: null, ...why };
  }
  why.inputs.reference = reference.value;
  why.inputs.followUp = followUp;
  const change = followUp - reference.value;
  why.rules.push(
    `${parameter} ${formatValue(followUp)}${unit} − ${reference.kind} ${formatValue(reference.value)}${unit} = ${change > 0 ? '+' : ''}${formatValue(change)}${unit}`,
  );
  return { change, lossOfCorrection: null, ...why };
}
