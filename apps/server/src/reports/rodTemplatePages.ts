import type { Level, RodGeometry } from '@spinerecon/core';
import { rgb } from 'pdf-lib';
import { formatNumber } from './pdfText.js';
import {
  A4_LANDSCAPE,
  A4_PORTRAIT,
  COLORS,
  contentBottom,
  MARGIN_PT,
  PT_PER_MM,
  type PageSize,
  type ReportWriter,
} from './pdfWriter.js';

// The rods as 1:1 templates: the core's template points (rodGeometry: from the top screw, x along the chord to
// the bottom one, y anterior) drawn in true millimetres with anterior up, on the smallest common paper that
// takes the widest rod, each page with a 100 mm bar to check the print scale. Only the placement on the paper
// is computed here (as apps/web/src/planning/rodTemplateModel.ts); every length and angle is the core's.

type Point = readonly [number, number];

/** Room around a rod drawing for its labels, in mm. */
const DRAWING_MARGIN_MM = 10;
const A3_LANDSCAPE: PageSize = { widthPt: 420 * PT_PER_MM, heightPt: 297 * PT_PER_MM };
const PAPERS: readonly { readonly name: string; readonly size: PageSize }[] = [
  { name: 'A4 portrait', size: A4_PORTRAIT },
  { name: 'A4 landscape', size: A4_LANDSCAPE },
  { name: 'A3 landscape', size: A3_LANDSCAPE },
];

/** The check bar: 100 mm long, 3 mm high, its left end at the left margin, its top this far above the footer. */
export const SCALE_BAR = { lengthMm: 100, heightMm: 3, aboveBottomMm: 14 } as const;

/** Where a page's scale bar is, in points from the top-left corner of the page. */
export function scaleBarRect(page: PageSize): { x: number; top: number; width: number; height: number } {
  const bottom = contentBottom(page.heightPt);
  return {
    x: MARGIN_PT,
    top: bottom - SCALE_BAR.aboveBottomMm * PT_PER_MM,
    width: SCALE_BAR.lengthMm * PT_PER_MM,
    height: SCALE_BAR.heightMm * PT_PER_MM,
  };
}

interface RodLayout {
  readonly rod: RodGeometry;
  readonly widthMm: number;
  readonly heightMm: number;
  /** The screw heads in the drawing's frame (mm, y down), with their levels. */
  readonly heads: readonly { readonly level: Level | undefined; readonly at: Point }[];
  readonly overhang: readonly (readonly [Point, Point])[];
}

const along = (from: Point, to: Point, lengthMm: number): Point => {
  const dx = to[0] - from[0];
  const dy = to[1] - from[1];
  const length = Math.hypot(dx, dy);
  return length === 0 ? to : [to[0] + (dx / length) * lengthMm, to[1] + (dy / length) * lengthMm];
};

export function layoutRod(rod: RodGeometry, levels: readonly Level[]): RodLayout {
  const raw: Point[] = rod.templateMm.map((p) => [p[0], -p[1]]);
  const [first, second] = raw;
  const last = raw[raw.length - 1];
  const beforeLast = raw[raw.length - 2];
  const overhang: (readonly [Point, Point])[] =
    rod.overhangMm > 0 && first && second && last && beforeLast
      ? [
          [first, along(second, first, rod.overhangMm)],
          [last, along(beforeLast, last, rod.overhangMm)],
        ]
      : [];
  const all = [...raw, ...overhang.flat()];
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  const [minX, minY] = [Math.min(...xs), Math.min(...ys)];
  const shift = (p: Point): Point => [p[0] - minX + DRAWING_MARGIN_MM, p[1] - minY + DRAWING_MARGIN_MM];
  return {
    rod,
    widthMm: Math.max(...xs) - minX + 2 * DRAWING_MARGIN_MM,
    heightMm: Math.max(...ys) - minY + 2 * DRAWING_MARGIN_MM,
    heads: raw.map((p, i) => ({ level: levels[i], at: shift(p) })),
    overhang: overhang.map(([a, b]) => [shift(a), shift(b)] as const),
  };
}

/** The smallest paper whose width between the margins takes `widthMm`; a page cut to size when none does. */
export function paperFor(widthMm: number): { name: string; size: PageSize } {
  const found = PAPERS.find((p) => widthMm * PT_PER_MM <= p.size.widthPt - 2 * MARGIN_PT);
  if (found !== undefined) return found;
  const widthPt = widthMm * PT_PER_MM + 2 * MARGIN_PT;
  return {
    name: `${Math.ceil(widthPt / PT_PER_MM)} mm wide (wider than A3)`,
    size: { ...A3_LANDSCAPE, widthPt },
  };
}

const MATERIAL: Readonly<Record<RodGeometry['material'], string>> = {
  'cobalt-chromium': 'cobalt-chromium',
  'titanium-alloy': 'titanium alloy',
  'stainless-steel': 'stainless steel',
};

const fmt = (n: number) => n.toFixed(3);

function drawRod(writer: ReportWriter, layout: RodLayout, top: number): void {
  const { rod } = layout;
  const left = MARGIN_PT;
  const at = (p: Point): [number, number] => [left + p[0] * PT_PER_MM, top + p[1] * PT_PER_MM];
  const line = (points: readonly Point[]) =>
    points.map((p, i) => `${i === 0 ? 'M' : 'L'}${fmt(at(p)[0])} ${fmt(at(p)[1])}`).join(' ');
  const rodWidthPt = Math.min(rod.diameterMm, 1.5) * PT_PER_MM;
  writer.path(
    `M${fmt(left)} ${fmt(top)} h${fmt(layout.widthMm * PT_PER_MM)} v${fmt(layout.heightMm * PT_PER_MM)} h${fmt(-layout.widthMm * PT_PER_MM)} Z`,
    { stroke: COLORS.rule, widthPt: 0.5, dash: [4, 4] },
  );
  for (const [a, b] of layout.overhang)
    writer.path(line([a, b]), { stroke: rgb(0, 0, 0), widthPt: rodWidthPt, dash: [6, 3] });
  writer.path(line(layout.heads.map((h) => h.at)), { stroke: rgb(0, 0, 0), widthPt: rodWidthPt });
  const bendAt = new Map(rod.bends.map((b) => [b.level, b.bendDeg]));
  const red = rgb(0.7, 0, 0.1);
  layout.heads.forEach(({ level, at: head }, i) => {
    const [x, y] = at(head);
    writer.path(`M${fmt(x)} ${fmt(y - 3 * PT_PER_MM)} L${fmt(x)} ${fmt(y + 3 * PT_PER_MM)}`, {
      stroke: red,
      widthPt: 0.6,
    });
    const above = i % 2 === 0;
    const name = level ?? '';
    writer.text(
      name,
      x - writer.widthOf(name, 8, true) / 2,
      above ? y - 8.5 * PT_PER_MM : y + 4.5 * PT_PER_MM,
      8,
      {
        bold: true,
      },
    );
    const bend = level === undefined ? undefined : bendAt.get(level);
    if (bend !== undefined) {
      const text = `${formatNumber(bend)}°`;
      writer.text(text, x - writer.widthOf(text, 7) / 2, above ? y + 4.5 * PT_PER_MM : y - 8 * PT_PER_MM, 7, {
        color: COLORS.muted,
      });
    }
  });
  writer.text('cranial (top screw), anterior up', left + 3, top + 4, 7, { color: COLORS.muted });
  const caudal = 'caudal (bottom screw)';
  writer.text(
    caudal,
    left + layout.widthMm * PT_PER_MM - writer.widthOf(caudal, 7) - 2,
    top + layout.heightMm * PT_PER_MM - 9,
    7,
    { color: COLORS.muted },
  );
}

function drawScaleBar(writer: ReportWriter): void {
  const bar = scaleBarRect({ widthPt: writer.pageWidth, heightPt: writer.pageHeight });
  const black = rgb(0, 0, 0);
  writer.page.drawRectangle({
    x: bar.x,
    y: writer.pageHeight - bar.top - bar.height,
    width: bar.width,
    height: bar.height,
    color: black,
  });
  // Ticks every 10 mm above the bar (not across it: the bar's ends stay exactly 100 mm apart).
  for (let i = 0; i <= 10; i++) {
    const x = bar.x + i * 10 * PT_PER_MM + (i === 0 ? 0.25 : i === 10 ? -0.25 : 0);
    writer.path(`M${fmt(x)} ${fmt(bar.top - 2 * PT_PER_MM)} L${fmt(x)} ${fmt(bar.top)}`, {
      stroke: black,
      widthPt: 0.5,
    });
  }
  writer.text('0', bar.x, bar.top - 2 * PT_PER_MM - 9, 7);
  writer.text('100 mm', bar.x + bar.width - writer.widthOf('100 mm', 7), bar.top - 2 * PT_PER_MM - 9, 7);
  writer.text(
    'Check: this bar measures 100 mm when the page is printed at 100 % (actual size). If not, do not use the template.',
    bar.x + bar.width + 8,
    bar.top - 1,
    7,
    { bold: true },
  );
}

function describe(rod: RodGeometry): string {
  const side = rod.side === 'left' ? 'Left' : 'Right';
  const risk = rod.contourOverRiskThreshold ? ' — over the rod-fracture risk threshold (Barton 2015)' : '';
  return `${side} rod — ${formatNumber(rod.diameterMm)} mm ${MATERIAL[rod.material]}; length ${formatNumber(rod.lengthMm)} mm (overhang ${formatNumber(rod.overhangMm)} mm at each end); contour ${formatNumber(rod.contourDeg)}°${risk}`;
}

/** One or more pages of 1:1 rod templates, each with the 100 mm check bar. Nothing when no rod is sized. */
export function addRodTemplatePages(
  writer: ReportWriter,
  rods: readonly RodGeometry[],
  levels: readonly Level[],
): void {
  if (rods.length === 0) return;
  const layouts = rods.map((rod) => layoutRod(rod, levels));
  const paper = paperFor(Math.max(...layouts.map((l) => l.widthMm)));
  const startPage = () => {
    writer.addPage(paper.size);
    writer.heading('Rod templates, 1:1');
    writer.paragraph(
      `Print this page at 100 % (actual size, no "fit to page") on ${paper.name} paper and check the bar below. The rod runs through the screw heads of the predicted film (core rod geometry); bend angles at each screw, lordotic bend positive.`,
    );
  };
  startPage();
  const barTop = scaleBarRect({ widthPt: writer.pageWidth, heightPt: writer.pageHeight }).top - 16;
  for (const layout of layouts) {
    const captionPt = 24;
    const needed = captionPt + layout.heightMm * PT_PER_MM + 10;
    if (writer.y + needed > barTop && writer.y > writer.top + 60) {
      drawScaleBar(writer);
      startPage();
    }
    writer.paragraph(describe(layout.rod), { bold: true, sizePt: 8.5 });
    if (layout.rod.notes.length > 0)
      writer.paragraph(`${layout.rod.notes.join('; ')}.`, { sizePt: 7.5, color: COLORS.muted });
    drawRod(writer, layout, writer.y);
    writer.space(layout.heightMm * PT_PER_MM + 10);
  }
  drawScaleBar(writer);
}
