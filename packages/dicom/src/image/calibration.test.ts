import { describe, expect, it } from 'vitest';
import { DETECTOR_PLANE_WARNING, dicomCalibration } from './calibration.js';

describe('dicomCalibration', () => {
  it('uses Pixel Spacing as the calibrated spacing at the patient when present', () => {
    const calibration = dicomCalibration({
      pixelSpacing: [0.15, 0.16],
      imagerPixelSpacing: [0.2, 0.2],
      sopClassName: 'DX',
    });
    expect(calibration).toMatchObject({
      status: 'calibrated',
      pixelSpacingMm: [0.15, 0.16],
      source: 'pixel-spacing',
      plane: 'patient',
    });
    expect(calibration).not.toHaveProperty('warning');
  });

  it('keeps the DICOM order: row spacing first, then column spacing', () => {
    const calibration = dicomCalibration({ imagerPixelSpacing: [0.1, 0.3], sopClassName: 'CR' });
    expect(calibration.status === 'calibrated' && calibration.pixelSpacingMm).toEqual([0.1, 0.3]);
  });

  it('warns when Pixel Spacing merely repeats Imager Pixel Spacing without a calibration type', () => {
    const calibration = dicomCalibration({
      pixelSpacing: [0.2, 0.2],
      imagerPixelSpacing: [0.2, 0.2],
      sopClassName: 'DX',
    });
    expect(calibration).toMatchObject({
      source: 'pixel-spacing',
      warning: expect.stringContaining('uncorrected'),
    });
  });

  it('names the calibration type and does not warn when Pixel Spacing Calibration Type is given', () => {
    const calibration = dicomCalibration({
      pixelSpacing: [0.2, 0.2],
      imagerPixelSpacing: [0.2, 0.2],
      pixelSpacingCalibrationType: 'GEOMETRY',
      sopClassName: 'DX',
    });
    expect(calibration).toMatchObject({ description: expect.stringContaining('GEOMETRY') });
    expect(calibration).not.toHaveProperty('warning');
  });

  it('divides Imager Pixel Spacing by the Estimated Radiographic Magnification Factor', () => {
    const calibration = dicomCalibration({
      imagerPixelSpacing: [0.15, 0.15],
      estimatedRadiographicMagnificationFactor: 1.25,
      sopClassName: 'DX',
    });
    expect(calibration).toMatchObject({
      source: 'imager-pixel-spacing-magnification-corrected',
      plane: 'patient',
    });
    expect(calibration.status === 'calibrated' && calibration.pixelSpacingMm[0]).toBeCloseTo(0.12, 12);
    expect(calibration).not.toHaveProperty('warning');
  });

  it('flags Imager Pixel Spacing alone as detector-plane spacing that overestimates distances', () => {
    expect(dicomCalibration({ imagerPixelSpacing: [0.2, 0.2], sopClassName: 'CR' })).toEqual({
      status: 'calibrated',
      pixelSpacingMm: [0.2, 0.2],
      source: 'imager-pixel-spacing',
      plane: 'detector',
      description: expect.stringContaining('detector front plane'),
      warning: DETECTOR_PLANE_WARNING,
    });
  });

  it('ignores a zero magnification factor, says so, and falls back to the detector plane', () => {
    const calibration = dicomCalibration({
      imagerPixelSpacing: [0.2, 0.2],
      estimatedRadiographicMagnificationFactor: 0,
      sopClassName: 'DX',
    });
    expect(calibration).toMatchObject({
      source: 'imager-pixel-spacing',
      warning: expect.stringContaining('(0018,1114)'),
    });
  });

  it('uses Nominal Scanned Pixel Spacing of a digitised film (SC) and flags it like the detector plane', () => {
    expect(dicomCalibration({ nominalScannedPixelSpacing: [0.1, 0.1], sopClassName: 'SC' })).toMatchObject({
      source: 'nominal-scanned-pixel-spacing',
      plane: 'detector',
      warning: DETECTOR_PLANE_WARNING,
    });
  });

  it('does not use Nominal Scanned Pixel Spacing outside secondary capture', () => {
    expect(dicomCalibration({ nominalScannedPixelSpacing: [0.1, 0.1], sopClassName: 'DX' }).status).toBe(
      'uncalibrated',
    );
  });

  it('is uncalibrated, with the reason, when no spacing is given', () => {
    expect(dicomCalibration({ sopClassName: 'SC' })).toEqual({
      status: 'uncalibrated',
      reason: expect.stringContaining('no pixel spacing'),
    });
  });

  it.each([
    [[0, 0.2]],
    [[-0.2, 0.2]],
    [[Number.NaN, 0.2]],
    [[Number.POSITIVE_INFINITY, 0.2]],
    [[0.2]],
    [[0.2, 0.2, 0.2]],
  ])('ignores Pixel Spacing %j with the reason and falls back to the next source', (values) => {
    const calibration = dicomCalibration({
      pixelSpacing: values,
      imagerPixelSpacing: [0.2, 0.2],
      sopClassName: 'DX',
    });
    expect(calibration).toMatchObject({
      source: 'imager-pixel-spacing',
      warning: expect.stringContaining('Pixel Spacing (0028,0030) was ignored'),
    });
    expect(dicomCalibration({ pixelSpacing: values, sopClassName: 'DX' })).toMatchObject({
      status: 'uncalibrated',
      reason: expect.stringContaining('Pixel Spacing (0028,0030) was ignored'),
    });
  });
});
