/** Vertebral levels of the case format, from the top: cervical, thoracic, lumbar, sacral. */
export const LEVELS = [
  'C1',
  'C2',
  'C3',
  'C4',
  'C5',
  'C6',
  'C7',
  'T1',
  'T2',
  'T3',
  'T4',
  'T5',
  'T6',
  'T7',
  'T8',
  'T9',
  'T10',
  'T11',
  'T12',
  'L1',
  'L2',
  'L3',
  'L4',
  'L5',
  'S1',
] as const;

export type Level = (typeof LEVELS)[number];

const LEVEL_INDEX = Object.fromEntries(LEVELS.map((level, index) => [level, index])) as Readonly<
  Record<Level, number>
>;

export function isLevel(name: string): name is Level {
  return Object.hasOwn(LEVEL_INDEX, name);
}

/** Position from the top (C1 = 0 … S1 = 24). */
export function levelIndex(level: Level): number {
  return LEVEL_INDEX[level];
}

/** The next level down (C7 → T1, L5 → S1), or undefined below S1. */
export function levelBelow(level: Level): Level | undefined {
  return LEVELS[levelIndex(level) + 1];
}
