import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DicomError } from '../dicomError.js';
import { writePart10 } from '../part10/dcmjs.js';
import { syntheticDicom, syntheticPixels, testUid, transcode } from '../test-support/syntheticDicom.js';
import { decodeDicomPixels } from './decode.js';
import { inspectDicom } from './inspect.js';

/** Re-encodes with DCMTK's dcmconv (deflated, implicit VR, big endian: syntaxes gdcmconv does not write). */
function dcmconv(bytes: Uint8Array, flag: '+td' | '+ti' | '+tb'): Uint8Array {
  const folder = mkdtempSync(join(tmpdir(), 'spinerecon-dcmconv-'));
  try {
    writeFileSync(join(folder, 'in.dcm'), bytes);
    execFileSync('dcmconv', [flag, join(folder, 'in.dcm'), join(folder, 'out.dcm')], { stdio: 'pipe' });
    return new Uint8Array(readFileSync(join(folder, 'out.dcm')));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const rows = 48;
const columns = 40;
const original16 = syntheticDicom({ rows, columns, bitsAllocated: 16 });
const original8 = syntheticDicom({ rows, columns, bitsAllocated: 8, modality: 'SC' });
const expected16 = syntheticPixels(rows, columns, 16);
const expected8 = syntheticPixels(rows, columns, 8);

describe('decodeDicomPixels', () => {
  it.each([
    ['Explicit VR Little Endian', '1.2.840.10008.1.2.1', () => original16],
    ['Implicit VR Little Endian', '1.2.840.10008.1.2', () => dcmconv(original16, '+ti')],
    ['Explicit VR Big Endian', '1.2.840.10008.1.2.2', () => dcmconv(original16, '+tb')],
    ['Deflated Explicit VR Little Endian', '1.2.840.10008.1.2.1.99', () => dcmconv(original16, '+td')],
    [
      'JPEG lossless (gdcmconv --jpeg)',
      '1.2.840.10008.1.2.4.70',
      () => transcode(original16, 'jpegLossless'),
    ],
    ['JPEG-LS lossless', '1.2.840.10008.1.2.4.80', () => transcode(original16, 'jpegLs')],
    ['JPEG 2000 lossless', '1.2.840.10008.1.2.4.90', () => transcode(original16, 'jpeg2000')],
    ['RLE lossless', '1.2.840.10008.1.2.5', () => transcode(original16, 'rle')],
  ])('reproduces the original 16-bit pixels exactly from %s', async (_name, syntax, make) => {
    const bytes = make();
    const info = inspectDicom(bytes);
    expect(info.transferSyntaxUid).toBe(syntax);
    const frame = await decodeDicomPixels(bytes, info);
    expect(frame).toMatchObject({ rows, columns, samplesPerPixel: 1 });
    expect(frame.pixels).toBeInstanceOf(Uint16Array);
    expect(Array.from(frame.pixels)).toEqual(Array.from(expected16));
    expect(frame.minValue).toBe(Math.min(...expected16));
    expect(frame.maxValue).toBe(Math.max(...expected16));
  });

  it.each([
    ['Explicit VR Little Endian', () => original8],
    ['Explicit VR Big Endian', () => dcmconv(original8, '+tb')],
    ['JPEG lossless', () => transcode(original8, 'jpegLossless')],
    ['JPEG-LS lossless', () => transcode(original8, 'jpegLs')],
    ['JPEG 2000 lossless', () => transcode(original8, 'jpeg2000')],
    ['RLE lossless', () => transcode(original8, 'rle')],
  ])('reproduces the original 8-bit pixels exactly from %s', async (_name, make) => {
    const frame = await decodeDicomPixels(make());
    expect(frame.pixels).toBeInstanceOf(Uint8Array);
    expect(Array.from(frame.pixels)).toEqual(Array.from(expected8));
  });

  it.each([
    ['native 8-bit', () => syntheticDicom({ rows: 8, columns: 6, bitsAllocated: 8, modality: 'SC' }), 8],
    ['native 16-bit with bits above High Bit', () => syntheticDicom({ rows: 8, columns: 6 }), 16],
    ['JPEG lossless', () => transcode(syntheticDicom({ rows: 8, columns: 6 }), 'jpegLossless'), 16],
    ['RLE', () => transcode(syntheticDicom({ rows: 8, columns: 6 }), 'rle'), 16],
  ] as const)(
    'decodes %s from a small Node Buffer (in the shared pool) without touching the caller bytes',
    async (_name, make, bits) => {
      const buffer = Buffer.from(make());
      const before = Buffer.from(buffer);
      const frame = await decodeDicomPixels(buffer);
      expect(Array.from(frame.pixels)).toEqual(Array.from(syntheticPixels(8, 6, bits)));
      expect(buffer.equals(before)).toBe(true);
    },
  );

  it('decodes JPEG baseline within a small tolerance of the original 8-bit pixels', async () => {
    const bytes = transcode(original8, 'jpegBaseline');
    expect(inspectDicom(bytes).transferSyntaxUid).toBe('1.2.840.10008.1.2.4.50');
    const frame = await decodeDicomPixels(bytes);
    expect(frame.pixels.length).toBe(rows * columns);
    let worst = 0;
    let total = 0;
    frame.pixels.forEach((value, i) => {
      const error = Math.abs(value - (expected8[i] ?? 0));
      worst = Math.max(worst, error);
      total += error;
    });
    expect(total / frame.pixels.length).toBeLessThan(2);
    expect(worst).toBeLessThan(24);
  });

  it('decodes the same JPEG 2000 codec twice in a row (the loaded decoder is reused)', async () => {
    const bytes = transcode(original16, 'jpeg2000');
    const first = await decodeDicomPixels(bytes);
    const second = await decodeDicomPixels(bytes);
    expect(Array.from(second.pixels)).toEqual(Array.from(first.pixels));
  });

  it('reads signed 16-bit pixels as Int16Array with negative values', async () => {
    const pixels = new Int16Array([-1000, -1, 0, 1, 2047, -2048]);
    const bytes = syntheticDicom({ rows: 2, columns: 3, attributes: { PixelRepresentation: 1 } });
    // Replace the unsigned gradient with the signed values above (same length: 12 bytes at the end of the file).
    const signed = new Uint8Array(bytes);
    signed.set(new Uint8Array(pixels.buffer), signed.length - 12);
    const frame = await decodeDicomPixels(signed);
    expect(frame.pixels).toBeInstanceOf(Int16Array);
    expect(Array.from(frame.pixels)).toEqual(Array.from(pixels));
    expect(frame).toMatchObject({ minValue: -2048, maxValue: 2047 });
  });

  it('ignores the bits above High Bit (here an overlay bit in bit 15 of a 12-bit image)', async () => {
    const bytes = new Uint8Array(syntheticDicom({ rows: 1, columns: 2 }));
    bytes.set([0x34, 0x82, 0xff, 0x0f], bytes.length - 4); // 0x8234 and 0x0FFF
    const frame = await decodeDicomPixels(bytes);
    expect(Array.from(frame.pixels)).toEqual([0x234, 0xfff]);
  });

  it('converts native YBR_FULL colour to RGB and interleaves planar colour', async () => {
    const uid = testUid();
    // Two pixels, planar: Y plane, Cb plane, Cr plane. Pure grey Y=100 and a red-ish pixel.
    const planar = new Uint8Array([100, 76, 128, 85, 128, 255]);
    const bytes = writePart10(
      {
        MediaStorageSOPClassUID: '1.2.840.10008.5.1.4.1.1.7',
        MediaStorageSOPInstanceUID: uid,
        TransferSyntaxUID: '1.2.840.10008.1.2.1',
        ImplementationClassUID: '2.25.1',
      },
      {
        SOPClassUID: '1.2.840.10008.5.1.4.1.1.7',
        SOPInstanceUID: uid,
        StudyInstanceUID: testUid(),
        SeriesInstanceUID: testUid(),
        Modality: 'OT',
        SamplesPerPixel: 3,
        PhotometricInterpretation: 'YBR_FULL',
        PlanarConfiguration: 1,
        Rows: 1,
        Columns: 2,
        BitsAllocated: 8,
        BitsStored: 8,
        HighBit: 7,
        PixelRepresentation: 0,
        PixelData: [planar.buffer],
        _vrMap: { PixelData: 'OB' },
      },
    );
    const frame = await decodeDicomPixels(bytes);
    expect(frame.samplesPerPixel).toBe(3);
    expect(Array.from(frame.pixels.slice(0, 3))).toEqual([100, 100, 100]);
    const [r = 0, g = 0, b = 0] = Array.from(frame.pixels.slice(3));
    expect(r).toBeGreaterThan(200);
    expect(g).toBeLessThan(10);
    expect(b).toBeLessThan(10);
  });

  it('refuses JPEG 2000 data whose size differs from Rows × Columns as malformed', async () => {
    const j2k = transcode(syntheticDicom({ rows: 32, columns: 32 }), 'jpeg2000');
    const other = transcode(syntheticDicom({ rows: 16, columns: 32 }), 'jpeg2000');
    // Splice the 16-row codestream into the 32-row file's header by rewriting Rows (US, little endian) instead.
    const bytes = new Uint8Array(other);
    const info = inspectDicom(j2k);
    expect(info.rows).toBe(32);
    const rowsTag = findTag(bytes, [0x28, 0x00, 0x10, 0x00]);
    bytes[rowsTag + 8] = 32; // explicit VR: tag(4) VR(2) length(2) value
    const error = await decodeDicomPixels(bytes).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DicomError);
    expect(error).toMatchObject({ code: 'malformed', message: expect.stringMatching(/32 × 16 .* 32 × 32/) });
  });
});

function findTag(bytes: Uint8Array, tag: readonly number[]): number {
  for (let i = 132; i < bytes.length - 4; i++) {
    if (tag.every((byte, j) => bytes[i + j] === byte)) return i;
  }
  throw new Error('tag not found');
}
