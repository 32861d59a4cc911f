// The decoders, each loaded once on first use and reused (OpenJPEG: a module per image, see createJ2kDecoder).
// Never hand-written: libjpeg-turbo, CharLS and OpenJPEG (WebAssembly builds by Cornerstone), Cornerstone's
// jpeg-lossless-decoder-js, and its RLE decoder.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface WasmFrameInfo {
  readonly width: number;
  readonly height: number;
  readonly bitsPerSample: number;
  readonly componentCount: number;
  readonly isSigned?: boolean;
}

export interface WasmDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): WasmFrameInfo;
  getDecodedBuffer(): Uint8Array;
  readHeader?(): void;
  getInterleaveMode?(): number;
}

/**
 * OpenJPEG's decoder (@cornerstonejs/codec-openjpeg, src/J2KDecoder.hpp). `decodeSubResolution(level, layer)`
 * decodes with `cp_reduce = level` (layer 0: all quality layers); the decoded buffer is then
 * `calculateSizeAtDecompositionLevel(level)` (each side halved, rounded up, `level` times), while `getFrameInfo()`
 * keeps reporting the full size. `getNumDecompositions()` is only known after a decode (`readHeader()` does nothing).
 */
export interface J2kDecoder extends WasmDecoder {
  decodeSubResolution(decompositionLevel: number, decodeLayer: number): void;
  calculateSizeAtDecompositionLevel(decompositionLevel: number): { width: number; height: number };
  getNumDecompositions(): number;
  /** Frees the C++ object (its encoded and decoded buffers) inside the WebAssembly heap. */
  delete(): void;
}

interface WasmModule {
  readonly JPEGDecoder?: new () => WasmDecoder;
  readonly JpegLSDecoder?: new () => WasmDecoder;
  readonly J2KDecoder?: new () => J2kDecoder;
}

export type WasmCodec = 'jpegBaseline' | 'jpegLs' | 'jpeg2000';
/** The codecs whose decoder is shared between images (JPEG 2000 gets a fresh module per image, see below). */
export type SharedWasmCodec = Exclude<WasmCodec, 'jpeg2000'>;

// A fresh options object per instance: Emscripten uses it as the module object (and registers classes on it).
const silent = (): Record<string, unknown> => ({
  print: (): void => undefined,
  printErr: (): void => undefined,
});

async function loadWasm(codec: SharedWasmCodec): Promise<WasmDecoder> {
  switch (codec) {
    case 'jpegBaseline': {
      const factory = (await import('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs')).default;
      const module = (await factory(silent())) as WasmModule;
      if (!module.JPEGDecoder) throw new Error('libjpeg-turbo has no JPEGDecoder');
      return new module.JPEGDecoder();
    }
    case 'jpegLs': {
      const factory = (await import('@cornerstonejs/codec-charls/decodewasmjs')).default;
      const module = (await factory(silent())) as WasmModule;
      if (!module.JpegLSDecoder) throw new Error('CharLS has no JpegLSDecoder');
      return new module.JpegLSDecoder();
    }
  }
}

const decoders = new Map<SharedWasmCodec, Promise<WasmDecoder>>();

/** The shared decoder of a WebAssembly codec, instantiated on first use. */
export function wasmDecoder(codec: SharedWasmCodec): Promise<WasmDecoder> {
  let decoder = decoders.get(codec);
  if (!decoder) {
    decoder = loadWasm(codec);
    decoders.set(codec, decoder);
    decoder.catch(() => decoders.delete(codec));
  }
  return decoder;
}

/**
 * Forgets a decoder after it failed: a WebAssembly module that aborted on damaged data may be left in a broken
 * state, so the next image gets a fresh instance.
 */
export function discardWasmDecoder(codec: SharedWasmCodec): void {
  decoders.delete(codec);
}

let openJpegFactory: Promise<(options?: Record<string, unknown>) => Promise<unknown>> | undefined;

/**
 * A JPEG 2000 decoder in a WebAssembly module of its own, for one image: call `delete()` when done and drop it.
 * OpenJPEG's heap grows to about 4 × the pixel data while it decodes (32-bit samples per component, the codestream,
 * the decoded image) and a WebAssembly memory never shrinks: a shared module would keep that peak for the life of
 * the process. A module of its own is garbage collected with its heap (instantiation takes about 10 ms).
 */
export async function createJ2kDecoder(): Promise<J2kDecoder> {
  if (!openJpegFactory) {
    const loading = import('@cornerstonejs/codec-openjpeg/decodewasmjs').then((module) => module.default);
    openJpegFactory = loading;
    loading.catch(() => {
      if (openJpegFactory === loading) openJpegFactory = undefined;
    });
  }
  const module = (await (await openJpegFactory)(silent())) as WasmModule;
  if (!module.J2KDecoder) throw new Error('OpenJPEG has no J2KDecoder');
  return new module.J2KDecoder();
}

export interface RleImageFrame {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
  planarConfiguration: number;
  pixelRepresentation: number;
  pixelData?: Uint8Array | Uint16Array | Int16Array;
}

type DecodeRle = (imageFrame: RleImageFrame, pixelData: Uint8Array) => Promise<RleImageFrame>;

let rleDecoder: Promise<DecodeRle> | undefined;

/** Cornerstone's RLE decoder (not in its package exports: loaded by file from the installed package). */
export function rleDecode(): Promise<DecodeRle> {
  rleDecoder ??= (async () => {
    const require = createRequire(import.meta.url);
    const root = dirname(require.resolve('@cornerstonejs/dicom-image-loader/package.json'));
    const file = join(root, 'dist', 'esm', 'shared', 'decoders', 'decodeRLE.js');
    const module = (await import(pathToFileURL(file).href)) as { default: DecodeRle };
    return module.default;
  })();
  return rleDecoder;
}

export interface JpegLosslessDecoder {
  decode(buffer: ArrayBuffer, offset: number, length: number, numBytes: number): Uint8Array | Uint16Array;
}

let jpegLossless: Promise<new () => JpegLosslessDecoder> | undefined;

/**
 * The JPEG lossless decoder Cornerstone uses, @cornerstonejs/jpeg-lossless-decoder-js 2.2.1: the upstream
 * jpeg-lossless-decoder-js 2.1.2 drops the last pixel of some images (it stops at the EOI marker first).
 */
export function jpegLosslessDecoder(): Promise<new () => JpegLosslessDecoder> {
  jpegLossless ??= import('@cornerstonejs/jpeg-lossless-decoder-js').then(
    (module) => module.Decoder as unknown as new () => JpegLosslessDecoder,
  );
  return jpegLossless;
}
