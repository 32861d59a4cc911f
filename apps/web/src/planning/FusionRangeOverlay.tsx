// The plan's fusion range on the preoperative film: every vertebra from UIV to LIV outlined in yellow, the UIV
// and LIV named beside their posterior wall, and while picking, the first vertebra clicked (dashed) awaiting the
// second. SVG in the overlay's screen pixels; positions from the preoperative landmark set (levelPicking.ts).
import { centroid, type FusionRange, type LateralRadiograph, type Level, type Point } from '@spinerecon/core';
import type { ReactNode } from 'react';
import { fusedLevels, quadrilateralOf } from './levelPicking';

const FUSION = '#ffd54f';
const PENDING = '#ffffff';

export interface FusionRangeOverlayProps {
  /** The preoperative standing lateral film. */
  readonly film: LateralRadiograph;
  readonly fusion: FusionRange | undefined;
  /** The first vertebra clicked while the second is awaited. */
  readonly pending?: Level;
  /** Image pixels to overlay pixels (the viewer's `overlay` argument). */
  toScreen(p: readonly [number, number]): [number, number];
}

function centreOf(film: LateralRadiograph, level: Level): Point | undefined {
  const vertebra = film.vertebrae[level];
  if (vertebra === undefined) return undefined;
  const points = Object.values(vertebra).filter((p): p is Point => p !== undefined);
  return vertebra.centroid ?? (points.length === 0 ? undefined : centroid(points));
}

function Vertebra(props: {
  readonly film: LateralRadiograph;
  readonly level: Level;
  readonly role: 'uiv' | 'liv' | 'fused' | 'pending';
  readonly toScreen: (p: readonly [number, number]) => [number, number];
}): ReactNode {
  const { film, level, role, toScreen } = props;
  const vertebra = film.vertebrae[level];
  if (vertebra === undefined) return null;
  const pending = role === 'pending';
  const stroke = pending ? PENDING : FUSION;
  const quadrilateral = quadrilateralOf(vertebra);
  const ends = role === 'uiv' || role === 'liv';
  const shape =
    quadrilateral !== undefined ? (
      <polygon
        points={quadrilateral.map((p) => toScreen(p).join(',')).join(' ')}
        fill={pending ? 'none' : FUSION}
        fillOpacity={ends ? 0.3 : 0.12}
        stroke={stroke}
        strokeWidth={ends || pending ? 2 : 1}
        strokeDasharray={pending ? '5 3' : undefined}
      />
    ) : (
      (() => {
        const centre = centreOf(film, level);
        if (centre === undefined) return null;
        const [x, y] = toScreen(centre);
        return (
          <circle
            cx={x}
            cy={y}
            r={7}
            fill={pending ? 'none' : FUSION}
            fillOpacity={0.3}
            stroke={stroke}
            strokeWidth={2}
            strokeDasharray={pending ? '5 3' : undefined}
          />
        );
      })()
    );
  const centre = centreOf(film, level);
  const label = role === 'uiv' ? `UIV ${level}` : role === 'liv' ? `LIV ${level}` : undefined;
  // Labels go behind the spine (posterior), beside the middle of the posterior wall, where nothing else is drawn.
  const posteriorLeft = film.anteriorOnImage === 'right';
  const back = [vertebra.superiorPosterior, vertebra.inferiorPosterior].filter(
    (p): p is Point => p !== undefined,
  );
  const wall = back.length === 0 ? centre : centroid(back);
  const at = wall === undefined ? undefined : toScreen(wall);
  return (
    <g data-level={level} data-role={role}>
      {shape}
      {label === undefined || at === undefined ? null : (
        <text
          x={at[0] + (posteriorLeft ? -10 : 10)}
          y={at[1] + 10}
          textAnchor={posteriorLeft ? 'end' : 'start'}
          fill={stroke}
          fontSize={13}
          fontWeight={600}
          stroke="#000"
          strokeWidth={0.4}
        >
          {label}
        </text>
      )}
    </g>
  );
}

export function FusionRangeOverlay(props: FusionRangeOverlayProps): ReactNode {
  const { film, fusion, pending } = props;
  const levels = fusion === undefined ? [] : fusedLevels(fusion);
  const toScreen = (p: readonly [number, number]) => props.toScreen(p);
  return (
    <g data-testid="fusion-range" pointerEvents="none">
      {levels.map((level, i) => (
        <Vertebra
          key={level}
          film={film}
          level={level}
          role={i === 0 ? 'uiv' : i === levels.length - 1 ? 'liv' : 'fused'}
          toScreen={toScreen}
        />
      ))}
      {pending === undefined ? null : (
        <Vertebra film={film} level={pending} role="pending" toScreen={toScreen} />
      )}
    </g>
  );
}
