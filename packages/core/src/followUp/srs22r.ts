import { explanation, formatValue, type Explanation } from '../classification/explanation.js';

export type Srs22rDomain = 'function' | 'pain' | 'selfImage' | 'mentalHealth' | 'satisfaction';

/**
 * Item numbers (1-based) of each SRS-22r domain, as documented with the SRS-22r data of the
 * BifactorIndicesCalculator R package; satisfaction is the two items left, 21 and 22.
 */
export const SRS22R_DOMAIN_ITEMS: Readonly<Record<Srs22rDomain, readonly number[]>> = {
  function: [5, 9, 12, 15, 18],
  pain: [1, 2, 8, 11, 17],
  selfImage: [4, 6, 10, 14, 19],
  mentalHealth: [3, 7, 13, 16, 20],
  satisfaction: [21, 22],
};

export const SRS22R_ITEMS = 22;
/** A five-item domain is not scored with fewer answered items than this; satisfaction is exempt. */
export const SRS22R_MIN_ANSWERED_PER_DOMAIN = 3;

/** SRS-22r scores, each 1 (worst) to 5 (best). */
export interface Srs22rScore extends Explanation {
  readonly domains: Readonly<Record<Srs22rDomain, number | null>>;
  /** Mean of every answered item; null when any domain is undetermined. */
  readonly total: number | null;
}

/**
 * SRS-22r (scoring rule as published with the questionnaire): each item 1–5; a domain score is the mean of
 * its answered items; a five-item domain with fewer than three answered items is not scored (satisfaction,
 * two items, is scored from its answered items); the total is the mean of all answered items. We leave the
 * total undetermined when a domain is (our stricter choice), and give no subtotal (its definition was not read).
 */
export function srs22r(answers: readonly (number | null)[]): Srs22rScore {
  const why = explanation('srs22r-scoring');
  const none: Record<Srs22rDomain, null> = {
    function: null,
    pain: null,
    selfImage: null,
    mentalHealth: null,
    satisfaction: null,
  };
  if (answers.length !== SRS22R_ITEMS) {
    why.undetermined.total = `needs ${SRS22R_ITEMS} item answers, got ${answers.length}`;
    return { domains: none, total: null, ...why };
  }
  const invalid = answers.flatMap((a, i) =>
    a === null || (Number.isInteger(a) && a >= 1 && a <= 5) ? [] : [`item ${i + 1} (${String(a)})`],
  );
  if (invalid.length > 0) {
    why.undetermined.total = `answers must be whole numbers 1–5 or blank: ${invalid.join(', ')}`;
    return { domains: none, total: null, ...why };
  }
  answers.forEach((a, i) => (why.inputs[`item${i + 1}`] = a === null ? 'blank' : a));

  const domains: Record<Srs22rDomain, number | null> = { ...none };
  for (const [domain, items] of Object.entries(SRS22R_DOMAIN_ITEMS) as [Srs22rDomain, readonly number[]][]) {
    const answered = items
      .map((item) => answers[item - 1])
      .filter((a): a is number => a !== null && a !== undefined);
    const needed = domain === 'satisfaction' ? 1 : SRS22R_MIN_ANSWERED_PER_DOMAIN;
    if (answered.length < needed) {
      why.undetermined[domain] =
        `${answered.length} of items ${items.join(', ')} answered; needs at least ${needed}`;
      continue;
    }
    const mean = answered.reduce((s, a) => s + a, 0) / answered.length;
    domains[domain] = mean;
    why.rules.push(
      `${domain}: mean of ${answered.length} answered items (${items.join(', ')}) → ${formatValue(mean)}`,
    );
  }
  const undeterminedDomains = Object.keys(why.undetermined);
  if (undeterminedDomains.length > 0) {
    why.undetermined.total = `domain ${undeterminedDomains.join(', ')} undetermined`;
    return { domains, total: null, ...why };
  }
  const all = answers.filter((a): a is number => a !== null);
  const total = all.reduce((s, a) => s + a, 0) / all.length;
  why.rules.push(`total: mean of ${all.length} answered items → ${formatValue(total)}`);
  return { domains, total, ...why };
}
