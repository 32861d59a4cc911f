import { LEVELS, levelIndex, type Level, type Point } from '@spinerecon/core';
import type { Protocol } from './definitions';
import { pointOf, type LandmarkSet, type LandmarkTarget } from './landmarks';

// Full protocols: where the next vertebra probably is, from the one below it, for the user to confirm
// (Enter) or correct by clicking. A guess to save clicks, never a measurement: nothing is placed unless
// the user confirms it.

/** Disc height as a fraction of the vertebral body height below it: a starting guess only. */
const DISC_FRACTION = 0.25;

export interface Proposal {
  readonly points: readonly { readonly target: LandmarkTarget; readonly point: Point }[];
}

const add = (p: Point, v: Point): Point => [p[0] + v[0], p[1] + v[1]];

/**
 * When the current step starts a vertebra whose corners are all missing and the vertebra below has all
 * four, its four corners shifted up by that vertebra's height plus a disc; otherwise nothing.
 */
export function proposeNextVertebra(
  protocol: Protocol,
  set: LandmarkSet,
  step: number,
): Proposal | undefined {
  const current = protocol.steps[step]?.target;
  if (current?.kind !== 'vertebra' || !current.point.startsWith('inferior')) return undefined;
  const level = current.level;
  if (Object.keys(set.vertebrae[level] ?? {}).length > 0) return undefined;
  const below: Level | undefined = LEVELS[levelIndex(level) + 1];
  if (below === undefined) return undefined;
  const [a, b] = protocol.view === 'lateral' ? ['Posterior', 'Anterior'] : ['Right', 'Left'];
  const corner = (lvl: Level, side: string, which: string) =>
    pointOf(set, { kind: 'vertebra', level: lvl, point: `${side}${which}` });
  const supA = corner(below, 'superior', a);
  const supB = corner(below, 'superior', b);
  const infA = corner(below, 'inferior', a);
  const infB = corner(below, 'inferior', b);
  if (supA === undefined || supB === undefined || infA === undefined || infB === undefined) return undefined;
  const height: Point = [
    (supA[0] + supB[0] - infA[0] - infB[0]) / 2,
    (supA[1] + supB[1] - infA[1] - infB[1]) / 2,
  ];
  const disc: Point = [height[0] * DISC_FRACTION, height[1] * DISC_FRACTION];
  const target = (point: string): LandmarkTarget => ({ kind: 'vertebra', level, point });
  const lowA = add(supA, disc);
  const lowB = add(supB, disc);
  return {
    points: [
      { target: target(`inferior${a}`), point: lowA },
      { target: target(`inferior${b}`), point: lowB },
      { target: target(`superior${a}`), point: add(lowA, height) },
      { target: target(`superior${b}`), point: add(lowB, height) },
    ],
  };
}
