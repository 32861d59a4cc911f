import type { Level, PatientSide, Radiograph, RadiographMeasurements, Unit } from '@spinerecon/core';
import type { NaturalDataset } from '../part10/dcmjs.js';

/** The image the measurements were made on: what the report references and copies its identity from. */
export interface ReferencedImage {
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
  readonly studyInstanceUid: string;
  /** Needed for the evidence sequence (PS3.3 C.17.2); taken from `attributes` when absent. */
  readonly seriesInstanceUid?: string;
  /**
   * The image's header, naturalized (`PatientName`, `PatientID`, `StudyDate`…). The report copies the
   * patient and study attributes from it, so that it files into the same study.
   */
  readonly attributes?: NaturalDataset;
}

export interface MeasurementReportInput {
  readonly image: ReferencedImage;
  /** The landmarks: every one is written to the report, so the reader gets the same radiograph back. */
  readonly radiograph: Radiograph;
  /** `measureRadiograph(radiograph)`: the available values are reported, the unavailable ones left out. */
  readonly measurements: RadiographMeasurements;
  /** A person observer; without one, the observer is the SpineRecon device. */
  readonly observer?: { readonly personName?: string };
  /** The report's series (new by default: Modality SR). */
  readonly seriesInstanceUid?: string;
  /** The report's SOP instance UID (new by default, 2.25 UUID-derived). */
  readonly sopInstanceUid?: string;
  /** Content date and time (now by default), written in UTC. */
  readonly contentDateTime?: Date;
}

/** One reported value, as read back from a report. */
export interface ReportedMeasurement {
  /**
   * The parameter key of the measurement format (`pelvicIncidenceDeg`, `coronalBalanceMm`), or for
   * repeated measurements `curves[0].cobbDeg`, `curves[0].apicalTranslationMm`,
   * `segments[L4-L5].discAngleDeg`, `listheses[L5-S1].slipPercent`.
   */
  readonly key: string;
  readonly value: number;
  readonly unit: Unit;
  /** The landmarks it was computed from (`L1.superiorAnterior`, `femoralHeads[0].center`). */
  readonly landmarks: readonly string[];
  /** Curves: the end vertebrae; segments and listheses: the two vertebrae. */
  readonly upper?: Level;
  readonly lower?: Level;
  /** Curves only. */
  readonly apex?: Level;
  readonly convexity?: PatientSide;
}

export interface MeasurementReport {
  /** The report's own identity. */
  readonly sopInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly studyInstanceUid: string;
  /** The image the measurements were made on. */
  readonly image: { readonly sopClassUid: string; readonly sopInstanceUid: string };
  readonly observer: { readonly kind: 'device' | 'person'; readonly name: string };
  /** The radiograph with exactly the landmarks that were written. */
  readonly radiograph: Radiograph;
  readonly measurements: readonly ReportedMeasurement[];
}
