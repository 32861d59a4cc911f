// A first look at a radiograph before its full decode: for JPEG 2000, only the resolution levels a screen needs.
import { decodePixels, sideAtLevel, type DecodedFrame } from './decode.js';
import type { DicomImageInfo } from './inspect.js';

export interface DicomPreviewOptions {
  /** The longest side wanted, in pixels (default 2048). */
  readonly maxSide?: number;
}

export type DecodedPreview = DecodedFrame & {
  /**
   * Decoded size / full size along each side: 1 for a full decode, 2^-level for a JPEG 2000 image decoded `level`
   * resolution levels down (then each side is the full side × scale, rounded up).
   */
  readonly scale: number;
};

export const DEFAULT_PREVIEW_MAX_SIDE = 2048;

function uint16At(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] ?? 0) << 8) | (bytes[offset + 1] ?? 0);
}

/**
 * The number of wavelet decomposition levels every component has, from the main header of a JPEG 2000 codestream
 * (ISO/IEC 15444-1 A.6.1 COD: Lcod Scod SGcod(4) then SPcod starting with the number of levels; A.6.2 COC: Lcoc
 * Ccoc(1 or 2) Scoc then SPcoc, likewise), or undefined without a readable COD segment. The main header ends at
 * the first SOT (FF90).
 */
export function j2kDecompositionLevels(codestream: Uint8Array): number | undefined {
  if (uint16At(codestream, 0) !== 0xff4f) return undefined;
  const components = uint16At(codestream, 40); // Csiz, in SIZ right after SOC (./codestream.ts)
  let levels: number | undefined;
  let position = 2;
  while (position + 4 <= codestream.length) {
    const marker = uint16At(codestream, position);
    if (marker === 0xff90 || (marker & 0xff00) !== 0xff00) break;
    const length = uint16At(codestream, position + 2);
    if (length < 2 || position + 2 + length > codestream.length) return undefined;
    if (marker === 0xff52 && length >= 10) {
      const value = codestream[position + 9] ?? 0;
      levels = levels === undefined ? value : Math.min(levels, value);
    } else if (marker === 0xff53) {
      const at = position + 4 + (components < 257 ? 1 : 2) + 1;
      if (at < position + 2 + length) levels = Math.min(levels ?? Infinity, codestream[at] ?? 0);
    }
    position += 2 + length;
  }
  return levels;
}

/** The fewest levels to leave out so that the longer side fits `maxSide` (as many as the codestream has, at most). */
export function previewLevel(rows: number, columns: number, available: number, maxSide: number): number {
  let level = 0;
  while (level < available && Math.max(sideAtLevel(rows, level), sideAtLevel(columns, level)) > maxSide)
    level++;
  return level;
}

/**
 * A first image to show while the full one decodes, the way viewers display progressively. For JPEG 2000 only the
 * resolution levels needed for the longer side to fit `maxSide` are decoded (OpenJPEG's reduce factor): the result
 * is the wavelet's low-pass image, each side ceil(full / 2^level), `scale` 2^-level. Every other transfer syntax
 * (and a JPEG 2000 image that already fits, or whose codestream has too few levels) comes back decoded in full,
 * scale 1: the viewer scales it. Values are stored values, like `decodeDicomPixels`; minValue and maxValue are
 * those of the preview (the low-pass image is smoother than the full one, but the 5/3 filter's negative taps make
 * it over- and undershoot next to sharp edges). If the reduced decode fails (a tile header allowing fewer levels
 * than the main header), the image is decoded in full.
 */
export async function decodeDicomPreview(
  bytes: Uint8Array,
  info?: DicomImageInfo,
  options: DicomPreviewOptions = {},
): Promise<DecodedPreview> {
  const maxSide = options.maxSide ?? DEFAULT_PREVIEW_MAX_SIDE;
  if (!Number.isInteger(maxSide) || maxSide < 1) throw new RangeError('maxSide must be a positive integer');
  const decoded = await decodePixels(bytes, info, (codestream, image) =>
    previewLevel(image.rows, image.columns, j2kDecompositionLevels(codestream) ?? 0, maxSide),
  );
  const { rows, columns, samplesPerPixel, pixels, minValue, maxValue, level } = decoded;
  return { rows, columns, samplesPerPixel, pixels, minValue, maxValue, scale: 2 ** -level };
}
