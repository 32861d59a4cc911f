import { PDFDocument, rgb, type Color, type PDFFont, type PDFPage } from 'pdf-lib';
import { fitLines, printable, wrapText } from './pdfText.js';
import { embedReportFonts } from './reportFonts.js';

// A small flowing layout on pdf-lib: headings, paragraphs and tables go down the page from the top and
// continue on a new page when they do not fit; every page gets the same header (who the document is about)
// and footer (the decision-support notice, page i of n). Positions are in points measured from the top-left
// corner of the page; pdf-lib's own origin is the bottom-left, converted here only.

/** Points per millimetre (1 pt = 1/72 inch). */
export const PT_PER_MM = 72 / 25.4;
export const A4_PORTRAIT: PageSize = { widthPt: 210 * PT_PER_MM, heightPt: 297 * PT_PER_MM };
export const A4_LANDSCAPE: PageSize = { widthPt: 297 * PT_PER_MM, heightPt: 210 * PT_PER_MM };

export interface PageSize {
  readonly widthPt: number;
  readonly heightPt: number;
}

export const COLORS = {
  text: rgb(0.1, 0.1, 0.1),
  muted: rgb(0.4, 0.4, 0.4),
  rule: rgb(0.75, 0.75, 0.75),
  shade: rgb(0.94, 0.95, 0.96),
  met: rgb(0.05, 0.45, 0.2),
  missed: rgb(0.7, 0.1, 0.1),
  accent: rgb(0.1, 0.3, 0.55),
} as const;

/** What every page of a document repeats. */
export interface PageFrame {
  /** e.g. "Planning report". */
  readonly title: string;
  /** Who the document is about: name, MRN, birth date, sex. */
  readonly identity: string;
  /** The decision-support notice, at the foot of every page. */
  readonly notice: string;
}

export type Cell =
  string | { readonly text: string; readonly color?: Color; readonly bold?: boolean; readonly shade?: Color };

export interface Column {
  readonly title: string;
  /** Share of the table's width (the shares of all columns are scaled to fill it). */
  readonly share: number;
  readonly align?: 'left' | 'right';
}

export const MARGIN_PT = 36;
const HEADER_PT = 30;
const FOOTER_PT = 30;
const CELL_PAD_PT = 3;

/** The lowest y a block may reach on a page of this height (above the footer). */
export const contentBottom = (heightPt: number): number => heightPt - FOOTER_PT - MARGIN_PT / 2;

export class ReportWriter {
  page: PDFPage;
  /** Where the next block starts, from the top of the page. */
  y = 0;

  private constructor(
    readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
    readonly frame: PageFrame,
    size: PageSize,
  ) {
    this.page = this.addPage(size);
  }

  static async create(frame: PageFrame, title: string, size: PageSize = A4_PORTRAIT): Promise<ReportWriter> {
    const doc = await PDFDocument.create();
    doc.setTitle(title);
    doc.setCreator('SpineRecon');
    doc.setProducer('SpineRecon (pdf-lib)');
    const { regular, bold } = await embedReportFonts(doc);
    return new ReportWriter(doc, regular, bold, frame, size);
  }

  get pageWidth(): number {
    return this.page.getWidth();
  }

  get pageHeight(): number {
    return this.page.getHeight();
  }

  /** Width between the margins. */
  get contentWidth(): number {
    return this.pageWidth - 2 * MARGIN_PT;
  }

  /** The lowest y a block may reach. */
  get bottom(): number {
    return contentBottom(this.pageHeight);
  }

  /** First y below the header. */
  get top(): number {
    return MARGIN_PT / 2 + HEADER_PT;
  }

  addPage(size: PageSize = A4_PORTRAIT): PDFPage {
    this.page = this.doc.addPage([size.widthPt, size.heightPt]);
    this.y = this.top;
    return this.page;
  }

  /** Starts a new page unless `heightPt` still fits on this one. */
  ensure(heightPt: number): void {
    if (this.y + heightPt > this.bottom) this.addPage({ widthPt: this.pageWidth, heightPt: this.pageHeight });
  }

  space(heightPt: number): void {
    this.y += heightPt;
  }

  /** Text with its top-left corner at (x, top). */
  text(text: string, x: number, top: number, sizePt: number, options: TextOptions = {}): void {
    const font = options.bold === true ? this.bold : this.regular;
    this.page.drawText(printable(font, text), {
      x,
      y: this.pageHeight - top - sizePt * 0.8,
      size: sizePt,
      font,
      color: options.color ?? COLORS.text,
    });
  }

  widthOf(text: string, sizePt: number, bold = false): number {
    const font = bold ? this.bold : this.regular;
    return font.widthOfTextAtSize(printable(font, text), sizePt);
  }

  heading(text: string): void {
    // With room for the first lines of what it heads.
    this.ensure(80);
    this.space(6);
    this.text(text, MARGIN_PT, this.y, 13, { bold: true, color: COLORS.accent });
    this.y += 16;
    this.rule();
    this.space(4);
  }

  subheading(text: string): void {
    this.ensure(48);
    this.space(3);
    this.text(text, MARGIN_PT, this.y, 10.5, { bold: true });
    this.y += 14;
  }

  paragraph(
    text: string,
    options: TextOptions & { readonly sizePt?: number; readonly indentPt?: number } = {},
  ): void {
    const sizePt = options.sizePt ?? 9;
    const indent = options.indentPt ?? 0;
    const font = options.bold === true ? this.bold : this.regular;
    const lineHeight = sizePt * 1.3;
    for (const line of wrapText(font, text, sizePt, this.contentWidth - indent)) {
      this.ensure(lineHeight);
      this.text(line, MARGIN_PT + indent, this.y, sizePt, options);
      this.y += lineHeight;
    }
    this.space(2);
  }

  /** A horizontal line across the content width at the current y. */
  rule(color: Color = COLORS.rule): void {
    this.page.drawLine({
      start: { x: MARGIN_PT, y: this.pageHeight - this.y },
      end: { x: this.pageWidth - MARGIN_PT, y: this.pageHeight - this.y },
      thickness: 0.5,
      color,
    });
  }

  /** A table; the header row is repeated when it continues on a new page. */
  table(columns: readonly Column[], rows: readonly (readonly Cell[])[], sizePt = 8): void {
    const total = columns.reduce((sum, c) => sum + c.share, 0);
    const widths = columns.map((c) => (c.share / total) * this.contentWidth);
    const lineHeight = sizePt * 1.25;
    const layout = (cells: readonly Cell[], bold: boolean) => {
      const lines = cells.map((cell, i) => {
        const c = typeof cell === 'string' ? { text: cell } : cell;
        const font = bold || c.bold === true ? this.bold : this.regular;
        return wrapText(font, c.text, sizePt, (widths[i] ?? 0) - 2 * CELL_PAD_PT);
      });
      const height = Math.max(...lines.map((l) => l.length)) * lineHeight + 2 * CELL_PAD_PT;
      return { lines, height };
    };
    const header = layout(
      columns.map((c) => c.title),
      true,
    );
    const drawRow = (
      cells: readonly Cell[],
      laid: ReturnType<typeof layout>,
      isHeader: boolean,
      odd: boolean,
    ) => {
      let x = MARGIN_PT;
      const rowTop = this.y;
      cells.forEach((cell, i) => {
        const c = typeof cell === 'string' ? { text: cell } : cell;
        const width = widths[i] ?? 0;
        const shade = c.shade ?? (isHeader ? COLORS.shade : odd ? rgb(0.98, 0.98, 0.99) : undefined);
        if (shade !== undefined) {
          this.page.drawRectangle({
            x,
            y: this.pageHeight - rowTop - laid.height,
            width,
            height: laid.height,
            color: shade,
          });
        }
        const bold = isHeader || c.bold === true;
        (laid.lines[i] ?? []).forEach((line, k) => {
          const lineWidth = this.widthOf(line, sizePt, bold);
          const left = columns[i]?.align === 'right' ? x + width - CELL_PAD_PT - lineWidth : x + CELL_PAD_PT;
          this.text(line, left, rowTop + CELL_PAD_PT + k * lineHeight, sizePt, {
            bold,
            color: c.color ?? COLORS.text,
          });
        });
        x += width;
      });
      this.y += laid.height;
      this.rule();
    };
    // The header never stands alone at the foot of a page.
    const firstRow = rows[0];
    this.ensure(header.height + (firstRow === undefined ? 0 : layout(firstRow, false).height));
    drawRow(
      columns.map((c) => c.title),
      header,
      true,
      false,
    );
    rows.forEach((row, index) => {
      const laid = layout(row, false);
      if (this.y + laid.height > this.bottom) {
        this.addPage({ widthPt: this.pageWidth, heightPt: this.pageHeight });
        drawRow(
          columns.map((c) => c.title),
          header,
          true,
          false,
        );
      }
      drawRow(row, laid, false, index % 2 === 1);
    });
    this.space(6);
  }

  /** A vector drawing in top-down page coordinates (an SVG path, y growing down the page). */
  path(d: string, style: PathStyle): void {
    this.page.drawSvgPath(d, {
      x: 0,
      y: this.pageHeight,
      ...(style.stroke === undefined ? {} : { borderColor: style.stroke }),
      ...(style.widthPt === undefined ? {} : { borderWidth: style.widthPt }),
      ...(style.fill === undefined ? {} : { color: style.fill }),
      ...(style.fillOpacity === undefined ? {} : { opacity: style.fillOpacity }),
      ...(style.strokeOpacity === undefined ? {} : { borderOpacity: style.strokeOpacity }),
      ...(style.dash === undefined ? {} : { borderDashArray: [...style.dash] }),
    });
  }

  /**
   * Who the document is about, right-aligned in the header within `maxWidthPt`, its last line on the title's
   * baseline: at 9 pt when it fits on one line, otherwise smaller, and on two lines only when it must.
   */
  private identityHeader(maxWidthPt: number, top: number): void {
    const { sizePt, lines } = fitLines(this.bold, this.frame.identity, HEADER_SIZES, maxWidthPt, 2);
    const lineHeight = sizePt * 1.15;
    const baseline = top + HEADER_SIZES.maxSizePt * 0.8;
    lines.forEach((line, k) => {
      const lineBaseline = baseline - (lines.length - 1 - k) * lineHeight;
      const left = this.page.getWidth() - MARGIN_PT - this.widthOf(line, sizePt, true);
      this.text(line, left, lineBaseline - sizePt * 0.8, sizePt, { bold: true });
    });
  }

  /** Header and footer on every page; the PDF's bytes. */
  async finish(): Promise<Uint8Array> {
    const pages = this.doc.getPages();
    pages.forEach((page, index) => {
      this.page = page;
      const width = page.getWidth();
      const top = MARGIN_PT / 2;
      this.text(this.frame.title, MARGIN_PT, top, 9, { bold: true, color: COLORS.accent });
      this.identityHeader(width - 2 * MARGIN_PT - this.widthOf(this.frame.title, 9, true) - 12, top);
      this.y = top + 13;
      this.rule(COLORS.muted);
      const footTop = page.getHeight() - FOOTER_PT;
      this.y = footTop - 4;
      this.rule(COLORS.muted);
      const pageLabel = `page ${index + 1} of ${pages.length}`;
      const noticeWidth = width - 2 * MARGIN_PT - this.widthOf(pageLabel, 8) - 12;
      const notice = fitLines(this.bold, this.frame.notice, FOOTER_SIZES, noticeWidth, 2);
      notice.lines.forEach((line, k) =>
        this.text(line, MARGIN_PT, footTop + k * notice.sizePt * 1.25, notice.sizePt, { bold: true }),
      );
      this.text(pageLabel, width - MARGIN_PT - this.widthOf(pageLabel, 8), footTop, 8, {
        color: COLORS.muted,
      });
    });
    return this.doc.save();
  }
}

/** Type sizes of the header's identity and the footer's notice: the larger when the text fits. */
const HEADER_SIZES = { maxSizePt: 9, minSizePt: 6.5 } as const;
const FOOTER_SIZES = { maxSizePt: 8, minSizePt: 6.5 } as const;

export interface TextOptions {
  readonly bold?: boolean;
  readonly color?: Color;
}

export interface PathStyle {
  readonly stroke?: Color;
  readonly fill?: Color;
  readonly widthPt?: number;
  readonly fillOpacity?: number;
  readonly strokeOpacity?: number;
  readonly dash?: readonly number[];
}
