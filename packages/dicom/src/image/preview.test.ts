import { describe, expect, it } from 'vitest';
import { syntheticDicom, transcode } from '../test-support/syntheticDicom.js';
import { decodeDicomPixels, type DecodedFrame, type PixelArray } from './decode.js';
import { inspectDicom } from './inspect.js';
import { decodeDicomPreview, j2kDecompositionLevels, previewLevel } from './preview.js';

// Odd sides, so that the reduced sides are rounded up.
const rows = 301;
const columns = 203;
const original = syntheticDicom({ rows, columns, bitsAllocated: 16 });
const j2k = transcode(original, 'jpeg2000');

/**
 * The full image box-filtered down `level` levels: the mean of the 2^level × 2^level block centred on each full
 * pixel (2^level·x, 2^level·y), cut short at the edges. The wavelet's low-pass sample x at level `level` sits on full
 * pixel 2^level·x (ISO/IEC 15444-1 F.3.8: the low-pass band keeps the even samples), not at the centre of the block
 * [2^level·x, 2^level·(x + 1)).
 */
function boxFiltered(frame: DecodedFrame, level: number): Float64Array {
  const block = 2 ** level;
  const half = block / 2;
  const outRows = Math.ceil(frame.rows / block);
  const outColumns = Math.ceil(frame.columns / block);
  const out = new Float64Array(outRows * outColumns);
  for (let y = 0; y < outRows; y++) {
    for (let x = 0; x < outColumns; x++) {
      let sum = 0;
      let count = 0;
      for (let v = Math.max(0, y * block - half); v < Math.min(frame.rows, y * block + half); v++) {
        for (let u = Math.max(0, x * block - half); u < Math.min(frame.columns, x * block + half); u++) {
          sum += frame.pixels[v * frame.columns + u] ?? 0;
          count++;
        }
      }
      out[y * outColumns + x] = sum / count;
    }
  }
  return out;
}

function meanAbsoluteDifference(a: PixelArray, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum / a.length;
}

describe('decodeDicomPreview', () => {
  it('decodes only the resolution levels of a JPEG 2000 image needed to fit the longest side', async () => {
    const info = inspectDicom(j2k);
    const full = await decodeDicomPixels(j2k, info);
    const preview = await decodeDicomPreview(j2k, info, { maxSide: 80 });
    // 301 → 151 → 76: two levels down.
    const level = 2;
    expect(preview.scale).toBe(1 / 2 ** level);
    expect(preview).toMatchObject({
      rows: Math.ceil(rows / 2 ** level),
      columns: Math.ceil(columns / 2 ** level),
      samplesPerPixel: 1,
    });
    expect(preview.pixels).toBeInstanceOf(Uint16Array);
    expect(preview.pixels).toHaveLength(preview.rows * preview.columns);
    // The wavelet's low-pass image is close to the mean of each block of the full image. (It differs most at the
    // synthetic image's sharp band edges, where the 5/3 filter cascade is wider than a box.)
    const difference = meanAbsoluteDifference(preview.pixels, boxFiltered(full, level));
    expect(difference).toBeLessThan(0.02 * (full.maxValue - full.minValue));
    // Its range is its own: the 5/3 low-pass filter has negative taps, so it undershoots next to the sharp band.
    expect(preview.minValue).toBe(Math.min(...preview.pixels));
    expect(preview.maxValue).toBe(Math.max(...preview.pixels));
  });

  it('uses the default longest side of 2048 pixels and decodes a JPEG 2000 image that fits in full', async () => {
    const info = inspectDicom(j2k);
    const full = await decodeDicomPixels(j2k, info);
    const preview = await decodeDicomPreview(j2k, info);
    expect(preview).toEqual({ ...full, scale: 1 });
  });

  it('returns the full decode for an uncompressed image, whatever its size', async () => {
    const full = await decodeDicomPixels(original);
    const preview = await decodeDicomPreview(original, undefined, { maxSide: 64 });
    expect(preview).toEqual({ ...full, scale: 1 });
  });

  it('decodes the same pixels as before after a preview of the same image (each decode has its own codec)', async () => {
    const info = inspectDicom(j2k);
    const first = await decodeDicomPixels(j2k, info);
    await decodeDicomPreview(j2k, info, { maxSide: 32 });
    expect(await decodeDicomPixels(j2k, info)).toEqual(first);
  });

  it('rejects a longest side that is not a positive integer', async () => {
    await expect(decodeDicomPreview(original, undefined, { maxSide: 0 })).rejects.toThrow(RangeError);
    await expect(decodeDicomPreview(original, undefined, { maxSide: 10.5 })).rejects.toThrow(RangeError);
  });
});

describe('j2kDecompositionLevels', () => {
  it('reads the number of wavelet levels from the COD segment written by gdcmconv', () => {
    const info = inspectDicom(j2k);
    expect(info.transferSyntaxUid).toBe('1.2.840.10008.1.2.4.90');
    const start = findCodestream(j2k);
    expect(j2kDecompositionLevels(j2k.subarray(start))).toBeGreaterThanOrEqual(3);
  });

  it('gives no answer for bytes that are not a JPEG 2000 codestream', () => {
    expect(j2kDecompositionLevels(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBeUndefined();
    expect(j2kDecompositionLevels(new Uint8Array(0))).toBeUndefined();
  });
});

describe('previewLevel', () => {
  it('leaves out the fewest levels for the longest side to fit, but no more than the codestream has', () => {
    expect(previewLevel(7000, 3000, 5, 2048)).toBe(2); // 1750 × 750
    expect(previewLevel(2048, 1000, 5, 2048)).toBe(0);
    expect(previewLevel(2049, 1000, 5, 2048)).toBe(1); // 1025 × 500
    expect(previewLevel(70000, 3000, 3, 2048)).toBe(3);
  });
});

/** The offset of the SOC marker (FF4F FF51) in a file's encapsulated pixel data. */
function findCodestream(bytes: Uint8Array): number {
  for (let i = 0; i + 3 < bytes.length; i++) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0x4f && bytes[i + 2] === 0xff && bytes[i + 3] === 0x51)
      return i;
  }
  throw new Error('no JPEG 2000 codestream');
}
