import type { Point } from '@spinerecon/core';
import type { Protocol } from './definitions';
import {
  hasPoint,
  pointOf,
  withPoint,
  withoutPoint,
  type LandmarkSet,
  type LandmarkTarget,
} from './landmarks';

// A landmark session: the set being edited, the protocol step the user is on, and undo/redo. A pure reducer,
// so the UI, the autosave and the tests all see the same transitions.

export interface Session {
  readonly protocol: Protocol;
  readonly set: LandmarkSet;
  /** Index of the current step; `steps.length` when every step is placed or skipped. */
  readonly step: number;
  readonly skipped: readonly number[];
  readonly undo: readonly Edit[];
  readonly redo: readonly Edit[];
}

/** One undoable change: the set and step before and after. */
interface Edit {
  readonly before: { readonly set: LandmarkSet; readonly step: number };
  readonly after: { readonly set: LandmarkSet; readonly step: number };
}

export type SessionAction =
  /** Places the current step's point (a femoral head may bring its radius) and goes to the next open step. */
  | { readonly type: 'place'; readonly point: Point; readonly radiusPx?: number }
  /** Places several points in one undoable step (a confirmed proposal) and goes to the next open step. */
  | {
      readonly type: 'placeMany';
      readonly points: readonly { readonly target: LandmarkTarget; readonly point: Point }[];
    }
  /** Moves an already placed point (drag), or nudges it by whole pixels (arrow keys). */
  | { readonly type: 'move'; readonly target: LandmarkTarget; readonly point: Point }
  | { readonly type: 'nudge'; readonly target: LandmarkTarget; readonly dx: number; readonly dy: number }
  | { readonly type: 'remove'; readonly target: LandmarkTarget }
  | { readonly type: 'skip' }
  | { readonly type: 'goTo'; readonly step: number }
  | { readonly type: 'undo' }
  | { readonly type: 'redo' }
  /** The set was replaced from outside (loaded, or the other version chosen in a conflict): no undo entry. */
  | { readonly type: 'load'; readonly set: LandmarkSet }
  /** Another protocol on the same set: its steps start at the first point still missing. */
  | { readonly type: 'protocol'; readonly protocol: Protocol };

export function startSession(protocol: Protocol, set: LandmarkSet): Session {
  return { protocol, set, step: nextOpenStep(protocol, set, [], 0), skipped: [], undo: [], redo: [] };
}

/** The first step at or after `from` that is neither placed nor skipped (wrapping round once). */
function nextOpenStep(
  protocol: Protocol,
  set: LandmarkSet,
  skipped: readonly number[],
  from: number,
): number {
  const count = protocol.steps.length;
  for (let i = 0; i < count; i++) {
    const index = (from + i) % count;
    const step = protocol.steps[index];
    if (step !== undefined && !hasPoint(set, step.target) && !skipped.includes(index)) return index;
  }
  return count;
}

function edited(session: Session, set: LandmarkSet, step: number): Session {
  if (set === session.set && step === session.step) return session;
  const edit: Edit = { before: { set: session.set, step: session.step }, after: { set, step } };
  return { ...session, set, step, undo: [...session.undo, edit], redo: [] };
}

export function sessionReducer(session: Session, action: SessionAction): Session {
  const { protocol } = session;
  switch (action.type) {
    case 'place': {
      const current = protocol.steps[session.step];
      if (current === undefined) return session;
      const set = withPoint(session.set, current.target, action.point, action.radiusPx);
      return edited(session, set, nextOpenStep(protocol, set, session.skipped, session.step + 1));
    }
    case 'placeMany': {
      const set = action.points.reduce((s, p) => withPoint(s, p.target, p.point), session.set);
      return edited(session, set, nextOpenStep(protocol, set, session.skipped, session.step));
    }
    case 'move': {
      if (!hasPoint(session.set, action.target)) return session;
      return edited(session, withPoint(session.set, action.target, action.point), session.step);
    }
    case 'nudge': {
      const at = pointOf(session.set, action.target);
      if (at === undefined) return session;
      return edited(
        session,
        withPoint(session.set, action.target, [at[0] + action.dx, at[1] + action.dy]),
        session.step,
      );
    }
    case 'remove': {
      const set = withoutPoint(session.set, action.target);
      const index = protocol.steps.findIndex((s) => sameTarget(s.target, action.target));
      return edited(session, set, index >= 0 ? index : session.step);
    }
    case 'skip': {
      if (session.step >= protocol.steps.length) return session;
      const skipped = [...session.skipped, session.step];
      return { ...session, skipped, step: nextOpenStep(protocol, session.set, skipped, session.step + 1) };
    }
    case 'goTo': {
      if (action.step < 0 || action.step >= protocol.steps.length) return session;
      return { ...session, step: action.step, skipped: session.skipped.filter((s) => s !== action.step) };
    }
    case 'undo': {
      const last = session.undo.at(-1);
      if (last === undefined) return session;
      return { ...session, ...last.before, undo: session.undo.slice(0, -1), redo: [...session.redo, last] };
    }
    case 'redo': {
      const next = session.redo.at(-1);
      if (next === undefined) return session;
      return { ...session, ...next.after, redo: session.redo.slice(0, -1), undo: [...session.undo, next] };
    }
    case 'load':
      return { ...startSession(protocol, action.set), skipped: session.skipped };
    case 'protocol':
      return { ...startSession(action.protocol, session.set), undo: session.undo, redo: session.redo };
  }
}

export function sameTarget(a: LandmarkTarget, b: LandmarkTarget): boolean {
  if (a.kind === 'vertebra' && b.kind === 'vertebra') return a.level === b.level && a.point === b.point;
  return a.kind === 'femoralHead' && b.kind === 'femoralHead' && a.index === b.index;
}

/** Pixels an arrow key moves a point: 1, or 5 with Shift. */
export const nudgeStep = (shiftKey: boolean): number => (shiftKey ? 5 : 1);
