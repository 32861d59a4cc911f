// Reads the frame size declared in a JPEG-family codestream header without decoding it, so a decoder is never
// asked to allocate for dimensions the file lies about.

export interface JpegFrameHeader {
  readonly width: number;
  readonly height: number;
  readonly components: number;
  readonly precision: number;
  /** The SOF marker (0xC0…0xCF, or 0xF7 for JPEG-LS). */
  readonly marker: number;
}

export type JpegHeaderResult =
  { readonly ok: true; readonly header: JpegFrameHeader } | { readonly ok: false; readonly reason: string };

// Start-of-frame markers: ITU-T T.81 Table B.1 (SOF0–SOF15 except DHT C4, JPG C8, DAC CC) and ITU-T T.87 C.2.2
// (SOF55, 0xF7, JPEG-LS).
function isStartOfFrame(marker: number): boolean {
  return (
    (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) ||
    marker === 0xf7
  );
}

/** Walks the marker segments of a JPEG / JPEG-LS codestream up to its start-of-frame header. */
export function readJpegFrameHeader(bytes: Uint8Array): JpegHeaderResult {
  // ITU-T T.81 B.1.1.3: a codestream starts with SOI (FFD8).
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) {
    return { ok: false, reason: 'the JPEG data does not start with a start-of-image marker' };
  }
  let position = 2;
  while (position + 4 <= bytes.length) {
    if (bytes[position] !== 0xff) return { ok: false, reason: 'the JPEG header has a damaged marker' };
    const marker = bytes[position + 1] ?? 0;
    // ITU-T T.81 B.1.1.2: any marker may be preceded by fill bytes 0xFF.
    if (marker === 0xff) {
      position += 1;
      continue;
    }
    // ITU-T T.81 Table B.1: RSTm, SOI, TEM stand alone (no length field).
    if ((marker >= 0xd0 && marker <= 0xd8) || marker === 0x01) {
      position += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) {
      return { ok: false, reason: 'the JPEG data has no frame header before its image data' };
    }
    const length = ((bytes[position + 2] ?? 0) << 8) | (bytes[position + 3] ?? 0);
    if (length < 2 || position + 2 + length > bytes.length) {
      return { ok: false, reason: 'a JPEG header segment is longer than the data' };
    }
    if (isStartOfFrame(marker)) {
      // ITU-T T.81 B.2.2: Lf(2) P(1) Y(2) X(2) Nf(1).
      if (length < 8) return { ok: false, reason: 'the JPEG frame header is truncated' };
      const p = position + 4;
      const header: JpegFrameHeader = {
        precision: bytes[p] ?? 0,
        height: ((bytes[p + 1] ?? 0) << 8) | (bytes[p + 2] ?? 0),
        width: ((bytes[p + 3] ?? 0) << 8) | (bytes[p + 4] ?? 0),
        components: bytes[p + 5] ?? 0,
        marker,
      };
      return { ok: true, header };
    }
    position += 2 + length;
  }
  return { ok: false, reason: 'the JPEG data ends before its frame header' };
}

export type J2kSizeResult =
  | { readonly ok: true; readonly width: number; readonly height: number; readonly components: number }
  | { readonly ok: false; readonly reason: string };

function uint32At(bytes: Uint8Array, offset: number): number {
  return (
    (((bytes[offset] ?? 0) << 24) >>> 0) +
    ((bytes[offset + 1] ?? 0) << 16) +
    ((bytes[offset + 2] ?? 0) << 8) +
    (bytes[offset + 3] ?? 0)
  );
}

/**
 * The image size in a JPEG 2000 codestream's SIZ segment. ISO/IEC 15444-1 A.5.1: SOC (FF4F) is followed directly
 * by SIZ (FF51): Lsiz Rsiz Xsiz Ysiz XOsiz YOsiz … Csiz; DICOM PS3.5 A.4.4 (NEMA 2024) stores the bare codestream.
 */
export function readJ2kSize(bytes: Uint8Array): J2kSizeResult {
  if (bytes.length < 44 || bytes[0] !== 0xff || bytes[1] !== 0x4f || bytes[2] !== 0xff || bytes[3] !== 0x51) {
    return { ok: false, reason: 'it is not a JPEG 2000 codestream (no SOC and SIZ markers)' };
  }
  const width = uint32At(bytes, 8) - uint32At(bytes, 16);
  const height = uint32At(bytes, 12) - uint32At(bytes, 20);
  const components = ((bytes[40] ?? 0) << 8) | (bytes[41] ?? 0);
  if (width <= 0 || height <= 0) return { ok: false, reason: 'its image size is invalid' };
  return { ok: true, width, height, components };
}
