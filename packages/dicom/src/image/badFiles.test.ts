// A corpus of bad files, generated here: each must be refused with a DicomError of the right code and a message
// a user can act on, quoting no patient data; nothing else may be thrown.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DicomError, type DicomErrorCode } from '../dicomError.js';
import { syntheticDicom, transcode } from '../test-support/syntheticDicom.js';
import { decodeDicomPixels } from './decode.js';
import { inspectDicom } from './inspect.js';
import type { ImageLimits } from './limits.js';

const PATIENT_DATA = /Synthetic|Patient|SYN-0001|19600101|20260301|ACC0001|Referrer/i;

const valid = syntheticDicom({ rows: 32, columns: 24 });

/** Offset of a tag (group, element as little-endian bytes) in the dataset of an explicit VR LE file. */
function tagOffset(bytes: Uint8Array, group: number, element: number): number {
  const tag = [group & 0xff, group >> 8, element & 0xff, element >> 8];
  for (let i = 132; i < bytes.length - 4; i += 2) {
    if (tag.every((byte, j) => bytes[i + j] === byte)) return i;
  }
  throw new Error(`tag ${group.toString(16)},${element.toString(16)} not in the test file`);
}

function edit(change: (bytes: Uint8Array, view: DataView) => void, source: Uint8Array = valid): Uint8Array {
  const bytes = new Uint8Array(source);
  change(bytes, new DataView(bytes.buffer));
  return bytes;
}

function withUint16(group: number, element: number, value: number): Uint8Array {
  // Explicit VR, 2-byte length: tag(4) VR(2) length(2) value.
  return edit((bytes, view) => view.setUint16(tagOffset(bytes, group, element) + 8, value, true));
}

function dcmconvDeflate(bytes: Uint8Array): Uint8Array {
  const folder = mkdtempSync(join(tmpdir(), 'spinerecon-bad-'));
  try {
    writeFileSync(join(folder, 'in.dcm'), bytes);
    execFileSync('dcmconv', ['+td', join(folder, 'in.dcm'), join(folder, 'out.dcm')], { stdio: 'pipe' });
    return new Uint8Array(readFileSync(join(folder, 'out.dcm')));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The File Meta Information of a deflated file followed by a raw deflate stream of `size` zero bytes. */
function deflateBomb(size: number): Uint8Array {
  const deflated = dcmconvDeflate(valid);
  // The meta group ends where the dataset starts: 132 + 12 + value of (0002,0000) File Meta Information Group Length.
  const metaEnd = 132 + 12 + new DataView(deflated.buffer).getUint32(132 + 8, true);
  const bomb = deflateRawSync(Buffer.alloc(size));
  const bytes = new Uint8Array(metaEnd + bomb.length);
  bytes.set(deflated.subarray(0, metaEnd));
  bytes.set(bomb, metaEnd);
  return bytes;
}

const PNG = new Uint8Array([
  0x89,
  0x50,
  0x4e,
  0x47,
  0x0d,
  0x0a,
  0x1a,
  0x0a,
  0,
  0,
  0,
  13,
  0x49,
  0x48,
  0x44,
  0x52,
  ...new Array<number>(200).fill(0),
]);
const ZIP = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0, ...new Array<number>(300).fill(7)]);
const pixelDataTag = (): number => tagOffset(valid, 0x7fe0, 0x0010);

interface BadFile {
  readonly name: string;
  readonly bytes: () => Uint8Array;
  readonly code: DicomErrorCode;
  readonly message?: RegExp;
  readonly limits?: Partial<ImageLimits>;
}

const corpus: readonly BadFile[] = [
  { name: 'an empty file', bytes: () => new Uint8Array(0), code: 'not-dicom' },
  { name: 'a file truncated inside the preamble', bytes: () => valid.subarray(0, 100), code: 'not-dicom' },
  { name: 'a file truncated just after "DICM"', bytes: () => valid.subarray(0, 132), code: 'malformed' },
  { name: 'a file truncated inside the meta group', bytes: () => valid.subarray(0, 200), code: 'malformed' },
  {
    name: 'a file truncated inside the dataset',
    bytes: () => valid.subarray(0, pixelDataTag() - 40),
    code: 'malformed',
  },
  {
    name: 'a file truncated inside the pixel data',
    bytes: () => valid.subarray(0, valid.length - 100),
    code: 'malformed',
  },
  {
    name: 'a file missing its last byte',
    bytes: () => valid.subarray(0, valid.length - 1),
    code: 'malformed',
  },
  {
    name: 'a file without the 128-byte preamble',
    bytes: () => valid.subarray(128),
    code: 'not-dicom',
    message: /preamble/,
  },
  {
    name: 'a file whose preamble is shorter than 128 bytes',
    bytes: () => valid.subarray(4),
    code: 'not-dicom',
  },
  {
    name: 'a file without "DICM"',
    bytes: () => edit((b) => b.set([0x58, 0x58, 0x58, 0x58], 128)),
    code: 'not-dicom',
  },
  {
    name: 'a pixel data length pointing past the end of the file',
    bytes: () => edit((b, v) => v.setUint32(pixelDataTag() + 8, 0x7ffffff0, true)),
    code: 'malformed',
  },
  {
    name: 'a patient name length pointing past the end of the file',
    bytes: () => edit((b, v) => v.setUint16(tagOffset(b, 0x0010, 0x0010) + 6, 0xfffe, true)),
    code: 'malformed',
  },
  {
    name: 'an odd element length',
    bytes: () => edit((b, v) => v.setUint16(tagOffset(b, 0x0020, 0x0010) + 6, 1, true)),
    code: 'malformed',
  },
  {
    name: 'an odd pixel data length',
    bytes: () =>
      edit((b, v) => v.setUint32(pixelDataTag() + 8, v.getUint32(pixelDataTag() + 8, true) - 1, true)),
    code: 'malformed',
  },
  {
    name: 'pixel data shorter than Rows × Columns (Rows enlarged)',
    bytes: () => withUint16(0x0028, 0x0010, 33),
    code: 'malformed',
    message: /shorter/,
  },
  {
    name: 'a huge declared Rows × Columns (65535 × 65535)',
    bytes: () => {
      const rows = withUint16(0x0028, 0x0010, 65535);
      return edit((b, v) => v.setUint16(tagOffset(b, 0x0028, 0x0011) + 8, 65535, true), rows);
    },
    code: 'too-large',
    message: /limit/,
  },
  { name: 'zero Rows', bytes: () => withUint16(0x0028, 0x0010, 0), code: 'malformed' },
  {
    name: 'an unsupported transfer syntax (JPEG Extended, 12-bit lossy)',
    bytes: () => transcode(valid, 'jpegBaseline'),
    code: 'unsupported',
    message: /1\.2\.840\.10008\.1\.2\.4\.51 \(JPEG Extended \(Process 2 & 4\)\)/,
  },
  {
    name: 'a multi-frame image',
    bytes: () => syntheticDicom({ rows: 8, columns: 8, attributes: { NumberOfFrames: '2' } }),
    code: 'unsupported',
    message: /^multi-frame images are not supported: export the single radiograph frame$/,
  },
  {
    name: 'a CT image',
    bytes: () => syntheticDicom({ attributes: { SOPClassUID: '1.2.840.10008.5.1.4.1.1.2' } }),
    code: 'unsupported',
    message: /CT Image Storage \(1\.2\.840\.10008\.5\.1\.4\.1\.1\.2\)/,
  },
  {
    name: 'an unknown SOP class',
    bytes: () => syntheticDicom({ attributes: { SOPClassUID: '1.2.3.4' } }),
    code: 'unsupported',
    message: /1\.2\.3\.4/,
  },
  {
    name: '32 bits allocated',
    bytes: () => withUint16(0x0028, 0x0100, 32),
    code: 'unsupported',
    message: /32 bits/,
  },
  { name: '1 bit allocated', bytes: () => withUint16(0x0028, 0x0100, 1), code: 'unsupported' },
  {
    name: 'a palette colour image',
    bytes: () => syntheticDicom({ attributes: { PhotometricInterpretation: 'PALETTE COLOR' } }),
    code: 'unsupported',
  },
  {
    name: 'a colour DX image',
    bytes: () => syntheticDicom({ attributes: { SamplesPerPixel: 3, PhotometricInterpretation: 'RGB' } }),
    code: 'unsupported',
  },
  {
    name: 'a file with no pixel data',
    bytes: () => edit((b) => b.set([0xe0, 0x7f, 0x11, 0x00], pixelDataTag())),
    code: 'malformed',
    message: /no pixel data/,
  },
  { name: 'a PNG renamed .dcm', bytes: () => PNG, code: 'not-dicom', message: /PNG/ },
  { name: 'a ZIP archive', bytes: () => ZIP, code: 'not-dicom', message: /ZIP/ },
  {
    name: 'a deflate bomb (inflates past the limit)',
    bytes: () => deflateBomb(8 * 1024 * 1024),
    limits: { maxInflatedBytes: 1024 * 1024 },
    code: 'too-large',
    message: /inflates to more than 1,048,576 bytes/,
  },
  {
    name: 'a damaged deflate stream',
    bytes: () => edit((b) => b.fill(0xff, b.length - 64), dcmconvDeflate(valid)),
    code: 'malformed',
  },
];

function caught(action: () => unknown): unknown {
  try {
    action();
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('bad files', () => {
  it('start from a valid file', () => {
    expect(inspectDicom(valid).rows).toBe(32);
  });

  it.each(corpus)('refuse $name with $code', ({ bytes, code, message, limits }) => {
    const error = caught(() => inspectDicom(bytes(), limits));
    expect(error).toBeInstanceOf(DicomError);
    const dicomError = error as DicomError;
    expect(dicomError.code).toBe(code);
    expect(dicomError.message.length).toBeGreaterThan(20);
    expect(dicomError.message).not.toMatch(PATIENT_DATA);
    if (message) expect(dicomError.message).toMatch(message);
  });

  it('refuse the same corpus in decodeDicomPixels with the same DicomError', async () => {
    for (const { bytes, code, limits } of corpus) {
      if (limits) continue; // decodeDicomPixels applies the default limits
      const error = await decodeDicomPixels(bytes()).catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(DicomError);
      expect((error as DicomError).code).toBe(code);
    }
  });

  it('refuse a JPEG 2000 codestream with a damaged main header in decodeDicomPixels as malformed', async () => {
    const j2k = transcode(valid, 'jpeg2000');
    let start = j2k.findIndex((byte, i) => byte === 0xff && j2k[i + 1] === 0x4f && j2k[i + 2] === 0xff);
    expect(start).toBeGreaterThan(132);
    // Overwrite the marker segments after SIZ (COD, QCD…) with noise.
    start += 4 + ((j2k[start + 4] ?? 0) << 8) + (j2k[start + 5] ?? 0);
    const damaged = edit((b) => b.fill(0x5a, start, start + 60), j2k);
    const error = await decodeDicomPixels(damaged).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(DicomError);
    expect(error).toMatchObject({ code: 'malformed', message: expect.stringContaining('JPEG 2000') });
  });
});
