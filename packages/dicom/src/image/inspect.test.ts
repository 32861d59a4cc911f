import { describe, expect, it } from 'vitest';
import { syntheticDicom, testUid } from '../test-support/syntheticDicom.js';
import { DETECTOR_PLANE_WARNING } from './calibration.js';
import { inspectDicom } from './inspect.js';

describe('inspectDicom', () => {
  it('describes a synthetic DX radiograph', () => {
    const study = testUid();
    const info = inspectDicom(syntheticDicom({ rows: 70, columns: 30, studyInstanceUid: study }));
    expect(info).toMatchObject({
      sopClassUid: '1.2.840.10008.5.1.4.1.1.1.1',
      sopClassName: 'DX',
      studyInstanceUid: study,
      modality: 'DX',
      transferSyntaxUid: '1.2.840.10008.1.2.1',
      transferSyntaxName: 'Explicit VR Little Endian',
      rows: 70,
      columns: 30,
      bitsAllocated: 16,
      bitsStored: 12,
      pixelRepresentation: 0,
      samplesPerPixel: 1,
      photometricInterpretation: 'MONOCHROME2',
      rescaleSlope: 1,
      rescaleIntercept: 0,
      windowCenter: 2048,
      windowWidth: 4096,
      studyDate: '2026-03-01',
      viewPosition: 'LL',
      bodyPartExamined: 'SPINE',
      patientOrientation: ['A', 'F'],
      calibration: { status: 'calibrated', source: 'imager-pixel-spacing', warning: DETECTOR_PLANE_WARNING },
    });
  });

  it('returns no patient name, id or birth date', () => {
    const info = JSON.stringify(inspectDicom(syntheticDicom()));
    expect(info).not.toMatch(/Synthetic|SYN-0001|19600101/);
  });

  it('recognises CR and secondary capture images', () => {
    expect(inspectDicom(syntheticDicom({ modality: 'CR' })).sopClassName).toBe('CR');
    const sc = inspectDicom(syntheticDicom({ modality: 'SC', bitsAllocated: 8 }));
    expect(sc).toMatchObject({
      sopClassName: 'SC',
      bitsAllocated: 8,
      calibration: { status: 'uncalibrated' },
    });
  });

  it('accepts DX for processing and a multi-frame grayscale SC class holding one frame', () => {
    const processing = syntheticDicom({ attributes: { SOPClassUID: '1.2.840.10008.5.1.4.1.1.1.1.1' } });
    expect(inspectDicom(processing).sopClassName).toBe('DX');
    const multiFrameClass = syntheticDicom({
      modality: 'SC',
      attributes: { SOPClassUID: '1.2.840.10008.5.1.4.1.1.7.3', NumberOfFrames: '1' },
    });
    expect(inspectDicom(multiFrameClass).sopClassName).toBe('SC');
  });

  it('reads Pixel Spacing and the magnification factor into the calibration', () => {
    const info = inspectDicom(
      syntheticDicom({
        attributes: { ImagerPixelSpacing: [0.15, 0.15], EstimatedRadiographicMagnificationFactor: 1.2 },
      }),
    );
    expect(info.calibration).toMatchObject({
      source: 'imager-pixel-spacing-magnification-corrected',
      plane: 'patient',
    });
    expect(info.calibration.status === 'calibrated' && info.calibration.pixelSpacingMm[1]).toBeCloseTo(
      0.125,
      12,
    );
    const calibrated = inspectDicom(syntheticDicom({ attributes: { PixelSpacing: [0.14, 0.13] } }));
    expect(calibrated.calibration).toMatchObject({ source: 'pixel-spacing', pixelSpacingMm: [0.14, 0.13] });
  });

  it('leaves out a study date or patient orientation that is not valid', () => {
    const info = inspectDicom(
      syntheticDicom({ attributes: { StudyDate: '20261340', PatientOrientation: ['A', 'X'] } }),
    );
    expect(info).not.toHaveProperty('studyDate');
    expect(info).not.toHaveProperty('patientOrientation');
  });

  it('honours a lower pixel limit', () => {
    expect(() => inspectDicom(syntheticDicom({ rows: 64, columns: 32 }), { maxPixels: 2047 })).toThrow(
      /limit/,
    );
    expect(inspectDicom(syntheticDicom({ rows: 64, columns: 32 }), { maxPixels: 2048 }).rows).toBe(64);
  });
});
