// Decodes the single frame of a validated radiograph into a typed array of samples.
import { DicomError } from '../dicomError.js';
import { readJ2kSize, readJpegFrameHeader } from './codestream.js';
import {
  createJ2kDecoder,
  discardWasmDecoder,
  jpegLosslessDecoder,
  rleDecode,
  wasmDecoder,
  type J2kDecoder,
  type SharedWasmCodec,
  type WasmDecoder,
} from './codecs.js';
import { parser } from './dicomParserTypes.js';
import { parseDicomImage, rememberedParse, type DicomImageInfo, type ParsedDicomImage } from './inspect.js';
import { DEFAULT_IMAGE_LIMITS } from './limits.js';

export type PixelArray = Uint8Array | Uint16Array | Int16Array;

export interface DecodedFrame {
  readonly rows: number;
  readonly columns: number;
  /** 1 (grey) or 3 (RGB, interleaved R G B R G B…; YBR data is converted to RGB). */
  readonly samplesPerPixel: number;
  /** Stored values (before the Modality LUT: apply rescaleSlope / rescaleIntercept from the image info). */
  readonly pixels: PixelArray;
  readonly minValue: number;
  readonly maxValue: number;
}

/**
 * A copy in a fresh ArrayBuffer of its own. (`Buffer#slice` returns a view, not a copy, and a Buffer's
 * ArrayBuffer may be Node's shared pool: never hand `.buffer` of caller bytes to a decoder.)
 */
function copyOf(bytes: Uint8Array, start = 0, end = bytes.length): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(end - start);
  copy.set(bytes.subarray(start, end));
  return copy;
}

function malformed(message: string): DicomError {
  return new DicomError('malformed', message);
}

function emptyArray(info: DicomImageInfo, count: number): Uint8Array | Uint16Array | Int16Array {
  if (info.bitsAllocated === 8) return new Uint8Array(count);
  return info.pixelRepresentation === 1 ? new Int16Array(count) : new Uint16Array(count);
}

function decodeNative(parsed: ParsedDicomImage): PixelArray {
  const { info, dataSet, pixelData } = parsed;
  const count = info.rows * info.columns * info.samplesPerPixel;
  const source = dataSet.byteArray;
  const start = pixelData.dataOffset;
  if (info.bitsAllocated === 8) return copyOf(source, start, start + count);
  const out = emptyArray(info, count);
  const absolute = source.byteOffset + start;
  if (!parsed.bigEndian && absolute % 2 === 0) {
    out.set(
      info.pixelRepresentation === 1
        ? new Int16Array(source.buffer, absolute, count)
        : new Uint16Array(source.buffer, absolute, count),
    );
    return out;
  }
  // DICOM PS3.5 7.3 (NEMA 2024): OW values are byte-swapped in Explicit VR Big Endian.
  const view = new DataView(source.buffer, absolute, count * 2);
  const littleEndian = !parsed.bigEndian;
  for (let i = 0; i < count; i++) out[i] = view.getUint16(i * 2, littleEndian);
  return out;
}

function checkSize(
  info: DicomImageInfo,
  width: number,
  height: number,
  components: number,
  codec: string,
): void {
  if (width !== info.columns || height !== info.rows || components !== info.samplesPerPixel) {
    throw malformed(
      `the ${codec} image inside the file is ${width} × ${height} × ${components}, but the DICOM header says ` +
        `${info.columns} × ${info.rows} × ${info.samplesPerPixel}: the file is damaged`,
    );
  }
}

function checkJpegHeader(info: DicomImageInfo, frame: Uint8Array, codec: string): void {
  const header = readJpegFrameHeader(frame);
  if (!header.ok) throw malformed(`the ${codec} pixel data is damaged: ${header.reason}`);
  checkSize(info, header.header.width, header.header.height, header.header.components, codec);
  if (header.header.precision > info.bitsAllocated || header.header.precision < 2) {
    throw malformed(
      `the ${codec} pixel data has ${header.header.precision}-bit samples, which do not fit the header`,
    );
  }
}

/**
 * The samples of a decoder's output bytes. A buffer the decoder handed over as a fresh array of its own (OpenJPEG
 * and CharLS copy their output out of the WebAssembly heap) is used as it is; a view into a heap is copied.
 */
function samplesFromBytes(
  info: DicomImageInfo,
  decoded: Uint8Array,
  bitsPerSample: number,
  signed: boolean,
  count = info.rows * info.columns * info.samplesPerPixel,
): PixelArray {
  // CharLS and OpenJPEG hand out a Uint8ClampedArray: read it as plain bytes.
  const bytes = new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.byteLength);
  const bytesPerSample = bitsPerSample > 8 ? 2 : 1;
  if (bytes.length < count * bytesPerSample)
    throw malformed('the decoded image is smaller than the DICOM header says');
  if (bytesPerSample !== info.bitsAllocated / 8) {
    throw malformed(
      `the compressed image has ${bitsPerSample}-bit samples, but Bits Allocated is ${info.bitsAllocated}`,
    );
  }
  const own =
    bytes.buffer instanceof ArrayBuffer &&
    bytes.byteOffset === 0 &&
    bytes.buffer.byteLength === count * bytesPerSample;
  const samples = own ? (bytes as Uint8Array<ArrayBuffer>) : copyOf(bytes, 0, count * bytesPerSample);
  if (bytesPerSample === 1) return samples;
  return signed || info.pixelRepresentation === 1
    ? new Int16Array(samples.buffer, 0, count)
    : new Uint16Array(samples.buffer, 0, count);
}

async function decodeWasm(
  parsed: ParsedDicomImage,
  frame: Uint8Array,
  codec: SharedWasmCodec,
): Promise<PixelArray> {
  const { info } = parsed;
  const name = { jpegBaseline: 'JPEG', jpegLs: 'JPEG-LS' }[codec];
  checkJpegHeader(info, frame, name);
  let decoder: WasmDecoder;
  try {
    decoder = await wasmDecoder(codec);
  } catch {
    throw new DicomError('unsupported', `the ${name} decoder could not be loaded on this server`);
  }
  try {
    decoder.getEncodedBuffer(frame.length).set(frame);
    decoder.decode();
    const frameInfo = decoder.getFrameInfo();
    checkSize(info, frameInfo.width, frameInfo.height, frameInfo.componentCount, name);
    const decoded = decoder.getDecodedBuffer();
    let pixels = samplesFromBytes(info, decoded, frameInfo.bitsPerSample, frameInfo.isSigned === true);
    // ITU-T T.87 / CharLS: interleave mode 0 (none) gives the colour components one after another.
    if (codec === 'jpegLs' && info.samplesPerPixel === 3 && decoder.getInterleaveMode?.() === 0) {
      pixels = interleave(pixels as Uint8Array, info.rows * info.columns);
    }
    return pixels;
  } catch (error) {
    discardWasmDecoder(codec);
    if (error instanceof DicomError) throw error;
    throw malformed(`the ${name} pixel data is damaged: the decoder could not read it`);
  }
}

/** A decoded image, possibly at a reduced resolution (JPEG 2000 only). */
interface DecodedSamples {
  readonly pixels: PixelArray;
  readonly rows: number;
  readonly columns: number;
  /** Wavelet levels left out: each side is the full side / 2^level, rounded up. */
  readonly level: number;
}

/** The side of a JPEG 2000 image decoded `level` resolution levels down (ISO/IEC 15444-1 B.5: ceil(side / 2^level)). */
export function sideAtLevel(side: number, level: number): number {
  return Math.ceil(side / 2 ** level);
}

/**
 * Decodes a JPEG 2000 codestream, at full resolution (level 0) or `level` resolution levels down (OpenJPEG's
 * `cp_reduce`), in an OpenJPEG module of its own that is freed afterwards (see `createJ2kDecoder`).
 */
async function decodeJ2k(
  parsed: ParsedDicomImage,
  frame: Uint8Array,
  level: number,
): Promise<DecodedSamples> {
  const { info } = parsed;
  const name = 'JPEG 2000';
  // Read the JPEG 2000 header first, so the decoder never allocates for a size the header lies about.
  const size = readJ2kSize(frame);
  if (!size.ok) throw malformed(`the JPEG 2000 pixel data is damaged: ${size.reason}`);
  checkSize(info, size.width, size.height, size.components, name);
  let decoder: J2kDecoder;
  try {
    decoder = await createJ2kDecoder();
  } catch {
    throw new DicomError('unsupported', `the ${name} decoder could not be loaded on this server`);
  }
  try {
    decoder.getEncodedBuffer(frame.length).set(frame);
    // Layer 0: all quality layers. (decode() is decodeSubResolution(0, 0) in J2KDecoder.hpp.)
    decoder.decodeSubResolution(level, 0);
    // OpenJPEG reports the full size whatever the level; on failure it leaves the frame info unset.
    const frameInfo = decoder.getFrameInfo();
    checkSize(info, frameInfo.width, frameInfo.height, frameInfo.componentCount, name);
    const rows = sideAtLevel(info.rows, level);
    const columns = sideAtLevel(info.columns, level);
    const reduced = decoder.calculateSizeAtDecompositionLevel(level);
    if (reduced.width !== columns || reduced.height !== rows) {
      throw malformed(`the ${name} decoder gave an image of an unexpected size`);
    }
    const count = rows * columns * info.samplesPerPixel;
    const decoded = decoder.getDecodedBuffer();
    if (decoded.byteLength !== count * (frameInfo.bitsPerSample > 8 ? 2 : 1)) {
      throw malformed(`the ${name} pixel data is damaged: the decoder could not read it`);
    }
    const pixels = samplesFromBytes(
      info,
      decoded,
      frameInfo.bitsPerSample,
      frameInfo.isSigned === true,
      count,
    );
    return { pixels, rows, columns, level };
  } catch (error) {
    if (error instanceof DicomError) throw error;
    throw malformed(`the ${name} pixel data is damaged: the decoder could not read it`);
  } finally {
    decoder.delete();
  }
}

async function decodeJpegLossless(parsed: ParsedDicomImage, frame: Uint8Array): Promise<PixelArray> {
  const { info } = parsed;
  checkJpegHeader(info, frame, 'JPEG lossless');
  const Decoder = await jpegLosslessDecoder();
  let decoded: Uint8Array | Uint16Array;
  try {
    const copy = copyOf(frame);
    decoded = new Decoder().decode(copy.buffer, 0, copy.length, info.bitsAllocated === 8 ? 1 : 2);
  } catch {
    throw malformed('the JPEG lossless pixel data is damaged: the decoder could not read it');
  }
  const count = info.rows * info.columns * info.samplesPerPixel;
  if (decoded.length !== count)
    throw malformed('the decoded JPEG lossless image does not match the DICOM image size');
  if (info.bitsAllocated === 8) return new Uint8Array(decoded.buffer, decoded.byteOffset, count);
  return info.pixelRepresentation === 1
    ? new Int16Array(decoded.buffer, decoded.byteOffset, count)
    : new Uint16Array(decoded.buffer, decoded.byteOffset, count);
}

// DICOM PS3.5 Annex G.3.1 (NEMA 2024): an RLE frame starts with a 64-byte header: the number of segments (one per
// byte of each sample, at most 15) and their offsets. Checked here so the decoder never reads outside the data.
function checkRleHeader(info: DicomImageInfo, frame: Uint8Array): void {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  if (frame.length < 64) throw malformed('the RLE pixel data is truncated (no segment header)');
  const segments = view.getUint32(0, true);
  const expected = info.samplesPerPixel * (info.bitsAllocated / 8);
  if (segments !== expected) {
    throw malformed(
      `the RLE pixel data has ${segments} segments where the image needs ${expected}: the file is damaged`,
    );
  }
  let previous = 63;
  for (let s = 0; s < segments; s++) {
    const offset = view.getUint32(4 + 4 * s, true);
    if (offset <= previous || offset >= frame.length)
      throw malformed('the RLE pixel data has a damaged segment table');
    previous = offset;
  }
}

async function decodeRle(parsed: ParsedDicomImage, frame: Uint8Array): Promise<PixelArray> {
  const { info } = parsed;
  if (info.bitsAllocated === 16 && info.samplesPerPixel !== 1) {
    throw new DicomError('unsupported', '16-bit colour RLE images are not supported');
  }
  checkRleHeader(info, frame);
  const decode = await rleDecode();
  try {
    // A private copy: the decoder reads through the whole underlying buffer from the frame's offset.
    const result = await decode(
      {
        rows: info.rows,
        columns: info.columns,
        samplesPerPixel: info.samplesPerPixel,
        bitsAllocated: info.bitsAllocated,
        planarConfiguration: 0, // interleaved output, whatever the segment order (PS3.5 G.2)
        pixelRepresentation: info.pixelRepresentation,
      },
      copyOf(frame),
    );
    const pixels = result.pixelData;
    if (!pixels || pixels.length !== info.rows * info.columns * info.samplesPerPixel) throw new Error('size');
    return pixels;
  } catch {
    throw malformed('the RLE pixel data is damaged: the decoder could not read it');
  }
}

function interleave(planar: Uint8Array, pixelCount: number): Uint8Array {
  const out = new Uint8Array(pixelCount * 3);
  for (let i = 0; i < pixelCount; i++) {
    out[i * 3] = planar[i] ?? 0;
    out[i * 3 + 1] = planar[pixelCount + i] ?? 0;
    out[i * 3 + 2] = planar[2 * pixelCount + i] ?? 0;
  }
  return out;
}

// DICOM PS3.3 C.7.6.3.1.2 (NEMA 2024): YBR_FULL to RGB (ITU-R BT.601 full range).
function ybrFullToRgb(pixels: Uint8Array): void {
  const clamp = (value: number): number => (value < 0 ? 0 : value > 255 ? 255 : Math.round(value));
  for (let i = 0; i + 2 < pixels.length; i += 3) {
    const y = pixels[i] ?? 0;
    const cb = (pixels[i + 1] ?? 0) - 128;
    const cr = (pixels[i + 2] ?? 0) - 128;
    pixels[i] = clamp(y + 1.402 * cr);
    pixels[i + 1] = clamp(y - 0.344136 * cb - 0.714136 * cr);
    pixels[i + 2] = clamp(y + 1.772 * cb);
  }
}

// DICOM PS3.5 8.1.1 and PS3.3 C.7.6.3.1 (NEMA 2024): bits above High Bit are not part of the value; signed values
// are two's complement in Bits Stored bits.
function maskToBitsStored(info: DicomImageInfo, pixels: PixelArray): void {
  if (info.bitsStored >= info.bitsAllocated) return;
  if (info.pixelRepresentation === 1) {
    const shift = 32 - info.bitsStored;
    for (let i = 0; i < pixels.length; i++) pixels[i] = ((pixels[i] ?? 0) << shift) >> shift;
  } else {
    const mask = (1 << info.bitsStored) - 1;
    for (let i = 0; i < pixels.length; i++) pixels[i] = (pixels[i] ?? 0) & mask;
  }
}

function range(pixels: PixelArray): { minValue: number; maxValue: number } {
  let minValue = Infinity;
  let maxValue = -Infinity;
  for (let i = 0; i < pixels.length; i++) {
    const value = pixels[i] ?? 0;
    if (value < minValue) minValue = value;
    if (value > maxValue) maxValue = value;
  }
  return { minValue, maxValue };
}

function encapsulatedFrame(parsed: ParsedDicomImage): Uint8Array {
  const fragments = parsed.pixelData.fragments ?? [];
  try {
    // DICOM PS3.5 A.4 (NEMA 2024): in a single-frame image all fragments belong to the one frame.
    return parser.readEncapsulatedPixelDataFromFragments(
      parsed.dataSet,
      parsed.pixelData,
      0,
      fragments.length,
    );
  } catch {
    throw malformed('the compressed pixel data fragments are damaged');
  }
}

function parsedFor(bytes: Uint8Array, info: DicomImageInfo | undefined): ParsedDicomImage {
  const remembered = rememberedParse(bytes);
  if (remembered && (info === undefined || remembered.info.sopInstanceUid === info.sopInstanceUid))
    return remembered;
  // Re-inspected with limits that admit the size already accepted for `info`.
  return parseDicomImage(
    bytes,
    info ? { maxPixels: Math.max(DEFAULT_IMAGE_LIMITS.maxPixels, info.rows * info.columns) } : undefined,
  );
}

/**
 * Chooses how many JPEG 2000 resolution levels to leave out, from the codestream of the frame (0: full resolution).
 * For the preview; other encodings are always decoded in full.
 */
export type J2kLevelChoice = (codestream: Uint8Array, info: DicomImageInfo) => number;

/** `decodeDicomPixels` with the decoded size and, for JPEG 2000, a choice of resolution (see ./preview.ts). */
export async function decodePixels(
  bytes: Uint8Array,
  info: DicomImageInfo | undefined,
  chooseJ2kLevel?: J2kLevelChoice,
): Promise<DecodedFrame & { readonly level: number }> {
  const parsed = parsedFor(bytes, info);
  const image = parsed.info;
  let decoded: DecodedSamples;
  const full = (pixels: PixelArray): DecodedSamples => ({
    pixels,
    rows: image.rows,
    columns: image.columns,
    level: 0,
  });
  try {
    switch (parsed.encoding) {
      case 'native': {
        let pixels = decodeNative(parsed);
        if (image.samplesPerPixel === 3 && parsed.planarConfiguration === 1) {
          // DICOM PS3.3 C.7.6.3.1.3 (NEMA 2024): Planar Configuration 1 stores each colour plane in turn.
          pixels = interleave(pixels as Uint8Array, image.rows * image.columns);
        }
        decoded = full(pixels);
        break;
      }
      case 'jpegLossless':
        decoded = full(await decodeJpegLossless(parsed, encapsulatedFrame(parsed)));
        break;
      case 'rle':
        decoded = full(await decodeRle(parsed, encapsulatedFrame(parsed)));
        break;
      case 'jpeg2000': {
        const frame = encapsulatedFrame(parsed);
        const level = chooseJ2kLevel?.(frame, image) ?? 0;
        try {
          decoded = await decodeJ2k(parsed, frame, level);
        } catch (error) {
          // A tile header may allow fewer levels than the main header read for the choice: decode in full.
          if (level === 0) throw error;
          decoded = await decodeJ2k(parsed, frame, 0);
        }
        break;
      }
      default:
        decoded = full(await decodeWasm(parsed, encapsulatedFrame(parsed), parsed.encoding));
    }
  } catch (error) {
    if (error instanceof DicomError) throw error;
    throw malformed('the pixel data is damaged: it cannot be decoded');
  }
  const { pixels, rows, columns, level } = decoded;
  // libjpeg-turbo converts YCbCr to RGB itself; JPEG 2000 applies its own inverse colour transform.
  if (
    image.samplesPerPixel === 3 &&
    image.photometricInterpretation === 'YBR_FULL' &&
    parsed.encoding !== 'jpegBaseline' &&
    pixels instanceof Uint8Array
  ) {
    ybrFullToRgb(pixels);
  }
  maskToBitsStored(image, pixels);
  return { rows, columns, samplesPerPixel: image.samplesPerPixel, pixels, ...range(pixels), level };
}

/**
 * Decodes the single frame of a radiograph: native (implicit/explicit little endian, explicit big endian, deflated)
 * or encapsulated (JPEG baseline, JPEG lossless, JPEG-LS, JPEG 2000, RLE). `info`, from `inspectDicom` on the same
 * bytes, spares a second parse. A damaged codestream or a decoded size that differs from Rows × Columns raises a
 * 'malformed' `DicomError`.
 */
export async function decodeDicomPixels(bytes: Uint8Array, info?: DicomImageInfo): Promise<DecodedFrame> {
  const { rows, columns, samplesPerPixel, pixels, minValue, maxValue } = await decodePixels(bytes, info);
  return { rows, columns, samplesPerPixel, pixels, minValue, maxValue };
}
