import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, rgb } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePng, readPngReduced } from './png.js';
import { RowReducer, reductionFactor, type Raster } from './raster.js';

// Our PNG writer and reader, checked against libpng (poppler's pdftoppm writes PNG and PGM of the same page,
// with every PNG row filter libpng chooses) and against themselves.

const run = promisify(execFile);

/** A P5 (binary greyscale) PGM. */
function readPgm(bytes: Buffer): Raster {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.toString('latin1', 0, 64));
  if (header === null) throw new Error('not a P5 PGM');
  const [widthPx, heightPx] = [Number(header[1]), Number(header[2])];
  return {
    widthPx,
    heightPx,
    channels: 1,
    pixels: bytes.subarray(header[0].length, header[0].length + widthPx * heightPx),
  };
}

describe('PNG', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'spinerecon-png-'));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('reads a PNG written by libpng exactly as the same page written as PGM', async () => {
    const document = await PDFDocument.create();
    const page = document.addPage([200, 150]);
    page.drawRectangle({ x: 20, y: 20, width: 120, height: 60, color: rgb(0.2, 0.4, 0.6) });
    page.drawCircle({ x: 150, y: 100, size: 30, color: rgb(0.9, 0.1, 0.1) });
    page.drawText('SpineRecon 1:1', { x: 10, y: 120, size: 14 });
    const pdf = join(folder, 'page.pdf');
    await writeFile(pdf, await document.save());
    await run('pdftoppm', ['-r', '72', '-gray', '-png', pdf, join(folder, 'png')]);
    await run('pdftoppm', ['-r', '72', '-gray', pdf, join(folder, 'pgm')]);
    const names = await readdir(folder);
    const pngName = names.find((n) => n.startsWith('png') && n.endsWith('.png'));
    const pgmName = names.find((n) => n.startsWith('pgm') && n.endsWith('.pgm'));
    if (pngName === undefined || pgmName === undefined) throw new Error('pdftoppm wrote nothing');
    const decoded = await readPngReduced(await readFile(join(folder, pngName)), 10_000);
    const reference = readPgm(await readFile(join(folder, pgmName)));
    if (decoded === undefined) throw new Error('not read');
    expect([decoded.widthPx, decoded.heightPx]).toEqual([reference.widthPx, reference.heightPx]);
    // pdftoppm writes the grey page as RGB with three equal channels.
    const grey = Uint8Array.from({ length: decoded.widthPx * decoded.heightPx }, (_, i) =>
      decoded.channels === 3 ? (decoded.pixels[i * 3] ?? 0) : (decoded.pixels[i] ?? 0),
    );
    expect(Buffer.from(grey).equals(Buffer.from(reference.pixels))).toBe(true);
    expect(new Set(grey).size).toBeGreaterThan(10);
  });

  it('reads back what it writes, grey and RGB', async () => {
    const grey: Raster = {
      widthPx: 7,
      heightPx: 5,
      channels: 1,
      pixels: Uint8Array.from({ length: 35 }, (_, i) => (i * 37) % 256),
    };
    const colour: Raster = {
      widthPx: 3,
      heightPx: 4,
      channels: 3,
      pixels: Uint8Array.from({ length: 36 }, (_, i) => (i * 53 + 11) % 256),
    };
    for (const raster of [grey, colour]) {
      const back = await readPngReduced(encodePng(raster), 100);
      expect(Array.from(back?.pixels ?? [])).toEqual(Array.from(raster.pixels));
      expect([back?.widthPx, back?.heightPx, back?.channels]).toEqual([
        raster.widthPx,
        raster.heightPx,
        raster.channels,
      ]);
    }
  });

  it('reduces a large image by block means so that its longer side fits', async () => {
    const widthPx = 10;
    const heightPx = 25;
    const pixels = Uint8Array.from({ length: widthPx * heightPx }, (_, i) =>
      Math.floor(i / widthPx) < 3 ? 30 : 200,
    );
    const reduced = await readPngReduced(encodePng({ widthPx, heightPx, channels: 1, pixels }), 8);
    // ceil(25 / 8) = 4: blocks of 4 × 4 px, the last ones smaller (10 → 3 columns, 25 → 7 rows).
    expect(reductionFactor(widthPx, heightPx, 8)).toBe(4);
    expect([reduced?.widthPx, reduced?.heightPx]).toEqual([3, 7]);
    // The first block row: 3 rows of 30 and 1 of 200.
    expect(reduced?.pixels[0]).toBe(Math.round((3 * 30 + 200) / 4));
    expect(reduced?.pixels[3]).toBe(200);
  });

  it('leaves palette and interlaced PNGs to be embedded as they are', async () => {
    const png = encodePng({ widthPx: 2, heightPx: 2, channels: 1, pixels: Uint8Array.from([1, 2, 3, 4]) });
    const palette = Buffer.from(png);
    palette[8 + 8 + 9] = 3; // IHDR colour type: palette (the CRC no longer matters to our reader)
    expect(await readPngReduced(palette, 10)).toBeUndefined();
    const interlaced = Buffer.from(png);
    interlaced[8 + 8 + 12] = 1;
    expect(await readPngReduced(interlaced, 10)).toBeUndefined();
  });

  it('refuses a row reducer that was not given every row', () => {
    const reducer = new RowReducer(4, 4, 1, 2);
    reducer.push(new Uint8Array(4));
    expect(() => reducer.result()).toThrow(/not every row/);
  });
});
