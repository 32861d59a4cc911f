import { LEVELS, type Level } from '../../case/levels.js';
import type { LateralVertebra } from '../../case/types.js';
import { wrapDeg } from '../../geometry/point.js';
import { endplateTiltDeg } from '../landmarkNeeds.js';
import { measured } from '../measured.js';
import type { Measurement, ParameterDefinition } from '../types.js';
import { needsOn, type LateralFilm } from './lateralFilm.js';

export interface DiscSegment {
  readonly upper: Level;
  readonly lower: Level;
  readonly discAngle: Measurement;
}

export interface Listhesis {
  readonly upper: Level;
  readonly lower: Level;
  readonly slip: Measurement;
  /** Meyerding 1932 grade of a forward slip; absent for a retrolisthesis, which the grading does not cover. */
  readonly meyerdingGrade?: MeyerdingGrade;
}

export type MeyerdingGrade = 1 | 2 | 3 | 4 | 5;

/** Slips smaller than this (in either direction) are not reported (measurement format). */
export const LISTHESIS_REPORT_THRESHOLD_PERCENT = 5;

const DISC_ANGLE: ParameterDefinition = {
  unit: 'deg',
  definition:
    "Angle between the upper vertebra's inferior endplate and the lower vertebra's superior endplate; lordosis positive.",
  citation: 'cobb-1948',
};

const SLIP: ParameterDefinition = {
  unit: 'percent',
  definition:
    "Displacement of the upper vertebra's posteroinferior corner from the lower vertebra's posterosuperior corner, along the lower's superior endplate, as a percentage of that endplate's length; forward slip positive, retrolisthesis negative.",
  citation: 'taillard-1954',
};

/** Meyerding 1932: I up to 25 %, II up to 50 %, III up to 75 %, IV up to 100 %, V beyond (spondyloptosis). */
export function meyerdingGrade(slipPercent: number): MeyerdingGrade | undefined {
  if (slipPercent < 0) return undefined;
  if (slipPercent <= 25) return 1;
  if (slipPercent <= 50) return 2;
  if (slipPercent <= 75) return 3;
  if (slipPercent <= 100) return 4;
  return 5;
}

/** Adjacent pairs of levels (C7–T1 … L5–S1) where both vertebrae carry the corners `marked` asks for. */
function adjacentPairs(
  film: LateralFilm,
  marked: (upper: LateralVertebra, lower: LateralVertebra) => boolean,
): [Level, Level][] {
  const pairs: [Level, Level][] = [];
  const vertebrae = film.radiograph.vertebrae;
  for (let i = 0; i + 1 < LEVELS.length; i++) {
    const upper = LEVELS[i] as Level;
    const lower = LEVELS[i + 1] as Level;
    const u = vertebrae[upper];
    const l = vertebrae[lower];
    if (u && l && marked(u, l)) pairs.push([upper, lower]);
  }
  return pairs;
}

/** Facing endplates marked: the upper vertebra's inferior and the lower's superior endplate. */
function facingEndplates(u: LateralVertebra, l: LateralVertebra): boolean {
  return !!(u.inferiorAnterior && u.inferiorPosterior && l.superiorAnterior && l.superiorPosterior);
}

/** What a slip needs: the upper's posteroinferior corner and the lower's superior endplate. */
function slipCorners(u: LateralVertebra, l: LateralVertebra): boolean {
  return !!(u.inferiorPosterior && l.superiorAnterior && l.superiorPosterior);
}

/**
 * The disc angle of every adjacent pair whose facing endplates are marked; a pair with an unusable
 * endplate (corners on the wrong sides) is left out.
 */
export function discSegments(film: LateralFilm): DiscSegment[] {
  const segments: DiscSegment[] = [];
  for (const [upper, lower] of adjacentPairs(film, facingEndplates)) {
    const needs = needsOn(film);
    const above = needs.endplate(upper, 'inferior');
    const below = needs.endplate(lower, 'superior');
    const discAngle = measured(DISC_ANGLE, needs, () => ({
      value: wrapDeg(endplateTiltDeg(below) - endplateTiltDeg(above)),
      construction: [
        { kind: 'line', from: above.from.image, to: above.to.image, label: `${upper} inferior endplate` },
        { kind: 'line', from: below.from.image, to: below.to.image, label: `${lower} superior endplate` },
      ],
    }));
    if (discAngle.ok) segments.push({ upper, lower, discAngle });
  }
  return segments;
}

/** Slip percentage (Taillard 1954) of every adjacent pair, reported from 5 % forward or backward. */
export function listheses(film: LateralFilm): Listhesis[] {
  const found: Listhesis[] = [];
  for (const [upper, lower] of adjacentPairs(film, slipCorners)) {
    const needs = needsOn(film);
    const corner = needs.corner(upper, 'inferiorPosterior', `the posteroinferior corner of ${upper}`);
    const endplate = needs.endplate(lower, 'superior');
    const slip = measured(SLIP, needs, () => {
      const along = [
        endplate.to.at[0] - endplate.from.at[0],
        endplate.to.at[1] - endplate.from.at[1],
      ] as const;
      const offset = [corner.at[0] - endplate.from.at[0], corner.at[1] - endplate.from.at[1]] as const;
      const lengthSquared = along[0] * along[0] + along[1] * along[1];
      return {
        value: ((offset[0] * along[0] + offset[1] * along[1]) / lengthSquared) * 100,
        construction: [
          {
            kind: 'line',
            from: endplate.from.image,
            to: endplate.to.image,
            label: `${lower} superior endplate`,
          },
          { kind: 'point', at: corner.image, label: `${upper} posteroinferior corner` },
        ],
      };
    });
    if (!slip.ok || Math.abs(slip.value) < LISTHESIS_REPORT_THRESHOLD_PERCENT) continue;
    const grade = meyerdingGrade(slip.value);
    found.push(grade === undefined ? { upper, lower, slip } : { upper, lower, slip, meyerdingGrade: grade });
  }
  return found;
}
