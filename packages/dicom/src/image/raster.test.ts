import { describe, expect, it } from 'vitest';
import { DicomError } from '../dicomError.js';
import { inspectRasterImage } from './raster.js';

function png(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(45);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(bytes.buffer).setUint32(16, width);
  new DataView(bytes.buffer).setUint32(20, height);
  bytes.set([8, 0, 0, 0, 0], 24);
  return bytes;
}

function jpeg(width: number, height: number): Uint8Array {
  // SOI, APP0 (JFIF, 16 bytes), SOF0 (8-bit, one component), EOI.
  return new Uint8Array([
    0xff,
    0xd8,
    0xff,
    0xe0,
    0,
    16,
    0x4a,
    0x46,
    0x49,
    0x46,
    0,
    1,
    1,
    0,
    0,
    1,
    0,
    1,
    0,
    0,
    0xff,
    0xc0,
    0,
    11,
    8,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    1,
    1,
    0x11,
    0,
    0xff,
    0xd9,
  ]);
}

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(DicomError);
    return (error as DicomError).code;
  }
}

describe('inspectRasterImage', () => {
  it('reads the size of a PNG from its IHDR header', () => {
    expect(inspectRasterImage(png(3000, 7000))).toEqual({
      mediaType: 'image/png',
      width: 3000,
      height: 7000,
    });
  });

  it('reads the size of a JPEG from its start-of-frame header, after other segments', () => {
    expect(inspectRasterImage(jpeg(1200, 3400))).toEqual({
      mediaType: 'image/jpeg',
      width: 1200,
      height: 3400,
    });
  });

  it('refuses a PNG declaring more pixels than the limit (decompression bomb) as too-large', () => {
    expect(codeOf(() => inspectRasterImage(png(100_000, 100_000)))).toBe('too-large');
    expect(codeOf(() => inspectRasterImage(png(100, 100), { maxPixels: 9_999 }))).toBe('too-large');
  });

  it('refuses a JPEG declaring 65535 × 65535 pixels as too-large', () => {
    expect(codeOf(() => inspectRasterImage(jpeg(65535, 65535)))).toBe('too-large');
  });

  it.each([
    ['a truncated PNG', () => png(10, 10).subarray(0, 20)],
    ['a PNG with zero width', () => png(0, 10)],
    [
      'a PNG whose first chunk is not IHDR',
      () => {
        const b = png(10, 10);
        b[12] = 0x41;
        return b;
      },
    ],
    ['a truncated JPEG', () => jpeg(10, 10).subarray(0, 24)],
    [
      'a JPEG with a lying segment length',
      () => {
        const b = jpeg(10, 10);
        b[5] = 200;
        return b;
      },
    ],
    ['a JPEG with zero height', () => jpeg(10, 0)],
  ])('refuses %s as malformed', (_name, make) => {
    expect(codeOf(() => inspectRasterImage(make()))).toBe('malformed');
  });

  it('refuses a file that is neither PNG nor JPEG as not-dicom', () => {
    expect(codeOf(() => inspectRasterImage(new TextEncoder().encode('GIF89a…')))).toBe('not-dicom');
  });
});
