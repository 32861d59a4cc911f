import { LEVELS, levelIndex, type Level } from '../case/levels.js';
import type { FusionRange } from './planTypes.js';

/** The instrumented vertebrae of a fusion, top down, without the ones the plan removes. */
export function instrumentedLevels(fusion: FusionRange, removed: readonly Level[]): Level[] {
  return LEVELS.slice(
    levelIndex(fusion.upperInstrumentedVertebra),
    levelIndex(fusion.lowerInstrumentedVertebra) + 1,
  ).filter((level) => !removed.includes(level));
}
