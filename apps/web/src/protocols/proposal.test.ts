import { describe, expect, it } from 'vitest';
import { CORONAL_FULL, SAGITTAL_FULL } from './definitions';
import type { LandmarkSet } from './landmarks';
import { proposeNextVertebra } from './proposal';
import { sessionReducer, startSession } from './session';

const l5: LandmarkSet = {
  vertebrae: {
    S1: { superiorPosterior: [100, 1000], superiorAnterior: [160, 1010] },
    L5: {
      inferiorPosterior: [100, 980],
      inferiorAnterior: [160, 985],
      superiorPosterior: [100, 900],
      superiorAnterior: [160, 905],
    },
  },
  femoralHeads: [{ center: [0, 1100] }],
};

describe('the proposed next vertebra', () => {
  it('sits one body height plus a quarter of it above the vertebra below', () => {
    const session = startSession(SAGITTAL_FULL, l5);
    expect(SAGITTAL_FULL.steps[session.step]?.prompt).toBe(
      'Second femoral head: click its centre (skip when the heads superimpose)',
    );
    const onL4 = sessionReducer(session, { type: 'skip' });
    const proposal = proposeNextVertebra(SAGITTAL_FULL, onL4.set, onL4.step);
    // L5 is 80 px high: L4's inferior endplate 20 px above L5's superior one, its superior 80 px higher.
    expect(proposal?.points).toEqual([
      { target: { kind: 'vertebra', level: 'L4', point: 'inferiorPosterior' }, point: [100, 880] },
      { target: { kind: 'vertebra', level: 'L4', point: 'inferiorAnterior' }, point: [160, 885] },
      { target: { kind: 'vertebra', level: 'L4', point: 'superiorPosterior' }, point: [100, 800] },
      { target: { kind: 'vertebra', level: 'L4', point: 'superiorAnterior' }, point: [160, 805] },
    ]);
    const confirmed = sessionReducer(onL4, { type: 'placeMany', points: proposal?.points ?? [] });
    expect(Object.keys(confirmed.set.vertebrae.L4 ?? {})).toHaveLength(4);
    expect(SAGITTAL_FULL.steps[confirmed.step]?.prompt).toBe('L3 inferior endplate: posterior corner');
    expect(sessionReducer(confirmed, { type: 'undo' }).set).toEqual(onL4.set);
  });

  it('is not made without a whole vertebra below, or once the vertebra has a point', () => {
    const onL5 = startSession(CORONAL_FULL, {
      vertebrae: { S1: { superiorRight: [0, 0], superiorLeft: [50, 0] } },
    });
    expect(proposeNextVertebra(CORONAL_FULL, onL5.set, onL5.step)).toBeUndefined();
    const started = { vertebrae: { ...l5.vertebrae, L4: { inferiorPosterior: [1, 1] as const } } };
    const session = sessionReducer(startSession(SAGITTAL_FULL, started), { type: 'skip' });
    expect(proposeNextVertebra(SAGITTAL_FULL, session.set, session.step)).toBeUndefined();
  });
});
