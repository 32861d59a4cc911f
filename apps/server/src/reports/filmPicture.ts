import { buffer } from 'node:stream/consumers';
import {
  decodeDicomPreview,
  inspectDicom,
  type DecodedPreview,
  type DicomImageInfo,
} from '@spinerecon/dicom';
import type { ImageStore } from '../images/imageStore.js';
import { encodePng, readPngReduced } from './png.js';
import { REPORT_MAX_SIDE_PX, RowReducer, reductionFactor, type Raster } from './raster.js';

// A radiograph's image as a report embeds it: JPEG as it is, PNG reduced to REPORT_MAX_SIDE_PX (or as it is
// when it is a kind we do not read), DICOM decoded, windowed to 8 bits and written as a reduced PNG. The
// landmarks stay in the pixels of the stored image: `widthPx` × `heightPx` is that image's size, whatever the
// size of the picture embedded.

export interface FilmPicture {
  readonly format: 'png' | 'jpeg';
  readonly bytes: Uint8Array;
  /** The stored image's size in pixels (the space of the landmarks). */
  readonly widthPx: number;
  readonly heightPx: number;
  /** How the picture was made, for the caption. */
  readonly note: string;
}

/**
 * The display value of a modality value by the DICOM linear VOI function (PS3.3 C.11.2.1.2.1): values up to
 * c − 0.5 − (w − 1)/2 are black, above c − 0.5 + (w − 1)/2 white, linear between.
 */
export function windowed(value: number, center: number, width: number): number {
  const w = Math.max(width, 1);
  if (value <= center - 0.5 - (w - 1) / 2) return 0;
  if (value > center - 0.5 + (w - 1) / 2) return 255;
  return Math.round(((value - (center - 0.5)) / (w - 1) + 0.5) * 255);
}

/** The file's first window, else the full range of the decoded values. */
function windowOf(
  info: DicomImageInfo,
  frame: DecodedPreview,
): { center: number; width: number; note: string } {
  if (info.windowCenter !== undefined && info.windowWidth !== undefined && info.windowWidth > 0) {
    return { center: info.windowCenter, width: info.windowWidth, note: 'window from the file' };
  }
  const a = frame.minValue * info.rescaleSlope + info.rescaleIntercept;
  const b = frame.maxValue * info.rescaleSlope + info.rescaleIntercept;
  const low = Math.min(a, b);
  const high = Math.max(a, b);
  return { center: (low + high + 1) / 2, width: Math.max(high - low + 1, 2), note: 'full value range' };
}

/** A decoded DICOM frame windowed to 8 bits and reduced. */
export function dicomRaster(info: DicomImageInfo, frame: DecodedPreview, maxSidePx: number): Raster {
  const { rows, columns, samplesPerPixel, pixels } = frame;
  const channels = samplesPerPixel === 3 ? 3 : 1;
  const reducer = new RowReducer(columns, rows, channels, reductionFactor(columns, rows, maxSidePx));
  const row = new Uint8Array(columns * channels);
  const inverted = info.photometricInterpretation === 'MONOCHROME1';
  const window = windowOf(info, frame);
  const colourScale = frame.maxValue > 255 ? 255 / frame.maxValue : 1;
  for (let y = 0; y < rows; y++) {
    for (let i = 0; i < columns * channels; i++) {
      const stored = pixels[y * columns * channels + i] ?? 0;
      if (channels === 3) {
        row[i] = Math.round(stored * colourScale);
        continue;
      }
      const shown = windowed(stored * info.rescaleSlope + info.rescaleIntercept, window.center, window.width);
      row[i] = inverted ? 255 - shown : shown;
    }
    reducer.push(row);
  }
  return reducer.result();
}

async function fromDicom(bytes: Uint8Array): Promise<FilmPicture> {
  const info = inspectDicom(bytes);
  const frame = await decodeDicomPreview(bytes, info, { maxSide: REPORT_MAX_SIDE_PX });
  const raster = dicomRaster(info, frame, REPORT_MAX_SIDE_PX);
  const window = windowOf(info, frame);
  return {
    format: 'png',
    bytes: encodePng(raster),
    widthPx: info.columns,
    heightPx: info.rows,
    note: `DICOM, ${window.note}, shown at ${raster.widthPx} × ${raster.heightPx} px`,
  };
}

/** The picture of a stored image, or undefined when the report cannot show it (the reason is returned). */
export async function loadFilmPicture(
  images: ImageStore,
  image: {
    readonly sha256: string;
    readonly mediaType: string;
    readonly widthPx: number | null;
    readonly heightPx: number | null;
  },
): Promise<FilmPicture | string> {
  const file = await buffer(images.open(image.sha256));
  const bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
  try {
    if (image.mediaType === 'application/dicom') return await fromDicom(bytes);
    if (image.widthPx === null || image.heightPx === null) return 'the stored image has no recorded size';
    const size = { widthPx: image.widthPx, heightPx: image.heightPx };
    if (image.mediaType === 'image/jpeg') return { format: 'jpeg', bytes, ...size, note: 'JPEG as stored' };
    if (image.mediaType === 'image/png') {
      const raster = await readPngReduced(bytes, REPORT_MAX_SIDE_PX);
      if (raster === undefined) return { format: 'png', bytes, ...size, note: 'PNG as stored' };
      return {
        format: 'png',
        bytes: encodePng(raster),
        ...size,
        note: `PNG, shown at ${raster.widthPx} × ${raster.heightPx} px`,
      };
    }
    return `images of type ${image.mediaType} are not shown in reports`;
  } catch (error) {
    // The message says what is wrong with the file; it names no patient.
    return `the image could not be decoded (${error instanceof Error ? error.message : 'unknown error'})`;
  }
}
