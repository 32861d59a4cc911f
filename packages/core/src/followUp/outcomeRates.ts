import { EMPTY_PLAN } from '../planning/planTypes.js';
import { adjacentSegmentRisk, proximalJunctionalRisk } from '../planning/risk/junctionalRisks.js';
import { rodFractureRisk } from '../planning/risk/mechanicalRisks.js';
import { neurologicalRisk } from '../planning/risk/neurologicalRisk.js';
import { bloodRisk, infectionRisk } from '../planning/risk/perioperativeRisks.js';
import type { ComplicationKind, PublishedRate, RiskContext } from '../planning/risk/riskTypes.js';
import { COMPLICATION_TYPES, complicationLabel, type ComplicationType } from './complications.js';
import { FOLLOW_UP_SOURCES } from './followUpSources.js';

/** z for a two-sided 95 % interval: the 97.5th percentile of the standard normal distribution. */
export const Z_95 = 1.959963984540054;

export interface WilsonInterval {
  /** Proportions 0–1. */
  readonly lower: number;
  readonly upper: number;
}

/**
 * Wilson 1927 score interval for `count` of `n`: (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n). Stays
 * within 0–1 and is not degenerate at 0 or n, unlike the Wald interval. Throws unless 0 ≤ count ≤ n, n ≥ 1.
 */
export function wilsonInterval(count: number, n: number, z: number = Z_95): WilsonInterval {
  if (!Number.isInteger(n) || n < 1) throw new Error(`n must be a whole number of at least 1, got ${n}`);
  if (!Number.isInteger(count) || count < 0 || count > n) {
    throw new Error(`count must be a whole number from 0 to n (${n}), got ${count}`);
  }
  const p = count / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At count 0 or n one end is exactly 0 or 1; rounding must not push it past.
  return {
    lower: count === 0 ? 0 : Math.max(0, centre - half),
    upper: count === n ? 1 : Math.min(1, centre + half),
  };
}

/**
 * A context with nothing planned, so that each planning risk gives its general published rate (no
 * 3-column osteotomy, no rods, no GAP category): the rates are the planning module's, none is added here.
 */
const GENERAL_CONTEXT: RiskContext = {
  plan: EMPTY_PLAN,
  factors: {},
  ageYears: undefined,
  instrumented: [],
  threeColumn: false,
  lumbarPedicleSubtraction: false,
  columnResection: false,
  toPelvis: false,
  predicted: {},
  preoperative: {},
  predictedGapCategory: null,
  rodContourDeg: null,
};

/** Which planning risk holds the published rate of a recorded complication type, and how closely it matches. */
const PUBLISHED_KIND: Partial<Record<ComplicationType, { kind: ComplicationKind; scope?: string }>> = {
  neurologicalInjury: { kind: 'neurological-deficit' },
  implantBreakage: { kind: 'rod-fracture', scope: 'rod fracture only (not other implant breakage)' },
  infectionSuperficial: { kind: 'infection', scope: 'all infections (superficial and deep together)' },
  infectionDeep: { kind: 'infection', scope: 'all infections (superficial and deep together)' },
  bloodLossTransfusion: { kind: 'blood-loss-and-transfusion' },
  proximalJunctionalKyphosis: { kind: 'proximal-junctional-kyphosis' },
  adjacentSegmentDegeneration: { kind: 'adjacent-segment-degeneration' },
};

function publishedRates(kind: ComplicationKind): readonly PublishedRate[] {
  switch (kind) {
    case 'neurological-deficit':
      return neurologicalRisk(GENERAL_CONTEXT).rates;
    case 'rod-fracture':
      return rodFractureRisk(GENERAL_CONTEXT).rates;
    case 'infection':
      return infectionRisk().rates;
    case 'blood-loss-and-transfusion':
      return bloodRisk(GENERAL_CONTEXT).rates;
    case 'proximal-junctional-kyphosis':
      return proximalJunctionalRisk(GENERAL_CONTEXT).rates;
    case 'adjacent-segment-degeneration':
      return adjacentSegmentRisk(GENERAL_CONTEXT).rates;
    default:
      return [];
  }
}

export interface RecordedCase {
  readonly caseId: string;
  readonly complications: readonly { readonly type: string; readonly clavienDindo?: string | null }[];
}

export interface ComplicationRate {
  readonly type: ComplicationType | 'any';
  readonly label: string;
  /** Cases with at least one complication of this type (a case counts once). */
  readonly count: number;
  /** Cases in the series. */
  readonly n: number;
  /** count / n × 100; null for an empty series. */
  readonly ratePercent: number | null;
  /** Wilson 1927 95 % interval in percent; null for an empty series. */
  readonly wilson95Percent: { readonly lower: number; readonly upper: number } | null;
  /** The planning module's published rates for this complication (empty when none is shipped). */
  readonly published: readonly PublishedRate[];
  /** Present when the published rate covers more or less than this type. */
  readonly publishedScope?: string;
  /** Cases by Clavien–Dindo grade of their worst-graded complication of this type (ungraded: `ungraded`). */
  readonly byClavienDindo: Readonly<Record<string, number>>;
}

export interface ComplicationRates {
  readonly n: number;
  readonly rates: readonly ComplicationRate[];
  readonly intervalSource: string;
}

const GRADE_ORDER = ['I', 'II', 'IIIa', 'IIIb', 'IVa', 'IVb', 'V'];

function worstGrade(grades: readonly (string | null | undefined)[]): string {
  const ranked = grades.map((g) => (g === null || g === undefined ? -1 : GRADE_ORDER.indexOf(g)));
  const worst = Math.max(...ranked);
  return worst < 0 ? 'ungraded' : (GRADE_ORDER[worst] as string);
}

/**
 * Per complication type (and for any complication): the cases with it, the series size, the rate with its
 * Wilson 95 % interval, and next to it the published rate of the planning risk module where one exists.
 * Types outside COMPLICATION_TYPES throw; a case id may appear once.
 */
export function complicationRates(cases: readonly RecordedCase[]): ComplicationRates {
  const ids = new Set<string>();
  for (const c of cases) {
    if (ids.has(c.caseId)) throw new Error(`case ${c.caseId} appears twice`);
    ids.add(c.caseId);
    for (const complication of c.complications) {
      if (!COMPLICATION_TYPES.some((t) => t.type === complication.type)) {
        throw new Error(`case ${c.caseId}: unknown complication type ${JSON.stringify(complication.type)}`);
      }
    }
  }
  const n = cases.length;
  const rate = (
    type: ComplicationType | 'any',
    label: string,
    matches: (t: string) => boolean,
  ): ComplicationRate => {
    const byClavienDindo: Record<string, number> = {};
    let count = 0;
    for (const c of cases) {
      const found = c.complications.filter((x) => matches(x.type));
      if (found.length === 0) continue;
      count += 1;
      const grade = worstGrade(found.map((x) => x.clavienDindo));
      byClavienDindo[grade] = (byClavienDindo[grade] ?? 0) + 1;
    }
    const interval = n === 0 ? null : wilsonInterval(count, n);
    const mapping = type === 'any' ? undefined : PUBLISHED_KIND[type];
    return {
      type,
      label,
      count,
      n,
      ratePercent: n === 0 ? null : (count * 100) / n,
      wilson95Percent:
        interval === null ? null : { lower: interval.lower * 100, upper: interval.upper * 100 },
      published: mapping === undefined ? [] : publishedRates(mapping.kind),
      ...(mapping?.scope === undefined ? {} : { publishedScope: mapping.scope }),
      byClavienDindo,
    };
  };
  return {
    n,
    rates: [
      rate('any', 'Any complication', () => true),
      ...COMPLICATION_TYPES.map(({ type }) => rate(type, complicationLabel(type), (t) => t === type)),
    ],
    intervalSource: FOLLOW_UP_SOURCES['wilson-1927'],
  };
}
