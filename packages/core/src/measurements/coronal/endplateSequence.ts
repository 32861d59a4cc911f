import { LEVELS, type Level } from '../../case/levels.js';
import { endplateMidpoint, endplateTiltDeg, type Endplate } from '../landmarkNeeds.js';
import { needsOn, type CoronalFilm } from './coronalFilm.js';

export interface TiltedEndplate {
  readonly level: Level;
  readonly side: 'superior' | 'inferior';
  readonly endplate: Endplate;
  /** Positive when the endplate's right end (patient's right) is lower. */
  readonly tiltDeg: number;
}

export interface EndplateSequence {
  readonly endplates: readonly TiltedEndplate[];
  /** Marked endplates left out, each with the reason, for a person to check. */
  readonly excluded: readonly string[];
}

const SIDES = ['superior', 'inferior'] as const;

/**
 * Every marked endplate from the top down, with its tilt. An endplate whose corners are on the wrong
 * sides, or that lies above the endplate before it (a standing spine descends level by level), is a
 * labelling error: it is left out, and said so.
 */
export function endplateSequence(film: CoronalFilm): EndplateSequence {
  const endplates: TiltedEndplate[] = [];
  const excluded: string[] = [];
  let previousY = Number.NEGATIVE_INFINITY;
  for (const level of LEVELS) {
    const vertebra = film.radiograph.vertebrae[level];
    if (vertebra === undefined) continue;
    for (const side of SIDES) {
      if (vertebra[`${side}Right`] === undefined || vertebra[`${side}Left`] === undefined) continue;
      const needs = needsOn(film);
      const endplate = needs.endplate(level, side);
      const middleY = endplateMidpoint(endplate).at[1];
      if (needs.reason !== undefined) excluded.push(needs.reason.replace(/^needs /, ''));
      else if (middleY <= previousY)
        excluded.push(`the ${side} endplate of ${level}: it lies above the endplate before it`);
      else {
        endplates.push({ level, side, endplate, tiltDeg: endplateTiltDeg(endplate) });
        previousY = middleY;
      }
    }
  }
  return { endplates, excluded };
}
