import { explanation, grade, type Band, type Explanation } from '../classification/explanation.js';

/** One ODI section answered 0–5 (first statement 0, last 5), or null when left blank or not applicable. */
export type OdiAnswer = 0 | 1 | 2 | 3 | 4 | 5 | null;

export type OdiBand = 'minimal' | 'moderate' | 'severe' | 'crippled' | 'bed-bound';

/** Oswestry Disability Index v2.1a (Fairbank 2000). */
export interface OswestryDisabilityIndex extends Explanation {
  /** 0–100 (%), null when undetermined. */
  readonly scorePercent: number | null;
  readonly band: OdiBand | null;
  readonly answeredSections: number;
}

export const ODI_SECTIONS = 10;
/** The scoring instructions give the rule for one missed section (sum / 45); for more, none was found. */
export const ODI_MAX_MISSING_SECTIONS = 1;

// Fairbank 2000: 0–20 % minimal, 21–40 % moderate, 41–60 % severe, 61–80 % crippled, 81–100 % bed-bound
// (or exaggerating). With at most one section missing no score lies strictly between 20 and 21 (nor 40–41,
// 60–61, 80–81): every score is k·100/45 or k·100/50, so the bands as written cover every score.
export const ODI_BANDS: readonly Band<OdiBand>[] = [
  { result: 'minimal', min: 0, max: 20, label: '0–20 %' },
  { result: 'moderate', min: 21, max: 40, label: '21–40 %' },
  { result: 'severe', min: 41, max: 60, label: '41–60 %' },
  { result: 'crippled', min: 61, max: 80, label: '61–80 %' },
  { result: 'bed-bound', min: 81, max: 100, label: '81–100 %' },
];

/**
 * ODI v2.1a (Fairbank 2000): ten sections scored 0–5; score % = sum / (5 × answered sections) × 100, so a
 * missed or not applicable section lowers the denominator (16 of 45 → 35.6 %). More than one missing
 * section: undetermined (no published rule read for it).
 */
export function oswestryDisabilityIndex(answers: readonly (number | null)[]): OswestryDisabilityIndex {
  const why = explanation('fairbank-2000');
  const undetermined = (reason: string, answeredSections = 0): OswestryDisabilityIndex => {
    why.undetermined.scorePercent = reason;
    why.undetermined.band = reason;
    return { scorePercent: null, band: null, answeredSections, ...why };
  };
  if (answers.length !== ODI_SECTIONS) {
    return undetermined(`needs ${ODI_SECTIONS} section answers, got ${answers.length}`);
  }
  const invalid = answers.flatMap((a, i) =>
    a === null || (Number.isInteger(a) && a >= 0 && a <= 5) ? [] : [`section ${i + 1} (${String(a)})`],
  );
  if (invalid.length > 0)
    return undetermined(`answers must be whole numbers 0–5 or blank: ${invalid.join(', ')}`);

  const answered = answers.filter((a): a is number => a !== null);
  answers.forEach((a, i) => (why.inputs[`section${i + 1}`] = a === null ? 'blank' : a));
  const missing = ODI_SECTIONS - answered.length;
  if (missing > ODI_MAX_MISSING_SECTIONS) {
    return undetermined(
      `${missing} sections blank: the scoring rule read covers at most ${ODI_MAX_MISSING_SECTIONS} missed section`,
      answered.length,
    );
  }
  const sum = answered.reduce((s, a) => s + a, 0);
  const possible = 5 * answered.length;
  // Multiply first: 9 × 100 / 45 is exactly 20, while 9 / 45 × 100 is not.
  const scorePercent = (sum * 100) / possible;
  why.rules.push(
    `sum ${sum} of ${possible} possible (${answered.length} sections answered) → ${fmt(scorePercent)} %`,
  );
  const band = grade(why, 'scorePercent', scorePercent, ' %', ODI_BANDS) ?? null;
  return { scorePercent, band, answeredSections: answered.length, ...why };
}

function fmt(value: number): string {
  return String(Math.round(value * 10) / 10);
}
