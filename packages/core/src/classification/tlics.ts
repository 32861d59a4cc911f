import type { TlicsInputs } from '../case/types.js';
import { explanation, type Explanation } from './explanation.js';

/** Thoracolumbar Injury Classification and Severity Score (Vaccaro 2005). */
export interface TlicsScore extends Explanation {
  readonly total: number | null;
  /** The published management band of the total. */
  readonly band: 'non-operative' | 'either' | 'operative' | null;
}

// Vaccaro 2005 points.
const MORPHOLOGY = { compression: 1, burst: 2, 'translation-rotation': 3, distraction: 4 } as const;
const NEUROLOGY = {
  intact: 0,
  'nerve-root': 2,
  'complete-cord-conus': 2,
  'incomplete-cord-conus': 3,
  'cauda-equina': 3,
} as const;
const PLC = { intact: 0, indeterminate: 2, injured: 3 } as const;

export function tlics(facts: TlicsInputs | undefined): TlicsScore {
  const why = explanation('vaccaro-2005');
  let total = 0;
  let complete = true;
  const add = (
    field: keyof TlicsInputs,
    value: string | undefined,
    points: number | undefined,
    rule?: string,
  ) => {
    if (value === undefined || points === undefined) {
      why.undetermined[field] = `not recorded (clinical.tlics.${field})`;
      complete = false;
      return;
    }
    why.inputs[field] = value;
    why.rules.push(rule ?? `${field} ${value} → ${points}`);
    total += points;
  };
  // Several morphologies at one injury: the most severe one scores.
  const morphology = facts?.morphology ?? [];
  const worst =
    morphology.length === 0
      ? undefined
      : morphology.reduce((a, b) => (MORPHOLOGY[b] > MORPHOLOGY[a] ? b : a));
  const listed = morphology.join(', ');
  add(
    'morphology',
    worst,
    worst && MORPHOLOGY[worst],
    worst && `morphology ${worst} (most severe of ${listed}) → ${MORPHOLOGY[worst]}`,
  );
  add('neurology', facts?.neurology, facts?.neurology && NEUROLOGY[facts.neurology]);
  const plc = facts?.posteriorLigamentousComplex;
  add('posteriorLigamentousComplex', plc, plc && PLC[plc]);
  if (!complete) return { total: null, band: null, ...why };
  const band = total <= 3 ? 'non-operative' : total === 4 ? 'either' : 'operative';
  why.rules.push(
    `total ${total}: published band ${total <= 3 ? '≤ 3' : total === 4 ? '4' : '≥ 5'} → ${band}`,
  );
  return { total, band, ...why };
}
