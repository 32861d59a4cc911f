import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

// The reports' typeface: DejaVu Sans, regular and bold (package dejavu-fonts-ttf; Bitstream Vera licence, DejaVu
// changes in the public domain). It has Latin with every European mark, Greek, Cyrillic and the symbols the
// reports use (− ≥ → ✓ Δ), so a patient's name prints as it is written. Embedded as a subset: only the glyphs a
// report uses go into the PDF (a few tens of kB instead of 1.4 MB).

const require = createRequire(import.meta.url);

// Resolved through Node's module lookup: works from src (tests) and from dist (after tsc -b) alike.
const FONT_FILES = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
} as const;

export interface ReportFonts {
  readonly regular: PDFFont;
  readonly bold: PDFFont;
}

/** The font files' bytes, read once per process. */
let fontBytes: Promise<{ regular: Uint8Array; bold: Uint8Array }> | undefined;

function loadFontBytes(): Promise<{ regular: Uint8Array; bold: Uint8Array }> {
  fontBytes ??= Promise.all([readFile(FONT_FILES.regular), readFile(FONT_FILES.bold)]).then(
    ([regular, bold]) => ({ regular, bold }),
    (error: unknown) => {
      // A later report tries again rather than failing for good.
      fontBytes = undefined;
      throw error;
    },
  );
  return fontBytes;
}

/**
 * DejaVu Sans regular and bold embedded in `doc` (fontkit registered on it). Ligatures are off so that every
 * character is its own glyph: what is printed is what a text extractor reads back.
 */
export async function embedReportFonts(doc: PDFDocument): Promise<ReportFonts> {
  doc.registerFontkit(fontkit);
  const bytes = await loadFontBytes();
  const options = { subset: true, features: { liga: false } };
  const [regular, bold] = await Promise.all([
    doc.embedFont(bytes.regular, options),
    doc.embedFont(bytes.bold, options),
  ]);
  return { regular, bold };
}
