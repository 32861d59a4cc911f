import { CITATIONS } from '@spinerecon/core';
import type { PercentInterval, PublishedRate } from './outcomeTypes';

// The surgeon's rates next to the published ones: one horizontal scale per table, the published value or
// range as a band. Every rate and interval is the server's (the core's complicationRates, Wilson 1927).

/** The published rate as a range (a single value is a range of one point). */
export function publishedRange(rate: PublishedRate): { readonly min: number; readonly max: number } {
  return typeof rate.ratePercent === 'number'
    ? { min: rate.ratePercent, max: rate.ratePercent }
    : rate.ratePercent;
}

/** `12 %`, `3.4 %`, `8–12 %`; `—` when absent. */
export function percentText(value: number | { readonly min: number; readonly max: number } | null): string {
  if (value === null) return '—';
  if (typeof value === 'number') return `${trim(value)} %`;
  return value.min === value.max ? `${trim(value.min)} %` : `${trim(value.min)}–${trim(value.max)} %`;
}

function trim(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** The 95 % interval as `(2.1–19.3 %)`; empty when absent. */
export function intervalText(interval: PercentInterval | null): string {
  return interval === null ? '' : `95 % CI ${trim(interval.lower)}–${trim(interval.upper)} %`;
}

/**
 * The right end of a table's shared 0–x % scale: the largest interval end or published value, rounded up to
 * a multiple of 10, at least 10, at most 100.
 */
export function scaleMaxPercent(
  rows: readonly {
    readonly interval: PercentInterval | null;
    readonly published: readonly PublishedRate[];
  }[],
): number {
  const ends = rows.flatMap((row) => [
    ...(row.interval === null ? [] : [row.interval.upper]),
    ...row.published.map((p) => publishedRange(p).max),
  ]);
  const largest = Math.max(10, ...ends);
  return Math.min(100, Math.ceil(largest / 10) * 10);
}

/** The full reference of a citation id, or the id itself when the core does not list it. */
export function citationText(id: string): string {
  return (CITATIONS as Readonly<Record<string, string>>)[id] ?? id;
}
