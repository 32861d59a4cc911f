import { rgb, type Color } from 'pdf-lib';
import { formatNumber } from './pdfText.js';
import { COLORS, type ReportWriter } from './pdfWriter.js';

// A small line chart drawn as vectors: values over days, with horizontal reference lines (the preoperative
// value, the plan's prediction, an MCID threshold) and a shaded target band. Only placement is computed.

export interface ChartPoint {
  readonly xDays: number;
  readonly value: number;
}

export interface ReferenceLine {
  readonly value: number;
  readonly label: string;
  readonly color: Color;
}

export interface LineChartSpec {
  readonly title: string;
  readonly unit: string;
  readonly points: readonly ChartPoint[];
  readonly references?: readonly ReferenceLine[];
  /** The target range (either end open), shaded. */
  readonly band?: { readonly min: number | null; readonly max: number | null; readonly label: string };
  /** The x axis' title. */
  readonly xTitle: string;
  /** The smallest value span the y axis shows (a flat line is not blown up to fill the chart). */
  readonly minSpan?: number;
}

export interface ChartBox {
  readonly x: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** The round step (1, 2, 5 × 10^k) giving the number of intervals over [low, high] closest to `count`. */
export function niceTicks(low: number, high: number, count = 4): number[] {
  const span = high - low || Math.abs(high) || 1;
  const power = 10 ** Math.floor(Math.log10(span / count));
  const steps = [1, 2, 5, 10].map((m) => m * power);
  const step = steps.reduce((best, s) =>
    Math.abs(span / s - count) < Math.abs(span / best - count) ? s : best,
  );
  const first = Math.ceil(low / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = first; v <= high + step * 1e-9; v += step) ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return ticks;
}

const fmt = (n: number) => n.toFixed(2);

export function drawLineChart(writer: ReportWriter, box: ChartBox, spec: LineChartSpec): void {
  const titlePt = 12;
  const axisPt = 22;
  const leftPt = 30;
  const plot = {
    x: box.x + leftPt,
    top: box.top + titlePt,
    width: box.width - leftPt - 4,
    height: box.height - titlePt - axisPt,
  };
  writer.text(`${spec.title} (${spec.unit.trim()})`, box.x, box.top, 8, { bold: true });
  const values = [
    ...spec.points.map((p) => p.value),
    ...(spec.references ?? []).map((r) => r.value),
    ...[spec.band?.min, spec.band?.max].filter((v): v is number => v !== null && v !== undefined),
  ];
  const lowValue = Math.min(...values);
  const highValue = Math.max(...values);
  // Equal values (or nearly: 29 and 29.000001) still get a readable scale.
  const span = Math.max(highValue - lowValue, spec.minSpan ?? 1);
  const middle = (highValue + lowValue) / 2;
  const pad = span * 0.12;
  const yTicks = niceTicks(
    Math.min(lowValue, middle - span / 2) - pad,
    Math.max(highValue, middle + span / 2) + pad,
  );
  const step = (yTicks[1] ?? 1) - (yTicks[0] ?? 0);
  const decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : 2;
  const yLow = Math.min(middle - span / 2 - pad, ...yTicks);
  const yHigh = Math.max(middle + span / 2 + pad, ...yTicks);
  const days = spec.points.map((p) => p.xDays);
  const xLow = Math.min(0, ...days);
  const xHigh = Math.max(xLow + 30, ...days) * 1.05;
  const xTicks = niceTicks(xLow, xHigh, 5);
  const px = (xDays: number) => plot.x + ((xDays - xLow) / (xHigh - xLow)) * plot.width;
  const py = (value: number) => plot.top + plot.height - ((value - yLow) / (yHigh - yLow)) * plot.height;
  const clampY = (value: number) => Math.min(plot.top + plot.height, Math.max(plot.top, py(value)));

  if (spec.band !== undefined) {
    const bandTop = spec.band.max === null ? plot.top : clampY(spec.band.max);
    const bandBottom = spec.band.min === null ? plot.top + plot.height : clampY(spec.band.min);
    if (bandBottom > bandTop)
      writer.page.drawRectangle({
        x: plot.x,
        y: writer.pageHeight - bandBottom,
        width: plot.width,
        height: bandBottom - bandTop,
        color: rgb(0.8, 0.93, 0.82),
      });
  }
  for (const tick of yTicks) {
    const y = py(tick);
    writer.path(`M${fmt(plot.x)} ${fmt(y)} H${fmt(plot.x + plot.width)}`, {
      stroke: rgb(0.88, 0.88, 0.88),
      widthPt: 0.4,
    });
    const label = formatNumber(tick, decimals);
    writer.text(label, plot.x - 3 - writer.widthOf(label, 6.5), y - 3, 6.5, { color: COLORS.muted });
  }
  for (const tick of xTicks) {
    const x = px(tick);
    writer.path(`M${fmt(x)} ${fmt(plot.top + plot.height)} v3`, { stroke: COLORS.muted, widthPt: 0.5 });
    const label = formatNumber(tick, 0);
    writer.text(label, x - writer.widthOf(label, 6.5) / 2, plot.top + plot.height + 4, 6.5, {
      color: COLORS.muted,
    });
  }
  writer.text(
    spec.xTitle,
    plot.x + plot.width / 2 - writer.widthOf(spec.xTitle, 6.5) / 2,
    plot.top + plot.height + 12,
    6.5,
    {
      color: COLORS.muted,
    },
  );
  writer.path(
    `M${fmt(plot.x)} ${fmt(plot.top)} V${fmt(plot.top + plot.height)} H${fmt(plot.x + plot.width)}`,
    { stroke: COLORS.muted, widthPt: 0.6 },
  );
  // Labels of lines close together are set side by side, right to left.
  const placed: { y: number; left: number }[] = [];
  for (const reference of spec.references ?? []) {
    const y = py(reference.value);
    writer.path(`M${fmt(plot.x)} ${fmt(y)} H${fmt(plot.x + plot.width)}`, {
      stroke: reference.color,
      widthPt: 0.9,
      dash: [4, 2],
    });
    const label = reference.label;
    const right = Math.min(
      plot.x + plot.width - 2,
      ...placed.filter((p) => Math.abs(p.y - y) < 8).map((p) => p.left - 6),
    );
    const left = right - writer.widthOf(label, 6);
    writer.text(label, left, y - 7.5, 6, { color: reference.color });
    placed.push({ y, left });
  }
  const sorted = [...spec.points].sort((a, b) => a.xDays - b.xDays);
  if (sorted.length > 1)
    writer.path(
      sorted.map((p, i) => `${i === 0 ? 'M' : 'L'}${fmt(px(p.xDays))} ${fmt(py(p.value))}`).join(' '),
      {
        stroke: rgb(0.1, 0.1, 0.1),
        widthPt: 1.2,
      },
    );
  for (const p of sorted) {
    const [x, y] = [px(p.xDays), py(p.value)];
    writer.path(
      `M${fmt(x - 2.2)} ${fmt(y)} A2.2 2.2 0 1 0 ${fmt(x + 2.2)} ${fmt(y)} A2.2 2.2 0 1 0 ${fmt(x - 2.2)} ${fmt(y)} Z`,
      {
        fill: rgb(0.1, 0.1, 0.1),
        stroke: rgb(1, 1, 1),
        widthPt: 0.5,
      },
    );
  }
  if (spec.band !== undefined)
    writer.text(spec.band.label, plot.x + 2, plot.top + 1, 6, { color: COLORS.met });
}
