// Pixel spacing of a radiograph: which attribute to trust, in which plane it holds, and what to warn about.

export type DicomSopClassName = 'CR' | 'DX' | 'SC';

export type DicomCalibration =
  | {
      readonly status: 'calibrated';
      /** [row spacing, column spacing] in mm, in the order DICOM gives them (PS3.3 10.7.1.3). */
      readonly pixelSpacingMm: readonly [number, number];
      readonly source:
        | 'pixel-spacing'
        | 'imager-pixel-spacing-magnification-corrected'
        | 'imager-pixel-spacing'
        | 'nominal-scanned-pixel-spacing';
      readonly plane: 'patient' | 'detector';
      readonly description: string;
      readonly warning?: string;
    }
  | { readonly status: 'uncalibrated'; readonly reason: string };

export interface CalibrationAttributes {
  /** Pixel Spacing (0028,0030). */
  readonly pixelSpacing?: readonly number[];
  /** Imager Pixel Spacing (0018,1164). */
  readonly imagerPixelSpacing?: readonly number[];
  /** Estimated Radiographic Magnification Factor (0018,1114). */
  readonly estimatedRadiographicMagnificationFactor?: number;
  /** Nominal Scanned Pixel Spacing (0018,2010). */
  readonly nominalScannedPixelSpacing?: readonly number[];
  /** Pixel Spacing Calibration Type (0028,0A02): 'GEOMETRY' or 'FIDUCIAL'. */
  readonly pixelSpacingCalibrationType?: string;
  readonly sopClassName: DicomSopClassName;
}

export const DETECTOR_PLANE_WARNING =
  'detector-plane spacing overestimates anatomical distances by the geometric magnification (typically 10–20 % ' +
  'for standing full-spine films); calibrate with a marker for accurate millimetres';

type Spacing = { ok: true; value: readonly [number, number] } | { ok: false; reason: string };

function isPositiveFinite(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value) && value > 0;
}

// DICOM PS3.3 10.7.1.3 (NEMA 2024): two values, row spacing then column spacing, positive and non-zero.
function readSpacing(values: readonly number[] | undefined, name: string): Spacing | undefined {
  if (values === undefined || values.length === 0) return undefined;
  const [row, column] = values;
  if (values.length !== 2 || !isPositiveFinite(row) || !isPositiveFinite(column)) {
    return {
      ok: false,
      reason: `${name} was ignored: it must be two positive numbers (row\\column spacing in mm)`,
    };
  }
  return { ok: true, value: [row, column] };
}

function format(spacing: readonly [number, number]): string {
  return `${spacing[0]} × ${spacing[1]} mm`;
}

/**
 * Chooses the pixel spacing of a projection radiograph from its DICOM attributes (pure; no I/O).
 * Order of preference: Pixel Spacing (patient plane, calibrated by the modality), Imager Pixel Spacing divided by
 * the Estimated Radiographic Magnification Factor (patient plane, estimated), Imager Pixel Spacing alone (detector
 * plane, flagged), Nominal Scanned Pixel Spacing of a digitised film (film plane, flagged), else uncalibrated.
 */
export function dicomCalibration(attributes: CalibrationAttributes): DicomCalibration {
  const ignored: string[] = [];
  const pixelSpacing = readSpacing(attributes.pixelSpacing, 'Pixel Spacing (0028,0030)');
  const imagerPixelSpacing = readSpacing(attributes.imagerPixelSpacing, 'Imager Pixel Spacing (0018,1164)');
  const nominal = readSpacing(
    attributes.nominalScannedPixelSpacing,
    'Nominal Scanned Pixel Spacing (0018,2010)',
  );

  // DICOM PS3.3 10.7.1.1 and C.8.11.4 (NEMA 2024): in projection radiography Pixel Spacing is the spacing in the
  // patient (calibrated to a plane in the patient), Imager Pixel Spacing the one at the detector front plane.
  if (pixelSpacing?.ok) {
    const calibrationType = attributes.pixelSpacingCalibrationType?.trim().toUpperCase();
    const typeText =
      calibrationType === 'GEOMETRY' || calibrationType === 'FIDUCIAL'
        ? ` (calibration type ${calibrationType})` // DICOM PS3.3 10.7.1.3, Table 10-10 (NEMA 2024)
        : '';
    const sameAsImager =
      imagerPixelSpacing?.ok === true &&
      typeText === '' &&
      imagerPixelSpacing.value[0] === pixelSpacing.value[0] &&
      imagerPixelSpacing.value[1] === pixelSpacing.value[1];
    return {
      status: 'calibrated',
      pixelSpacingMm: pixelSpacing.value,
      source: 'pixel-spacing',
      plane: 'patient',
      description: `Pixel Spacing (0028,0030) ${format(pixelSpacing.value)} at the patient, calibrated by the modality${typeText}`,
      // DICOM PS3.3 10.7.1.1 (NEMA 2024): without a calibration type, a Pixel Spacing equal to Imager Pixel
      // Spacing may be an uncorrected copy of the detector spacing.
      ...(sameAsImager
        ? {
            warning:
              'Pixel Spacing equals Imager Pixel Spacing and no calibration type is given: it may be the uncorrected ' +
              `detector spacing; ${DETECTOR_PLANE_WARNING}`,
          }
        : {}),
    };
  }
  if (pixelSpacing && !pixelSpacing.ok) ignored.push(pixelSpacing.reason);

  if (imagerPixelSpacing?.ok) {
    const factor = attributes.estimatedRadiographicMagnificationFactor;
    // DICOM PS3.3 C.8.11.5 (NEMA 2024): Estimated Radiographic Magnification Factor = SID / SOD, so the spacing
    // at the patient is Imager Pixel Spacing divided by it.
    if (isPositiveFinite(factor)) {
      const value: readonly [number, number] = [
        imagerPixelSpacing.value[0] / factor,
        imagerPixelSpacing.value[1] / factor,
      ];
      return {
        status: 'calibrated',
        pixelSpacingMm: value,
        source: 'imager-pixel-spacing-magnification-corrected',
        plane: 'patient',
        description:
          `Imager Pixel Spacing (0018,1164) ${format(imagerPixelSpacing.value)} divided by the Estimated ` +
          `Radiographic Magnification Factor (0018,1114) ${factor}: estimated spacing at the patient`,
      };
    }
    if (factor !== undefined) {
      ignored.push(
        'Estimated Radiographic Magnification Factor (0018,1114) was ignored: it must be a positive number',
      );
    }
    // DICOM PS3.3 C.8.1.2 (CR) and C.8.11.4 (DX) (NEMA 2024): measured at the front plane of the image receptor.
    return {
      status: 'calibrated',
      pixelSpacingMm: imagerPixelSpacing.value,
      source: 'imager-pixel-spacing',
      plane: 'detector',
      description: `Imager Pixel Spacing (0018,1164) ${format(imagerPixelSpacing.value)} at the detector front plane`,
      warning: [...ignored, DETECTOR_PLANE_WARNING].join('; '),
    };
  }
  if (imagerPixelSpacing && !imagerPixelSpacing.ok) ignored.push(imagerPixelSpacing.reason);

  // DICOM PS3.3 C.8.6.2 (NEMA 2024): Nominal Scanned Pixel Spacing is the spacing of a digitised film (SC).
  if (attributes.sopClassName === 'SC' && nominal?.ok) {
    return {
      status: 'calibrated',
      pixelSpacingMm: nominal.value,
      source: 'nominal-scanned-pixel-spacing',
      plane: 'detector',
      description: `Nominal Scanned Pixel Spacing (0018,2010) ${format(nominal.value)} in the plane of the digitised film`,
      warning: [...ignored, DETECTOR_PLANE_WARNING].join('; '),
    };
  }
  if (nominal && !nominal.ok) ignored.push(nominal.reason);

  return {
    status: 'uncalibrated',
    reason:
      ignored.length > 0
        ? `no usable pixel spacing: ${ignored.join('; ')}; calibrate with a marker of known size`
        : 'the file gives no pixel spacing (no Pixel Spacing, Imager Pixel Spacing or Nominal Scanned Pixel ' +
          'Spacing); calibrate with a marker of known size',
  };
}
