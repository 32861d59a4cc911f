import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticDicom } from '../../../../packages/dicom/src/test-support/syntheticDicom.js';
import { ImageStore } from '../images/imageStore.js';
import { JPEG_BYTES, PNG_BYTES } from '../test-support/fixtures.js';
import { loadFilmPicture, windowed } from './filmPicture.js';
import { readPngReduced } from './png.js';
import { REPORT_MAX_SIDE_PX } from './raster.js';

// A film's picture for a report: DICOM decoded, windowed and reduced to a PNG; JPEG as stored; PNG reduced.

describe('film pictures', () => {
  let root: string;
  let images: ImageStore;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'spinerecon-film-'));
    images = new ImageStore(root);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  async function stored(bytes: Uint8Array, name: string) {
    const image = await images.save(Readable.from([Buffer.from(bytes)]), () => false, name);
    return {
      sha256: image.sha256,
      mediaType: image.mediaType,
      widthPx: image.facts.widthPx,
      heightPx: image.facts.heightPx,
    };
  }

  it('windows by the DICOM linear VOI function: black below, white above, linear between', () => {
    // Centre 2048, width 4096: the window runs from −0.5 to 4094.5.
    expect(windowed(-100, 2048, 4096)).toBe(0);
    expect(windowed(5000, 2048, 4096)).toBe(255);
    expect(windowed(2047.5, 2048, 4096)).toBe(128);
    expect(windowed(1000, 2048, 4096)).toBeLessThan(windowed(3000, 2048, 4096));
  });

  it('turns a large 16-bit DICOM film into a PNG no longer than the report side, in the film’s own pixels', async () => {
    const bytes = syntheticDicom({ rows: 3400, columns: 900, bitsAllocated: 16 });
    const picture = await loadFilmPicture(images, await stored(bytes, 'film.dcm'));
    if (typeof picture === 'string') throw new Error(picture);
    expect(picture.format).toBe('png');
    // The landmarks stay in the stored image's pixels.
    expect([picture.widthPx, picture.heightPx]).toEqual([900, 3400]);
    const raster = await readPngReduced(picture.bytes, 100_000);
    if (raster === undefined) throw new Error('not our PNG');
    expect(Math.max(raster.widthPx, raster.heightPx)).toBeLessThanOrEqual(REPORT_MAX_SIDE_PX);
    // Blocks of 3 × 3 px (3400 / 1600 rounded up).
    expect([raster.widthPx, raster.heightPx]).toEqual([300, 1134]);
    // The synthetic film's brighter band runs down the middle: brighter than the edge on the same row.
    const row = 567 * raster.widthPx;
    expect(raster.pixels[row + 150] ?? 0).toBeGreaterThan((raster.pixels[row + 10] ?? 0) + 50);
    // The gradient runs down the film: the bottom is brighter than the top.
    expect(raster.pixels[(raster.heightPx - 1) * raster.widthPx + 10] ?? 0).toBeGreaterThan(
      raster.pixels[10] ?? 0,
    );
    expect(picture.bytes.byteLength).toBeLessThan(bytes.byteLength / 10);
  });

  it('inverts a MONOCHROME1 film, where high values are dark', async () => {
    const normal = await loadFilmPicture(
      images,
      await stored(syntheticDicom({ rows: 40, columns: 40 }), 'a.dcm'),
    );
    const inverted = await loadFilmPicture(
      images,
      await stored(
        syntheticDicom({ rows: 40, columns: 40, attributes: { PhotometricInterpretation: 'MONOCHROME1' } }),
        'b.dcm',
      ),
    );
    if (typeof normal === 'string' || typeof inverted === 'string') throw new Error('not decoded');
    const a = await readPngReduced(normal.bytes, 100);
    const b = await readPngReduced(inverted.bytes, 100);
    expect(a?.pixels[0]).toBeDefined();
    for (const i of [0, 20, 800, 1599]) expect((a?.pixels[i] ?? 0) + (b?.pixels[i] ?? 0)).toBe(255);
  });

  it('embeds a JPEG as stored and reads a PNG', async () => {
    const jpeg = await loadFilmPicture(images, await stored(JPEG_BYTES, 'film.jpg'));
    if (typeof jpeg === 'string') throw new Error(jpeg);
    expect(jpeg.format).toBe('jpeg');
    expect(Buffer.from(jpeg.bytes).equals(JPEG_BYTES)).toBe(true);
    const png = await loadFilmPicture(images, await stored(PNG_BYTES, 'film.png'));
    if (typeof png === 'string') throw new Error(png);
    expect([png.format, png.widthPx, png.heightPx]).toEqual(['png', 2, 2]);
  });
});
