import { Readable } from 'node:stream';
import { createInflate, crc32, deflateSync } from 'node:zlib';
import { RowReducer, reductionFactor, type Raster } from './raster.js';

// PNG (ISO/IEC 15948, W3C PNG 2nd edition) as far as a report needs it: writing an 8-bit grey or RGB image,
// and reading the common non-interlaced 8- and 16-bit kinds row by row into a reduced raster.

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const sum = Buffer.alloc(4);
  sum.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, sum]);
}

/** An 8-bit grey (colour type 0) or RGB (colour type 2) PNG; every row with the Up filter. */
export function encodePng(raster: Raster): Buffer {
  const { widthPx, heightPx, channels, pixels } = raster;
  const stride = widthPx * channels;
  const filtered = Buffer.alloc((stride + 1) * heightPx);
  for (let y = 0; y < heightPx; y++) {
    const out = y * (stride + 1);
    filtered[out] = 2; // Up
    for (let i = 0; i < stride; i++) {
      const here = pixels[y * stride + i] ?? 0;
      const above = y === 0 ? 0 : (pixels[(y - 1) * stride + i] ?? 0);
      filtered[out + 1 + i] = (here - above) & 0xff;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(widthPx, 0);
  header.writeUInt32BE(heightPx, 4);
  header[8] = 8;
  header[9] = channels === 1 ? 0 : 2;
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(filtered, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

interface PngHeader {
  readonly widthPx: number;
  readonly heightPx: number;
  readonly bitDepth: number;
  readonly colorType: number;
  readonly interlaced: boolean;
}

const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 4: 2, 6: 4 };

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Undoes the row filter in place (PNG filter types 0–4). */
function unfilter(type: number, row: Uint8Array, previous: Uint8Array, bytesPerPixel: number): void {
  for (let i = 0; i < row.length; i++) {
    const a = i >= bytesPerPixel ? (row[i - bytesPerPixel] ?? 0) : 0;
    const b = previous[i] ?? 0;
    const c = i >= bytesPerPixel ? (previous[i - bytesPerPixel] ?? 0) : 0;
    const x = row[i] ?? 0;
    if (type === 1) row[i] = (x + a) & 0xff;
    else if (type === 2) row[i] = (x + b) & 0xff;
    else if (type === 3) row[i] = (x + ((a + b) >> 1)) & 0xff;
    else if (type === 4) row[i] = (x + paeth(a, b, c)) & 0xff;
    else if (type !== 0) throw new Error(`PNG: unknown filter type ${type}`);
  }
}

function readChunks(bytes: Uint8Array): { header: PngHeader; data: Buffer } | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!buffer.subarray(0, 8).equals(SIGNATURE)) return undefined;
  let header: PngHeader | undefined;
  const data: Buffer[] = [];
  let at = 8;
  while (at + 8 <= buffer.length) {
    const length = buffer.readUInt32BE(at);
    const type = buffer.toString('latin1', at + 4, at + 8);
    const body = buffer.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR' && body.length >= 13) {
      header = {
        widthPx: body.readUInt32BE(0),
        heightPx: body.readUInt32BE(4),
        bitDepth: body[8] ?? 0,
        colorType: body[9] ?? 0,
        interlaced: body[12] === 1,
      };
    } else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  return header === undefined ? undefined : { header, data: Buffer.concat(data) };
}

/**
 * A non-interlaced 8- or 16-bit grey, grey + alpha, RGB or RGBA PNG read row by row and reduced so that
 * its longer side is at most `maxSidePx` (alpha dropped, 16-bit values to their high byte). Undefined for
 * the kinds it does not read (palette, fewer than 8 bits, interlaced): embed those as they are.
 */
export async function readPngReduced(bytes: Uint8Array, maxSidePx: number): Promise<Raster | undefined> {
  const parsed = readChunks(bytes);
  if (parsed === undefined) return undefined;
  const { header, data } = parsed;
  const samples = CHANNELS[header.colorType];
  if (samples === undefined || header.interlaced || (header.bitDepth !== 8 && header.bitDepth !== 16)) {
    return undefined;
  }
  const bytesPerSample = header.bitDepth / 8;
  const bytesPerPixel = samples * bytesPerSample;
  const stride = header.widthPx * bytesPerPixel;
  const colour = header.colorType === 2 || header.colorType === 6;
  const channels = colour ? 3 : 1;
  const reducer = new RowReducer(
    header.widthPx,
    header.heightPx,
    channels,
    reductionFactor(header.widthPx, header.heightPx, maxSidePx),
  );
  let previous = new Uint8Array(stride);
  let current = new Uint8Array(stride + 1);
  let filled = 0;
  let rows = 0;
  const out = new Uint8Array(header.widthPx * channels);
  const takeRow = () => {
    const row = current.subarray(1);
    unfilter(current[0] ?? 0, row, previous, bytesPerPixel);
    for (let x = 0; x < header.widthPx; x++) {
      for (let c = 0; c < channels; c++)
        out[x * channels + c] = row[x * bytesPerPixel + c * bytesPerSample] ?? 0;
    }
    reducer.push(out);
    previous = row.slice();
    rows += 1;
    current = new Uint8Array(stride + 1);
    filled = 0;
  };
  for await (const piece of Readable.from([data]).pipe(createInflate())) {
    const chunkBytes = piece as Buffer;
    let offset = 0;
    while (offset < chunkBytes.length && rows < header.heightPx) {
      const take = Math.min(stride + 1 - filled, chunkBytes.length - offset);
      current.set(chunkBytes.subarray(offset, offset + take), filled);
      filled += take;
      offset += take;
      if (filled === stride + 1) takeRow();
    }
  }
  if (rows !== header.heightPx) throw new Error('PNG: the image data ends early');
  return reducer.result();
}
