import {
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatDate } from '../labels';
import { dateTicks, tickDate, type OutcomeChartModel } from './chartData';
import {
  AXIS_TICK,
  CHART_COLOURS,
  CHART_MARGIN,
  timeAxis,
  ChartLegend,
  OUTCOME_COLOURS,
  chartDot,
} from './chartParts';
import { OUTCOME_SCALES, scoreText } from './scoreText';

export interface OutcomeChartProps {
  readonly model: OutcomeChartModel;
  readonly timeDomain: readonly [number, number];
  readonly operationT: number | null;
}

/** One questionnaire's scores over time, each outcome a line, with the MCID line(s) from the baseline. */
export function OutcomeChart({ model, timeDomain, operationT }: OutcomeChartProps) {
  const ticks = dateTicks([...model.rows.map((r) => r.t), ...(operationT === null ? [] : [operationT])]);
  const summary =
    `${model.title} over time: ` +
    model.rows
      .map(
        (row) =>
          `${formatDate(row.date)} (${row.label}) ` +
          model.outcomes
            .map((o) => `${OUTCOME_SCALES[o].label} ${scoreText(o, numberOr(row[o]))}`)
            .join(', '),
      )
      .join('; ') +
    model.mcidLines.map((line) => `; ${line.text}`).join('');
  return (
    <figure className="chart" data-instrument={model.instrument}>
      <figcaption>
        <strong>{model.title}</strong>
        <span className="muted"> — {OUTCOME_SCALES[model.outcomes[0] ?? 'odi'].better} is better</span>
      </figcaption>
      <div className="chart-area" role="img" aria-label={summary}>
        <ResponsiveContainer width="100%" height={250}>
          <ComposedChart data={[...model.rows]} margin={CHART_MARGIN}>
            <CartesianGrid stroke={CHART_COLOURS.grid} />
            <XAxis {...timeAxis(timeDomain, ticks)} />
            <YAxis
              type="number"
              domain={[...model.domain]}
              tick={AXIS_TICK}
              width={62}
              label={{ value: model.axis, angle: -90, position: 'insideLeft', offset: 12, fontSize: 12 }}
            />
            {operationT !== null && (
              <ReferenceLine
                x={operationT}
                stroke={CHART_COLOURS.operation}
                strokeDasharray="2 3"
                label={{
                  value: 'Operation',
                  position: 'insideTopLeft',
                  fontSize: 11,
                  fill: CHART_COLOURS.operation,
                }}
              />
            )}
            {model.mcidLines.map((line) => (
              <ReferenceLine
                key={line.outcome}
                y={line.y}
                stroke={OUTCOME_COLOURS[line.outcome] ?? CHART_COLOURS.measured}
                strokeDasharray="6 4"
                strokeWidth={1.5}
                label={{
                  value: `MCID ${scoreText(line.outcome, line.y)}`,
                  position: 'insideBottomRight',
                  fontSize: 11,
                  fill: OUTCOME_COLOURS[line.outcome] ?? CHART_COLOURS.measured,
                }}
              />
            ))}
            {model.outcomes.map((outcome) => {
              const colour = OUTCOME_COLOURS[outcome] ?? CHART_COLOURS.measured;
              return (
                <Line
                  key={outcome}
                  type="linear"
                  dataKey={outcome}
                  name={OUTCOME_SCALES[outcome].label}
                  stroke={colour}
                  strokeWidth={outcome === 'srs22rTotal' ? 3 : 2}
                  connectNulls
                  dot={chartDot(colour, OUTCOME_SCALES[outcome].unit)}
                  activeDot={false}
                  isAnimationActive={false}
                />
              );
            })}
            <Tooltip
              labelFormatter={(t) => (typeof t === 'number' ? tickDate(t) : String(t))}
              formatter={(value, name) => [typeof value === 'number' ? round(value) : String(value), name]}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <ChartLegend
        entries={[
          ...model.outcomes.map((outcome) => ({
            mark: 'line' as const,
            colour: OUTCOME_COLOURS[outcome] ?? CHART_COLOURS.measured,
            text: OUTCOME_SCALES[outcome].label,
          })),
          ...model.mcidLines.map((line) => ({
            mark: 'dashed' as const,
            colour: OUTCOME_COLOURS[line.outcome] ?? CHART_COLOURS.measured,
            text: line.text,
          })),
          ...(operationT === null
            ? []
            : [{ mark: 'vertical' as const, colour: CHART_COLOURS.operation, text: 'Operation' }]),
        ]}
      />
      {model.notes.map((note) => (
        <p key={note} className="chart-note muted">
          {note}
        </p>
      ))}
    </figure>
  );
}

function numberOr(value: number | string | null | undefined): number | null {
  return typeof value === 'number' ? value : null;
}

function round(value: number): string {
  return String(Math.round(value * 100) / 100);
}
