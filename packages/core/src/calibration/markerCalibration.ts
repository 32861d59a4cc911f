import { distance, type Point } from '../geometry/point.js';

/**
 * A calibration marker of known size seen on the film: a ruler (two points a known length apart) or a
 * radiopaque ball (three points on its edge). The spacing it gives holds in the marker's plane: the marker
 * must lie at the spine's distance from the detector, or distances are off by about 1 % per cm (Klever 2022).
 */
export type CalibrationMarker =
  | { readonly kind: 'ruler'; readonly lengthMm: number; readonly from: Point; readonly to: Point }
  | { readonly kind: 'ball'; readonly diameterMm: number; readonly edge: readonly [Point, Point, Point] };

export type MarkerCalibration =
  | {
      readonly ok: true;
      /** Millimetres per pixel (square pixels: PNG/JPEG carry no pixel aspect). */
      readonly pixelSpacingMm: number;
      /** The marker's size on the image, in pixels. */
      readonly measuredPx: number;
      readonly description: string;
    }
  | { readonly ok: false; readonly reason: string };

/** Below this size a one-pixel click error is more than 5 % of the marker: too coarse to calibrate. */
export const MIN_MARKER_PX = 20;

/**
 * Millimetres per pixel from a marker of known size: known size ÷ size on the image (geometric similarity;
 * magnification correction with a calibration marker, Klever 2022). Says why when it cannot.
 */
export function calibrateFromMarker(marker: CalibrationMarker): MarkerCalibration {
  const knownMm = marker.kind === 'ruler' ? marker.lengthMm : marker.diameterMm;
  if (!Number.isFinite(knownMm) || knownMm <= 0) {
    return { ok: false, reason: `the marker's known size must be a positive number of millimetres` };
  }
  let measuredPx: number;
  if (marker.kind === 'ruler') {
    measuredPx = distance(marker.from, marker.to);
  } else {
    const diameterPx = circleDiameterThrough(...marker.edge);
    if (diameterPx === undefined) {
      return {
        ok: false,
        reason: 'the three points on the ball are on one line: they must lie around its edge',
      };
    }
    measuredPx = diameterPx;
  }
  if (!(measuredPx >= MIN_MARKER_PX)) {
    return {
      ok: false,
      reason: `the marker measures ${measuredPx.toFixed(1)} px on the image; at least ${MIN_MARKER_PX} px are needed for a calibration within 5 %`,
    };
  }
  const pixelSpacingMm = knownMm / measuredPx;
  const what = marker.kind === 'ruler' ? `${knownMm} mm ruler` : `${knownMm} mm ball`;
  return {
    ok: true,
    pixelSpacingMm,
    measuredPx,
    description: `${what} measuring ${measuredPx.toFixed(1)} px: ${pixelSpacingMm.toFixed(4)} mm per pixel in the marker's plane`,
  };
}

/** Diameter of the circle through three points, or undefined when they are (nearly) collinear. */
function circleDiameterThrough(a: Point, b: Point, c: Point): number | undefined {
  const ab = distance(a, b);
  const bc = distance(b, c);
  const ca = distance(c, a);
  // Twice the triangle's signed area; the circumradius is abc / (4 · area).
  const twiceArea = Math.abs((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
  if (twiceArea <= 1e-9 * Math.max(ab * bc, bc * ca, ca * ab, 1)) return undefined;
  return (ab * bc * ca) / twiceArea;
}
