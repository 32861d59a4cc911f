import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { Radiograph } from '../api/types';
import { Autosave, type AutosaveStatus } from '../persistence/autosave';
import { indexedDbDrafts } from '../persistence/indexedDbDrafts';
import type { Protocol } from '../protocols/definitions';
import { EMPTY_SET, type LandmarkSet } from '../protocols/landmarks';
import { sameSet } from '../protocols/sameSet';
import { sessionReducer, startSession, type Session, type SessionAction } from '../protocols/session';
import { loadLandmarks, saveLandmarks } from './landmarkApi';

export type LoadState = { kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; message: string };

/**
 * The landmark session of one radiograph: loads the saved set (or a draft this browser kept), applies the
 * user's actions, and autosaves every change (autosave.ts).
 */
export function useLandmarkSession(radiograph: Radiograph, protocol: Protocol) {
  const [session, dispatch] = useReducer(sessionReducer, startSession(protocol, EMPTY_SET));
  const [status, setStatus] = useState<AutosaveStatus>({ kind: 'saved', version: 0 });
  const [load, setLoad] = useState<LoadState>({ kind: 'loading' });
  const autosave = useRef<Autosave | null>(null);
  const lastSet = useRef<LandmarkSet>(EMPTY_SET);

  useEffect(() => {
    let cancelled = false;
    setLoad({ kind: 'loading' });
    void (async () => {
      try {
        const [saved, draft] = await Promise.all([
          loadLandmarks(radiograph.id),
          indexedDbDrafts.load(radiograph.id).catch(() => undefined),
        ]);
        if (cancelled) return;
        // A draft this browser kept (closed or offline before it was sent) goes on top of the version it
        // was made from: when someone saved since, the server answers 412 and the user chooses.
        const base =
          draft !== undefined && !sameSet(draft.set, saved.landmarks) ? draft.baseVersion : saved.version;
        autosave.current?.dispose();
        autosave.current = new Autosave({
          radiographId: radiograph.id,
          baseVersion: base,
          save: (set, version) => saveLandmarks(radiograph.id, set, version),
          store: indexedDbDrafts,
          onStatus: setStatus,
        });
        setStatus({ kind: 'saved', version: saved.version });
        // A draft equal to what the server has was saved after all (its answer was lost): dropped.
        const pending = draft !== undefined && !sameSet(draft.set, saved.landmarks) ? draft : undefined;
        if (draft !== undefined && pending === undefined) await indexedDbDrafts.remove(radiograph.id);
        const start = pending?.set ?? saved.landmarks;
        lastSet.current = start;
        dispatch({ type: 'load', set: start });
        setLoad({ kind: 'ready' });
        if (pending !== undefined) await autosave.current.change(pending.set);
      } catch (error) {
        if (!cancelled)
          setLoad({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [radiograph.id]);

  // Every change of the set (not of the step) is autosaved.
  useEffect(() => {
    if (load.kind !== 'ready' || session.set === lastSet.current) return;
    lastSet.current = session.set;
    void autosave.current?.change(session.set);
  }, [session.set, load.kind]);

  // Sent when the network is back, and before the page goes away.
  useEffect(() => {
    const flush = () => void autosave.current?.flush();
    window.addEventListener('online', flush);
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('online', flush);
      window.removeEventListener('pagehide', flush);
      autosave.current?.dispose();
    };
  }, []);

  const act = useCallback((action: SessionAction) => dispatch(action), []);

  const resolveConflict = useCallback(async (choice: 'mine' | 'theirs') => {
    const kept = await autosave.current?.resolve(choice);
    if (kept !== undefined) {
      lastSet.current = kept;
      dispatch({ type: 'load', set: kept });
    }
  }, []);

  return { session: session as Session, act, status, load, resolveConflict };
}
