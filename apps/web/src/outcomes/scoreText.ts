import { MCID, QUESTIONNAIRES, isQuestionnaireInstrument, type McidOutcome } from '@spinerecon/core';
import type { McidEntry, QuestionnaireResponse } from './outcomeTypes';

// How the outcome scores read on screen: names, units, the scale of each, MCID reached or not. The scores
// and MCID decisions are the server's (the core's scoring); nothing is computed here but rounding.

export interface OutcomeScale {
  readonly label: string;
  /** The axis label, with its unit. */
  readonly axis: string;
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  readonly better: 'lower' | 'higher';
  readonly decimals: number;
}

// ODI 0–100 % (Fairbank 2000), SRS-22r 1–5 each (SRS-22r scoring), NRS 0–10 (docs/clinical.md).
const ODI: OutcomeScale = {
  label: 'ODI',
  axis: 'ODI (%)',
  unit: ' %',
  min: 0,
  max: 100,
  better: 'lower',
  decimals: 1,
};
const srs = (label: string): OutcomeScale => ({
  label,
  axis: 'SRS-22r score (1–5)',
  unit: '',
  min: 1,
  max: 5,
  better: 'higher',
  decimals: 2,
});
const nrs = (label: string): OutcomeScale => ({
  label,
  axis: 'Pain (NRS 0–10)',
  unit: ' / 10',
  min: 0,
  max: 10,
  better: 'lower',
  // Answers are whole numbers, the published MCIDs are not (2.7, 3.2).
  decimals: 1,
});

export const OUTCOME_SCALES: Readonly<Record<McidOutcome, OutcomeScale>> = {
  odi: ODI,
  srs22rFunction: srs('Function'),
  srs22rPain: srs('Pain'),
  srs22rSelfImage: srs('Self-image'),
  srs22rMentalHealth: srs('Mental health'),
  srs22rSatisfaction: srs('Satisfaction'),
  srs22rTotal: srs('Total'),
  nrsBackPain: nrs('Back pain'),
  nrsLegPain: nrs('Leg pain'),
};

/** The outcomes each instrument gives, in reading order. */
export const INSTRUMENT_OUTCOMES: Readonly<Record<string, readonly McidOutcome[]>> = {
  odi: ['odi'],
  srs22r: [
    'srs22rTotal',
    'srs22rFunction',
    'srs22rPain',
    'srs22rSelfImage',
    'srs22rMentalHealth',
    'srs22rSatisfaction',
  ],
  pain: ['nrsBackPain', 'nrsLegPain'],
};

const SHORT_INSTRUMENT: Readonly<Record<string, string>> = {
  odi: 'ODI',
  srs22r: 'SRS-22r',
  pain: 'Pain scales (NRS)',
};

export function isOutcome(value: string): value is McidOutcome {
  return Object.hasOwn(OUTCOME_SCALES, value);
}

/** `ODI`, `SRS-22r`, `Pain scales (NRS)`; the instrument's code when unknown. */
export function instrumentLabel(instrument: string): string {
  return SHORT_INSTRUMENT[instrument] ?? instrument;
}

/** The instrument's full title from the core (`Oswestry Disability Index (version 2.1a)`). */
export function instrumentTitle(instrument: string): string {
  return isQuestionnaireInstrument(instrument) ? QUESTIONNAIRES[instrument].title : instrument;
}

/** A score rounded to its scale (`35.6 %`, `3.40`, `4 / 10`); `undetermined` when null. */
export function scoreText(outcome: string, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'undetermined';
  if (!isOutcome(outcome)) return String(value);
  const scale = OUTCOME_SCALES[outcome];
  const fixed = value.toFixed(scale.decimals);
  // ODI and NRS: 32 % rather than 32.0 %, 7 / 10 rather than 7.0 / 10.
  const text = scale.decimals === 1 ? fixed.replace(/\.0$/, '') : fixed;
  return `${text}${scale.unit}`;
}

export type McidState = 'reached' | 'not-reached' | 'baseline' | 'undetermined';

export interface McidView {
  readonly state: McidState;
  readonly text: string;
}

/** Whether one outcome of a response reached the MCID versus its baseline, in words with the numbers. */
export function mcidView(response: QuestionnaireResponse, outcome: string): McidView {
  if (response.baselineResponseId === null) {
    return { state: 'baseline', text: 'Baseline (the first answers; later answers are compared with it)' };
  }
  const entry: McidEntry | undefined = response.mcid.find((m) => m.outcome === outcome);
  if (entry === undefined) return { state: 'undetermined', text: 'MCID undetermined: no comparison given' };
  if (entry.reached === null) {
    const reason = entry.undetermined.reached ?? Object.values(entry.undetermined)[0] ?? 'no reason given';
    return { state: 'undetermined', text: `MCID undetermined: ${reason}` };
  }
  const change = entry.improvement === null ? '' : ` (improvement ${signed(outcome, entry.improvement)}`;
  const threshold = entry.threshold === null ? '' : `, MCID ${scoreText(outcome, entry.threshold)}`;
  const detail = change === '' ? '' : `${change}${threshold})`;
  return entry.reached
    ? { state: 'reached', text: `MCID reached${detail}` }
    : { state: 'not-reached', text: `MCID not reached${detail}` };
}

function signed(outcome: string, value: number): string {
  const text = scoreText(outcome, Math.abs(value));
  return value < 0 ? `−${text}` : text;
}

/** The published MCID of an outcome with its population, or why there is none. */
export function mcidSource(outcome: string): string {
  if (!isOutcome(outcome)) return 'no MCID';
  const threshold = MCID[outcome];
  if (threshold === undefined) return 'MCID undetermined (no published value confirmed)';
  return `MCID ${scoreText(outcome, threshold.value)} (${threshold.population})`;
}
