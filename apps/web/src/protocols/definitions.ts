import { LEVELS, levelIndex, type Level } from '@spinerecon/core';
import type { LandmarkTarget } from './landmarks';

// The guided landmark protocols: what to click, in which order. Steps go up the spine from the hips, as
// the films are read. A step may be skipped; optional steps say so.

export interface ProtocolStep {
  readonly target: LandmarkTarget;
  /** What to click, said to the user. */
  readonly prompt: string;
  /** The group it belongs to (an endplate, a vertebra), for the step list. */
  readonly group: string;
  readonly optional?: boolean;
}

export interface Protocol {
  readonly id: 'sagittal-quick' | 'sagittal-full' | 'coronal-full';
  readonly view: 'lateral' | 'coronal';
  readonly title: string;
  readonly steps: readonly ProtocolStep[];
}

const corner = (level: Level, point: string, prompt: string, group: string): ProtocolStep => ({
  target: { kind: 'vertebra', level, point },
  prompt,
  group,
});

/** The two corners of an endplate, posterior first (lateral) or patient-right first (coronal). */
function endplate(level: Level, side: 'superior' | 'inferior', view: 'lateral' | 'coronal'): ProtocolStep[] {
  const group = `${level} ${side} endplate`;
  const [first, second] = view === 'lateral' ? ['Posterior', 'Anterior'] : ['Right', 'Left'];
  return [
    corner(level, `${side}${first}`, `${group}: ${first.toLowerCase()} corner`, group),
    corner(level, `${side}${second}`, `${group}: ${second.toLowerCase()} corner`, group),
  ];
}

const centroid = (level: Level): ProtocolStep =>
  corner(level, 'centroid', `${level}: centre of the vertebral body`, `${level} centroid`);

const femoralHead = (index: 0 | 1): ProtocolStep => ({
  target: { kind: 'femoralHead', index },
  prompt:
    index === 0
      ? 'Femoral head: click its centre (drag to its edge for the radius)'
      : 'Second femoral head: click its centre (skip when the heads superimpose)',
  group: 'Femoral heads',
  ...(index === 1 ? { optional: true } : {}),
});

/**
 * Sagittal quick: the points that give PI, PT, SS, LL (L1–S1), L4–S1, TK (T4–T12), PI − LL, SVA, TPA, T1 slope,
 * global tilt and cervical SVA. Cervical lordosis (C2–C7 inferior endplates) needs the full protocol.
 */
export const SAGITTAL_QUICK: Protocol = {
  id: 'sagittal-quick',
  view: 'lateral',
  title: 'Sagittal quick',
  steps: [
    femoralHead(0),
    femoralHead(1),
    ...endplate('S1', 'superior', 'lateral'),
    ...endplate('L4', 'superior', 'lateral'),
    ...endplate('L1', 'superior', 'lateral'),
    ...endplate('T12', 'inferior', 'lateral'),
    ...endplate('T4', 'superior', 'lateral'),
    ...endplate('T1', 'superior', 'lateral'),
    centroid('T1'),
    centroid('C7'),
    corner(
      'C7',
      'superiorPosterior',
      'C7 superior endplate: posterior corner (cervical SVA)',
      'C7 superior endplate',
    ),
    centroid('C2'),
  ],
};

/** Levels from S1 up to `top`, bottom first. */
function levelsUpTo(top: Level): Level[] {
  return LEVELS.slice(levelIndex(top), levelIndex('S1') + 1).reverse();
}

/** Every vertebra's four corners, two endplates at a time, from S1 up (S1: its superior endplate only). */
function fullSteps(view: 'lateral' | 'coronal', top: Level): ProtocolStep[] {
  return levelsUpTo(top).flatMap((level) =>
    level === 'S1'
      ? endplate(level, 'superior', view)
      : [...endplate(level, 'inferior', view), ...endplate(level, 'superior', view)],
  );
}

export const SAGITTAL_FULL: Protocol = {
  id: 'sagittal-full',
  view: 'lateral',
  title: 'Sagittal full',
  steps: [femoralHead(0), femoralHead(1), ...fullSteps('lateral', 'C2')],
};

export const CORONAL_FULL: Protocol = {
  id: 'coronal-full',
  view: 'coronal',
  title: 'Coronal full',
  steps: fullSteps('coronal', 'C7'),
};

export const PROTOCOLS: readonly Protocol[] = [SAGITTAL_QUICK, SAGITTAL_FULL, CORONAL_FULL];
