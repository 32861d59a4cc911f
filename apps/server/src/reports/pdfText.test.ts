import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { fitLines, formatNumber, printable, unshownCharacters, wrapText } from './pdfText.js';
import { niceTicks } from './lineChart.js';
import { embedReportFonts } from './reportFonts.js';
import type { PDFFont } from 'pdf-lib';

// Text for the reports' font (DejaVu Sans), and the numbers of the report.

describe('report text', () => {
  let font: PDFFont;
  let bold: PDFFont;
  beforeAll(async () => {
    ({ regular: font, bold } = await embedReportFonts(await PDFDocument.create()));
  });

  it('keeps Polish, Czech, German and the report symbols exactly as written', () => {
    for (const text of [
      'Łucja Żółć',
      'Řehoř Dvořák-Šťastná, Ůna Ďurková',
      'Jürgen Weiß-Größe, Ödön Szőke',
      'PI − LL ≥ 10° → ✓, Δ 5 × 45 mm – “met”',
    ]) {
      expect(printable(font, text)).toBe(text);
      expect(printable(bold, text)).toBe(text);
      expect(unshownCharacters(bold, text)).toBe('');
    }
  });

  it('composes a letter typed with a combining mark into the letter the font has', () => {
    // "Z" + combining dot above, "o" and "c" + combining acute (ł has no decomposition: typed as itself).
    expect(printable(font, 'Z\u0307o\u0301\u0142c\u0301')).toBe('Żółć');
    expect(printable(font, 'Z\u0307o\u0301\u0142c\u0301')).toHaveLength(4);
    expect(unshownCharacters(font, 'Z\u0307o\u0301')).toBe('');
  });

  it('prints only the characters the font lacks as ?, keeping line breaks and turning a tab into a space', () => {
    expect(printable(font, 'Wang 王芳 Łucja')).toBe('Wang ?? Łucja');
    expect(printable(font, '山田 花子')).toBe('?? ??');
    expect(unshownCharacters(font, 'Wang 王芳 王')).toBe('王芳');
    expect(printable(font, 'a\tb\r\nc\nd')).toBe('a b\nc\nd');
  });

  it('wraps at spaces within the width measured in the font, and cuts a word longer than a line', () => {
    const lines = wrapText(font, 'a short line and then averyveryveryverylongwordwithoutspaces', 10, 60);
    for (const line of lines) expect(font.widthOfTextAtSize(line, 10)).toBeLessThanOrEqual(60);
    // Nothing is lost: the words, and the long word in pieces.
    expect(lines.join('').replace(/ /g, '')).toBe('ashortlineandthenaveryveryveryverylongwordwithoutspaces');
    expect(lines.length).toBeGreaterThan(3);
    expect(lines[0]).toBe('a short line');
  });

  it('wraps a name with marks by its real width and cuts a long one between whole letters', () => {
    const name = 'Żółć-Řehořová-Weißgerber-Dvořáková';
    const lines = wrapText(bold, `Patient ${name}`, 9, 70);
    for (const line of lines) expect(bold.widthOfTextAtSize(line, 9)).toBeLessThanOrEqual(70);
    expect(lines.join('')).toBe(`Patient${name}`);
    // Kept: the width of the embedded font differs from letter to letter (Ł is wider than l).
    expect(font.widthOfTextAtSize('ŁŁŁ', 9)).toBeGreaterThan(font.widthOfTextAtSize('lll', 9));
  });

  it('fits a text in fewer lines at a smaller size, and marks what even the smallest size cannot hold', () => {
    const text = 'Łucja Żółć · MRN MRN-4711 · born 1958-04-02 · female';
    const width = bold.widthOfTextAtSize(text, 9);
    expect(fitLines(bold, text, { maxSizePt: 9, minSizePt: 6.5 }, width + 1, 2)).toEqual({
      sizePt: 9,
      lines: [text],
    });
    const smaller = fitLines(bold, text, { maxSizePt: 9, minSizePt: 6.5 }, width * 0.8, 2);
    expect(smaller.lines).toEqual([text]);
    expect(smaller.sizePt).toBeLessThan(9);
    expect(smaller.sizePt).toBeGreaterThanOrEqual(6.5);
    const two = fitLines(bold, text, { maxSizePt: 9, minSizePt: 6.5 }, width * 0.6, 2);
    expect(two.lines).toHaveLength(2);
    expect(two.lines.join(' ')).toBe(text);
    const cut = fitLines(bold, text, { maxSizePt: 9, minSizePt: 6.5 }, width * 0.2, 2);
    expect(cut.sizePt).toBe(6.5);
    expect(cut.lines).toHaveLength(2);
    expect(cut.lines[1]?.endsWith(' …')).toBe(true);
    for (const line of cut.lines) expect(bold.widthOfTextAtSize(line, 6.5)).toBeLessThanOrEqual(width * 0.2);
  });

  it('formats numbers without a negative zero, and a missing one as a dash', () => {
    expect(formatNumber(-0.04)).toBe('0.0');
    expect(formatNumber(-0.06)).toBe('-0.1');
    expect(formatNumber(12.345, 2)).toBe('12.35');
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
  });

  it('puts chart ticks at round steps covering the range', () => {
    expect(niceTicks(-3.2, 17.9)).toEqual([0, 5, 10, 15]);
    expect(niceTicks(25.5, 32.5)).toEqual([26, 28, 30, 32]);
    expect(niceTicks(0, 183, 5)).toEqual([0, 50, 100, 150]);
  });
});
