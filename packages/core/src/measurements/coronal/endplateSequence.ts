import { LEVELS, type Level } from '../../case/levels.js';
import type { Point } from '../../geometry/point.js';
import { CORONAL_NAMING, endplateTiltDeg, type Endplate } from '../landmarkNeeds.js';
import type { CoronalFilm } from './coronalFilm.js';

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
 * Every marked endplate from the top down, with its tilt. Labelling errors are left out, and said so:
 * an endplate whose corners are on the wrong sides; a vertebra drawn crossed (a superior corner below the
 * inferior corner on the same side); an endplate above the one it should lie below — superior endplates
 * descend from vertebra to vertebra, and so do inferior ones (vertebrae that touch across a thin disc may
 * overlap by a pixel or two, so a superior endplate is not compared with the inferior one above it).
 */
export function endplateSequence(film: CoronalFilm): EndplateSequence {
  const endplates: TiltedEndplate[] = [];
  const excluded: string[] = [];
  const lowest = { superior: Number.NEGATIVE_INFINITY, inferior: Number.NEGATIVE_INFINITY };
  for (const level of LEVELS) {
    const vertebra: Readonly<Partial<Record<string, Point>>> | undefined = film.radiograph.vertebrae[level];
    if (vertebra === undefined) continue;
    if (isCrossed(film, level)) {
      excluded.push(
        `the endplates of ${level}: a superior corner lies below the inferior corner on the same side`,
      );
      continue;
    }
    let superiorY = Number.NEGATIVE_INFINITY;
    for (const side of SIDES) {
      const corners = CORONAL_NAMING.corners[side];
      if (vertebra[corners.positive] === undefined || vertebra[corners.negative] === undefined) continue;
      const found = film.landmarks.endplate(level, side);
      if ('missing' in found) {
        excluded.push(
          `the ${side} endplate of ${level}: its right corner is not to the patient's right of its left corner (check the corner names and patientRightOnImage)`,
        );
        continue;
      }
      const middleY = (found.from.at[1] + found.to.at[1]) / 2;
      // An inferior endplate must also lie below its own vertebra's superior endplate.
      const floor = side === 'inferior' ? Math.max(lowest.inferior, superiorY) : lowest.superior;
      if (middleY <= floor) {
        excluded.push(`the ${side} endplate of ${level}: it lies above the endplate it should lie below`);
        continue;
      }
      endplates.push({ level, side, endplate: found, tiltDeg: endplateTiltDeg(found) });
      lowest[side] = middleY;
      if (side === 'superior') superiorY = middleY;
    }
  }
  return { endplates, excluded };
}

/** Whether a superior corner lies below the inferior corner of the same side (patient frame, Y down). */
function isCrossed(film: CoronalFilm, level: Level): boolean {
  const v = film.radiograph.vertebrae[level];
  const below = (upper: Point | undefined, lower: Point | undefined) =>
    upper !== undefined && lower !== undefined && upper[1] >= lower[1];
  return below(v?.superiorRight, v?.inferiorRight) || below(v?.superiorLeft, v?.inferiorLeft);
}
