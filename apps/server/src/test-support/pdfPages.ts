import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readPngReduced } from '../reports/png.js';
import type { Raster } from '../reports/raster.js';
import type { ApiClient } from './apiClient.js';

// PDFs in tests: fetched as bytes, turned into PNG pages by poppler's pdftoppm and into text by pdftotext,
// their fonts listed by pdffonts (Debian poppler-utils), and measured.

const run = promisify(execFile);

/** A GET of binary content with the client's session (ApiClient reads bodies as text). */
export async function fetchBytes(client: ApiClient, path: string) {
  const response = await fetch(`${client.baseUrl}${path}`, { headers: { cookie: client.cookieHeader } });
  return {
    status: response.status,
    headers: response.headers,
    bytes: new Uint8Array(await response.arrayBuffer()),
  };
}

async function inTemporaryFolder<T>(work: (folder: string) => Promise<T>): Promise<T> {
  const folder = await mkdtemp(join(tmpdir(), 'spinerecon-pdf-'));
  try {
    return await work(folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

export interface PageRaster {
  readonly pageNumber: number;
  /** The PNG pdftoppm wrote. */
  readonly png: Buffer;
  readonly raster: Raster;
}

/** `pdftoppm -r <dpi> -png` of every page (or of pages first…last), decoded. */
export function rasterize(
  pdf: Uint8Array,
  dpi: number,
  first?: number,
  last?: number,
): Promise<PageRaster[]> {
  return inTemporaryFolder(async (folder) => {
    const file = join(folder, 'report.pdf');
    await writeFile(file, pdf);
    const range = first === undefined ? [] : ['-f', String(first), '-l', String(last ?? first)];
    await run('pdftoppm', ['-r', String(dpi), '-png', ...range, file, join(folder, 'page')]);
    const names = (await readdir(folder)).filter((n) => n.endsWith('.png')).sort();
    const pages: PageRaster[] = [];
    for (const name of names) {
      const png = await readFile(join(folder, name));
      const raster = await readPngReduced(png, Number.MAX_SAFE_INTEGER);
      if (raster === undefined) throw new Error(`pdftoppm wrote a PNG we cannot read: ${name}`);
      pages.push({ pageNumber: Number(/(\d+)\.png$/.exec(name)?.[1]), png, raster });
    }
    return pages;
  });
}

/**
 * The text of each page, in page order: `layout` keeps the columns of tables in place (pdftotext -layout);
 * `raw` keeps the order the text was drawn in (pdftotext -raw), so a wrapped cell reads as one.
 */
export function pageTexts(pdf: Uint8Array, mode: 'layout' | 'raw' = 'layout'): Promise<string[]> {
  return inTemporaryFolder(async (folder) => {
    const file = join(folder, 'report.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run('pdftotext', [`-${mode}`, '-enc', 'UTF-8', file, '-'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    const pages = stdout.split('\f');
    return pages[pages.length - 1]?.trim() === '' ? pages.slice(0, -1) : pages;
  });
}

export interface PdfFont {
  /** The font's name in the PDF (pdf-lib adds a number to an embedded font's: "DejaVuSans-1234"). */
  readonly name: string;
  readonly type: string;
  readonly embedded: boolean;
  /** Whether it has a table from glyphs to Unicode (text extraction, copy and search). */
  readonly unicode: boolean;
}

/** The fonts of the PDF, as poppler's `pdffonts` lists them. */
export function pdfFonts(pdf: Uint8Array): Promise<PdfFont[]> {
  return inTemporaryFolder(async (folder) => {
    const file = join(folder, 'report.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run('pdffonts', [file]);
    // name, type (may have spaces), encoding, emb, sub, uni, object number, generation.
    return stdout
      .split('\n')
      .slice(2)
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const words = line.trim().split(/\s+/);
        const tail = words.slice(-6);
        return {
          name: words[0] ?? '',
          type: words.slice(1, -6).join(' '),
          embedded: tail[1] === 'yes',
          unicode: tail[3] === 'yes',
        };
      });
  });
}

/** Brightness (0–255) of each pixel: the mean of its channels. */
function luminance(raster: Raster, index: number): number {
  const { channels, pixels } = raster;
  let sum = 0;
  for (let c = 0; c < channels; c++) sum += pixels[index * channels + c] ?? 0;
  return sum / channels;
}

/** How much of the page is drawn on: the share of pixels darker than near-white, and the spread of values. */
export function inkStatistics(raster: Raster): { inkShare: number; standardDeviation: number } {
  const count = raster.widthPx * raster.heightPx;
  let ink = 0;
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < count; i++) {
    const value = luminance(raster, i);
    if (value < 230) ink += 1;
    sum += value;
    squares += value * value;
  }
  const mean = sum / count;
  return { inkShare: ink / count, standardDeviation: Math.sqrt(Math.max(0, squares / count - mean * mean)) };
}

/** Pixels that are clearly blue (the predicted spine's colour): blue above red and green by a margin. */
export function bluePixels(raster: Raster): number {
  if (raster.channels !== 3) return 0;
  let count = 0;
  for (let i = 0; i < raster.widthPx * raster.heightPx; i++) {
    const [r, g, b] = [
      raster.pixels[i * 3] ?? 0,
      raster.pixels[i * 3 + 1] ?? 0,
      raster.pixels[i * 3 + 2] ?? 0,
    ];
    if (b > r + 60 && b > g + 15) count += 1;
  }
  return count;
}

/** The longest run of dark pixels (brightness < 128) in row `y`, starting at or after x = `fromX`. */
export function darkRunAt(raster: Raster, y: number, fromX = 0): { startX: number; lengthPx: number } {
  let best = { startX: -1, lengthPx: 0 };
  let start = -1;
  for (let x = Math.max(0, fromX); x <= raster.widthPx; x++) {
    const dark = x < raster.widthPx && luminance(raster, y * raster.widthPx + x) < 128;
    if (dark && start < 0) start = x;
    if (!dark && start >= 0) {
      if (x - start > best.lengthPx) best = { startX: start, lengthPx: x - start };
      start = -1;
    }
  }
  return best;
}
