// Synthetic radiographs as DICOM Part 10 files, for tests and benchmarks (never real patients).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePart10, type NaturalDataset } from '../part10/dcmjs.js';

export const SOP_CLASS = {
  CR: '1.2.840.10008.5.1.4.1.1.1', // Computed Radiography Image Storage
  DX: '1.2.840.10008.5.1.4.1.1.1.1', // Digital X-Ray Image Storage – For Presentation
  SC: '1.2.840.10008.5.1.4.1.1.7', // Secondary Capture Image Storage
} as const;

export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

export interface SyntheticDicomOptions {
  readonly modality?: keyof typeof SOP_CLASS;
  readonly rows?: number;
  readonly columns?: number;
  /** 8 or 16 (BitsStored 8 or 12). */
  readonly bitsAllocated?: 8 | 16;
  readonly studyInstanceUid?: string;
  readonly seriesInstanceUid?: string;
  readonly sopInstanceUid?: string;
  /** Extra or replacing attributes, naturalized (`PixelSpacing: [0.2, 0.2]`, `PatientName: 'X^Y'`…). */
  readonly attributes?: NaturalDataset;
}

let counter = 0;
/** A unique UID under the 2.25 (UUID-derived) root, deterministic within one test run. */
export function testUid(): string {
  counter += 1;
  return `2.25.${(BigInt(Date.now()) * 1000000n + BigInt(counter)).toString()}`;
}

/** A smooth gradient with a brighter "spine" band: pixel values that survive lossy codecs recognisably. */
export function syntheticPixels(
  rows: number,
  columns: number,
  bitsAllocated: 8 | 16,
): Uint8Array | Uint16Array {
  const max = bitsAllocated === 8 ? 255 : 4095;
  const pixels = bitsAllocated === 8 ? new Uint8Array(rows * columns) : new Uint16Array(rows * columns);
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < columns; x++) {
      const band = Math.abs(x - columns / 2) < columns / 8 ? 0.5 : 0;
      pixels[y * columns + x] = Math.round(max * Math.min(1, 0.2 + (0.3 * y) / rows + band));
    }
  }
  return pixels;
}

/** A single-frame radiograph (explicit VR little endian), with a fictitious patient. */
export function syntheticDicom(options: SyntheticDicomOptions = {}): Uint8Array {
  const modality = options.modality ?? 'DX';
  const rows = options.rows ?? 64;
  const columns = options.columns ?? 32;
  const bitsAllocated = options.bitsAllocated ?? 16;
  const sopInstanceUid = options.sopInstanceUid ?? testUid();
  const pixels = syntheticPixels(rows, columns, bitsAllocated);
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: SOP_CLASS[modality],
    MediaStorageSOPInstanceUID: sopInstanceUid,
    TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
    ImplementationClassUID: '2.25.302247616418227233337436349432958829453',
    ImplementationVersionName: 'SPINERECON_TEST',
  };
  const dataset: NaturalDataset = {
    SpecificCharacterSet: 'ISO_IR 100',
    SOPClassUID: SOP_CLASS[modality],
    SOPInstanceUID: sopInstanceUid,
    StudyInstanceUID: options.studyInstanceUid ?? testUid(),
    SeriesInstanceUID: options.seriesInstanceUid ?? testUid(),
    StudyDate: '20260301',
    StudyTime: '101500',
    AccessionNumber: 'ACC0001',
    ReferringPhysicianName: 'Referrer^Test',
    StudyID: '1',
    SeriesNumber: '1',
    InstanceNumber: '1',
    Modality: modality === 'SC' ? 'OT' : modality,
    PatientName: 'Synthetic^Patient',
    PatientID: 'SYN-0001',
    PatientBirthDate: '19600101',
    PatientSex: 'F',
    Manufacturer: 'SpineRecon test generator',
    BodyPartExamined: 'SPINE',
    ...(modality === 'SC' ? {} : { ViewPosition: 'LL' }),
    ...(modality === 'DX'
      ? {
          PresentationIntentType: 'FOR PRESENTATION',
          ImageType: ['ORIGINAL', 'PRIMARY'],
          ImagerPixelSpacing: [0.2, 0.2],
        }
      : {}),
    ...(modality === 'CR' ? { ImagerPixelSpacing: [0.2, 0.2] } : {}),
    ...(modality === 'SC' ? { ConversionType: 'DI' } : {}),
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: rows,
    Columns: columns,
    BitsAllocated: bitsAllocated,
    BitsStored: bitsAllocated === 8 ? 8 : 12,
    HighBit: bitsAllocated === 8 ? 7 : 11,
    PixelRepresentation: 0,
    ...(modality === 'DX' ? { PixelIntensityRelationship: 'LIN', PixelIntensityRelationshipSign: 1 } : {}),
    ...(modality === 'DX' ? { RescaleIntercept: '0', RescaleSlope: '1', RescaleType: 'US' } : {}),
    PatientOrientation: ['A', 'F'],
    ...(modality === 'DX'
      ? {
          ImageLaterality: 'U',
          // SNOMED CT 421060004 "Spinal structure" (DICOM CID 4031 Common Anatomic Regions).
          AnatomicRegionSequence: [
            { CodeValue: '421060004', CodingSchemeDesignator: 'SCT', CodeMeaning: 'Spine' },
          ],
          PresentationLUTShape: 'IDENTITY',
          LossyImageCompression: '00',
          BurnedInAnnotation: 'NO',
          WindowCenter: bitsAllocated === 8 ? '128' : '2048',
          WindowWidth: bitsAllocated === 8 ? '256' : '4096',
          DetectorType: 'DIRECT',
          PositionerType: 'NONE',
          AcquisitionContextSequence: [],
          // SNOMED CT 399348003 "lateral" (DICOM CID 4010 DX View).
          ViewCodeSequence: [
            { CodeValue: '399348003', CodingSchemeDesignator: 'SCT', CodeMeaning: 'lateral' },
          ],
        }
      : {}),
    ...options.attributes,
    PixelData: [pixels.buffer],
    _vrMap: { PixelData: bitsAllocated === 8 ? 'OB' : 'OW' },
  };
  return writePart10(meta, dataset);
}

/** Transfer syntaxes gdcmconv (Debian libgdcm-tools) writes, by the flag that selects them. */
export const GDCM_CODECS = {
  // gdcmconv 3.0 aborts on '--quality' (an assertion in its option parsing); its default quality is used.
  jpegBaseline: ['--jpeg', '--lossy'],
  jpegLossless: ['--jpeg'],
  jpegLs: ['--jpegls'],
  jpeg2000: ['--j2k'],
  rle: ['--rle'],
} as const;

/** Re-encodes a Part 10 file with gdcmconv (a maintained tool: the tests never hand-write codecs). */
export function transcode(bytes: Uint8Array, codec: keyof typeof GDCM_CODECS): Uint8Array {
  const folder = mkdtempSync(join(tmpdir(), 'spinerecon-gdcm-'));
  try {
    const input = join(folder, 'in.dcm');
    const output = join(folder, 'out.dcm');
    writeFileSync(input, bytes);
    execFileSync('gdcmconv', [...GDCM_CODECS[codec], input, output], { stdio: 'pipe' });
    return new Uint8Array(readFileSync(output));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
