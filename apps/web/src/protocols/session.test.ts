import { describe, expect, it } from 'vitest';
import { CORONAL_FULL, SAGITTAL_FULL, SAGITTAL_QUICK } from './definitions';
import { EMPTY_SET } from './landmarks';
import { sessionReducer, startSession, type Session, type SessionAction } from './session';

const run = (session: Session, ...actions: SessionAction[]) => actions.reduce(sessionReducer, session);
const place = (x: number, y: number, radiusPx?: number): SessionAction =>
  radiusPx === undefined ? { type: 'place', point: [x, y] } : { type: 'place', point: [x, y], radiusPx };

describe('a landmark session', () => {
  it('starts at the first step and advances to the next one on every click', () => {
    const session = run(startSession(SAGITTAL_QUICK, EMPTY_SET), place(100, 900, 40), place(110, 905));
    expect(session.set.femoralHeads).toEqual([{ center: [100, 900], radiusPx: 40 }, { center: [110, 905] }]);
    expect(SAGITTAL_QUICK.steps[session.step]?.prompt).toBe('S1 superior endplate: posterior corner');
  });

  it('skips an optional step and comes back to it when asked', () => {
    let session = run(
      startSession(SAGITTAL_QUICK, EMPTY_SET),
      place(100, 900),
      { type: 'skip' },
      place(300, 800),
    );
    expect(session.set.vertebrae.S1).toEqual({ superiorPosterior: [300, 800] });
    session = run(session, { type: 'goTo', step: 1 }, place(105, 902));
    expect(session.set.femoralHeads?.[1]).toEqual({ center: [105, 902] });
    // Back to the first open step after the one placed: S1's anterior corner.
    expect(SAGITTAL_QUICK.steps[session.step]?.prompt).toBe('S1 superior endplate: anterior corner');
  });

  it('undoes and redoes placements, moves and nudges exactly', () => {
    const s1 = { kind: 'vertebra', level: 'S1', point: 'superiorPosterior' } as const;
    const placed = run(startSession(SAGITTAL_QUICK, EMPTY_SET), place(1, 1), place(2, 2), place(300, 800));
    const nudged = run(
      placed,
      { type: 'nudge', target: s1, dx: 5, dy: -1 },
      { type: 'move', target: s1, point: [310, 790] },
    );
    expect(nudged.set.vertebrae.S1?.superiorPosterior).toEqual([310, 790]);
    const undone = run(nudged, { type: 'undo' }, { type: 'undo' });
    expect(undone.set).toEqual(placed.set);
    expect(run(undone, { type: 'redo' }).set.vertebrae.S1?.superiorPosterior).toEqual([305, 799]);
    const back = run(placed, { type: 'undo' });
    expect(back.set.vertebrae.S1).toBeUndefined();
    expect(SAGITTAL_QUICK.steps[back.step]?.prompt).toBe('S1 superior endplate: posterior corner');
  });

  it('a new edit after undo clears the redo list', () => {
    const session = run(startSession(SAGITTAL_QUICK, EMPTY_SET), place(1, 1), { type: 'undo' }, place(9, 9));
    expect(session.redo).toEqual([]);
    expect(run(session, { type: 'redo' })).toBe(session);
  });

  it('resumes a saved set at the first point still missing', () => {
    const saved = { vertebrae: {}, femoralHeads: [{ center: [1, 1] as const }, { center: [2, 2] as const }] };
    const session = startSession(SAGITTAL_QUICK, saved);
    expect(session.step).toBe(2);
  });

  it('ends when every step is placed or skipped', () => {
    let session = startSession(SAGITTAL_QUICK, EMPTY_SET);
    for (let i = 0; i < SAGITTAL_QUICK.steps.length; i++) session = run(session, place(i, i));
    expect(session.step).toBe(SAGITTAL_QUICK.steps.length);
    expect(run(session, place(0, 0))).toBe(session);
  });

  it('switches protocol on the same set, starting at the first point the new one still needs', () => {
    const quick = run(
      startSession(SAGITTAL_QUICK, EMPTY_SET),
      place(1, 1),
      place(2, 2),
      place(300, 800),
      place(310, 798),
    );
    const full = run(quick, { type: 'protocol', protocol: SAGITTAL_FULL });
    expect(full.set).toBe(quick.set);
    expect(SAGITTAL_FULL.steps[full.step]?.prompt).toBe('L5 inferior endplate: posterior corner');
  });

  it('removes a point and returns to its step', () => {
    const target = { kind: 'femoralHead', index: 0 } as const;
    const session = run(startSession(SAGITTAL_QUICK, EMPTY_SET), place(1, 1), place(2, 2), {
      type: 'remove',
      target,
    });
    expect(session.set.femoralHeads).toEqual([{ center: [2, 2] }]);
    expect(session.step).toBe(0);
  });
});

describe('the protocols', () => {
  it('ask for every corner from S1 up, two endplates per vertebra, in the full protocols', () => {
    // 2 femoral heads + S1 superior (2) + 4 corners for each of L5…C2 (23 vertebrae).
    expect(SAGITTAL_FULL.steps).toHaveLength(2 + 2 + 23 * 4);
    // S1 superior (2) + 4 corners for each of L5…C7 (18 vertebrae).
    expect(CORONAL_FULL.steps).toHaveLength(2 + 18 * 4);
    expect(CORONAL_FULL.steps.slice(0, 4).map((s) => s.prompt)).toEqual([
      'S1 superior endplate: right corner',
      'S1 superior endplate: left corner',
      'L5 inferior endplate: right corner',
      'L5 inferior endplate: left corner',
    ]);
  });

  it('never ask for the same point twice', () => {
    for (const protocol of [SAGITTAL_QUICK, SAGITTAL_FULL, CORONAL_FULL]) {
      const keys = protocol.steps.map((s) => JSON.stringify(s.target));
      expect(new Set(keys).size).toBe(keys.length);
    }
  });
});
