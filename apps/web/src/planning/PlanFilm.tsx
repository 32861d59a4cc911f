import type {
  AlignmentTargets,
  FusionRange,
  LateralRadiograph,
  Level,
  Osteotomy,
  TargetSetName,
} from '@spinerecon/core';
import { useEffect, useMemo, useState } from 'react';
import type { Radiograph } from '../api/types';
import { formatDate } from '../labels';
import { renderedFilmUrl } from '../viewer/cornerstone';
import {
  RadiographViewer,
  type ImagePointerEvent,
  type RadiographMediaType,
} from '../viewer/RadiographViewer';
import { FusionRangeOverlay } from './FusionRangeOverlay';
import { pickFusionLevel, vertebraAt } from './levelPicking';
import { targetSetOf } from './planModel';
import {
  HingeMarkers,
  osteotomyHinges,
  PredictedSpineOverlay,
  rangeOf,
  SimulatedFilm,
  simulatedFilmSegments,
  TargetAnnotations,
} from './simulation';

// The case's standing lateral film in the viewer (navigate mode: pan, zoom, window/level), with the predicted
// spine of the current plan drawn over it (simulation/PredictedSpineOverlay) when the plan can be simulated, and
// the image simulation: the film cut at each osteotomy and its parts moved as the plan says (a DICOM film is first
// rendered at one pixel per image pixel, since SVG shows PNG/JPEG only). On the ghost: each osteotomy's hinge with
// its level, grade and wedge angle, and (toggle) what the chosen SVA and PT targets mean on the predicted film.
// The fusion range is drawn on the preoperative vertebrae and can be picked there: in "Pick UIV/LIV on the film"
// the first vertebra clicked becomes the UIV, the second the LIV (levelPicking.ts; the level list stays).

const MEDIA_TYPES: readonly RadiographMediaType[] = ['application/dicom', 'image/png', 'image/jpeg'];

export interface PlanFilmProps {
  readonly radiograph: Radiograph | undefined;
  /** The film's landmarks as the core read them, and as the plan would leave them (when simulated). */
  readonly before: LateralRadiograph | undefined;
  readonly after: LateralRadiograph | undefined;
  /** The plan's osteotomies, when `after` is their prediction: their hinges are drawn. */
  readonly osteotomies?: readonly Osteotomy[];
  /** The predicted film's alignment targets (`PlanOutput.targets.predicted`) and the chosen set. */
  readonly targets?: AlignmentTargets;
  readonly targetSet?: TargetSetName;
  /** The plan's fusion range, drawn on the preoperative vertebrae. */
  readonly fusion?: FusionRange;
  /** Picking on the film changes the fusion range through this. */
  readonly onFusionChange?: (fusion: FusionRange) => void;
}

type Picking =
  { readonly on: false } | { readonly on: true; readonly first: Level | undefined; readonly missed: boolean };

export function PlanFilm({
  radiograph,
  before,
  after,
  osteotomies,
  targets,
  targetSet,
  fusion,
  onFusionChange,
}: PlanFilmProps) {
  const [showBefore, setShowBefore] = useState(true);
  const [showTargets, setShowTargets] = useState(true);
  const [showFusion, setShowFusion] = useState(true);
  const [picking, setPicking] = useState<Picking>({ on: false });
  const canPick = before !== undefined && onFusionChange !== undefined;
  useEffect(() => {
    if (!picking.on) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setPicking({ on: false });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [picking.on]);
  const onImagePointer = (event: ImagePointerEvent) => {
    if (!picking.on || event.type !== 'down' || event.button !== 0) return;
    if (before === undefined || onFusionChange === undefined) return;
    const level = vertebraAt(before, event.image);
    if (level === undefined) {
      setPicking({ ...picking, missed: true });
      return;
    }
    const next = pickFusionLevel(fusion, picking.first, level);
    onFusionChange(next.fusion);
    setPicking(next.first === undefined ? { on: false } : { on: true, first: next.first, missed: false });
  };
  const hinges = useMemo(
    () =>
      osteotomies === undefined || before === undefined || after === undefined
        ? []
        : osteotomyHinges(osteotomies, before, after),
    [osteotomies, before, after],
  );
  const chosen =
    targets === undefined || targetSet === undefined ? undefined : targetSetOf(targets, targetSet);
  const sva = rangeOf(chosen?.targets, 'sagittalVerticalAxisMm');
  const pt = rangeOf(chosen?.targets, 'pelvicTiltDeg');
  const calibrated = after?.pixelSpacingMm !== undefined;
  const targetNote =
    chosen === undefined
      ? ''
      : sva === undefined && pt === undefined
        ? ` — ${chosen.name} has no SVA or PT target`
        : sva !== undefined && !calibrated
          ? ' — SVA band needs a calibrated film'
          : '';
  const [simulateImage, setSimulateImage] = useState(false);
  const mediaType = MEDIA_TYPES.find((t) => t === radiograph?.image?.mediaType);
  const widthPx = radiograph?.image?.widthPx ?? null;
  const heightPx = radiograph?.image?.heightPx ?? null;
  const canSimulateImage = mediaType !== undefined && widthPx !== null && heightPx !== null;
  const [renderedUrl, setRenderedUrl] = useState<string | undefined>();
  const [renderError, setRenderError] = useState<string | undefined>();
  const needsRendering =
    simulateImage && mediaType === 'application/dicom' && widthPx !== null && heightPx !== null;
  const filmId = radiograph?.id;
  const filmVersion = radiograph?.image?.sha256;
  useEffect(() => {
    if (!needsRendering || filmId === undefined || widthPx === null || heightPx === null) return undefined;
    let url: string | undefined;
    let cancelled = false;
    setRenderError(undefined);
    renderedFilmUrl(
      {
        id: filmId,
        mediaType: 'application/dicom',
        ...(filmVersion === undefined ? {} : { version: filmVersion }),
      },
      widthPx,
      heightPx,
    ).then(
      (made) => {
        url = made;
        if (cancelled) URL.revokeObjectURL(made);
        else setRenderedUrl(made);
      },
      (error: unknown) =>
        !cancelled && setRenderError(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      cancelled = true;
      if (url !== undefined) URL.revokeObjectURL(url);
      setRenderedUrl(undefined);
    };
  }, [needsRendering, filmId, filmVersion, widthPx, heightPx]);
  const simulationImageUrl =
    mediaType === 'application/dicom'
      ? renderedUrl
      : radiograph === undefined
        ? undefined
        : `/api/v1/radiographs/${encodeURIComponent(radiograph.id)}/image`;
  const segments =
    simulateImage && canSimulateImage && before !== undefined && after !== undefined
      ? simulatedFilmSegments(before, after, { widthPx, heightPx })
      : undefined;
  return (
    <section className="plan-panel" aria-labelledby="film-title">
      <h2 id="film-title">Standing lateral film</h2>
      {radiograph === undefined ? (
        <p className="muted">The case has no standing lateral film.</p>
      ) : mediaType === undefined ? (
        <p className="muted">This film has no image that can be shown.</p>
      ) : (
        <>
          <label className="inline plan-check">
            <input type="checkbox" checked={showBefore} onChange={(e) => setShowBefore(e.target.checked)} />
            Preoperative outline
          </label>
          <label className="inline plan-check">
            <input
              type="checkbox"
              checked={simulateImage}
              disabled={!canSimulateImage}
              onChange={(e) => setSimulateImage(e.target.checked)}
            />
            Simulated film (cut at each osteotomy)
            {needsRendering && renderedUrl === undefined && renderError === undefined
              ? ' — preparing the film…'
              : ''}
          </label>
          {renderError === undefined ? null : (
            <p role="alert">The film could not be prepared: {renderError}</p>
          )}
          <label className="inline plan-check">
            <input
              type="checkbox"
              checked={showTargets}
              disabled={chosen === undefined}
              onChange={(e) => setShowTargets(e.target.checked)}
            />
            Targets on the film{targetNote}
          </label>
          <label className="inline plan-check">
            <input type="checkbox" checked={showFusion} onChange={(e) => setShowFusion(e.target.checked)} />
            Fusion range
          </label>
          <div className="plan-row plan-pick">
            <button
              type="button"
              className="small secondary"
              aria-pressed={picking.on}
              disabled={!canPick}
              onClick={() =>
                setPicking(picking.on ? { on: false } : { on: true, first: undefined, missed: false })
              }
            >
              {picking.on ? 'Stop picking' : 'Pick UIV/LIV on the film'}
            </button>
            <span className="plan-hint" role="status" data-picking={picking.on ? 'on' : 'off'}>
              {!canPick
                ? 'Picking needs the landmarks of this film.'
                : !picking.on
                  ? ''
                  : `${
                      picking.first === undefined
                        ? 'Click the upper instrumented vertebra (UIV) on the film.'
                        : `${picking.first} picked: now click the ${picking.first === 'S1' ? 'upper' : 'lower'} instrumented vertebra.`
                    }${picking.missed ? ' No marked vertebra there: click inside a vertebral body.' : ''} Esc stops.`}
            </span>
          </div>
          <p className="plan-hint">
            {after === undefined
              ? 'No predicted spine: the plan is not valid or cannot be simulated.'
              : 'Blue: the predicted spine of this plan; orange dashed: the preoperative landmarks; pink: osteotomy hinges; green: the SVA and PT targets on the predicted film.'}
          </p>
          <div
            className="plan-film"
            data-predicted={after === undefined ? 'false' : 'true'}
            data-picking={picking.on ? 'on' : 'off'}
          >
            <RadiographViewer
              radiographId={radiograph.id}
              mediaType={mediaType}
              imageVersion={radiograph.image?.sha256}
              mode={picking.on ? 'place' : 'navigate'}
              tool="pan"
              onImagePointer={onImagePointer}
              label={`Lateral radiograph, standing${radiograph.takenOn === null ? '' : `, ${formatDate(radiograph.takenOn)}`}`}
              overlay={
                before === undefined
                  ? undefined
                  : (toScreen) => (
                      <>
                        {after !== undefined &&
                        segments !== undefined &&
                        simulationImageUrl !== undefined &&
                        widthPx !== null &&
                        heightPx !== null ? (
                          <SimulatedFilm
                            imageUrl={simulationImageUrl}
                            widthPx={widthPx}
                            heightPx={heightPx}
                            segments={segments}
                            toScreen={(p) => toScreen([p[0], p[1]])}
                          />
                        ) : null}
                        {after === undefined ? null : (
                          <PredictedSpineOverlay
                            before={before}
                            after={after}
                            showBefore={showBefore}
                            toScreen={(p) => toScreen([p[0], p[1]])}
                          />
                        )}
                        {showFusion || picking.on ? (
                          <FusionRangeOverlay
                            film={before}
                            fusion={fusion}
                            {...(picking.on && picking.first !== undefined ? { pending: picking.first } : {})}
                            toScreen={(p) => toScreen([p[0], p[1]])}
                          />
                        ) : null}
                        {after !== undefined && showTargets && (sva !== undefined || pt !== undefined) ? (
                          <TargetAnnotations
                            film={after}
                            sva={sva}
                            pt={pt}
                            toScreen={(p) => toScreen([p[0], p[1]])}
                          />
                        ) : null}
                        {hinges.length === 0 ? null : (
                          <HingeMarkers hinges={hinges} toScreen={(p) => toScreen([p[0], p[1]])} />
                        )}
                      </>
                    )
              }
            />
          </div>
        </>
      )}
    </section>
  );
}
