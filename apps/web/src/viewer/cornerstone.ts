// Cornerstone3D set-up for the radiograph viewer: one-time initialisation, a loader for PNG/JPEG ("web:")
// images, and the image ids of our radiographs.
//
// Image ids:
// - DICOM: `wadouri:<absolute URL of GET /api/v1/radiographs/:id/image>`. The DICOM image loader fetches it
//   with XMLHttpRequest; the URL is same-origin, so the browser sends the session cookie (withCredentials only
//   matters cross-origin).
// - PNG/JPEG: `web:<absolute URL>`, loaded by `loadWebImage` below with fetch(credentials: 'same-origin').
import {
  Enums as CoreEnums,
  imageLoader,
  init as initCore,
  isCornerstoneInitialized,
  utilities,
  type Types,
} from '@cornerstonejs/core';
import { init as initDicomImageLoader } from '@cornerstonejs/dicom-image-loader';
import { init as initTools, PanTool, WindowLevelTool, ZoomTool, addTool } from '@cornerstonejs/tools';

export type RadiographMediaType = 'application/dicom' | 'image/png' | 'image/jpeg';

export const WEB_SCHEME = 'web';

let initialisation: Promise<void> | undefined;

/** Initialises Cornerstone3D core, the DICOM image loader, the web image loader and the tools, once. */
export function initCornerstone(): Promise<void> {
  initialisation ??= (async () => {
    if (!isCornerstoneInitialized()) initCore();
    const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
    initDicomImageLoader({ maxWebWorkers: Math.max(1, Math.min(4, Math.floor(cores / 2))) });
    imageLoader.registerImageLoader(WEB_SCHEME, loadWebImage);
    initTools();
    for (const tool of [PanTool, ZoomTool, WindowLevelTool]) addTool(tool);
  })();
  return initialisation;
}

/**
 * The Cornerstone image id of a radiograph's image. `version` (the image's sha256) keeps the cache honest when
 * the image of a radiograph is replaced; the server ignores the query parameter.
 */
export function imageIdFor(radiograph: {
  id: string;
  mediaType: RadiographMediaType;
  version?: string;
}): string {
  const url = new URL(
    `/api/v1/radiographs/${encodeURIComponent(radiograph.id)}/image`,
    window.location.origin,
  );
  if (radiograph.version !== undefined) url.searchParams.set('v', radiograph.version);
  const scheme = radiograph.mediaType === 'application/dicom' ? 'wadouri' : WEB_SCHEME;
  return `${scheme}:${url.href}`;
}

/**
 * Loads a PNG or JPEG into a Cornerstone image. The file is decoded by the browser without colour-space
 * conversion (the pixel values are the file's), drawn into a canvas and read back. A grey-scale picture — every
 * pixel with R = G = B, as radiographs are — becomes a one-channel MONOCHROME2 image, so window/level works as
 * on DICOM; anything else stays RGB.
 */
export function loadWebImage(imageId: string): Types.IImageLoadObject {
  const controller = new AbortController();
  const promise = (async (): Promise<Types.IImage> => {
    const started = performance.now();
    const url = imageId.slice(WEB_SCHEME.length + 1);
    const response = await fetch(url, { credentials: 'same-origin', signal: controller.signal });
    if (!response.ok) throw new Error(`the image could not be loaded (HTTP ${response.status})`);
    const blob = await response.blob();
    const loaded = performance.now();
    const bitmap = await createImageBitmap(blob, {
      colorSpaceConversion: 'none',
      premultiplyAlpha: 'none',
      imageOrientation: 'from-image',
    });
    const { width, height } = bitmap;
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (context === null) throw new Error('this browser cannot decode images into a canvas');
    context.drawImage(bitmap, 0, 0);
    bitmap.close();
    const rgba = context.getImageData(0, 0, width, height).data;
    const image = webImageFromRgba(imageId, rgba, width, height);
    image.loadTimeInMS = loaded - started;
    image.decodeTimeInMS = performance.now() - loaded;
    image.getCanvas = () => canvas;
    return image;
  })();
  return { promise, cancelFn: () => controller.abort() };
}

function isGrey(rgba: Uint8ClampedArray): boolean {
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i] !== rgba[i + 1] || rgba[i] !== rgba[i + 2]) return false;
  }
  return true;
}

/** Builds the Cornerstone image (and its metadata) from decoded RGBA pixels. Exported for tests. */
export function webImageFromRgba(
  imageId: string,
  rgba: Uint8ClampedArray,
  width: number,
  height: number,
): Types.IImage {
  const grey = isGrey(rgba);
  const components = grey ? 1 : 3;
  const pixels = new Uint8Array(width * height * components);
  let min = 255;
  let max = 0;
  for (let source = 0, target = 0; source < rgba.length; source += 4) {
    for (let c = 0; c < components; c++) {
      const value = rgba[source + c] ?? 0;
      pixels[target++] = value;
      if (value < min) min = value;
      if (value > max) max = value;
    }
  }
  if (max <= min) max = min + 1;
  const addMetadata = (type: string, metadata: unknown) =>
    utilities.genericMetadataProvider.add(imageId, { type, metadata });
  addMetadata(CoreEnums.MetadataModules.IMAGE_PIXEL, {
    samplesPerPixel: components,
    photometricInterpretation: grey ? 'MONOCHROME2' : 'RGB',
    rows: height,
    columns: width,
    bitsAllocated: 8,
    bitsStored: 8,
    highBit: 7,
    pixelRepresentation: 0,
    planarConfiguration: 0,
  });
  addMetadata(CoreEnums.MetadataModules.IMAGE_PLANE, {
    rows: height,
    columns: width,
    imageOrientationPatient: [1, 0, 0, 0, 1, 0],
    rowCosines: [1, 0, 0],
    columnCosines: [0, 1, 0],
    imagePositionPatient: [0, 0, 0],
    pixelSpacing: [1, 1],
    rowPixelSpacing: 1,
    columnPixelSpacing: 1,
    frameOfReferenceUID: `spinerecon.web.${imageId}`,
    // No calibration in a PNG/JPEG: the measurement tools show pixels; SpineRecon calibrates on the server.
    usingDefaultValues: true,
  });
  addMetadata(CoreEnums.MetadataModules.GENERAL_SERIES, { modality: 'OT', seriesNumber: 1 });
  addMetadata(CoreEnums.MetadataModules.VOI_LUT, {
    windowCenter: [(min + max) / 2],
    windowWidth: [max - min],
  });
  addMetadata(CoreEnums.MetadataModules.MODALITY_LUT, { rescaleSlope: 1, rescaleIntercept: 0 });
  const voxelManager = utilities.VoxelManager.createImageVoxelManager({
    width,
    height,
    numberOfComponents: components,
    scalarData: pixels,
    id: imageId,
  });
  return {
    imageId,
    minPixelValue: min,
    maxPixelValue: max,
    slope: 1,
    intercept: 0,
    windowCenter: (min + max) / 2,
    windowWidth: max - min,
    voiLUTFunction: CoreEnums.VOILUTFunctionType.LINEAR,
    getPixelData: () => pixels,
    getCanvas: () => {
      throw new Error('no canvas for this image');
    },
    rows: height,
    columns: width,
    height,
    width,
    color: !grey,
    rgba: false,
    numberOfComponents: components,
    columnPixelSpacing: 1,
    rowPixelSpacing: 1,
    invert: false,
    photometricInterpretation: grey ? 'MONOCHROME2' : 'RGB',
    sizeInBytes: pixels.byteLength,
    dataType: 'Uint8Array',
    voxelManager,
  };
}

/**
 * The radiograph rendered at one canvas pixel per image pixel (its own window/level), as an object URL of a PNG:
 * what the image simulation of a plan cuts and moves when the film is DICOM (SVG cannot show DICOM). The caller
 * revokes the URL.
 */
export async function renderedFilmUrl(
  radiograph: { id: string; mediaType: RadiographMediaType; version?: string },
  widthPx: number,
  heightPx: number,
): Promise<string> {
  await initCornerstone();
  const canvas = document.createElement('canvas');
  canvas.width = widthPx;
  canvas.height = heightPx;
  await utilities.loadImageToCanvas({ canvas, imageId: imageIdFor(radiograph), useCPURendering: true });
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (blob === null) throw new Error('the film could not be rendered for the image simulation');
  return URL.createObjectURL(blob);
}
