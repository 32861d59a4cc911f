// The predicted spine as a ghost over the preoperative film: every vertebra of the predicted film as a
// translucent quadrilateral (a marked centroid alone as a small circle), the femoral heads, the C7 plumb line
// of the predicted film, and optionally the preoperative outline, thin. Pure SVG, drawn in the overlay's
// screen pixels; every position comes from the core's predicted film.
import { centroid, LEVELS, type LateralRadiograph, type LateralVertebra, type Point } from '@spinerecon/core';
import { useEffect, type ReactNode } from 'react';

export interface PredictedSpineOverlayProps {
  /** The preoperative standing lateral film (`PlanPrediction.lateral`). */
  readonly before: LateralRadiograph;
  /** The predicted film (`PlanPrediction.predictedCase.radiographs[0]`), in the same image pixels. */
  readonly after: LateralRadiograph;
  /** Image pixels to overlay pixels (the viewer's `overlay` argument). */
  toScreen(p: readonly [number, number]): [number, number];
  /** Also draw the preoperative outline, thin and dashed. Default false. */
  readonly showBefore?: boolean;
}

const GHOST = '#4fc3f7';
const PREOP = '#ffb74d';

/** The corners in drawing order, when all four are marked. */
function outline(vertebra: LateralVertebra): readonly Point[] | undefined {
  const { superiorAnterior, superiorPosterior, inferiorPosterior, inferiorAnterior } = vertebra;
  if (
    superiorAnterior === undefined ||
    superiorPosterior === undefined ||
    inferiorPosterior === undefined ||
    inferiorAnterior === undefined
  ) {
    return undefined;
  }
  return [superiorAnterior, superiorPosterior, inferiorPosterior, inferiorAnterior];
}

/** As the core defines it: the mean of the four corners when all are marked, else the marked centroid. */
export function vertebralCentroid(vertebra: LateralVertebra | undefined): Point | undefined {
  if (vertebra === undefined) return undefined;
  const corners = outline(vertebra);
  return corners === undefined ? vertebra.centroid : centroid(corners);
}

function lowestY(film: LateralRadiograph): number {
  const ys = [
    ...Object.values(film.vertebrae).flatMap((v) => Object.values(v ?? {}).map((p) => p[1])),
    ...film.femoralHeads.map((h) => h.center[1]),
  ];
  return ys.length === 0 ? 0 : Math.max(...ys);
}

function Vertebrae(props: {
  readonly film: LateralRadiograph;
  readonly toScreen: (p: readonly [number, number]) => [number, number];
  readonly kind: 'predicted' | 'preoperative';
}): ReactNode {
  const { film, toScreen, kind } = props;
  const predicted = kind === 'predicted';
  const stroke = predicted ? GHOST : PREOP;
  return LEVELS.map((level) => {
    const vertebra = film.vertebrae[level];
    if (vertebra === undefined) return null;
    const corners = outline(vertebra);
    if (corners !== undefined) {
      return (
        <polygon
          key={level}
          data-level={level}
          data-kind={kind}
          points={corners.map((p) => toScreen(p).join(',')).join(' ')}
          fill={predicted ? GHOST : 'none'}
          fillOpacity={predicted ? 0.25 : 0}
          stroke={stroke}
          strokeWidth={predicted ? 1.5 : 1}
          strokeDasharray={predicted ? undefined : '4 3'}
          strokeLinejoin="round"
        />
      );
    }
    // Some corners only (the sacrum's superior endplate): the marked edge as a line.
    const marked = [
      vertebra.superiorAnterior,
      vertebra.superiorPosterior,
      vertebra.inferiorPosterior,
      vertebra.inferiorAnterior,
    ].filter((p): p is Point => p !== undefined);
    if (marked.length >= 2) {
      return (
        <polyline
          key={level}
          data-level={level}
          data-kind={kind}
          points={marked.map((p) => toScreen(p).join(',')).join(' ')}
          fill="none"
          stroke={stroke}
          strokeWidth={predicted ? 2 : 1}
          strokeDasharray={predicted ? undefined : '4 3'}
        />
      );
    }
    const centre = vertebra.centroid;
    if (centre === undefined) return null;
    const [x, y] = toScreen(centre);
    return (
      <circle
        key={level}
        data-level={level}
        data-kind={kind}
        cx={x}
        cy={y}
        r={5}
        fill={predicted ? GHOST : 'none'}
        fillOpacity={predicted ? 0.35 : 0}
        stroke={stroke}
        strokeWidth={predicted ? 1.5 : 1}
        strokeDasharray={predicted ? undefined : '4 3'}
      />
    );
  });
}

export function PredictedSpineOverlay(props: PredictedSpineOverlayProps): ReactNode {
  const { before, after, showBefore = false } = props;
  useEffect(() => {
    // For `npm run bench:web`: from a change of the plan to the ghost drawn with the new predicted film.
    performance.mark('spinerecon:prediction-drawn');
  }, [after]);
  const toScreen = (p: readonly [number, number]) => props.toScreen(p);
  const c7 = vertebralCentroid(after.vertebrae.C7);
  const plumb =
    c7 === undefined
      ? undefined
      : { from: toScreen(c7), to: toScreen([c7[0], Math.max(lowestY(after), c7[1]) + 50]) };
  return (
    <g className="predicted-spine" data-testid="predicted-spine" pointerEvents="none">
      {showBefore ? (
        <g data-testid="preoperative-outline">
          <Vertebrae film={before} toScreen={toScreen} kind="preoperative" />
        </g>
      ) : null}
      <g data-testid="predicted-vertebrae">
        <Vertebrae film={after} toScreen={toScreen} kind="predicted" />
      </g>
      {after.femoralHeads.map((head, i) => {
        const [x, y] = toScreen(head.center);
        return (
          <circle
            key={`head-${i}`}
            data-kind="predicted-femoral-head"
            cx={x}
            cy={y}
            r={6}
            fill={GHOST}
            fillOpacity={0.25}
            stroke={GHOST}
            strokeWidth={1.5}
          />
        );
      })}
      {plumb === undefined ? null : (
        <g data-testid="predicted-c7-plumb-line">
          <line
            x1={plumb.from[0]}
            y1={plumb.from[1]}
            x2={plumb.to[0]}
            y2={plumb.to[1]}
            stroke={GHOST}
            strokeWidth={1.5}
            strokeDasharray="8 4"
          />
          <circle cx={plumb.from[0]} cy={plumb.from[1]} r={3} fill={GHOST} />
        </g>
      )}
    </g>
  );
}
