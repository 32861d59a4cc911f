import {
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatDate } from '../labels';
import { dateTicks, tickDate, type AlignmentChartModel } from './chartData';
import { AXIS_TICK, CHART_COLOURS, CHART_MARGIN, timeAxis, chartDot } from './chartParts';

export interface AlignmentChartProps {
  readonly model: AlignmentChartModel;
  readonly timeDomain: readonly [number, number];
  readonly operationT: number | null;
}

const UNIT = { deg: '°', mm: ' mm' } as const;

/**
 * One alignment parameter over time: measured films, the plan's value, the target band, the operation. The
 * model's notes (undated films) are the same for every parameter: the section shows them once.
 */
export function AlignmentChart({ model, timeDomain, operationT }: AlignmentChartProps) {
  const unit = UNIT[model.unit];
  const ticks = dateTicks([...model.points.map((p) => p.t), ...(operationT === null ? [] : [operationT])]);
  const summary =
    `${model.name} over time: ` +
    (model.points.length === 0
      ? 'no measured film'
      : model.points.map((p) => `${p.label} ${formatDate(p.date)} ${round(p.value)}${unit}`).join('; ')) +
    (model.planned === null ? '' : `; planned ${round(model.planned)}${unit}`) +
    (model.band === null ? '' : `; target ${model.band.text}`);
  return (
    <figure className="chart" data-parameter={model.parameter}>
      <figcaption>
        <strong>{model.name}</strong>
        {model.band !== null && <span className="muted"> — target {model.band.text}</span>}
        {model.bandNote !== undefined && (
          <span className="muted"> — target undetermined: {model.bandNote}</span>
        )}
      </figcaption>
      <div className="chart-area" role="img" aria-label={summary}>
        <ResponsiveContainer width="100%" height={230}>
          <ComposedChart data={[...model.points]} margin={CHART_MARGIN}>
            <CartesianGrid stroke={CHART_COLOURS.grid} />
            <XAxis {...timeAxis(timeDomain, ticks)} />
            <YAxis
              type="number"
              domain={[...model.domain]}
              ticks={[...model.ticks]}
              interval={0}
              tick={AXIS_TICK}
              width={62}
              allowDataOverflow
              label={{ value: model.axis, angle: -90, position: 'insideLeft', offset: 12, fontSize: 12 }}
            />
            {model.band !== null && (
              <ReferenceArea
                y1={model.band.y1}
                y2={model.band.y2}
                fill={CHART_COLOURS.band}
                fillOpacity={0.14}
                stroke="none"
                ifOverflow="hidden"
              />
            )}
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
            {model.planned !== null && (
              <ReferenceLine
                y={model.planned}
                stroke={CHART_COLOURS.planned}
                strokeDasharray="6 4"
                strokeWidth={2}
                ifOverflow="extendDomain"
              />
            )}
            <Line
              type="linear"
              dataKey="value"
              name={model.name}
              stroke={CHART_COLOURS.measured}
              strokeWidth={2.5}
              dot={chartDot(CHART_COLOURS.measured, unit)}
              activeDot={false}
              isAnimationActive={false}
            />
            <Tooltip
              labelFormatter={(t) => (typeof t === 'number' ? tickDate(t) : String(t))}
              formatter={(value) => [`${round(Number(value))}${unit}`, model.name]}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

function round(value: number): string {
  return (Math.round(value * 10) / 10).toString().replace('-', '−');
}
