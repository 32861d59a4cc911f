import { levelIndex, type Level } from '../case/levels.js';

export type SrsRegion = 'cervicothoracic' | 'thoracic' | 'thoracolumbar' | 'lumbar' | 'lumbosacral';

function between(level: Level, top: Level, bottom: Level): boolean {
  return levelIndex(level) >= levelIndex(top) && levelIndex(level) <= levelIndex(bottom);
}

/**
 * The region of a curve by its apical vertebra (SRS terminology; Lenke 2001): cervicothoracic C7–T1,
 * thoracic T2–T11, thoracolumbar T12–L1, lumbar L2–L4, lumbosacral L5–S1. Apices above C7 have no region.
 */
export function srsRegion(apex: Level): SrsRegion | undefined {
  if (between(apex, 'C7', 'T1')) return 'cervicothoracic';
  if (between(apex, 'T2', 'T11')) return 'thoracic';
  if (between(apex, 'T12', 'L1')) return 'thoracolumbar';
  if (between(apex, 'L2', 'L4')) return 'lumbar';
  if (between(apex, 'L5', 'S1')) return 'lumbosacral';
  return undefined;
}

export type LenkeRegion = 'proximalThoracic' | 'mainThoracic' | 'thoracolumbarLumbar';

/** Lenke 2001 regions by apex: proximal thoracic T3–T5, main thoracic T6–T11, thoracolumbar/lumbar T12–L4. */
export function lenkeRegion(apex: Level): LenkeRegion | undefined {
  if (between(apex, 'T3', 'T5')) return 'proximalThoracic';
  if (between(apex, 'T6', 'T11')) return 'mainThoracic';
  if (between(apex, 'T12', 'L4')) return 'thoracolumbarLumbar';
  return undefined;
}

/** Whether a coronal film shows enough of the spine to look for curves from `top` to `bottom`. */
export function filmCovers(
  vertebrae: Readonly<Partial<Record<Level, object>>>,
  top: Level,
  bottom: Level,
): boolean {
  return vertebrae[top] !== undefined && vertebrae[bottom] !== undefined;
}
