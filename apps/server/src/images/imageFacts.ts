import type { DicomCalibration } from '@spinerecon/dicom';

/** What the server learnt from an image file when it was stored (images.width_px, height_px, dicom). */
export interface ImageFacts {
  readonly widthPx: number;
  readonly heightPx: number;
  readonly dicom: DicomFacts | null;
}

/** The DICOM identity and calibration of a stored file: no patient data (names, ids, dates of birth). */
export interface DicomFacts {
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly transferSyntaxUid: string;
  readonly modality: string;
  readonly calibration: DicomCalibration;
}
