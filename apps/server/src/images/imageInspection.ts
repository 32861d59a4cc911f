import { open, readFile } from 'node:fs/promises';
import { DicomError, decodeDicomPreview, inspectDicom, inspectRasterImage } from '@spinerecon/dicom';
import { dicomProblem } from './dicomProblem.js';
import type { ImageFacts } from './imageFacts.js';
import type { ImageMediaType } from './imageKind.js';

/** Files up to this size are read whole, inspected and decoded once to prove the pixels can be shown. */
const READ_WHOLE_BYTES = 64 * 1024 * 1024;
/** Where the header of a large file must end: DICOM headers are kilobytes, pixel data comes last. */
const HEADER_BYTES = 4 * 1024 * 1024;

/**
 * Reads a file the image store is about to keep and says what it is, or refuses it with a 4xx problem
 * (nothing is stored then). DICOM is validated completely (structure, lengths, SOP class, size, transfer
 * syntax) and compressed pixel data is decoded once (JPEG 2000 at preview resolution, as a viewer shows it
 * first); PNG and JPEG headers are read for their size.
 */
export async function inspectImageFile(
  path: string,
  mediaType: ImageMediaType,
  sizeBytes: number,
): Promise<ImageFacts> {
  try {
    if (mediaType !== 'application/dicom') {
      const raster = inspectRasterImage(await readFile(path));
      return { widthPx: raster.width, heightPx: raster.height, dicom: null };
    }
    const info =
      sizeBytes <= READ_WHOLE_BYTES ? await decodedWhole(path) : await inspectLarge(path, sizeBytes);
    return {
      widthPx: info.columns,
      heightPx: info.rows,
      dicom: {
        sopClassUid: info.sopClassUid,
        sopInstanceUid: info.sopInstanceUid,
        studyInstanceUid: info.studyInstanceUid,
        seriesInstanceUid: info.seriesInstanceUid,
        transferSyntaxUid: info.transferSyntaxUid,
        modality: info.modality,
        calibration: info.calibration,
      },
    };
  } catch (error) {
    if (error instanceof DicomError) throw dicomProblem(error);
    throw error;
  }
}

/** Parsed and decoded as a viewer's first picture would be (JPEG 2000 at a reduced resolution level). */
async function decodedWhole(path: string) {
  const bytes = new Uint8Array(await readFile(path));
  const info = inspectDicom(bytes);
  await decodeDicomPreview(bytes, info);
  return info;
}

const UNCOMPRESSED = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1', '1.2.840.10008.1.2.2']);

/**
 * A large file (a 16-bit full-spine film is 40–150 MB uncompressed) is inspected without holding its pixels:
 * its header is read into a zero-filled buffer of the file's size (untouched pages cost no memory), which
 * proves the structure and that the pixel data length matches the file. Uncompressed pixels need no decoding
 * to be shown; any other syntax, or a header longer than expected, is read and decoded whole.
 */
async function inspectLarge(path: string, sizeBytes: number) {
  const sparse = new Uint8Array(sizeBytes);
  const file = await open(path, 'r');
  try {
    await file.read(sparse, 0, Math.min(HEADER_BYTES, sizeBytes), 0);
  } finally {
    await file.close();
  }
  try {
    const info = inspectDicom(sparse);
    if (UNCOMPRESSED.has(info.transferSyntaxUid)) return info;
  } catch (error) {
    // Too-large, unsupported and not-DICOM are decided by the header alone; damage may be a longer header.
    if (!(error instanceof DicomError) || error.code !== 'malformed') throw error;
  }
  return decodedWhole(path);
}
