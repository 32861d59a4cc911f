import { midpoint, type Point } from '../geometry/point.js';
import { endplateMidpoint } from '../measurements/landmarkNeeds.js';
import { needsOn } from '../measurements/lateral/lateralFilm.js';
import { explanation, formatValue, type Explanation } from './explanation.js';
import { lateralValue, NO_STANDING_LATERAL, type ClassificationInputs } from './classificationInputs.js';

export type RoussoulyType = '1' | '2' | '3' | '4';

/** Roussouly sagittal type (Roussouly 2005) from the sacral slope and the apex of the lumbar lordosis. */
export interface RoussoulyClassification extends Explanation {
  readonly type: RoussoulyType | null;
  /** The most anterior point of the lordosis: a lumbar vertebra or disc, e.g. "L4" or "L4–L5". */
  readonly lordosisApex: string | null;
}

/** Roussouly 2005: sacral slope below 35° (types 1–2), 35–45° (type 3), above 45° (type 4). */
export const ROUSSOULY_LOW_SS_DEG = 35;
export const ROUSSOULY_HIGH_SS_DEG = 45;

const LUMBAR = ['L1', 'L2', 'L3', 'L4', 'L5'] as const;

export function roussouly(inputs: ClassificationInputs): RoussoulyClassification {
  const why = explanation('roussouly-2005', 'laouissat-2018');
  const lordosisApex = apexOfLordosis(inputs, why);
  const ss = lateralValue(inputs, 'sacralSlopeDeg');
  if ('reason' in ss) {
    why.undetermined.type = ss.reason;
    return { type: null, lordosisApex, ...why };
  }
  why.inputs.sacralSlopeDeg = ss.value;
  let type: RoussoulyType | null;
  if (ss.value > ROUSSOULY_HIGH_SS_DEG) type = '4';
  else if (ss.value >= ROUSSOULY_LOW_SS_DEG) type = '3';
  else if (lordosisApex === null) {
    why.undetermined.type = `sacral slope ${formatValue(ss.value)}° < 35° (type 1 or 2); telling them apart needs the apex of the lordosis`;
    type = null;
  } else type = lordosisApex === 'L5' || lordosisApex === 'L5–S1' ? '1' : '2';
  if (type !== null) why.rules.push(typeRule(type, ss.value, lordosisApex));
  if (type === '3') {
    why.undetermined['type 3 with anteverted pelvis'] =
      'not assessed: the criterion of Laouissat 2018 could not be verified against the paper';
  }
  return { type, lordosisApex, ...why };
}

function typeRule(type: RoussoulyType, ssDeg: number, apex: string | null): string {
  const ss = `sacral slope ${formatValue(ssDeg)}°`;
  if (type === '4') return `${ss} > 45° → type 4`;
  if (type === '3') return `${ss} within 35–45° → type 3`;
  return `${ss} < 35° and lordosis apex at ${apex} (${type === '1' ? 'L5 or lower' : 'above L5'}) → type ${type}`;
}

/**
 * The apex of the lumbar lordosis: of the L1…L5 centroids and the disc centres between them and S1, the
 * most anterior point (where the lordosis is vertical on a standing film).
 */
function apexOfLordosis(inputs: ClassificationInputs, why: Explanation): string | null {
  if (inputs.lateral === undefined) {
    why.undetermined.lordosisApex = NO_STANDING_LATERAL;
    return null;
  }
  const needs = needsOn(inputs.lateral.film);
  const points: { readonly name: string; readonly at: Point }[] = [];
  LUMBAR.forEach((level, i) => {
    points.push({ name: level, at: needs.centroid(level).at });
    const below = LUMBAR[i + 1] ?? 'S1';
    const upper = endplateMidpoint(needs.endplate(level, 'inferior')).at;
    const lower = endplateMidpoint(needs.endplate(below, 'superior')).at;
    points.push({ name: `${level}–${below}`, at: midpoint(upper, lower) });
  });
  if (needs.reason !== undefined) {
    why.undetermined.lordosisApex = needs.reason;
    return null;
  }
  const apex = points.reduce((best, p) => (p.at[0] > best.at[0] ? p : best));
  why.rules.push(`most anterior point of the lordosis: ${apex.name}`);
  return apex.name;
}
