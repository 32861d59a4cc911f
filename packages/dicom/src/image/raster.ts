// PNG and JPEG files (films photographed or exported without DICOM): their size, read from the header only.
import { DicomError } from '../dicomError.js';
import { readJpegFrameHeader } from './codestream.js';
import { resolveLimits, type ImageLimits } from './limits.js';

export interface RasterImageInfo {
  readonly mediaType: 'image/png' | 'image/jpeg';
  readonly width: number;
  readonly height: number;
}

// PNG signature and IHDR layout: PNG Specification (W3C, third edition) 5.2 and 11.2.1.
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function readUint32(bytes: Uint8Array, offset: number): number {
  return (
    (((bytes[offset] ?? 0) << 24) >>> 0) +
    ((bytes[offset + 1] ?? 0) << 16) +
    ((bytes[offset + 2] ?? 0) << 8) +
    (bytes[offset + 3] ?? 0)
  );
}

function checkSize(width: number, height: number, maxPixels: number, kind: string): void {
  if (width * height > maxPixels) {
    throw new DicomError(
      'too-large',
      `the ${kind} declares ${width} × ${height} pixels, more than the limit of ${maxPixels.toLocaleString('en')} pixels`,
    );
  }
}

/**
 * Identifies a PNG or JPEG file and reads its declared size without decoding it. Refuses declared sizes above
 * `maxPixels` (a decompression bomb) with 'too-large' and damaged headers with 'malformed'.
 */
export function inspectRasterImage(bytes: Uint8Array, limits?: Partial<ImageLimits>): RasterImageInfo {
  const { maxPixels } = resolveLimits(limits);
  if (PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)) {
    // PNG 11.2.1: the first chunk is IHDR, 13 bytes: width(4) height(4) bit depth, colour type, …
    const chunkType = String.fromCharCode(...bytes.subarray(12, 16));
    if (bytes.length < 33 || readUint32(bytes, 8) !== 13 || chunkType !== 'IHDR') {
      throw new DicomError('malformed', 'the PNG file is damaged: its IHDR header is missing or truncated');
    }
    const width = readUint32(bytes, 16);
    const height = readUint32(bytes, 20);
    // PNG 11.2.1: zero is an invalid width or height; the maximum is 2^31 − 1.
    if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) {
      throw new DicomError('malformed', 'the PNG file is damaged: its width or height is invalid');
    }
    checkSize(width, height, maxPixels, 'PNG image');
    return { mediaType: 'image/png', width, height };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    const result = readJpegFrameHeader(bytes);
    if (!result.ok) throw new DicomError('malformed', `the JPEG file is damaged: ${result.reason}`);
    const { width, height } = result.header;
    // ITU-T T.81 B.2.2: a height of 0 defers the height to a DNL marker, which we do not follow.
    if (width === 0 || height === 0) {
      throw new DicomError(
        'malformed',
        'the JPEG file is damaged or unusual: its frame header gives no width or height',
      );
    }
    checkSize(width, height, maxPixels, 'JPEG image');
    return { mediaType: 'image/jpeg', width, height };
  }
  throw new DicomError('not-dicom', 'this file is neither a PNG nor a JPEG image');
}
