// `/radiographs/:id`: the imaging workspace. One radiograph in the viewer with its landmarks (placed by a guided
// protocol, autosaved), the live parameters, its calibration, and — side by side on request — the other film of
// the case (the lateral next to the coronal and the other way round).
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { apiJson, messageOf } from '../api/client';
import { caseApi } from '../api/endpoints';
import type { CaseDetail, Radiograph } from '../api/types';
import { useLoad } from '../hooks';
import { formatDate, label } from '../labels';
import {
  RadiographViewer,
  type ImagePointerEvent,
  type RadiographMediaType,
  type RadiographViewerHandle,
} from '../viewer/RadiographViewer';
import { ViewerToolbar, type ToolbarTool } from '../viewer/ViewerToolbar';
import { useLandmarkEditor } from '../workspace/useLandmarkEditor';
import { useMarkerCalibration } from '../workspace/useMarkerCalibration';
import '../viewer/imaging-page.css';

const MEDIA_TYPES: readonly RadiographMediaType[] = ['application/dicom', 'image/png', 'image/jpeg'];

function viewableMediaType(radiograph: Radiograph): RadiographMediaType | undefined {
  const type = radiograph.image?.mediaType;
  return MEDIA_TYPES.find((t) => t === type);
}

function title(radiograph: Radiograph): string {
  const date = radiograph.takenOn === null ? '' : `, ${formatDate(radiograph.takenOn)}`;
  return `${label(radiograph.view)} radiograph, ${radiograph.posture}${date}`;
}

function size(radiograph: Radiograph): string {
  const image = radiograph.image;
  if (image === null || image.widthPx === null || image.heightPx === null) return '';
  const kind =
    image.mediaType === 'application/dicom' ? 'DICOM' : image.mediaType.replace('image/', '').toUpperCase();
  return `${image.widthPx} × ${image.heightPx} px ${kind}`;
}

/** The film of the other view with an image, taken closest in time to this one. */
export function otherFilm(
  radiograph: Radiograph,
  radiographs: readonly Radiograph[],
): Radiograph | undefined {
  const time = (r: Radiograph) => (r.takenOn === null ? Number.NaN : Date.parse(r.takenOn));
  const at = time(radiograph);
  const candidates = radiographs.filter(
    (r) => r.id !== radiograph.id && r.view !== radiograph.view && viewableMediaType(r) !== undefined,
  );
  const distance = (r: Radiograph) => {
    const d = Math.abs(time(r) - at);
    return Number.isNaN(d) ? Number.POSITIVE_INFINITY : d;
  };
  return [...candidates].sort((a, b) => distance(a) - distance(b))[0];
}

/** The latest earlier film of the same view with an image: the previous visit, to compare with. */
export function previousFilm(
  radiograph: Radiograph,
  radiographs: readonly Radiograph[],
): Radiograph | undefined {
  if (radiograph.takenOn === null) return undefined;
  const taken = radiograph.takenOn;
  return radiographs
    .filter(
      (r) =>
        r.id !== radiograph.id &&
        r.view === radiograph.view &&
        r.takenOn !== null &&
        r.takenOn < taken &&
        viewableMediaType(r) !== undefined,
    )
    .sort((a, b) => ((a.takenOn ?? '') < (b.takenOn ?? '') ? 1 : -1))[0];
}

function formatSpacing(spacing: Radiograph['pixelSpacingMm']): string {
  if (spacing === null) return 'uncalibrated: angles only, no distances';
  if (typeof spacing === 'number') return `${spacing.toFixed(3)} mm per pixel`;
  return `${spacing[0].toFixed(3)} mm between rows × ${spacing[1].toFixed(3)} mm between columns`;
}

const METHODS: Record<string, string> = {
  dicom: 'from the DICOM attributes',
  marker: 'from a marker of known size',
  manual: 'set by hand',
};

function Calibration({ radiograph }: { radiograph: Radiograph }): ReactNode {
  return (
    <section className="imaging-calibration" aria-label="Calibration">
      <h2>Calibration</h2>
      <p>
        {formatSpacing(radiograph.pixelSpacingMm)}
        {radiograph.calibrationMethod !== null
          ? ` (${METHODS[radiograph.calibrationMethod] ?? radiograph.calibrationMethod})`
          : ''}
      </p>
      {radiograph.calibrationNote !== null ? (
        <p className="imaging-calibration-note" data-testid="calibration-note">
          {radiograph.calibrationNote}
        </p>
      ) : null}
    </section>
  );
}

interface FilmPaneProps {
  radiograph: Radiograph;
  overlay?: (toScreen: (p: [number, number]) => [number, number]) => ReactNode;
  /** Show the film's title above it (side by side). */
  caption: boolean;
  tool: ToolbarTool;
  viewerRef: (handle: RadiographViewerHandle | null) => void;
  onPointer?: (event: ImagePointerEvent) => void;
  onReady?: () => void;
}

function FilmPane({
  radiograph,
  overlay,
  caption,
  tool,
  viewerRef,
  onPointer,
  onReady,
}: FilmPaneProps): ReactNode {
  const mediaType = viewableMediaType(radiograph);
  return (
    <figure className="imaging-film" aria-label={title(radiograph)} data-radiograph-id={radiograph.id}>
      {caption ? (
        <figcaption>
          <Link to={`/radiographs/${encodeURIComponent(radiograph.id)}`}>{title(radiograph)}</Link>
          <span className="imaging-size"> · {size(radiograph)}</span>
        </figcaption>
      ) : null}
      <div className="imaging-viewer">
        {mediaType === undefined ? (
          <p className="imaging-empty">
            {radiograph.image === null
              ? 'This radiograph has no image yet.'
              : `This image type (${radiograph.image.mediaType}) cannot be shown.`}
          </p>
        ) : (
          <RadiographViewer
            ref={viewerRef}
            radiographId={radiograph.id}
            mediaType={mediaType}
            imageVersion={radiograph.image?.sha256}
            tool={tool === 'point' ? 'pan' : tool}
            mode={tool === 'point' ? 'place' : 'navigate'}
            loupe={tool === 'point'}
            label={title(radiograph)}
            onImagePointer={onPointer}
            onReady={onReady}
            overlay={overlay}
          />
        )}
      </div>
    </figure>
  );
}

interface Loaded {
  radiograph: Radiograph;
  spineCase: CaseDetail | null;
  caseError: string | null;
}

export function ImagingPage(): ReactNode {
  const { id = '' } = useParams();
  const [state] = useLoad<Loaded>(async (signal) => {
    const radiograph = await apiJson<Radiograph>('GET', `/radiographs/${encodeURIComponent(id)}`, { signal });
    try {
      return { radiograph, spineCase: await caseApi.get(radiograph.caseId, signal), caseError: null };
    } catch (error) {
      if (signal.aborted) throw error;
      return { radiograph, spineCase: null, caseError: messageOf(error) };
    }
  }, id);
  if (state.status === 'loading') {
    return (
      <p className="imaging-page" role="status">
        Loading the radiograph…
      </p>
    );
  }
  if (state.status === 'error') {
    return (
      <div className="imaging-page">
        <p role="alert">The radiograph could not be opened: {messageOf(state.error)}</p>
        <Link to="/">Back to the worklist</Link>
      </div>
    );
  }
  return <ImagingWorkspace key={state.value.radiograph.id} {...state.value} />;
}

/** The film with its landmarks, the protocol, the live parameters and the calibration. */
function ImagingWorkspace({ radiograph: loaded, spineCase, caseError }: Loaded): ReactNode {
  // The radiograph as it is now (a marker calibration changes its spacing, and the measurements with it).
  const [radiograph, setRadiograph] = useState(loaded);
  const [tool, setTool] = useState<ToolbarTool>(
    viewableMediaType(radiograph) === undefined ? 'pan' : 'point',
  );
  const [inverted, setInverted] = useState(false);
  const [beside, setBeside] = useState<'none' | 'other' | 'previous'>('none');
  const viewers = useRef(new Map<'main' | 'other', RadiographViewerHandle>());
  const mainHandle = useRef<RadiographViewerHandle | null>(null);
  const readout = useRef<HTMLOutputElement>(null);
  const editor = useLandmarkEditor(radiograph, mainHandle);
  const calibration = useMarkerCalibration(radiograph, setRadiograph);
  const [showLandmarks, setShowLandmarks] = useState(true);

  const register = useCallback(
    (which: 'main' | 'other') => (handle: RadiographViewerHandle | null) => {
      if (which === 'main') mainHandle.current = handle;
      if (handle === null) viewers.current.delete(which);
      else viewers.current.set(which, handle);
    },
    [],
  );
  const registerMain = useCallback((h: RadiographViewerHandle | null) => register('main')(h), [register]);
  const registerOther = useCallback((h: RadiographViewerHandle | null) => register('other')(h), [register]);
  const each = (action: (handle: RadiographViewerHandle) => void) => viewers.current.forEach(action);

  // The cursor position in image pixels, written straight to the DOM (no re-render of the viewers).
  const showCursor = useCallback((event: ImagePointerEvent) => {
    const output = readout.current;
    if (output === null) return;
    const [x, y] = event.image;
    const text = `x ${x.toFixed(1)}, y ${y.toFixed(1)} px`;
    if (event.type === 'down') {
      output.dataset.down = JSON.stringify(event.image);
      output.dataset.clicked = text;
    }
    output.textContent =
      output.dataset.clicked === undefined ? text : `${text} (clicked ${output.dataset.clicked})`;
  }, []);
  const placing = tool === 'point' || calibration.active;
  const editorPointer = editor.onPointer;
  const calibrationPointer = calibration.onPointer;
  const calibrating = calibration.active;
  const onPointer = useCallback(
    (event: ImagePointerEvent) => {
      showCursor(event);
      if (calibrating) calibrationPointer(event);
      else if (placing) editorPointer(event);
    },
    [showCursor, placing, calibrating, calibrationPointer, editorPointer],
  );
  const editorOverlay = editor.overlay;
  const calibrationOverlay = calibration.overlay;
  const overlay = useCallback(
    (toScreen: (p: [number, number]) => [number, number]) => (
      <>
        {showLandmarks ? editorOverlay(toScreen) : null}
        {calibrationOverlay(toScreen)}
      </>
    ),
    [showLandmarks, editorOverlay, calibrationOverlay],
  );
  // "O" shows or hides the landmarks and constructions over the film.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target;
      const typing =
        target instanceof HTMLElement && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
      if (event.ctrlKey || event.metaKey || event.altKey || typing || event.key.toLowerCase() !== 'o') return;
      event.preventDefault();
      setShowLandmarks((on) => !on);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  // A new image starts with the page's invert setting.
  const invertedRef = useRef(inverted);
  useEffect(() => {
    invertedRef.current = inverted;
  }, [inverted]);
  const onMainReady = useCallback(() => viewers.current.get('main')?.invert(invertedRef.current), []);
  const onOtherReady = useCallback(() => viewers.current.get('other')?.invert(invertedRef.current), []);

  const other = spineCase === null ? undefined : otherFilm(radiograph, spineCase.radiographs);
  const previous = spineCase === null ? undefined : previousFilm(radiograph, spineCase.radiographs);
  const toggle = useCallback(
    (which: 'other' | 'previous') => setBeside((current) => (current === which ? 'none' : which)),
    [],
  );
  // "S" toggles the other view side by side, "V" the previous visit (the toolbar handles its own keys).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target;
      const typing =
        target instanceof HTMLElement &&
        (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
      if (event.ctrlKey || event.metaKey || event.altKey || typing) return;
      const key = event.key.toLowerCase();
      if (key === 's' && other !== undefined) toggle('other');
      else if (key === 'v' && previous !== undefined) toggle('previous');
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [other, previous, toggle]);

  const besideFilm = beside === 'other' ? other : beside === 'previous' ? previous : undefined;
  const showOther = besideFilm !== undefined;
  const otherView = radiograph.view === 'coronal' ? 'lateral' : 'coronal';

  return (
    <div className="imaging-page" data-side-by-side={showOther}>
      <header className="imaging-header">
        <h1>{title(radiograph)}</h1>
        <p>
          <span className="imaging-size">{size(radiograph)}</span>
          {' · '}
          {spineCase !== null ? (
            <Link to={`/cases/${encodeURIComponent(spineCase.id)}`}>
              Case of {spineCase.patient.name} ({label(spineCase.diagnosis)})
            </Link>
          ) : (
            <Link to="/">Worklist</Link>
          )}
          {caseError !== null ? <span role="alert"> — the case could not be loaded: {caseError}</span> : null}
        </p>
      </header>
      <ViewerToolbar
        tool={tool}
        onToolChange={setTool}
        inverted={inverted}
        onInvertChange={(on) => {
          setInverted(on);
          each((v) => v.invert(on));
        }}
        onFit={() => each((v) => v.fit())}
        onResetWindowLevel={() => each((v) => v.resetWindowLevel())}
      >
        <button
          type="button"
          aria-pressed={beside === 'other'}
          disabled={other === undefined}
          title={
            other === undefined
              ? `No ${otherView} film with an image in this case`
              : `Side by side (S): show the ${otherView} film next to this one`
          }
          aria-keyshortcuts="S"
          onClick={() => toggle('other')}
        >
          Side by side
          <kbd aria-hidden="true">S</kbd>
        </button>
        <button
          type="button"
          aria-pressed={beside === 'previous'}
          disabled={previous === undefined}
          title={
            previous === undefined
              ? 'No earlier film of this view with an image in this case'
              : `Previous visit (V): the ${label(radiograph.view).toLowerCase()} film of ${formatDate(previous.takenOn ?? '')} next to this one`
          }
          aria-keyshortcuts="V"
          onClick={() => toggle('previous')}
        >
          Previous visit
          <kbd aria-hidden="true">V</kbd>
        </button>
      </ViewerToolbar>
      <div className="imaging-controls">
        {editor.controls}
        <button
          type="button"
          aria-pressed={showLandmarks}
          aria-keyshortcuts="O"
          title="Show or hide the landmarks (O)"
          onClick={() => setShowLandmarks((on) => !on)}
        >
          Landmarks shown
        </button>
      </div>
      <div className="imaging-body">
        <div className="imaging-films">
          <FilmPane
            radiograph={radiograph}
            caption={showOther}
            tool={calibration.active ? 'point' : tool}
            viewerRef={registerMain}
            onPointer={onPointer}
            onReady={onMainReady}
            overlay={overlay}
          />
          {besideFilm !== undefined ? (
            <FilmPane
              radiograph={besideFilm}
              caption
              tool={tool === 'point' ? 'pan' : tool}
              viewerRef={registerOther}
              onReady={onOtherReady}
            />
          ) : null}
        </div>
        <aside className="imaging-side" aria-label="Landmarks and parameters">
          {editor.side}
        </aside>
      </div>
      <div className="imaging-footer">
        <p className="imaging-cursor">
          Cursor:{' '}
          <output ref={readout} data-testid="cursor-readout" aria-live="off">
            —
          </output>
        </p>
        <div>
          <Calibration radiograph={radiograph} />
          {calibration.panel}
        </div>
        <p className="imaging-notice" role="note">
          <strong>Decision support only.</strong> Measurements made on this image are aids for the surgeon,
          who checks them against the original film before any clinical decision. Wheel: zoom · right or
          middle drag: pan · Ctrl + drag: window/level · ? all shortcuts.
        </p>
      </div>
      {editor.dialogs}
    </div>
  );
}

export default ImagingPage;
