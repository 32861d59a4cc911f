// The one place that touches dcmjs (which ships no types): a typed facade over its Part 10 reader and
// writer. Everything else in this package imports from here.
import dcmjsModule from 'dcmjs';

/** A dataset in dcmjs "naturalized" form: attribute keywords as keys (`PatientName`, `Rows`…). */
export type NaturalDataset = Record<string, unknown>;

/** A dataset in dcmjs "denaturalized" form: tag hex keys (`00100010`) with `{ vr, Value }`. */
export type TaggedDataset = Record<string, { vr: string; Value?: unknown[]; InlineBinary?: string }>;

interface DicomDictInstance {
  meta: TaggedDataset;
  dict: TaggedDataset;
  write(options?: { allowInvalidVRLength?: boolean; fragmentMultiframe?: boolean }): ArrayBuffer;
}

interface DcmjsData {
  DicomMessage: {
    readFile(
      buffer: ArrayBuffer,
      options?: {
        ignoreErrors?: boolean;
        untilTag?: string;
        includeUntilTagValue?: boolean;
        noCopy?: boolean;
      },
    ): DicomDictInstance;
  };
  DicomDict: new (meta: TaggedDataset) => DicomDictInstance;
  DicomMetaDictionary: {
    naturalizeDataset(dataset: TaggedDataset): NaturalDataset;
    denaturalizeDataset(dataset: NaturalDataset): TaggedDataset;
    uid(): string;
    date(): string;
    time(): string;
  };
}

interface Dcmjs {
  data: DcmjsData;
  log: { setLevel(level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'silent'): void };
}

const dcmjs = dcmjsModule as unknown as Dcmjs;
// dcmjs logs warnings that can quote attribute values (names, dates): patient data must not reach logs.
dcmjs.log.setLevel('silent');

export const { DicomMessage, DicomDict, DicomMetaDictionary } = dcmjs.data;

export interface Part10 {
  /** File meta information (group 0002), naturalized. */
  readonly meta: NaturalDataset;
  /** The dataset, naturalized. */
  readonly dataset: NaturalDataset;
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength &&
    bytes.buffer instanceof ArrayBuffer
    ? bytes.buffer
    : bytes.slice().buffer;
}

/** Reads a Part 10 file with dcmjs (throws on malformed input: callers validate first or catch). */
export function readPart10(bytes: Uint8Array): Part10 {
  const file = DicomMessage.readFile(toArrayBuffer(bytes));
  return {
    meta: DicomMetaDictionary.naturalizeDataset(file.meta),
    dataset: DicomMetaDictionary.naturalizeDataset(file.dict),
  };
}

/** Reads everything but the pixel data (the header of a large image, without copying its pixels). */
export function readPart10Header(bytes: Uint8Array): Part10 {
  const file = DicomMessage.readFile(toArrayBuffer(bytes), {
    untilTag: '7FE00010',
    includeUntilTagValue: false,
  });
  return {
    meta: DicomMetaDictionary.naturalizeDataset(file.meta),
    dataset: DicomMetaDictionary.naturalizeDataset(file.dict),
  };
}

/** Writes a Part 10 file (preamble, DICM, group 0002, dataset in the meta's transfer syntax). */
export function writePart10(meta: NaturalDataset, dataset: NaturalDataset): Uint8Array {
  const file = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
  file.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
  return new Uint8Array(file.write());
}
