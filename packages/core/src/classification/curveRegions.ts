import { LEVELS, levelIndex, type Level } from '../case/levels.js';

function between(level: Level, top: Level, bottom: Level): boolean {
  return levelIndex(level) >= levelIndex(top) && levelIndex(level) <= levelIndex(bottom);
}

export type LenkeRegion = 'proximalThoracic' | 'mainThoracic' | 'thoracolumbarLumbar';

/** Lenke 2001 regions by apex: proximal thoracic T3–T5, main thoracic T6–T11, thoracolumbar/lumbar T12–L4. */
export function lenkeRegion(apex: Level): LenkeRegion | undefined {
  if (between(apex, 'T3', 'T5')) return 'proximalThoracic';
  if (between(apex, 'T6', 'T11')) return 'mainThoracic';
  if (between(apex, 'T12', 'L4')) return 'thoracolumbarLumbar';
  return undefined;
}

/**
 * Whether a coronal film shows every vertebra from `top` to `bottom` with its four corners: a curve is
 * never measured across vertebrae that are not marked.
 */
export function filmCovers(
  vertebrae: Readonly<Partial<Record<Level, Readonly<Partial<Record<string, unknown>>>>>>,
  top: Level,
  bottom: Level,
): boolean {
  return LEVELS.slice(levelIndex(top), levelIndex(bottom) + 1).every((level) => {
    const v = vertebrae[level];
    return v?.superiorRight && v.superiorLeft && v.inferiorRight && v.inferiorLeft;
  });
}
