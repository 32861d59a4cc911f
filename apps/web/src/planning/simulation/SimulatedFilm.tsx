// The predicted film as the preoperative image cut into the plan's rigid segments: each segment's region of
// the original image, clipped by its polygon and moved by its matrix, drawn inside the viewer's overlay SVG.
//
// `imageUrl`: for PNG/JPEG films the API's `/api/v1/radiographs/:id/image` works directly (same origin, the
// session cookie is sent). A DICOM film cannot be drawn by an SVG <image>: pass instead a data URL of the
// rendered image the caller takes from the viewer's canvas (`canvas.toDataURL()`), in the film's own pixels
// (widthPx × heightPx, i.e. rendered at one canvas pixel per image pixel, unpanned, unrotated), so that the
// image spans [0, widthPx] × [0, heightPx] in image coordinates.
import { useId, type ReactNode } from 'react';
import { composeAffine, type Affine, type Segment } from './segments';

export interface SimulatedFilmProps {
  readonly imageUrl: string;
  /** The image's size in pixels (columns × rows). */
  readonly widthPx: number;
  readonly heightPx: number;
  /** From `simulatedFilmSegments(before, after, { widthPx, heightPx })`. */
  readonly segments: readonly Segment[];
  /** Image pixels to overlay pixels (the viewer's `overlay` argument); assumed affine, as the viewer's is. */
  toScreen(p: readonly [number, number]): [number, number];
  /** Cover the original film under the segments (the wedges an osteotomy closes show black). Default true. */
  readonly hideOriginal?: boolean;
}

/** The affine map of `toScreen`, read off three points spanning the image. */
export function screenAffine(
  toScreen: (p: readonly [number, number]) => [number, number],
  widthPx: number,
  heightPx: number,
): Affine {
  const w = widthPx > 0 ? widthPx : 1;
  const h = heightPx > 0 ? heightPx : 1;
  const o = toScreen([0, 0]);
  const x = toScreen([w, 0]);
  const y = toScreen([0, h]);
  return {
    a: (x[0] - o[0]) / w,
    b: (x[1] - o[1]) / w,
    c: (y[0] - o[0]) / h,
    d: (y[1] - o[1]) / h,
    e: o[0],
    f: o[1],
  };
}

const matrix = (m: Affine): string => `matrix(${m.a} ${m.b} ${m.c} ${m.d} ${m.e} ${m.f})`;

export function SimulatedFilm(props: SimulatedFilmProps): ReactNode {
  const { imageUrl, widthPx, heightPx, segments, hideOriginal = true } = props;
  const prefix = `sim-film-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  const screen = screenAffine((p) => props.toScreen(p), widthPx, heightPx);
  return (
    <g className="simulated-film" data-testid="simulated-film" pointerEvents="none">
      {hideOriginal ? (
        <rect x={0} y={0} width={widthPx} height={heightPx} fill="#000" transform={matrix(screen)} />
      ) : null}
      {segments.map((segment, i) => {
        const id = `${prefix}-${i}`;
        return (
          <g key={id} transform={matrix(composeAffine(screen, segment.matrix))} data-segment={i}>
            <clipPath id={id}>
              <polygon points={segment.polygon.map((p) => `${p[0]},${p[1]}`).join(' ')} />
            </clipPath>
            <image
              href={imageUrl}
              x={0}
              y={0}
              width={widthPx}
              height={heightPx}
              preserveAspectRatio="none"
              clipPath={`url(#${id})`}
            />
          </g>
        );
      })}
    </g>
  );
}
