// A large synthetic radiograph produced chunk by chunk: its header, then its pixel data in 1 MiB pieces,
// so tests can upload a file bigger than they want to hold in memory.
import { Readable } from 'node:stream';
import { syntheticDicom, type SyntheticDicomOptions } from './syntheticDicom.js';

/** Everything before the pixel values of a 16-bit, explicit VR little endian rows × columns image. */
export function syntheticDicomHeader(
  rows: number,
  columns: number,
  options: SyntheticDicomOptions = {},
): Uint8Array {
  // A 1 × 1 image whose Rows/Columns say rows × columns: its last 2 bytes are its one pixel, and the 4
  // bytes before them the PixelData (OW) value length, which is set to the full size.
  const file = syntheticDicom({
    ...options,
    rows: 1,
    columns: 1,
    bitsAllocated: 16,
    attributes: { ...options.attributes, Rows: rows, Columns: columns },
  });
  const header = file.slice(0, file.length - 2);
  new DataView(header.buffer).setUint32(header.length - 4, rows * columns * 2, true);
  return header;
}

/** The whole file as a stream; pixel values are a repeating ramp. */
export function streamedDicom(rows: number, columns: number, options: SyntheticDicomOptions = {}): Readable {
  const chunk = new Uint16Array(512 * 1024).map((_, i) => i % 4096);
  const total = rows * columns * 2;
  return Readable.from(
    (function* () {
      yield Buffer.from(syntheticDicomHeader(rows, columns, options));
      for (let sent = 0; sent < total; sent += chunk.byteLength) {
        yield Buffer.from(chunk.buffer, 0, Math.min(chunk.byteLength, total - sent));
      }
    })(),
  );
}
