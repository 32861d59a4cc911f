import type { CitationId } from '../measurements/citations.js';

/**
 * Why a classification came out as it did: every input with its value, every rule that fired, and for
 * each result field that could not be decided, what is missing. Shown to the surgeon next to the result.
 */
export interface Explanation {
  readonly inputs: Record<string, number | string>;
  readonly rules: string[];
  /** Result field → why it is undetermined. Empty when everything was decided. */
  readonly undetermined: Record<string, string>;
  readonly citations: readonly CitationId[];
}

export function explanation(...citations: CitationId[]): Explanation {
  return { inputs: {}, rules: [], undetermined: {}, citations };
}

/** A threshold band: a value within [min, max] (either end open when absent; `…Exclusive` for strict). */
export interface Band<T> {
  readonly result: T;
  readonly min?: number;
  readonly max?: number;
  readonly minExclusive?: boolean;
  readonly maxExclusive?: boolean;
  /** How the band is written in the source, e.g. "10–20°". */
  readonly label: string;
}

/** The first band that holds `value`; the bands of one grading never overlap. */
export function bandOf<T>(value: number, bands: readonly Band<T>[]): Band<T> | undefined {
  return bands.find(
    (b) =>
      (b.min === undefined || (b.minExclusive ? value > b.min : value >= b.min)) &&
      (b.max === undefined || (b.maxExclusive ? value < b.max : value <= b.max)),
  );
}

/** Grades `value` with `bands`, recording the input and the rule; undefined when no band holds it. */
export function grade<T>(
  why: Explanation,
  name: string,
  value: number,
  unit: string,
  bands: readonly Band<T>[],
): T | undefined {
  why.inputs[name] = value;
  const band = bandOf(value, bands);
  if (band !== undefined)
    why.rules.push(`${name} ${formatValue(value)}${unit} is in ${band.label} → ${String(band.result)}`);
  return band?.result;
}

/** Two decimals at most: enough that a value just under a threshold never reads as the threshold. */
export function formatValue(value: number): string {
  return String(Math.round(value * 100) / 100);
}
