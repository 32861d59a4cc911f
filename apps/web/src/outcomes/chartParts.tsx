import type { ReactNode } from 'react';
import type { DotItemDotProps } from 'recharts';
import { tickDate } from './chartData';

// What every chart shares: colours, the date axis ticks, the legend (HTML, so that it can name the band
// and the lines the chart library leaves out of its own legend), a dot the tests and screen readers can find.

export const CHART_COLOURS = {
  measured: '#0b5cad',
  planned: '#7a4cc2',
  band: '#1e7b4a',
  operation: '#5b6675',
  grid: '#e3e8ee',
} as const;

export const OUTCOME_COLOURS: Readonly<Record<string, string>> = {
  odi: '#0b5cad',
  srs22rTotal: '#1b2430',
  srs22rFunction: '#0b5cad',
  srs22rPain: '#b3261e',
  srs22rSelfImage: '#7a4cc2',
  srs22rMentalHealth: '#1e7b4a',
  srs22rSatisfaction: '#b86e00',
  nrsBackPain: '#b3261e',
  nrsLegPain: '#0b5cad',
};

export const AXIS_TICK = { fontSize: 12, fill: '#39434f' } as const;
export const CHART_MARGIN = { top: 14, right: 18, bottom: 6, left: 6 } as const;

/** The x axis of every chart over time: dates (ms since 1970) on a time scale, labelled by `tickDate`. */
export function timeAxis(domain: readonly [number, number], ticks: readonly number[]) {
  return {
    dataKey: 't',
    type: 'number',
    scale: 'time',
    domain: [...domain],
    ticks: [...ticks],
    tickFormatter: tickDate,
    tick: AXIS_TICK,
    allowDataOverflow: true,
  } as const;
}

/** A data point as a filled circle with its date and value in data attributes (and a tooltip title). */
export function chartDot(colour: string, unit: string) {
  function ChartDot(props: DotItemDotProps): ReactNode {
    const { cx, cy, value, payload, index } = props;
    if (typeof cx !== 'number' || typeof cy !== 'number' || typeof value !== 'number') return null;
    const row = payload as { t?: number; label?: string };
    const when = typeof row.t === 'number' ? tickDate(row.t) : '';
    return (
      <circle
        key={`dot-${index}`}
        className="chart-dot"
        cx={cx}
        cy={cy}
        r={5}
        fill={colour}
        stroke="#fff"
        strokeWidth={1.5}
        data-value={value}
        data-date={when}
      >
        <title>{`${row.label ?? ''} ${when}: ${Math.round(value * 100) / 100}${unit}`}</title>
      </circle>
    );
  }
  return ChartDot;
}

export type LegendMark = 'line' | 'dashed' | 'band' | 'vertical';

export interface LegendEntry {
  readonly mark: LegendMark;
  readonly colour: string;
  readonly text: string;
}

export function ChartLegend({ entries }: { readonly entries: readonly LegendEntry[] }) {
  return (
    <ul className="chart-legend">
      {entries.map((entry) => (
        <li key={`${entry.mark}-${entry.text}`}>
          <svg width="26" height="14" aria-hidden="true" focusable="false">
            {entry.mark === 'band' && (
              <rect
                x="1"
                y="1"
                width="24"
                height="12"
                fill={entry.colour}
                fillOpacity="0.18"
                stroke={entry.colour}
              />
            )}
            {entry.mark === 'line' && (
              <>
                <line x1="1" y1="7" x2="25" y2="7" stroke={entry.colour} strokeWidth="2.5" />
                <circle cx="13" cy="7" r="4" fill={entry.colour} />
              </>
            )}
            {entry.mark === 'dashed' && (
              <line
                x1="1"
                y1="7"
                x2="25"
                y2="7"
                stroke={entry.colour}
                strokeWidth="2"
                strokeDasharray="5 3"
              />
            )}
            {entry.mark === 'vertical' && (
              <line
                x1="13"
                y1="0"
                x2="13"
                y2="14"
                stroke={entry.colour}
                strokeWidth="2"
                strokeDasharray="2 2"
              />
            )}
          </svg>
          {entry.text}
        </li>
      ))}
    </ul>
  );
}
