// Drawn over the predicted spine: each osteotomy's hinge (a marker, its level, grade and wedge angle), and what
// the SVA and PT targets mean on the predicted film (filmGeometry.ts): the band the C7 plumb line must fall in,
// and the wedge of allowed hip axis → S1 midpoint lines. SVG in the overlay's screen pixels.
import { patientFrame, type LateralRadiograph, type Point } from '@spinerecon/core';
import type { ReactNode } from 'react';
import { ptWedge, svaBand, type FilmHinge, type TargetRange } from './filmGeometry';

const HINGE = '#ff4081';
const TARGET = '#81c784';
/** How far an open side of the SVA band is drawn beyond its origin (mm). */
const OPEN_SVA_MM = 300;

const fmt = (value: number): string => `${Math.round(value * 10) / 10}`;

export interface HingeMarkersProps {
  readonly hinges: readonly FilmHinge[];
  /** Image pixels to overlay pixels (the viewer's `overlay` argument). */
  toScreen(p: readonly [number, number]): [number, number];
}

export function HingeMarkers(props: HingeMarkersProps): ReactNode {
  return (
    <g data-testid="osteotomy-hinges" pointerEvents="none">
      {props.hinges.map((hinge, i) => {
        const [x, y] = props.toScreen(hinge.at);
        return (
          <g key={`${hinge.label}-${i}`} data-hinge={hinge.level}>
            <circle cx={x} cy={y} r={5} fill="none" stroke={HINGE} strokeWidth={2} />
            <line x1={x - 8} y1={y} x2={x + 8} y2={y} stroke={HINGE} strokeWidth={1.5} />
            <line x1={x} y1={y - 8} x2={x} y2={y + 8} stroke={HINGE} strokeWidth={1.5} />
            <text x={x + 10} y={y - 6} fill={HINGE} fontSize={12} stroke="#000" strokeWidth={0.3}>
              {`${hinge.label}, ${fmt(hinge.angleDeg)}° wedge`}
            </text>
          </g>
        );
      })}
    </g>
  );
}

function landmarkYs(film: LateralRadiograph): [number, number] {
  const ys = [
    ...Object.values(film.vertebrae).flatMap((v) => Object.values(v ?? {}).map((p: Point) => p[1])),
    ...film.femoralHeads.map((h) => h.center[1]),
  ];
  return ys.length === 0 ? [0, 0] : [Math.min(...ys), Math.max(...ys)];
}

const rangeText = (range: TargetRange, unit: string): string =>
  range.min !== null && range.max !== null
    ? `${fmt(range.min)} to ${fmt(range.max)} ${unit}`
    : range.max !== null
      ? `< ${fmt(range.max)} ${unit}`
      : `> ${fmt(range.min ?? 0)} ${unit}`;

export interface TargetAnnotationsProps {
  /** The predicted film. */
  readonly film: LateralRadiograph;
  readonly sva?: TargetRange;
  readonly pt?: TargetRange;
  toScreen(p: readonly [number, number]): [number, number];
}

export function TargetAnnotations(props: TargetAnnotationsProps): ReactNode {
  const { film, sva, pt } = props;
  const toScreen = (p: readonly [number, number]) => props.toScreen(p);
  const band = sva === undefined ? undefined : svaBand(film, sva);
  const wedge = pt === undefined ? undefined : ptWedge(film, pt);
  const [top, bottom] = landmarkYs(film);
  const frame = patientFrame(film.pixelSpacingMm, film.anteriorOnImage);
  const open = OPEN_SVA_MM / frame.mmPerPixelX;
  const poly = (points: readonly Point[]) => points.map((p) => toScreen(p).join(',')).join(' ');
  return (
    <g data-testid="film-targets" pointerEvents="none">
      {band === undefined || sva === undefined
        ? null
        : (() => {
            const x0 = band.xMin ?? (band.xMax ?? band.origin[0]) - open;
            const x1 = band.xMax ?? (band.xMin ?? band.origin[0]) + open;
            const y0 = top - 40;
            const y1 = bottom + 40;
            const label = toScreen([Math.min(x0, x1), y0]);
            return (
              <g data-target="sva" data-x-min={fmt(x0)} data-x-max={fmt(x1)}>
                <polygon
                  points={poly([
                    [x0, y0],
                    [x1, y0],
                    [x1, y1],
                    [x0, y1],
                  ])}
                  fill={TARGET}
                  fillOpacity={0.12}
                  stroke={TARGET}
                  strokeDasharray="6 4"
                />
                <text x={label[0] + 4} y={label[1] + 14} fill={TARGET} fontSize={12}>
                  {`SVA target ${rangeText(sva, 'mm')} (C7 plumb line)`}
                </text>
              </g>
            );
          })()}
      {wedge === undefined || pt === undefined ? null : (
        <g data-target="pt">
          <polygon
            points={poly([wedge.apex, ...wedge.arc])}
            fill={TARGET}
            fillOpacity={0.18}
            stroke={TARGET}
            strokeDasharray="6 4"
          />
          {(() => {
            const [x, y] = toScreen(wedge.apex);
            return (
              <text x={x + 10} y={y + 18} fill={TARGET} fontSize={12}>
                {`PT target ${rangeText(pt, '°')} (hip axis → S1 midpoint)`}
              </text>
            );
          })()}
        </g>
      )}
    </g>
  );
}
