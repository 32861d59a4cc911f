import { levelIndex, type Level } from '../case/levels.js';
import { SINS_SACRAL_LOCATION, type SinsInputs } from '../case/types.js';
import { explanation } from './explanation.js';
import type { Explanation } from './explanation.js';

/** Spinal Instability Neoplastic Score (Fisher 2010). */
export interface SinsScore extends Explanation {
  readonly total: number | null;
  readonly band: 'stable' | 'indeterminate' | 'unstable' | null;
}

// Fisher 2010 points.
const PAIN = { mechanical: 3, 'occasional-non-mechanical': 1, none: 0 } as const;
const LESION = { lytic: 2, mixed: 1, blastic: 0 } as const;
const ALIGNMENT = { 'subluxation-translation': 4, 'de-novo-deformity': 2, normal: 0 } as const;
const COLLAPSE = {
  'over-50-percent': 3,
  'under-50-percent': 2,
  'none-over-50-percent-body-involved': 1,
  none: 0,
} as const;
const POSTEROLATERAL = { bilateral: 3, unilateral: 1, none: 0 } as const;

/** Fisher 2010 location: junctional 3 (occiput–C2, C7–T2, T11–L1, L5–S1), mobile 2 (C3–C6, L2–L4), semi-rigid 1 (T3–T10), rigid 0 (S2–S5). */
export function sinsLocationPoints(location: Level | typeof SINS_SACRAL_LOCATION): {
  readonly points: number;
  readonly segment: string;
} {
  if (location === SINS_SACRAL_LOCATION) return { points: 0, segment: 'rigid (S2–S5)' };
  const i = levelIndex(location);
  const within = (top: Level, bottom: Level) => i >= levelIndex(top) && i <= levelIndex(bottom);
  if (within('C1', 'C2') || within('C7', 'T2') || within('T11', 'L1') || within('L5', 'S1')) {
    return { points: 3, segment: 'junctional' };
  }
  if (within('C3', 'C6') || within('L2', 'L4')) return { points: 2, segment: 'mobile' };
  return { points: 1, segment: 'semi-rigid (T3–T10)' };
}

export function sins(facts: SinsInputs | undefined): SinsScore {
  const why = explanation('fisher-2010');
  let total = 0;
  let complete = true;
  const add = (field: keyof SinsInputs, value: string | undefined, points: number | undefined) => {
    if (value === undefined || points === undefined) {
      why.undetermined[field] = `not recorded (clinical.sins.${field})`;
      complete = false;
      return;
    }
    why.inputs[field] = value;
    why.rules.push(`${field} ${value} → ${points}`);
    total += points;
  };
  const location = facts?.location === undefined ? undefined : sinsLocationPoints(facts.location);
  add(
    'location',
    facts?.location && location ? `${facts.location} (${location.segment})` : undefined,
    location?.points,
  );
  add('pain', facts?.pain, facts?.pain && PAIN[facts.pain]);
  add('lesion', facts?.lesion, facts?.lesion && LESION[facts.lesion]);
  add('alignment', facts?.alignment, facts?.alignment && ALIGNMENT[facts.alignment]);
  add('collapse', facts?.collapse, facts?.collapse && COLLAPSE[facts.collapse]);
  add('posterolateral', facts?.posterolateral, facts?.posterolateral && POSTEROLATERAL[facts.posterolateral]);
  if (!complete) return { total: null, band: null, ...why };
  const band = total <= 6 ? 'stable' : total <= 12 ? 'indeterminate' : 'unstable';
  why.rules.push(
    `total ${total}: ${band === 'stable' ? '0–6' : band === 'indeterminate' ? '7–12 (surgical consultation recommended from 7)' : '13–18'} → ${band}`,
  );
  return { total, band, ...why };
}
