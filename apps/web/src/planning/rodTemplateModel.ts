import type { Level, RodGeometry } from '@spinerecon/core';

// The layout of a printable 1:1 rod template, in millimetres: the core's template points (from the top screw,
// x along the chord to the bottom one, y anterior) drawn with x to the right and anterior up, inside a margin.
// Only placement on the paper is computed here; every length and angle shown comes from the core.

type Point = readonly [number, number];

/** Room around the rod for the labels, in mm. */
export const TEMPLATE_MARGIN_MM = 12;

/** Printable area of the page sizes we print on (mm, 10 mm margins). */
export const PAGE_AREAS = [
  { name: 'A4 portrait', page: 'A4 portrait', widthMm: 190 },
  { name: 'A4 landscape', page: 'A4 landscape', widthMm: 277 },
  { name: 'A3 landscape', page: 'A3 landscape', widthMm: 400 },
] as const;

export type PageArea = (typeof PAGE_AREAS)[number];

export interface TemplateLayout {
  readonly widthMm: number;
  readonly heightMm: number;
  /** The rod through the screw heads, in the drawing's frame (mm, y down). */
  readonly heads: readonly { readonly level: Level | undefined; readonly at: Point }[];
  /** The overhang beyond the end screws, along the end segments, when the rod has one. */
  readonly overhang: readonly (readonly [Point, Point])[];
}

const along = (from: Point, to: Point, lengthMm: number): Point => {
  const dx = to[0] - from[0];
  const dy = to[1] - from[1];
  const length = Math.hypot(dx, dy);
  return length === 0 ? to : [to[0] + (dx / length) * lengthMm, to[1] + (dy / length) * lengthMm];
};

/** Where the template's points go on the paper, and the size of the drawing. */
export function templateLayout(rod: RodGeometry, levels: readonly Level[]): TemplateLayout {
  // Anterior (template +y) up: the drawing's y is the template's −y.
  const raw: Point[] = rod.templateMm.map((p) => [p[0], -p[1]]);
  const first = raw[0];
  const second = raw[1];
  const last = raw[raw.length - 1];
  const beforeLast = raw[raw.length - 2];
  const ends: (readonly [Point, Point])[] =
    rod.overhangMm > 0 &&
    first !== undefined &&
    second !== undefined &&
    last !== undefined &&
    beforeLast !== undefined
      ? [
          [first, along(second, first, rod.overhangMm)],
          [last, along(beforeLast, last, rod.overhangMm)],
        ]
      : [];
  const all = [...raw, ...ends.flat()];
  const minX = Math.min(...all.map((p) => p[0]));
  const maxX = Math.max(...all.map((p) => p[0]));
  const minY = Math.min(...all.map((p) => p[1]));
  const maxY = Math.max(...all.map((p) => p[1]));
  const shift = (p: Point): Point => [p[0] - minX + TEMPLATE_MARGIN_MM, p[1] - minY + TEMPLATE_MARGIN_MM];
  return {
    widthMm: maxX - minX + 2 * TEMPLATE_MARGIN_MM,
    heightMm: maxY - minY + 2 * TEMPLATE_MARGIN_MM,
    heads: raw.map((p, i) => ({ level: levels[i], at: shift(p) })),
    overhang: ends.map(([a, b]) => [shift(a), shift(b)] as const),
  };
}

/** The smallest page whose printable width takes the widest drawing (undefined: none does). */
export function pageFor(widestMm: number): PageArea | undefined {
  return PAGE_AREAS.find((area) => widestMm <= area.widthMm);
}

/** An SVG path through the points (mm). */
export function pathOf(points: readonly Point[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p[0].toFixed(3)} ${p[1].toFixed(3)}`).join(' ');
}
