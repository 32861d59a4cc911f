// Reads and validates a DICOM Part 10 radiograph before anything is stored or decoded.
import { inflateRawSync } from 'node:zlib';
import { DicomError } from '../dicomError.js';
import { dicomCalibration, type DicomCalibration, type DicomSopClassName } from './calibration.js';
import { parser, type DataSet, type Element, type Part10Header } from './dicomParserTypes.js';
import { resolveLimits, type ImageLimits } from './limits.js';
import { SUPPORTED_TRANSFER_SYNTAXES, transferSyntaxName, type PixelEncoding } from './transferSyntax.js';

export interface DicomImageInfo {
  readonly sopClassUid: string;
  readonly sopClassName: DicomSopClassName;
  readonly sopInstanceUid: string;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly modality: string;
  readonly transferSyntaxUid: string;
  readonly transferSyntaxName: string;
  readonly rows: number;
  readonly columns: number;
  readonly bitsAllocated: 8 | 16;
  readonly bitsStored: number;
  readonly pixelRepresentation: 0 | 1;
  readonly samplesPerPixel: 1 | 3;
  readonly photometricInterpretation: string;
  readonly rescaleSlope: number;
  readonly rescaleIntercept: number;
  readonly windowCenter?: number;
  readonly windowWidth?: number;
  /** ISO 8601 date, YYYY-MM-DD. */
  readonly studyDate?: string;
  readonly seriesDescription?: string;
  readonly viewPosition?: string;
  readonly bodyPartExamined?: string;
  /** Patient directions of the rows and of the columns (e.g. ['A', 'F']): which way anterior, right… lie. */
  readonly patientOrientation?: readonly [string, string];
  readonly calibration: DicomCalibration;
}

/** What the decoder needs beyond the public information: the parsed data set and the pixel element. */
export interface ParsedDicomImage {
  readonly info: DicomImageInfo;
  readonly dataSet: DataSet;
  readonly pixelData: Element;
  readonly encoding: PixelEncoding;
  readonly bigEndian: boolean;
  readonly planarConfiguration: 0 | 1;
}

// SOP Class UIDs: DICOM PS3.4 Annex B.5, Table B.5-1 "Standard SOP Classes" (NEMA 2024).
const SOP_CLASSES: Readonly<Record<string, { name: DicomSopClassName; label: string }>> = {
  '1.2.840.10008.5.1.4.1.1.1': { name: 'CR', label: 'Computed Radiography Image Storage' },
  '1.2.840.10008.5.1.4.1.1.1.1': { name: 'DX', label: 'Digital X-Ray Image Storage – For Presentation' },
  '1.2.840.10008.5.1.4.1.1.1.1.1': { name: 'DX', label: 'Digital X-Ray Image Storage – For Processing' },
  '1.2.840.10008.5.1.4.1.1.7': { name: 'SC', label: 'Secondary Capture Image Storage' },
  '1.2.840.10008.5.1.4.1.1.7.1': {
    name: 'SC',
    label: 'Multi-frame Single Bit Secondary Capture Image Storage',
  },
  '1.2.840.10008.5.1.4.1.1.7.2': {
    name: 'SC',
    label: 'Multi-frame Grayscale Byte Secondary Capture Image Storage',
  },
  '1.2.840.10008.5.1.4.1.1.7.3': {
    name: 'SC',
    label: 'Multi-frame Grayscale Word Secondary Capture Image Storage',
  },
  '1.2.840.10008.5.1.4.1.1.7.4': {
    name: 'SC',
    label: 'Multi-frame True Color Secondary Capture Image Storage',
  },
};

// A few well-known SOP classes, named in the refusal message: DICOM PS3.4 Table B.5-1 (NEMA 2024).
const OTHER_SOP_CLASS_NAMES: Readonly<Record<string, string>> = {
  '1.2.840.10008.5.1.4.1.1.2': 'CT Image Storage',
  '1.2.840.10008.5.1.4.1.1.4': 'MR Image Storage',
  '1.2.840.10008.5.1.4.1.1.6.1': 'Ultrasound Image Storage',
  '1.2.840.10008.5.1.4.1.1.1.2': 'Digital Mammography X-Ray Image Storage – For Presentation',
  '1.2.840.10008.5.1.4.1.1.12.1': 'X-Ray Angiographic Image Storage',
  '1.2.840.10008.5.1.4.1.1.88.22': 'Enhanced SR Storage',
  '1.2.840.10008.5.1.4.1.1.88.33': 'Comprehensive SR Storage',
  '1.2.840.10008.5.1.4.1.1.104.1': 'Encapsulated PDF Storage',
  '1.2.840.10008.5.1.4.1.1.11.1': 'Grayscale Softcopy Presentation State Storage',
  '1.2.840.10008.5.1.4.1.1.481.1': 'RT Image Storage',
};

// Signatures of files often renamed .dcm, to tell the user what they uploaded instead.
const OTHER_FORMATS: readonly { readonly signature: readonly number[]; readonly name: string }[] = [
  { signature: [0x89, 0x50, 0x4e, 0x47], name: 'a PNG image' },
  { signature: [0xff, 0xd8, 0xff], name: 'a JPEG image' },
  { signature: [0x50, 0x4b, 0x03, 0x04], name: 'a ZIP archive (unpack it and upload the .dcm files inside)' },
  { signature: [0x25, 0x50, 0x44, 0x46], name: 'a PDF document' },
  { signature: [0x47, 0x49, 0x46, 0x38], name: 'a GIF image' },
  { signature: [0x49, 0x49, 0x2a, 0x00], name: 'a TIFF image' },
  { signature: [0x4d, 0x4d, 0x00, 0x2a], name: 'a TIFF image' },
  { signature: [0x1f, 0x8b], name: 'a gzip archive' },
];

const DICM = [0x44, 0x49, 0x43, 0x4d];

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return (
    bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte)
  );
}

function malformed(message: string): DicomError {
  return new DicomError('malformed', message);
}

// DICOM PS3.10 7.1 (NEMA 2024): a 128-byte preamble, the prefix "DICM", then the File Meta Information.
function checkPart10Prefix(bytes: Uint8Array): void {
  if (startsWith(bytes, DICM, 128)) return;
  const other = OTHER_FORMATS.find((format) => startsWith(bytes, format.signature));
  if (other) throw new DicomError('not-dicom', `this file is ${other.name}, not a DICOM file`);
  if (startsWith(bytes, DICM)) {
    throw new DicomError(
      'not-dicom',
      'this file lacks the 128-byte preamble before "DICM" required of DICOM files (PS3.10 7.1); export it again from the PACS',
    );
  }
  throw new DicomError(
    'not-dicom',
    bytes.length < 132
      ? 'this file is too short to be a DICOM file'
      : 'this is not a DICOM Part 10 file (no "DICM" after the 128-byte preamble); export the image from the PACS as DICOM',
  );
}

function readHeader(bytes: Uint8Array): Part10Header {
  try {
    return parser.readPart10Header(bytes) as Part10Header;
  } catch {
    throw malformed('the DICOM file meta information (group 0002) is damaged or truncated');
  }
}

function inflateDataset(bytes: Uint8Array, position: number, maxInflatedBytes: number): Uint8Array {
  let inflated: Buffer;
  try {
    // A hard output limit: a deflate bomb stops at the limit instead of exhausting memory.
    inflated = inflateRawSync(bytes.subarray(position), { maxOutputLength: Math.max(1, maxInflatedBytes) });
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new DicomError(
        'too-large',
        `the deflated DICOM dataset inflates to more than ${maxInflatedBytes.toLocaleString('en')} bytes`,
      );
    }
    throw malformed('the deflated DICOM dataset is damaged (it cannot be inflated)');
  }
  const full = new Uint8Array(position + inflated.length);
  full.set(bytes.subarray(0, position));
  full.set(inflated, position);
  return full;
}

// DICOM PS3.5 7.1.1 (NEMA 2024): every value length is even and the value lies within the data.
function checkElementBounds(dataSet: DataSet, end: number, depth: number): void {
  if (depth > 32) throw malformed('the DICOM file nests sequences more deeply than any radiograph needs');
  for (const element of Object.values(dataSet.elements)) {
    const { length, dataOffset } = element;
    if (!Number.isInteger(length) || length < 0 || dataOffset < 0 || dataOffset + length > end) {
      throw malformed('the DICOM file is truncated or damaged: an element extends past the end of the file');
    }
    if (element.hadUndefinedLength !== true && length % 2 !== 0) {
      throw malformed(
        'the DICOM file is damaged: an element has an odd length, which DICOM forbids (PS3.5 7.1.1)',
      );
    }
    for (const item of element.items ?? []) {
      if (item.dataOffset + item.length > end) {
        throw malformed(
          'the DICOM file is truncated or damaged: a sequence item extends past the end of the file',
        );
      }
      if (item.dataSet) checkElementBounds(item.dataSet, end, depth + 1);
    }
    for (const fragment of element.fragments ?? []) {
      if (fragment.position < 0 || fragment.length < 0 || fragment.position + fragment.length > end) {
        throw malformed('the DICOM file is truncated: a compressed pixel data fragment extends past the end');
      }
    }
  }
}

function text(dataSet: DataSet, tag: string): string | undefined {
  const value = dataSet.string(tag)?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function numbers(dataSet: DataSet, tag: string): number[] | undefined {
  const count = dataSet.numStringValues(tag);
  if (count === undefined || count === 0) return undefined;
  const values: number[] = [];
  for (let index = 0; index < count && index < 8; index++)
    values.push(dataSet.floatString(tag, index) ?? Number.NaN);
  return values;
}

function finite(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

function uint16(dataSet: DataSet, tag: string): number | undefined {
  const element = dataSet.elements[tag];
  if (element === undefined || element.length < 2) return undefined;
  return dataSet.uint16(tag);
}

// DICOM PS3.5 9.1 (NEMA 2024): UIDs are digits and dots, at most 64 characters.
function requiredUid(dataSet: DataSet, tag: string, name: string): string {
  const uid = text(dataSet, tag);
  if (uid === undefined) throw malformed(`the DICOM file has no ${name}, which every image must have`);
  if (!/^[0-9.]{1,64}$/.test(uid)) throw malformed(`the ${name} of this DICOM file is not a valid UID`);
  return uid;
}

// DICOM PS3.5 6.2, VR DA (NEMA 2024): YYYYMMDD (the ACR-NEMA form YYYY.MM.DD is also read).
function isoDate(value: string | undefined): string | undefined {
  const match = value === undefined ? null : /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [, year, month, day] = match;
  const date = new Date(`${year}-${month}-${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(day)
    ? undefined
    : `${year}-${month}-${day}`;
}

// DICOM PS3.3 C.7.6.1.1.1 (NEMA 2024): Patient Orientation, row direction then column direction, letters A P R L H F.
function orientation(dataSet: DataSet): readonly [string, string] | undefined {
  if (dataSet.numStringValues('x00200020') !== 2) return undefined;
  const row = dataSet.string('x00200020', 0)?.trim();
  const column = dataSet.string('x00200020', 1)?.trim();
  const valid = (value: string | undefined): value is string =>
    value !== undefined && /^[APRLHF]{1,3}$/.test(value);
  return valid(row) && valid(column) ? [row, column] : undefined;
}

function parseDataSet(bytes: Uint8Array, syntaxUid: string, limits: ImageLimits, position: number): DataSet {
  const deflated = SUPPORTED_TRANSFER_SYNTAXES[syntaxUid]?.deflated === true;
  const inflated = deflated ? inflateDataset(bytes, position, limits.maxInflatedBytes) : undefined;
  try {
    return parser.parseDicom(bytes, inflated ? { inflater: () => inflated } : {});
  } catch {
    throw malformed('the DICOM file is truncated or damaged: its data elements cannot be read');
  }
}

function checkSopClass(dataSet: DataSet): { uid: string; name: DicomSopClassName } {
  // DICOM PS3.3 C.12.1 (SOP Common Module, NEMA 2024): SOP Class UID (0008,0016); the meta copy (0002,0002) as fallback.
  const uid = text(dataSet, 'x00080016') ?? text(dataSet, 'x00020002');
  if (uid === undefined)
    throw malformed('the DICOM file has no SOP Class UID, so its kind of image is unknown');
  const sopClass = SOP_CLASSES[uid];
  if (!sopClass) {
    const name = OTHER_SOP_CLASS_NAMES[uid];
    throw new DicomError(
      'unsupported',
      `this DICOM object is of SOP class ${name ?? 'unknown to SpineRecon'} (${uid}); only radiographs are accepted: ` +
        'CR, DX or secondary capture images',
    );
  }
  return { uid, name: sopClass.name };
}

function describe(
  parsed: Omit<ParsedDicomImage, 'info'> & { dataSet: DataSet },
  limits: ImageLimits,
  syntaxUid: string,
): DicomImageInfo {
  const { dataSet } = parsed;
  const sopClass = checkSopClass(dataSet);

  // DICOM PS3.3 C.7.6.6 (Multi-frame Module, NEMA 2024): Number of Frames (0028,0008); absent means one frame.
  const frames = dataSet.elements.x00280008 ? dataSet.intString('x00280008') : 1;
  if (frames === undefined || !Number.isInteger(frames) || frames < 1) {
    throw malformed('the DICOM file is damaged: its Number of Frames is not a positive number');
  }
  if (frames > 1) {
    throw new DicomError(
      'unsupported',
      'multi-frame images are not supported: export the single radiograph frame',
    );
  }

  // DICOM PS3.3 C.7.6.3 (Image Pixel Module, NEMA 2024): Rows (0028,0010), Columns (0028,0011).
  const rows = uint16(dataSet, 'x00280010');
  const columns = uint16(dataSet, 'x00280011');
  if (rows === undefined || columns === undefined || rows === 0 || columns === 0) {
    throw malformed('the DICOM file has no image size (Rows and Columns must be present and positive)');
  }
  if (rows * columns > limits.maxPixels) {
    throw new DicomError(
      'too-large',
      `the image declares ${columns} × ${rows} pixels, more than the limit of ${limits.maxPixels.toLocaleString('en')} pixels`,
    );
  }

  const bitsAllocated = uint16(dataSet, 'x00280100');
  if (bitsAllocated === undefined) throw malformed('the DICOM file has no Bits Allocated (0028,0100)');
  if (bitsAllocated !== 8 && bitsAllocated !== 16) {
    throw new DicomError(
      'unsupported',
      `images with ${bitsAllocated} bits allocated per sample are not supported (only 8 or 16)`,
    );
  }
  const bitsStored = uint16(dataSet, 'x00280101') ?? bitsAllocated;
  if (bitsStored < 1 || bitsStored > bitsAllocated) {
    throw malformed('the DICOM file is damaged: Bits Stored must be between 1 and Bits Allocated');
  }
  // DICOM PS3.3 C.8.11.3.1.3 (DX) and PS3.5 8.1.1 (NEMA 2024): High Bit is one less than Bits Stored.
  const highBit = uint16(dataSet, 'x00280102');
  if (highBit !== undefined && highBit !== bitsStored - 1) {
    throw new DicomError('unsupported', 'images whose High Bit is not Bits Stored − 1 are not supported');
  }
  const pixelRepresentation = uint16(dataSet, 'x00280103') ?? 0;
  if (pixelRepresentation !== 0 && pixelRepresentation !== 1) {
    throw malformed('the DICOM file is damaged: Pixel Representation must be 0 (unsigned) or 1 (signed)');
  }
  if (pixelRepresentation === 1 && bitsAllocated === 8) {
    throw new DicomError('unsupported', 'signed 8-bit images are not supported');
  }

  const samplesPerPixel = uint16(dataSet, 'x00280002') ?? 1;
  const photometric = text(dataSet, 'x00280004')?.toUpperCase();
  if (photometric === undefined)
    throw malformed('the DICOM file has no Photometric Interpretation (0028,0004)');
  if (samplesPerPixel === 1) {
    // DICOM PS3.3 C.8.1.2 (CR), C.8.11.3.1.1 (DX), C.7.6.3.1.2 (NEMA 2024): grey radiographs are MONOCHROME1/2.
    if (photometric !== 'MONOCHROME1' && photometric !== 'MONOCHROME2') {
      throw new DicomError(
        'unsupported',
        `one-sample images must be MONOCHROME1 or MONOCHROME2, not ${photometric}`,
      );
    }
  } else if (samplesPerPixel === 3) {
    if (sopClass.name !== 'SC') {
      throw new DicomError(
        'unsupported',
        `colour ${sopClass.name} images are not supported (CR and DX are grey)`,
      );
    }
    if (bitsAllocated !== 8) throw new DicomError('unsupported', 'colour images must have 8 bits per sample');
    // DICOM PS3.5 8.2.1 and 8.2.4 (NEMA 2024): YBR_FULL_422 with JPEG baseline, YBR_RCT/ICT with JPEG 2000.
    const allowed = ['RGB', 'YBR_FULL'];
    if (parsed.encoding === 'jpegBaseline') allowed.push('YBR_FULL_422');
    if (parsed.encoding === 'jpeg2000') allowed.push('YBR_RCT', 'YBR_ICT');
    if (!allowed.includes(photometric)) {
      throw new DicomError(
        'unsupported',
        `colour images in ${photometric} are not supported with this transfer syntax (only ${allowed.join(', ')})`,
      );
    }
  } else {
    throw new DicomError(
      'unsupported',
      `images with ${samplesPerPixel} samples per pixel are not supported (1 or 3)`,
    );
  }

  // DICOM PS3.5 8.1.1 and A.4 (NEMA 2024): native pixel data has a defined length; encapsulated data has an
  // undefined length and fragments.
  const { pixelData } = parsed;
  const encapsulated = pixelData.hadUndefinedLength === true;
  if (parsed.encoding === 'native') {
    if (encapsulated)
      throw malformed('the pixel data is encapsulated although the transfer syntax is uncompressed');
    const needed = rows * columns * samplesPerPixel * (bitsAllocated / 8);
    if (pixelData.length < needed) {
      throw malformed(
        `the pixel data is shorter (${pixelData.length} bytes) than the image size requires (${needed} bytes): the file is truncated or damaged`,
      );
    }
  } else if (!encapsulated || (pixelData.fragments ?? []).length === 0) {
    throw malformed(
      'the compressed pixel data is not encapsulated in fragments as DICOM requires (PS3.5 A.4)',
    );
  }

  const windowCenter = finite(dataSet.floatString('x00281050', 0));
  const windowWidth = finite(dataSet.floatString('x00281051', 0));
  const studyDate = isoDate(text(dataSet, 'x00080020'));
  const seriesDescription = text(dataSet, 'x0008103e');
  const viewPosition = text(dataSet, 'x00185101');
  const bodyPartExamined = text(dataSet, 'x00180015');
  const patientOrientation = orientation(dataSet);
  const calibrationType = text(dataSet, 'x00280a02');
  const magnification = dataSet.elements.x00181114
    ? (dataSet.floatString('x00181114') ?? Number.NaN)
    : undefined;

  return {
    sopClassUid: sopClass.uid,
    sopClassName: sopClass.name,
    sopInstanceUid: requiredUid(dataSet, 'x00080018', 'SOP Instance UID'),
    studyInstanceUid: requiredUid(dataSet, 'x0020000d', 'Study Instance UID'),
    seriesInstanceUid: requiredUid(dataSet, 'x0020000e', 'Series Instance UID'),
    modality: text(dataSet, 'x00080060') ?? '',
    transferSyntaxUid: syntaxUid,
    transferSyntaxName: transferSyntaxName(syntaxUid),
    rows,
    columns,
    bitsAllocated,
    bitsStored,
    pixelRepresentation,
    samplesPerPixel,
    photometricInterpretation: photometric,
    // DICOM PS3.3 C.11.1.1.2 / C.8.11.3 (NEMA 2024): Modality LUT defaults to identity when absent.
    rescaleSlope: finite(dataSet.floatString('x00281053')) ?? 1,
    rescaleIntercept: finite(dataSet.floatString('x00281052')) ?? 0,
    ...(windowCenter !== undefined ? { windowCenter } : {}),
    ...(windowWidth !== undefined ? { windowWidth } : {}),
    ...(studyDate !== undefined ? { studyDate } : {}),
    ...(seriesDescription !== undefined ? { seriesDescription } : {}),
    ...(viewPosition !== undefined ? { viewPosition } : {}),
    ...(bodyPartExamined !== undefined ? { bodyPartExamined } : {}),
    ...(patientOrientation !== undefined ? { patientOrientation } : {}),
    calibration: dicomCalibration({
      pixelSpacing: numbers(dataSet, 'x00280030'),
      imagerPixelSpacing: numbers(dataSet, 'x00181164'),
      nominalScannedPixelSpacing: numbers(dataSet, 'x00182010'),
      ...(magnification !== undefined ? { estimatedRadiographicMagnificationFactor: magnification } : {}),
      ...(calibrationType !== undefined ? { pixelSpacingCalibrationType: calibrationType } : {}),
      sopClassName: sopClass.name,
    }),
  };
}

const parsedImages = new WeakMap<Uint8Array, ParsedDicomImage>();

/** Parses and validates; remembers the result for `decodeDicomPixels` on the same bytes. */
export function parseDicomImage(bytes: Uint8Array, limits?: Partial<ImageLimits>): ParsedDicomImage {
  const resolved = resolveLimits(limits);
  checkPart10Prefix(bytes);
  try {
    const header = readHeader(bytes);
    // DICOM PS3.10 7.1 (NEMA 2024): Transfer Syntax UID (0002,0010) is required in the File Meta Information.
    const syntaxUid = header.elements.x00020010
      ? header.string('x00020010')?.replace(/\0/g, '').trim()
      : undefined;
    if (syntaxUid === undefined || syntaxUid === '') {
      throw malformed('the DICOM file meta information has no Transfer Syntax UID (0002,0010)');
    }
    checkElementBounds(header, bytes.length, 0);
    const syntax = SUPPORTED_TRANSFER_SYNTAXES[syntaxUid];
    if (!syntax) {
      throw new DicomError(
        'unsupported',
        `the transfer syntax ${syntaxUid} (${transferSyntaxName(syntaxUid)}) is not supported; ask the PACS to export ` +
          'uncompressed (Explicit VR Little Endian) or JPEG 2000',
      );
    }
    const position = header.position ?? 132;
    const dataSet = parseDataSet(bytes, syntaxUid, resolved, position);
    checkElementBounds(dataSet, dataSet.byteArray.length, 0);
    // DICOM PS3.3 C.7.6.3 (NEMA 2024): Pixel Data (7FE0,0010).
    const pixelData = dataSet.elements.x7fe00010;
    if (!pixelData) throw malformed('the DICOM file contains no pixel data (7FE0,0010)');
    const planar = uint16(dataSet, 'x00280006') === 1 ? 1 : 0;
    const partial = {
      dataSet,
      pixelData,
      encoding: syntax.encoding,
      bigEndian: syntax.bigEndian === true,
      planarConfiguration: planar,
    } as const;
    const parsed: ParsedDicomImage = { ...partial, info: describe(partial, resolved, syntaxUid) };
    parsedImages.set(bytes, parsed);
    return parsed;
  } catch (error) {
    if (error instanceof DicomError) throw error;
    // dicom-parser throws strings or plain objects on reads past the end; anything else here is damage too.
    throw malformed('the DICOM file is truncated or damaged: its data elements cannot be read');
  }
}

/** The result of a previous `parseDicomImage` on these very bytes, if any. */
export function rememberedParse(bytes: Uint8Array): ParsedDicomImage | undefined {
  return parsedImages.get(bytes);
}

/**
 * Parses a DICOM Part 10 radiograph (CR, DX or single-frame secondary capture) and validates it entirely before
 * anything is stored: structure, element lengths, SOP class, image size, bit depth, photometric interpretation,
 * transfer syntax and pixel data length. Bad input raises `DicomError` (not-dicom, malformed, unsupported,
 * too-large); nothing in a message quotes patient data.
 */
export function inspectDicom(bytes: Uint8Array, limits?: Partial<ImageLimits>): DicomImageInfo {
  return parseDicomImage(bytes, limits).info;
}
