import type { Level, Point, Shape } from '@spinerecon/core';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { Radiograph } from '../api/types';
import { ParameterPanel } from '../panel/ParameterPanel';
import { CORONAL_FULL, SAGITTAL_FULL, SAGITTAL_QUICK, type Protocol } from '../protocols/definitions';
import { pointOf, type LandmarkSet, type LandmarkTarget } from '../protocols/landmarks';
import { proposeNextVertebra } from '../protocols/proposal';
import { nudgeStep } from '../protocols/session';
import type { ImagePointerEvent, RadiographViewerHandle } from '../viewer/RadiographViewer';
import { AutosaveIndicator } from './AutosaveIndicator';
import { measureFilm } from './caseRadiograph';
import { ConflictDialog } from './ConflictDialog';
import { HelpOverlay } from './HelpOverlay';
import { LandmarkOverlay } from './LandmarkOverlay';
import { StepList } from './StepList';
import { useLandmarkSession } from './useLandmarkSession';
import './workspace.css';

/** Screen pixels within which a press can drag the nearest existing point. */
const GRAB_PX = 6;

const protocolsFor = (view: string): readonly Protocol[] =>
  view === 'lateral' ? [SAGITTAL_QUICK, SAGITTAL_FULL] : [CORONAL_FULL];

/** Every landmark of a set, as a target. */
function* targetsOf(set: LandmarkSet): Generator<LandmarkTarget> {
  for (const [level, vertebra] of Object.entries(set.vertebrae) as [
    Level,
    Record<string, Point> | undefined,
  ][]) {
    for (const point of Object.keys(vertebra ?? {})) yield { kind: 'vertebra', level, point };
  }
  const heads = set.femoralHeads ?? [];
  for (let i = 0; i < heads.length && i < 2; i++) yield { kind: 'femoralHead', index: i as 0 | 1 };
}

/** The set with one point (or femoral head) drawn where it is being dragged. */
function withPreview(set: LandmarkSet, preview: Preview | null): LandmarkSet {
  if (preview === null) return set;
  const { target, point } = preview;
  if (target.kind === 'vertebra') {
    const vertebra = { ...set.vertebrae[target.level], [target.point]: point };
    return { ...set, vertebrae: { ...set.vertebrae, [target.level]: vertebra } };
  }
  const heads = [...(set.femoralHeads ?? [])];
  heads[Math.min(target.index, heads.length)] = {
    center: point,
    ...(preview.radiusPx === undefined ? {} : { radiusPx: preview.radiusPx }),
  };
  return { ...set, femoralHeads: heads };
}

/** A press on the film that may become a drag: of an existing point, or of a femoral head's radius. */
interface Drag {
  readonly target: LandmarkTarget;
  readonly pressedAt: Point;
  readonly moved: boolean;
  /** The femoral head centre being placed (the drag sets its radius). */
  readonly head?: Point;
}

/** Screen pixels a press may wander and still be a click. */
const CLICK_TOLERANCE_PX = 2;

function screenDistance(handle: RadiographViewerHandle, a: Point, b: Point): number {
  const [ax, ay] = handle.imageToScreen([a[0], a[1]]);
  const [bx, by] = handle.imageToScreen([b[0], b[1]]);
  return Math.hypot(ax - bx, ay - by);
}

interface Preview {
  readonly target: LandmarkTarget;
  readonly point: Point;
  readonly radiusPx?: number;
}

/**
 * Landmark editing on one film: the guided protocol (what to click next), dragging and nudging points, the
 * live parameter panel computed by the core, autosave and conflicts. The imaging page places what it returns
 * around its viewer. Decision support: the surgeon checks every point.
 */
export function useLandmarkEditor(radiograph: Radiograph, viewer: RefObject<RadiographViewerHandle | null>) {
  const protocols = protocolsFor(radiograph.view);
  const [protocol, setProtocol] = useState<Protocol>(protocols[0] ?? SAGITTAL_QUICK);
  const { session, act, status, load, resolveConflict } = useLandmarkSession(radiograph, protocol);
  const [selected, setSelected] = useState<LandmarkTarget | null>(null);
  const [highlight, setHighlight] = useState<readonly Shape[] | null>(null);
  const [help, setHelp] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const drag = useRef<Drag | null>(null);

  useEffect(() => act({ type: 'protocol', protocol }), [act, protocol]);

  const shown = useMemo(() => withPreview(session.set, preview), [session.set, preview]);
  const measured = useMemo(() => measureFilm(radiograph, shown), [radiograph, shown]);
  const proposal = useMemo(
    () => proposeNextVertebra(protocol, session.set, session.step),
    [protocol, session.set, session.step],
  );
  useEffect(() => {
    // For `npm run bench:web`: from a drag event to the panel showing its values.
    performance.mark('spinerecon:panel-updated');
  }, [measured]);

  const grab = useCallback(
    (image: Point): LandmarkTarget | null => {
      const handle = viewer.current;
      if (handle === null) return null;
      const [sx, sy] = handle.imageToScreen([image[0], image[1]]);
      let nearest: { target: LandmarkTarget; distance: number } | null = null;
      for (const target of targetsOf(session.set)) {
        const at = pointOf(session.set, target);
        if (at === undefined) continue;
        const [x, y] = handle.imageToScreen([at[0], at[1]]);
        const distance = Math.hypot(x - sx, y - sy);
        if (distance <= GRAB_PX && (nearest === null || distance < nearest.distance))
          nearest = { target, distance };
      }
      return nearest?.target ?? null;
    },
    [session.set, viewer],
  );

  const onPointer = useCallback(
    (event: ImagePointerEvent) => {
      if (event.button > 0) return;
      const point: Point = [event.image[0], event.image[1]];
      const current = protocol.steps[session.step];
      if (event.type === 'down') {
        // While a femoral head is asked for, a press-drag gives its radius (the heads often superimpose).
        const grabbed = current?.target.kind === 'femoralHead' ? null : grab(point);
        if (grabbed !== null) {
          // A press on a point: a drag moves it; a click without moving places the next point there
          // (points sit close at low zoom), or selects it when the protocol is complete.
          drag.current = { target: grabbed, pressedAt: point, moved: false };
          return;
        }
        if (current === undefined) return;
        if (current.target.kind === 'femoralHead') {
          // Centre at the press; the drag to the edge gives the radius.
          drag.current = { target: current.target, pressedAt: point, moved: false, head: point };
          setPreview({ target: current.target, point });
          return;
        }
        act({ type: 'place', point });
        setSelected(current.target);
        return;
      }
      const dragging = drag.current;
      if (dragging === null) return;
      const handle = viewer.current;
      const moved =
        dragging.moved ||
        (handle !== null && screenDistance(handle, dragging.pressedAt, point) > CLICK_TOLERANCE_PX);
      const radiusPx =
        dragging.head === undefined
          ? undefined
          : Math.hypot(point[0] - dragging.head[0], point[1] - dragging.head[1]);
      if (event.type === 'move') {
        if (!moved) return;
        drag.current = { ...dragging, moved: true };
        performance.mark('spinerecon:drag-move');
        setPreview(
          dragging.head === undefined
            ? { target: dragging.target, point }
            : {
                target: dragging.target,
                point: dragging.head,
                ...(radiusPx === undefined ? {} : { radiusPx }),
              },
        );
        return;
      }
      drag.current = null;
      setPreview(null);
      if (dragging.head !== undefined) {
        // A plain click places the centre only; a drag also the radius.
        act(
          moved && radiusPx !== undefined
            ? { type: 'place', point: dragging.head, radiusPx }
            : { type: 'place', point: dragging.head },
        );
        setSelected(dragging.target);
        return;
      }
      if (moved) {
        act({ type: 'move', target: dragging.target, point });
        setSelected(dragging.target);
      } else if (current !== undefined) {
        act({ type: 'place', point: dragging.pressedAt });
        setSelected(current.target);
      } else setSelected(dragging.target);
    },
    [act, grab, protocol, session.step, viewer],
  );

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target;
      if (target instanceof HTMLElement && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
      const ctrl = event.ctrlKey || event.metaKey;
      const key = event.key;
      if (ctrl && key.toLowerCase() === 'z') act({ type: event.shiftKey ? 'redo' : 'undo' });
      else if (ctrl && key.toLowerCase() === 'y') act({ type: 'redo' });
      else if (ctrl || event.altKey) return;
      else if (key === 'n' || key === 'N') act({ type: 'skip' });
      else if (key === 'Enter' && proposal !== undefined) act({ type: 'placeMany', points: proposal.points });
      else if (key === '?') setHelp(true);
      else if (key === 'Escape') {
        setHelp(false);
        setSelected(null);
      } else if ((key === 'Delete' || key === 'Backspace') && selected !== null) {
        act({ type: 'remove', target: selected });
        setSelected(null);
      } else if (key.startsWith('Arrow') && selected !== null) {
        const step = nudgeStep(event.shiftKey);
        const dx = key === 'ArrowLeft' ? -step : key === 'ArrowRight' ? step : 0;
        const dy = key === 'ArrowUp' ? -step : key === 'ArrowDown' ? step : 0;
        act({ type: 'nudge', target: selected, dx, dy });
      } else return;
      event.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [act, selected, proposal]);

  const overlay = useCallback(
    (toScreen: (p: [number, number]) => [number, number]) => (
      <LandmarkOverlay
        toScreen={(p) => toScreen([p[0], p[1]])}
        set={shown}
        heightPx={radiograph.image?.heightPx ?? 0}
        highlight={highlight}
        selected={selected}
        {...(proposal === undefined ? {} : { proposal: proposal.points.map((p) => p.point) })}
      />
    ),
    [shown, radiograph.image?.heightPx, highlight, selected, proposal],
  );

  const current = protocol.steps[session.step];
  const controls: ReactNode = (
    <div className="workspace-toolbar" role="toolbar" aria-label="Landmarks">
      <label>
        Protocol{' '}
        <select
          value={protocol.id}
          onChange={(e) => setProtocol(protocols.find((p) => p.id === e.target.value) ?? protocol)}
        >
          {protocols.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        onClick={() => act({ type: 'skip' })}
        title="Skip this step (N)"
        disabled={current === undefined}
      >
        Skip step
      </button>
      {proposal === undefined ? null : (
        <button
          type="button"
          onClick={() => act({ type: 'placeMany', points: proposal.points })}
          title="Enter"
        >
          Confirm proposed vertebra
        </button>
      )}
      <button
        type="button"
        onClick={() => act({ type: 'undo' })}
        disabled={session.undo.length === 0}
        title="Ctrl+Z"
      >
        Undo
      </button>
      <button
        type="button"
        onClick={() => act({ type: 'redo' })}
        disabled={session.redo.length === 0}
        title="Ctrl+Shift+Z"
      >
        Redo
      </button>
      <button type="button" onClick={() => setHelp(true)} title="?">
        Shortcuts
      </button>
      <AutosaveIndicator status={status} />
    </div>
  );

  const side: ReactNode =
    load.kind === 'loading' ? (
      <p role="status">Loading the landmarks…</p>
    ) : load.kind === 'error' ? (
      <p role="alert">The landmarks could not be loaded: {load.message}</p>
    ) : (
      <>
        <StepList session={session} onGoTo={(step) => act({ type: 'goTo', step })} />
        {measured.ok ? (
          <ParameterPanel
            measurements={measured.measurements}
            calibrationNote={radiograph.calibrationNote}
            onHighlight={setHighlight}
          />
        ) : (
          <p role="alert">These landmarks cannot be measured: {measured.reason}</p>
        )}
      </>
    );

  const dialogs: ReactNode = (
    <>
      {status.kind === 'conflict' ? (
        <ConflictDialog
          radiograph={radiograph}
          mine={status.mine}
          theirs={status.theirs}
          onChoose={(choice) => void resolveConflict(choice)}
        />
      ) : null}
      {help ? <HelpOverlay onClose={() => setHelp(false)} /> : null}
    </>
  );

  return { ready: load.kind === 'ready', overlay, onPointer, controls, side, dialogs };
}
