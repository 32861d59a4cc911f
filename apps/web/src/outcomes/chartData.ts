import { LATERAL_PARAMETERS, type McidOutcome } from '@spinerecon/core';
import { TABLE_PARAMETERS } from '../planning/planModel';
import type { OutcomePoint, RecoveryTimeline, TargetBandSets } from './outcomeTypes';
import { OUTCOME_SCALES, instrumentLabel, scoreText } from './scoreText';

// The recovery timeline shaped for the charts: points in time, the plan's target band, the MCID line. Every
// value is the server's (the core's measurements, targets, scores and published MCIDs); this file only
// places them on axes. Pure, unit-tested.

const DAY_MS = 24 * 3600 * 1000;

export type TargetSetKey = keyof TargetBandSets;

/** One value at one moment: `t` is milliseconds since 1970 (UTC), `date` the ISO date it came from. */
export interface ChartPoint {
  readonly t: number;
  readonly date: string;
  /** What the point is: `Preoperative`, the visit's label, or how the answers came in. */
  readonly label: string;
  readonly value: number;
}

export interface ChartBand {
  /** The band's edges on the chart: a one-sided target runs to the edge of the axis. */
  readonly y1: number;
  readonly y2: number;
  /** The target range (`up to 20°`, `10 to 25°`). */
  readonly text: string;
  readonly setName: string;
  readonly citation: string;
}

export interface AlignmentChartModel {
  readonly parameter: string;
  readonly name: string;
  readonly unit: 'deg' | 'mm';
  /** The axis label with the unit. */
  readonly axis: string;
  readonly points: readonly ChartPoint[];
  /** The value the operation's plan predicted, as a dashed line; null without one. */
  readonly planned: number | null;
  readonly band: ChartBand | null;
  /** Why there is no band when the target set names this parameter but could not give a range. */
  readonly bandNote?: string;
  readonly domain: readonly [number, number];
  /** Round values to label on the value axis. */
  readonly ticks: readonly number[];
  readonly notes: readonly string[];
}

/** A chart parameter: a lateral value of the measurement format, or the largest coronal curve. */
export interface AlignmentParameter {
  readonly key: string;
  readonly name: string;
  readonly unit: 'deg' | 'mm';
  /** The value axis label when the name is too long for it. */
  readonly axisName?: string;
}

/** The largest coronal Cobb angle of a film (its scoliotic curves, as the core detected them). */
export const LARGEST_CURVE = 'largestCurveCobbDeg';

const NAMES = new Map<string, string>(TABLE_PARAMETERS.map(([key, name]) => [key, name]));

function lateral(key: keyof typeof LATERAL_PARAMETERS): AlignmentParameter {
  return { key, name: NAMES.get(key) ?? key, unit: LATERAL_PARAMETERS[key].unit === 'mm' ? 'mm' : 'deg' };
}

/** The parameters charted over time, in order: the sagittal modifiers first, then the curves. */
export const ALIGNMENT_CHART_PARAMETERS: readonly AlignmentParameter[] = [
  lateral('pelvicTiltDeg'),
  lateral('piLlMismatchDeg'),
  lateral('sagittalVerticalAxisMm'),
  lateral('t1PelvicAngleDeg'),
  lateral('lumbarLordosisDeg'),
  lateral('thoracicKyphosisT4T12Deg'),
  { key: LARGEST_CURVE, name: 'Largest coronal curve', unit: 'deg', axisName: 'Cobb angle' },
];

const UNIT_TEXT = { deg: '°', mm: ' mm' } as const;

/** An ISO date or timestamp as milliseconds (a bare date is midnight UTC); NaN when unreadable. */
export function timeOf(value: string): number {
  return Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
}

function largestCurve(curves: readonly Readonly<Record<string, unknown>>[] | undefined): number | undefined {
  const angles = (curves ?? [])
    .map((curve) => curve.cobbDeg)
    .filter((angle): angle is number => typeof angle === 'number' && Number.isFinite(angle));
  return angles.length === 0 ? undefined : Math.max(...angles);
}

function filmValue(
  films: RecoveryTimeline['preoperative'],
  parameter: string,
): { value: number; takenOn: string | null } | undefined {
  if (parameter === LARGEST_CURVE) {
    const value = largestCurve(films.coronal?.curves);
    return value === undefined || films.coronal === null
      ? undefined
      : { value, takenOn: films.coronal.takenOn };
  }
  const value = films.lateral?.values[parameter];
  return value === undefined || films.lateral === null
    ? undefined
    : { value, takenOn: films.lateral.takenOn };
}

function bandText(min: number | null, max: number | null, unit: 'deg' | 'mm'): string {
  const u = UNIT_TEXT[unit];
  const n = (v: number) => (Math.round(v * 10) / 10).toString().replace('-', '−');
  if (min !== null && max !== null) return `${n(min)} to ${n(max)}${u}`;
  if (max !== null) return `up to ${n(max)}${u}`;
  if (min !== null) return `from ${n(min)}${u}`;
  return 'no range';
}

/**
 * Round numbers for an axis: the smallest step of 1, 2 or 5 × 10ⁿ that labels low–high with at most
 * `count` + 2 ticks (about `count`).
 */
export function niceScale(
  low: number,
  high: number,
  count = 5,
): { readonly domain: readonly [number, number]; readonly ticks: readonly number[] } {
  // A single value gets a span of one around it.
  if (!(high > low)) return niceScale(low - 0.5, low + 0.5, count);
  const span = high - low;
  const magnitude = 10 ** Math.floor(Math.log10(span / Math.max(1, count - 1)));
  const bounds = (step: number) =>
    [Math.floor(low / step + 1e-9) * step, Math.ceil(high / step - 1e-9) * step] as const;
  const tickCount = (step: number) => {
    const [start, end] = bounds(step);
    return Math.round((end - start) / step) + 1;
  };
  const step =
    [1, 2, 5, 10, 20].map((m) => m * magnitude).find((s) => tickCount(s) <= count + 2) ?? 50 * magnitude;
  const [start, end] = bounds(step);
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const ticks = Array.from({ length: Math.round((end - start) / step) + 1 }, (_, i) =>
    // Rounded to the step's decimals, so that 0.1 + 0.2 does not show as 0.30000000000000004.
    Number((start + i * step).toFixed(decimals)),
  );
  return { domain: [start, end], ticks };
}

/** Where the values, the plan and the band lie, with a margin, on round numbers. */
function valueScale(values: readonly number[], unit: 'deg' | 'mm') {
  if (values.length === 0) return niceScale(0, 10);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = Math.max((high - low) * 0.08, unit === 'mm' ? 5 : 2);
  return niceScale(low - pad, high + pad);
}

/** One alignment parameter over time: the preoperative film, each visit's film, the plan and the target band. */
export function alignmentChart(
  timeline: RecoveryTimeline,
  parameter: AlignmentParameter,
  setKey: TargetSetKey,
): AlignmentChartModel {
  const notes: string[] = [];
  const points: ChartPoint[] = [];
  const before = filmValue(timeline.preoperative, parameter.key);
  if (before !== undefined) {
    const date = before.takenOn ?? timeline.operationDate;
    if (date === null) {
      notes.push('The preoperative film has no date and no operation is recorded: it is not on the chart.');
    } else {
      if (before.takenOn === null) {
        notes.push('The preoperative film has no date: it is shown on the day of the operation.');
      }
      points.push({ t: timeOf(date), date, label: 'Preoperative', value: before.value });
    }
  }
  for (const visit of timeline.alignment) {
    const found = filmValue(visit, parameter.key);
    if (found === undefined) continue;
    // A visit's film without its own date was taken at the visit (or, not yet seen, its due date).
    const date = found.takenOn ?? visit.visitDate ?? visit.dueDate;
    points.push({ t: timeOf(date), date, label: visit.label, value: found.value });
  }
  points.sort((a, b) => a.t - b.t);

  const planned = parameter.key === LARGEST_CURVE ? null : (timeline.planned?.[parameter.key] ?? null);
  const set = timeline.targets?.[setKey];
  const target = set?.targets.find((t) => t.parameter === parameter.key);
  let bandNote: string | undefined;
  const edges: number[] = [];
  if (target !== undefined) {
    if (target.min === null && target.max === null)
      bandNote = target.reason ?? 'the target range is undetermined';
    if (target.min !== null) edges.push(target.min);
    if (target.max !== null) edges.push(target.max);
  }
  const { domain, ticks } = valueScale(
    [...points.map((p) => p.value), ...(planned === null ? [] : [planned]), ...edges],
    parameter.unit,
  );
  const band: ChartBand | null =
    set === undefined || target === undefined || (target.min === null && target.max === null)
      ? null
      : {
          y1: target.min ?? domain[0],
          y2: target.max ?? domain[1],
          text: bandText(target.min, target.max, parameter.unit),
          setName: set.name,
          citation: set.citation,
        };
  return {
    parameter: parameter.key,
    name: parameter.name,
    unit: parameter.unit,
    axis: `${parameter.axisName ?? parameter.name} (${parameter.unit === 'mm' ? 'mm' : '°'})`,
    points,
    planned,
    band,
    ...(bandNote === undefined ? {} : { bandNote }),
    domain,
    ticks,
    notes,
  };
}

export interface OutcomeRow {
  readonly t: number;
  readonly date: string;
  readonly label: string;
  readonly responseId: string;
  /** Score by outcome; absent or null when undetermined. */
  readonly [outcome: string]: number | string | null;
}

export interface McidLine {
  readonly outcome: McidOutcome;
  /** The score that reaches the MCID from the baseline (baseline − MCID when lower is better). */
  readonly y: number;
  readonly text: string;
}

export interface OutcomeChartModel {
  readonly instrument: string;
  readonly title: string;
  readonly axis: string;
  readonly outcomes: readonly McidOutcome[];
  readonly rows: readonly OutcomeRow[];
  readonly domain: readonly [number, number];
  readonly mcidLines: readonly McidLine[];
  readonly notes: readonly string[];
}

function pointLabel(point: OutcomePoint): string {
  const how = point.source === 'staff' ? 'paper form' : 'patient link';
  return point.visitLabel === null ? how : `${point.visitLabel} (${how})`;
}

/**
 * The scores of one instrument over time (one row per set of answers) with, for each outcome in `mcidFor`,
 * the line the score must cross to reach the published MCID from the baseline (the first answers).
 */
export function outcomeChart(
  timeline: RecoveryTimeline,
  instrument: string,
  outcomes: readonly McidOutcome[],
  mcidFor: readonly McidOutcome[] = outcomes,
): OutcomeChartModel {
  const first = outcomes[0];
  if (first === undefined) throw new Error('an outcome chart needs at least one outcome');
  const scale = OUTCOME_SCALES[first];
  const rows: OutcomeRow[] = timeline.outcomes.points
    .filter((p) => p.instrument === instrument)
    .map((p) => {
      const date = p.answeredAt.slice(0, 10);
      const row: Record<string, number | string | null> = {
        t: timeOf(date),
        date,
        label: pointLabel(p),
        responseId: p.responseId,
      };
      for (const outcome of outcomes) row[outcome] = p.values[outcome] ?? null;
      return row as OutcomeRow;
    })
    .sort((a, b) => a.t - b.t);

  const notes: string[] = [];
  const mcidLines: McidLine[] = [];
  for (const outcome of mcidFor) {
    const entry = timeline.outcomes.mcid.find((m) => m.outcome === outcome);
    if (entry === undefined) continue;
    const name = OUTCOME_SCALES[outcome].label;
    if (entry.mcid === null || entry.better === null) {
      notes.push(
        `${name}: MCID undetermined${entry.undetermined === undefined ? '' : ` (${entry.undetermined})`}.`,
      );
      continue;
    }
    if (entry.baseline === null) {
      notes.push(`${name}: no MCID line, the baseline score is undetermined.`);
      continue;
    }
    const y = entry.better === 'lower' ? entry.baseline - entry.mcid : entry.baseline + entry.mcid;
    const reachable = y >= OUTCOME_SCALES[outcome].min && y <= OUTCOME_SCALES[outcome].max;
    if (!reachable) {
      notes.push(
        `${name}: from the baseline ${scoreText(outcome, entry.baseline)} an improvement of the MCID ` +
          `(${scoreText(outcome, entry.mcid)}) is off the scale.`,
      );
      continue;
    }
    mcidLines.push({
      outcome,
      y,
      text: `${name} MCID: ${entry.better === 'lower' ? '≤' : '≥'} ${scoreText(outcome, y)} (baseline ${scoreText(
        outcome,
        entry.baseline,
      )} ${entry.better === 'lower' ? '−' : '+'} ${scoreText(outcome, entry.mcid)}; ${entry.population ?? 'population not given'})`,
    });
  }
  return {
    instrument,
    title: instrumentLabel(instrument),
    axis: scale.axis,
    outcomes,
    rows,
    domain: [scale.min, scale.max],
    mcidLines,
    notes,
  };
}

/**
 * The time axis shared by every chart of a case: the operation and every date that carries a value (films
 * measured, answers), with two weeks either side. Visits not seen yet do not stretch it.
 */
export function timeDomain(timeline: RecoveryTimeline): readonly [number, number] | null {
  const filmDates = (films: RecoveryTimeline['preoperative'], fallback: string | null) =>
    [films.lateral, films.coronal].flatMap((film) => (film === null ? [] : [film.takenOn ?? fallback]));
  const dates = [
    timeline.operationDate,
    ...filmDates(timeline.preoperative, timeline.operationDate),
    ...timeline.alignment.flatMap((v) => filmDates(v, v.visitDate ?? v.dueDate)),
    ...timeline.outcomes.points.map((p) => p.answeredAt.slice(0, 10)),
  ]
    .filter((d): d is string => d !== null)
    .map(timeOf)
    .filter((t) => Number.isFinite(t));
  if (dates.length === 0) return null;
  return [Math.min(...dates) - 14 * DAY_MS, Math.max(...dates) + 14 * DAY_MS];
}

/** The dates to label on a time axis: at most `max`, evenly taken from the sorted distinct ones. */
export function dateTicks(times: readonly number[], max = 6): number[] {
  const distinct = [...new Set(times.filter((t) => Number.isFinite(t)))].sort((a, b) => a - b);
  if (distinct.length <= max) return distinct;
  const step = (distinct.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => distinct[Math.round(i * step)] as number);
}

const tickFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: '2-digit',
  timeZone: 'UTC',
});

/** A tick's date as `5 Mar 24` (UTC, as the dates were placed). */
export function tickDate(t: number): string {
  return Number.isFinite(t) ? tickFormat.format(new Date(t)) : '';
}
