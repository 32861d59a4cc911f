import type { Point, Shape } from '@spinerecon/core';
import type { ReactNode } from 'react';
import type { LandmarkSet, LandmarkTarget } from '../protocols/landmarks';
import { targetKey } from '../protocols/landmarks';

type ToScreen = (p: Point) => [number, number];

interface Props {
  readonly toScreen: ToScreen;
  readonly set: LandmarkSet;
  /** The image height in pixels (plumb lines are drawn over the whole image). */
  readonly heightPx: number;
  /** The construction of the hovered value. */
  readonly highlight: readonly Shape[] | null;
  readonly selected: LandmarkTarget | null;
  /** A proposed position for the current point (full protocols), drawn dashed. */
  readonly proposal?: readonly Point[];
}

/** The landmarks (points, endplates, femoral heads) and the hovered value's construction, over the film. */
export function LandmarkOverlay({
  toScreen,
  set,
  heightPx,
  highlight,
  selected,
  proposal,
}: Props): ReactNode {
  const selectedKey = selected === null ? null : targetKey(selected);
  const points: ReactNode[] = [];
  const lines: ReactNode[] = [];
  for (const [level, vertebra] of Object.entries(set.vertebrae)) {
    if (vertebra === undefined) continue;
    for (const side of ['superior', 'inferior'] as const) {
      const ends = Object.entries(vertebra).filter(([name]) => name.startsWith(side));
      if (ends.length === 2) {
        const [a, b] = ends.map(([, p]) => toScreen(p));
        if (a && b)
          lines.push(
            <line key={`${level}-${side}`} className="endplate" x1={a[0]} y1={a[1]} x2={b[0]} y2={b[1]} />,
          );
      }
    }
    for (const [name, p] of Object.entries(vertebra)) {
      const [x, y] = toScreen(p);
      const key = `${level}.${name}`;
      points.push(
        <circle
          key={key}
          className={key === selectedKey ? 'landmark selected' : 'landmark'}
          cx={x}
          cy={y}
          r={4}
        >
          <title>{key}</title>
        </circle>,
      );
    }
  }
  (set.femoralHeads ?? []).forEach((head, i) => {
    const [x, y] = toScreen(head.center);
    const edge =
      head.radiusPx === undefined ? undefined : toScreen([head.center[0] + head.radiusPx, head.center[1]]);
    const key = `femoralHeads[${i}]`;
    points.push(
      <g key={key} className={key === selectedKey ? 'femoral-head selected' : 'femoral-head'}>
        {edge === undefined ? null : (
          <circle cx={x} cy={y} r={Math.abs(edge[0] - x)} className="head-outline" />
        )}
        <circle cx={x} cy={y} r={4} className="landmark" />
      </g>,
    );
  });
  return (
    <svg className="landmark-overlay" aria-hidden="true">
      {lines}
      {points}
      {proposal?.map((p, i) => {
        const [x, y] = toScreen(p);
        return <circle key={`proposal-${i}`} className="proposal" cx={x} cy={y} r={5} />;
      })}
      {highlight?.map((shape, i) => (
        <ConstructionShape key={i} shape={shape} toScreen={toScreen} heightPx={heightPx} />
      ))}
    </svg>
  );
}

function ConstructionShape({
  shape,
  toScreen,
  heightPx,
}: {
  shape: Shape;
  toScreen: ToScreen;
  heightPx: number;
}) {
  switch (shape.kind) {
    case 'point': {
      const [x, y] = toScreen(shape.at);
      return <circle className="construction" cx={x} cy={y} r={6} />;
    }
    case 'line': {
      const [x1, y1] = toScreen(shape.from);
      const [x2, y2] = toScreen(shape.to);
      return <line className="construction" x1={x1} y1={y1} x2={x2} y2={y2} />;
    }
    case 'plumbLine': {
      const [x1, y1] = toScreen([shape.through[0], 0]);
      const [x2, y2] = toScreen([shape.through[0], heightPx]);
      return <line className="construction plumb" x1={x1} y1={y1} x2={x2} y2={y2} />;
    }
    case 'arc': {
      const [cx, cy] = toScreen(shape.center);
      const [fx, fy] = toScreen(shape.from);
      const [tx, ty] = toScreen(shape.to);
      const radius = 36;
      const start = Math.atan2(fy - cy, fx - cx);
      const end = Math.atan2(ty - cy, tx - cx);
      const sweep = ((end - start + 3 * Math.PI) % (2 * Math.PI)) - Math.PI;
      const a: [number, number] = [cx + radius * Math.cos(start), cy + radius * Math.sin(start)];
      const b: [number, number] = [cx + radius * Math.cos(end), cy + radius * Math.sin(end)];
      return (
        <g className="construction">
          <line x1={cx} y1={cy} x2={fx} y2={fy} />
          <line x1={cx} y1={cy} x2={tx} y2={ty} />
          <path d={`M ${a[0]} ${a[1]} A ${radius} ${radius} 0 0 ${sweep > 0 ? 1 : 0} ${b[0]} ${b[1]}`} />
        </g>
      );
    }
  }
}
