/** Ages from this one up are reported as this one (HIPAA Safe Harbor: ages over 89 are aggregated). */
export const AGE_TOP_CODE_YEARS = 90;

/** Whole years between a birth date (YYYY-MM-DD) and an ISO instant, capped at AGE_TOP_CODE_YEARS. */
export function ageInYears(birthDate: string, at: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const when = new Date(at);
  const [y, m, d] = [when.getUTCFullYear(), when.getUTCMonth() + 1, when.getUTCDate()];
  const age = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  return Math.min(Math.max(age, 0), AGE_TOP_CODE_YEARS);
}
