import { explanation, formatValue, type Explanation } from '../classification/explanation.js';
import type { CitationId } from '../measurements/citations.js';

export type McidOutcome =
  | 'odi'
  | 'nrsBackPain'
  | 'nrsLegPain'
  | 'srs22rPain'
  | 'srs22rFunction'
  | 'srs22rSelfImage'
  | 'srs22rMentalHealth'
  | 'srs22rSatisfaction'
  | 'srs22rTotal';

/** A published threshold of clinically important change, and which way is better. */
export interface McidThreshold {
  readonly value: number;
  /** `lower`: improvement is a decrease (ODI, NRS); `higher`: an increase (SRS-22r). */
  readonly better: 'lower' | 'higher';
  readonly population: string;
  readonly citation: CitationId;
}

/** Thresholds confirmed in the abstracts read; the others are undetermined (see MCID_UNDETERMINED). */
export const MCID: Readonly<Partial<Record<McidOutcome, McidThreshold>>> = {
  // Yoshida 2019: MCID of the total ODI 11 % after adult spinal deformity surgery (240 patients, ≥ 2 years).
  odi: { value: 11, better: 'lower', population: 'adult spinal deformity surgery', citation: 'yoshida-2019' },
  // Parai 2020: minimal important change (ROC, Swespine registry) NRS back 2.7, NRS leg 3.2.
  nrsBackPain: {
    value: 2.7,
    better: 'lower',
    population: 'degenerative lumbar spine surgery',
    citation: 'parai-2020',
  },
  nrsLegPain: {
    value: 3.2,
    better: 'lower',
    population: 'degenerative lumbar spine surgery',
    citation: 'parai-2020',
  },
  // Spine Deform 2018;6:79 (ASLS trial): MCID pain 0.60, appearance 1.17, activity 0.40, total 0.77.
  srs22rPain: {
    value: 0.6,
    better: 'higher',
    population: 'adult symptomatic lumbar scoliosis surgery',
    citation: 'srs22r-mcid-asls-2018',
  },
  srs22rSelfImage: {
    value: 1.17,
    better: 'higher',
    population: 'adult symptomatic lumbar scoliosis surgery',
    citation: 'srs22r-mcid-asls-2018',
  },
  srs22rFunction: {
    value: 0.4,
    better: 'higher',
    population: 'adult symptomatic lumbar scoliosis surgery',
    citation: 'srs22r-mcid-asls-2018',
  },
  srs22rTotal: {
    value: 0.77,
    better: 'higher',
    population: 'adult symptomatic lumbar scoliosis surgery',
    citation: 'srs22r-mcid-asls-2018',
  },
};

export const MCID_UNDETERMINED: Readonly<Partial<Record<McidOutcome, string>>> = {
  srs22rMentalHealth: 'no MCID for SRS-22r mental health was confirmed in a source read',
  srs22rSatisfaction: 'no MCID for SRS-22r satisfaction was confirmed in a source read',
};

export interface McidResult extends Explanation {
  /** Improvement in the outcome's better direction (positive = better), null without both scores. */
  readonly improvement: number | null;
  readonly reached: boolean | null;
}

/** Whether the change from `before` to `after` reaches the published MCID (improvement ≥ MCID). */
export function mcidReached(outcome: McidOutcome, before: number | null, after: number | null): McidResult {
  const threshold = MCID[outcome];
  const why = explanation(...(threshold ? [threshold.citation] : []));
  if (before !== null) why.inputs.before = before;
  if (after !== null) why.inputs.after = after;
  if (before === null || after === null || !Number.isFinite(before) || !Number.isFinite(after)) {
    const reason = 'needs both the before and the after score';
    why.undetermined.improvement = reason;
    why.undetermined.reached = reason;
    return { improvement: null, reached: null, ...why };
  }
  // Lower is better for ODI and NRS, higher for every SRS-22r score.
  const better = outcome.startsWith('srs22r') ? 'higher' : 'lower';
  const improvement = better === 'higher' ? after - before : before - after;
  if (threshold === undefined) {
    why.undetermined.reached = MCID_UNDETERMINED[outcome] ?? 'no published MCID';
    why.rules.push(`improvement ${formatValue(improvement)} (${better} is better; no threshold)`);
    return { improvement, reached: null, ...why };
  }
  // Scores are means of items (2.4 − 1.8 = 0.5999…): compared with a 1e-9 tolerance.
  const reached = improvement >= threshold.value - 1e-9;
  why.inputs.mcid = threshold.value;
  why.rules.push(
    `improvement ${formatValue(improvement)} (${threshold.better} is better) ${reached ? '≥' : '<'} MCID ${threshold.value} (${threshold.population}) → ${reached ? 'reached' : 'not reached'}`,
  );
  return { improvement, reached, ...why };
}
