import {
  LEVELS,
  measureRadiograph,
  type LateralRadiograph,
  type Point,
  type Radiograph,
  type Shape,
} from '@spinerecon/core';
import {
  clip,
  endPath,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb as pdfRgb,
  type Color,
  type PDFImage,
} from 'pdf-lib';
import type { FilmPicture } from './filmPicture.js';
import { formatNumber } from './pdfText.js';
import { COLORS, type ReportWriter } from './pdfWriter.js';

// A film with its landmarks drawn over it as vectors: the vertebral outlines and femoral heads as marked,
// the constructions the core returns for the values shown (the C7 plumb line, the Cobb lines of each curve),
// and, on the planning film, the predicted spine of the core's simulation as a translucent ghost with its
// own plumb line (as apps/web/src/planning/simulation/PredictedSpineOverlay.tsx draws it). Nothing here is
// computed but the placement on the page.

export const PREOPERATIVE = pdfRgb(0.93, 0.45, 0.05);
export const PREDICTED = pdfRgb(0.1, 0.55, 0.85);
export const CONSTRUCTION = pdfRgb(0.2, 0.8, 0.3);
const LABEL_GREEN = pdfRgb(0.45, 0.95, 0.55);

export interface Box {
  readonly x: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface FilmFigure {
  readonly title: string;
  readonly radiograph: Radiograph;
  /** The stored image, why it is not shown, or undefined when the film has no image. */
  readonly picture: FilmPicture | string | undefined;
  /** The predicted film of the plan, in the same image pixels (lateral only). */
  readonly predicted?: LateralRadiograph;
}

type Corners = readonly (Point | undefined)[];

function cornersOf(
  radiograph: Radiograph,
  level: (typeof LEVELS)[number],
): { corners: Corners; centre?: Point } {
  if (radiograph.view === 'lateral') {
    const v = radiograph.vertebrae[level];
    if (v === undefined) return { corners: [] };
    return {
      corners: [v.superiorAnterior, v.superiorPosterior, v.inferiorPosterior, v.inferiorAnterior],
      ...(v.centroid === undefined ? {} : { centre: v.centroid }),
    };
  }
  const v = radiograph.vertebrae[level];
  if (v === undefined) return { corners: [] };
  return {
    corners: [v.superiorLeft, v.superiorRight, v.inferiorRight, v.inferiorLeft],
    ...(v.centroid === undefined ? {} : { centre: v.centroid }),
  };
}

function allPoints(radiograph: Radiograph): Point[] {
  const points: Point[] = [];
  for (const level of LEVELS) {
    const { corners, centre } = cornersOf(radiograph, level);
    points.push(...corners.filter((p): p is Point => p !== undefined));
    if (centre !== undefined) points.push(centre);
  }
  if (radiograph.view === 'lateral') points.push(...radiograph.femoralHeads.map((h) => h.center));
  return points;
}

/**
 * The part of the image plane to show: the whole image, widened to take every landmark (the predicted spine may
 * move beyond the film's edge); the landmarks with a margin when there is no image.
 */
function extentOf(figure: FilmFigure): { x0: number; y0: number; width: number; height: number } {
  const picture = figure.picture;
  const image = picture !== undefined && typeof picture !== 'string' ? picture : undefined;
  const points = [...allPoints(figure.radiograph), ...(figure.predicted ? allPoints(figure.predicted) : [])];
  if (points.length === 0) {
    return image === undefined
      ? { x0: 0, y0: 0, width: 1, height: 1 }
      : { x0: 0, y0: 0, width: image.widthPx, height: image.heightPx };
  }
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const margin = 0.05 * Math.max(maxX - minX, maxY - minY, 1);
  const x0 = Math.min(image === undefined ? Infinity : 0, minX - margin);
  const y0 = Math.min(image === undefined ? Infinity : 0, minY - margin);
  const x1 = Math.max(image?.widthPx ?? -Infinity, maxX + margin);
  const y1 = Math.max(image?.heightPx ?? -Infinity, maxY + margin);
  return { x0, y0, width: x1 - x0, height: y1 - y0 };
}

const fmt = (n: number): string => n.toFixed(2);

/** Draws the film into `box` (the picture fitted, the caption below it); returns the y below the figure. */
export async function drawFilm(writer: ReportWriter, box: Box, figure: FilmFigure): Promise<number> {
  const captionLines = 3;
  const captionPt = captionLines * 9 + 4;
  const extent = extentOf(figure);
  const scale = Math.min(box.width / extent.width, (box.height - captionPt) / extent.height);
  const width = extent.width * scale;
  const height = extent.height * scale;
  const left = box.x + (box.width - width) / 2;
  const top = box.top;
  const at = (p: Point): [number, number] => [
    left + (p[0] - extent.x0) * scale,
    top + (p[1] - extent.y0) * scale,
  ];
  const page = writer.page;
  const pageHeight = writer.pageHeight;

  const picture = figure.picture;
  page.drawRectangle({
    x: left,
    y: pageHeight - top - height,
    width,
    height,
    color: pdfRgb(0.16, 0.16, 0.18),
  });
  if (picture !== undefined && typeof picture !== 'string') {
    const image: PDFImage =
      picture.format === 'jpeg'
        ? await writer.doc.embedJpg(picture.bytes)
        : await writer.doc.embedPng(picture.bytes);
    const [x, y] = at([0, 0]);
    const [w, h] = [picture.widthPx * scale, picture.heightPx * scale];
    page.drawImage(image, { x, y: pageHeight - y - h, width: w, height: h });
  }

  // Everything drawn over the film stays inside it.
  page.pushOperators(
    pushGraphicsState(),
    rectangle(left, pageHeight - top - height, width, height),
    clip(),
    endPath(),
  );
  drawVertebrae(writer, figure.radiograph, at, scale, 'preoperative');
  if (figure.predicted !== undefined) drawVertebrae(writer, figure.predicted, at, scale, 'predicted');
  drawConstructions(writer, figure, at, top + height, left + width);
  page.pushOperators(popGraphicsState());
  page.drawRectangle({
    x: left,
    y: pageHeight - top - height,
    width,
    height,
    borderColor: COLORS.muted,
    borderWidth: 0.5,
  });

  let y = top + height + 4;
  const caption = (text: string, bold = false) => {
    for (const line of wrapped(writer, text, box.width)) {
      writer.text(line, box.x, y, 7.5, { bold, color: bold ? COLORS.text : COLORS.muted });
      y += 9;
    }
  };
  caption(figure.title, true);
  caption(legendOf(figure));
  if (typeof picture === 'string') caption(`Image not shown: ${picture}.`);
  else if (picture === undefined)
    caption('No image stored for this film: the landmarks are drawn on a dark ground.');
  else caption(`Image: ${picture.note}.`);
  return y;
}

function wrapped(writer: ReportWriter, text: string, width: number): string[] {
  const words = text.split(' ');
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (writer.widthOf(candidate, 7.5) > width && current !== '') {
      lines.push(current);
      current = word;
    } else current = candidate;
  }
  if (current !== '') lines.push(current);
  return lines;
}

function legendOf(figure: FilmFigure): string {
  const parts = ['Orange: landmarks as marked'];
  if (figure.radiograph.view === 'lateral') parts.push('dashed: C7 plumb line');
  else parts.push('green: Cobb lines of each curve (core)');
  if (figure.predicted !== undefined)
    parts.push('blue: predicted spine of the simulated plan, with its C7 plumb line');
  return `${parts.join('; ')}.`;
}

function polygonPath(points: readonly [number, number][], close: boolean): string {
  const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${fmt(p[0])} ${fmt(p[1])}`).join(' ');
  return close ? `${d} Z` : d;
}

function circlePath(centre: [number, number], radius: number): string {
  const [x, y] = centre;
  const r = fmt(radius);
  return `M${fmt(x - radius)} ${fmt(y)} A${r} ${r} 0 1 0 ${fmt(x + radius)} ${fmt(y)} A${r} ${r} 0 1 0 ${fmt(x - radius)} ${fmt(y)} Z`;
}

function drawVertebrae(
  writer: ReportWriter,
  radiograph: Radiograph,
  at: (p: Point) => [number, number],
  scale: number,
  kind: 'preoperative' | 'predicted',
): void {
  const predicted = kind === 'predicted';
  const stroke = predicted ? PREDICTED : PREOPERATIVE;
  const style = predicted
    ? { stroke, fill: PREDICTED, fillOpacity: 0.3, widthPt: 0.8 }
    : { stroke, widthPt: 0.7 };
  for (const level of LEVELS) {
    const { corners, centre } = cornersOf(radiograph, level);
    const marked = corners.filter((p): p is Point => p !== undefined);
    if (marked.length === 4) writer.path(polygonPath(marked.map(at), true), style);
    else if (marked.length >= 2) writer.path(polygonPath(marked.map(at), false), { stroke, widthPt: 1 });
    else if (centre !== undefined) writer.path(circlePath(at(centre), 2.2), style);
    if (!predicted)
      labelLevel(writer, radiograph, level, marked.length > 0 ? marked : centre ? [centre] : [], at);
  }
  if (radiograph.view === 'lateral') {
    for (const head of radiograph.femoralHeads) {
      const radius = head.radiusPx === undefined ? 4 : Math.max(head.radiusPx * scale, 1.5);
      writer.path(circlePath(at(head.center), radius), style);
    }
  }
}

/** The level's name beside it, on the posterior side of a lateral film and the image's left of a coronal one. */
function labelLevel(
  writer: ReportWriter,
  radiograph: Radiograph,
  level: string,
  points: readonly Point[],
  at: (p: Point) => [number, number],
): void {
  if (points.length === 0) return;
  const placed = points.map(at);
  const xs = placed.map((p) => p[0]);
  const ys = placed.map((p) => p[1]);
  const middle = (Math.min(...ys) + Math.max(...ys)) / 2;
  const size = 4.5;
  const labelWidth = writer.widthOf(level, size);
  const onRight = radiograph.view === 'lateral' && radiograph.anteriorOnImage === 'left';
  const x = onRight ? Math.max(...xs) + 2 : Math.min(...xs) - 2 - labelWidth;
  writer.text(level, x, middle - size / 2, size, { color: PREOPERATIVE });
}

function drawShapes(
  writer: ReportWriter,
  shapes: readonly Shape[],
  at: (p: Point) => [number, number],
  bottom: number,
  color: Color,
): void {
  for (const shape of shapes) {
    if (shape.kind === 'line') {
      writer.path(polygonPath([at(shape.from), at(shape.to)], false), { stroke: color, widthPt: 0.8 });
    } else if (shape.kind === 'plumbLine') {
      const [x, y] = at(shape.through);
      writer.path(
        polygonPath(
          [
            [x, y],
            [x, bottom],
          ],
          false,
        ),
        { stroke: color, widthPt: 0.8, dash: [4, 2] },
      );
      writer.path(circlePath([x, y], 1.5), { stroke: color, fill: color, widthPt: 0.5 });
    }
  }
}

function drawConstructions(
  writer: ReportWriter,
  figure: FilmFigure,
  at: (p: Point) => [number, number],
  bottom: number,
  right: number,
): void {
  const measured = measureRadiograph(figure.radiograph);
  if (measured.view === 'lateral') {
    const sva = measured.values.sagittalVerticalAxisMm;
    const plumb = (s: readonly Shape[]) => s.filter((shape) => shape.kind === 'plumbLine');
    if (sva.ok) drawShapes(writer, plumb(sva.construction), at, bottom, PREOPERATIVE);
    if (figure.predicted !== undefined) {
      const after = measureRadiograph(figure.predicted);
      if (after.view === 'lateral' && after.values.sagittalVerticalAxisMm.ok)
        drawShapes(writer, plumb(after.values.sagittalVerticalAxisMm.construction), at, bottom, PREDICTED);
    }
    return;
  }
  for (const curve of measured.curves) {
    drawShapes(writer, curve.cobb.construction, at, bottom, CONSTRUCTION);
    const apex = cornersOf(figure.radiograph, curve.apex);
    const marked = apex.corners.filter((p): p is Point => p !== undefined);
    if (marked.length === 0) continue;
    const placed = marked.map(at);
    const label = `${curve.upperEnd}–${curve.lowerEnd} ${formatNumber(curve.cobb.value)}°`;
    const labelWidth = writer.widthOf(label, 6.5, true);
    const besideRight = Math.max(...placed.map((p) => p[0])) + 4;
    // Beside the apex, on the side where the label fits in the film.
    const x =
      besideRight + labelWidth <= right - 2
        ? besideRight
        : Math.min(...placed.map((p) => p[0])) - 16 - labelWidth;
    const y = placed.reduce((s, p) => s + p[1], 0) / placed.length;
    // On a dark plate, readable over bright bone.
    writer.page.drawRectangle({
      x: x - 1.5,
      y: writer.pageHeight - (y - 3) - 7.5,
      width: labelWidth + 3,
      height: 8.5,
      color: pdfRgb(0, 0, 0),
      opacity: 0.65,
    });
    writer.text(label, x, y - 3, 6.5, { bold: true, color: LABEL_GREEN });
  }
}
