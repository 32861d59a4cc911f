import type { AlignmentTargets, LateralRadiograph, Osteotomy, TargetSetName } from '@spinerecon/core';
import { useEffect, useMemo, useState } from 'react';
import type { Radiograph } from '../api/types';
import { formatDate } from '../labels';
import { renderedFilmUrl } from '../viewer/cornerstone';
import { RadiographViewer, type RadiographMediaType } from '../viewer/RadiographViewer';
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
}

export function PlanFilm({ radiograph, before, after, osteotomies, targets, targetSet }: PlanFilmProps) {
  const [showBefore, setShowBefore] = useState(true);
  const [showTargets, setShowTargets] = useState(true);
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
          <p className="plan-hint">
            {after === undefined
              ? 'No predicted spine: the plan is not valid or cannot be simulated.'
              : 'Blue: the predicted spine of this plan; orange dashed: the preoperative landmarks; pink: osteotomy hinges; green: the SVA and PT targets on the predicted film.'}
          </p>
          <div className="plan-film" data-predicted={after === undefined ? 'false' : 'true'}>
            <RadiographViewer
              radiographId={radiograph.id}
              mediaType={mediaType}
              imageVersion={radiograph.image?.sha256}
              mode="navigate"
              tool="pan"
              label={`Lateral radiograph, standing${radiograph.takenOn === null ? '' : `, ${formatDate(radiograph.takenOn)}`}`}
              overlay={
                before === undefined || after === undefined
                  ? undefined
                  : (toScreen) => (
                      <>
                        {segments !== undefined &&
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
                        <PredictedSpineOverlay
                          before={before}
                          after={after}
                          showBefore={showBefore}
                          toScreen={(p) => toScreen([p[0], p[1]])}
                        />
                        {showTargets && (sva !== undefined || pt !== undefined) ? (
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
