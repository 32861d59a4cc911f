import { calibrateFromMarker, type CalibrationMarker, type Point } from '@spinerecon/core';
import { useCallback, useState, type FormEvent, type ReactNode } from 'react';
import { apiJson, messageOf } from '../api/client';
import type { Radiograph } from '../api/types';
import type { ImagePointerEvent } from '../viewer/RadiographViewer';

// The calibration protocol: a marker of known size on the film (a ruler's two ends, or three points on the edge of
// a calibration ball), previewed with the core's calibrateFromMarker and stored by the server (which computes it
// again). The DICOM spacing, when there is one, is shown with its source by the imaging page.

type Kind = 'ruler' | 'ball';

const NEEDED: Readonly<Record<Kind, number>> = { ruler: 2, ball: 3 };

function markerOf(kind: Kind, sizeMm: number, points: readonly Point[]): CalibrationMarker | undefined {
  const [a, b, c] = points;
  if (kind === 'ruler' && a !== undefined && b !== undefined)
    return { kind, lengthMm: sizeMm, from: a, to: b };
  if (kind === 'ball' && a !== undefined && b !== undefined && c !== undefined)
    return { kind, diameterMm: sizeMm, edge: [a, b, c] };
  return undefined;
}

export function useMarkerCalibration(radiograph: Radiograph, onCalibrated: (radiograph: Radiograph) => void) {
  const [active, setActive] = useState(false);
  const [kind, setKind] = useState<Kind>('ball');
  const [sizeMm, setSizeMm] = useState(25);
  const [points, setPoints] = useState<readonly Point[]>([]);
  const [error, setError] = useState<string | null>(null);

  const marker = markerOf(kind, sizeMm, points);
  const preview = marker === undefined ? undefined : calibrateFromMarker(marker);

  const onPointer = useCallback(
    (event: ImagePointerEvent) => {
      if (event.type !== 'down' || event.button > 0) return;
      setPoints((current) =>
        current.length >= NEEDED[kind]
          ? [[event.image[0], event.image[1]]]
          : [...current, [event.image[0], event.image[1]]],
      );
    },
    [kind],
  );

  const start = () => {
    setActive(true);
    setPoints([]);
    setError(null);
  };
  const cancel = () => {
    setActive(false);
    setPoints([]);
  };

  async function apply(event: FormEvent) {
    event.preventDefault();
    if (marker === undefined) return;
    try {
      const updated = await apiJson<Radiograph>(
        'POST',
        `/radiographs/${encodeURIComponent(radiograph.id)}/calibration/marker`,
        {
          body: marker,
        },
      );
      onCalibrated(updated);
      cancel();
    } catch (problem) {
      setError(messageOf(problem));
    }
  }

  const overlay = (toScreen: (p: [number, number]) => [number, number]): ReactNode => {
    if (!active || points.length === 0) return null;
    const screen = points.map((p) => toScreen([p[0], p[1]]));
    return (
      <g className="calibration-marks">
        {screen.map(([x, y], i) => (
          <circle key={i} cx={x} cy={y} r={5} />
        ))}
        {kind === 'ruler' && screen.length === 2 ? (
          <line x1={screen[0]?.[0]} y1={screen[0]?.[1]} x2={screen[1]?.[0]} y2={screen[1]?.[1]} />
        ) : null}
      </g>
    );
  };

  const panel: ReactNode = !active ? (
    <button type="button" onClick={start}>
      Calibrate with a marker…
    </button>
  ) : (
    <form className="calibration-form" onSubmit={(e) => void apply(e)} aria-label="Calibrate with a marker">
      <p>
        {kind === 'ruler'
          ? 'Click both ends of the ruler’s known length.'
          : 'Click three points on the edge of the calibration ball.'}{' '}
        Place the marker at the level of the spine. ({points.length} of {NEEDED[kind]} placed)
      </p>
      <label>
        Marker{' '}
        <select
          value={kind}
          onChange={(e) => {
            setKind(e.target.value === 'ruler' ? 'ruler' : 'ball');
            setPoints([]);
          }}
        >
          <option value="ball">Ball (3 points on its edge)</option>
          <option value="ruler">Ruler (2 points)</option>
        </select>
      </label>{' '}
      <label>
        {kind === 'ruler' ? 'Length' : 'Diameter'} (mm){' '}
        <input
          type="number"
          min={0.1}
          step={0.1}
          value={sizeMm}
          onChange={(e) => setSizeMm(Number(e.target.value))}
          required
        />
      </label>
      <p role="status" data-testid="calibration-preview">
        {preview === undefined
          ? ''
          : preview.ok
            ? preview.description
            : `Cannot calibrate: ${preview.reason}`}
      </p>
      {error === null ? null : <p role="alert">{error}</p>}
      <button type="submit" disabled={preview === undefined || !preview.ok}>
        Apply calibration
      </button>{' '}
      <button type="button" onClick={cancel}>
        Cancel
      </button>
    </form>
  );

  return { active, onPointer, overlay, panel };
}
