import type { PDFFont } from 'pdf-lib';

// Text for the reports' font (DejaVu Sans, reportFonts.ts). Text is composed first (NFC: a letter typed as
// letter + combining mark becomes the one letter the font has); white space the font has no glyph for (a tab)
// becomes a space, and a character the font cannot show (e.g. Chinese, Japanese, Korean) becomes '?', only that
// character: a report never fails on a name, and says so when it happens (subject.ts).

/** The code points each font can show, computed once per font. */
const CHARACTER_SETS = new WeakMap<PDFFont, ReadonlySet<number>>();

function characterSet(font: PDFFont): ReadonlySet<number> {
  let set = CHARACTER_SETS.get(font);
  if (set === undefined) {
    set = new Set(font.getCharacterSet());
    CHARACTER_SETS.set(font, set);
  }
  return set;
}

const shows = (set: ReadonlySet<number>, c: string): boolean => set.has(c.codePointAt(0) ?? 0);

/** What `font` cannot show in `text`, as one string of distinct characters (empty when it shows everything). */
export function unshownCharacters(font: PDFFont, text: string): string {
  const set = characterSet(font);
  const composed = text.normalize('NFC');
  return [...new Set([...composed].filter((c) => !/\s/u.test(c) && !shows(set, c)))].join('');
}

/** `text` written with the characters `font` has (see above); line breaks are kept. */
export function printable(font: PDFFont, text: string): string {
  const set = characterSet(font);
  let out = '';
  for (const c of text.normalize('NFC').replace(/\r\n?/g, '\n')) {
    if (c === '\n' || shows(set, c)) out += c;
    else out += /\s/u.test(c) ? ' ' : '?';
  }
  return out;
}

const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function graphemes(text: string): string[] {
  return Array.from(GRAPHEMES.segment(text), (s) => s.segment);
}

/** Splits `text` into lines no wider than `widthPt` at `sizePt` (a word longer than a line is cut). */
export function wrapText(font: PDFFont, text: string, sizePt: number, widthPt: number): string[] {
  const lines: string[] = [];
  for (const paragraph of printable(font, text).split('\n')) {
    let current = '';
    for (const word of paragraph.split(/ +/)) {
      const candidate = current === '' ? word : `${current} ${word}`;
      if (font.widthOfTextAtSize(candidate, sizePt) <= widthPt) {
        current = candidate;
        continue;
      }
      if (current !== '') lines.push(current);
      current = word;
      // A word wider than the line is cut between letters (whole graphemes: a letter keeps its marks).
      let letters = graphemes(current);
      while (font.widthOfTextAtSize(current, sizePt) > widthPt && letters.length > 1) {
        let cut = letters.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(letters.slice(0, cut).join(''), sizePt) > widthPt) cut--;
        lines.push(letters.slice(0, cut).join(''));
        letters = letters.slice(cut);
        current = letters.join('');
      }
    }
    lines.push(current);
  }
  return lines;
}

/**
 * `text` in at most `maxLines` lines of `widthPt`: at `maxSizePt` or as little smaller as needed (in steps of a
 * quarter point, not below `minSizePt`), fewer lines first. When even that does not hold it all, the last line
 * ends in "…" (the caller shows the whole text elsewhere).
 */
export function fitLines(
  font: PDFFont,
  text: string,
  sizes: { readonly maxSizePt: number; readonly minSizePt: number },
  widthPt: number,
  maxLines: number,
): { sizePt: number; lines: string[] } {
  for (let lineCount = 1; lineCount <= maxLines; lineCount++) {
    for (let sizePt = sizes.maxSizePt; sizePt >= sizes.minSizePt; sizePt -= 0.25) {
      const lines = wrapText(font, text, sizePt, widthPt);
      if (lines.length <= lineCount) return { sizePt, lines };
    }
  }
  const sizePt = sizes.minSizePt;
  const lines = wrapText(font, text, sizePt, widthPt);
  const shown = lines.slice(0, maxLines);
  let last = `${shown.pop() ?? ''} …`;
  while (font.widthOfTextAtSize(last, sizePt) > widthPt && last.length > 2) last = `${last.slice(0, -3)} …`;
  return { sizePt, lines: [...shown, last] };
}

/** A number to `digits` decimals, or an em dash when there is none. */
export function formatNumber(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = value.toFixed(digits);
  // "-0.0" reads as a negative value that is not there.
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}
