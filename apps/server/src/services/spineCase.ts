import {
  CASE_FORMAT,
  measureCase,
  toMeasurementOutput,
  validateCase,
  type MeasurementOutput,
  type Radiograph,
  type SpineCase,
} from '@spinerecon/core';
import { invalidInput, type ErrorDetail } from '../domain/errors.js';
import type { RadiographRow } from '../repositories/radiographRepository.js';

// The bridge to @spinerecon/core: a radiograph row plus its landmark set is a radiograph of the
// `spinerecon.case/1` format, validated and measured by the core. The server computes nothing itself.

/** What a landmark set holds: the landmark part of one radiograph of the case format. */
export interface LandmarkContent {
  readonly vertebrae: Readonly<Record<string, unknown>>;
  readonly femoralHeads?: readonly unknown[];
}

/** The radiograph of the case format, before validation: the row's calibration and orientation + landmarks. */
function caseRadiograph(row: RadiographRow, content: LandmarkContent): Record<string, unknown> {
  const spacing = row.pixel_spacing_mm === null ? undefined : (JSON.parse(row.pixel_spacing_mm) as unknown);
  return {
    id: row.id,
    view: row.view,
    posture: row.posture,
    ...(spacing === undefined ? {} : { pixelSpacingMm: spacing }),
    ...(row.view === 'lateral'
      ? { anteriorOnImage: row.anterior_on_image }
      : { patientRightOnImage: row.patient_right_on_image }),
    ...content,
  };
}

const RADIOGRAPH_PATH = /^\$\.radiographs\[0\]/;

/**
 * Validates a landmark set for its radiograph with the core's case reader. Errors name paths in the
 * request body (`$.vertebrae.L6`), or the radiograph's own field when that is what is wrong.
 */
export function validateLandmarks(row: RadiographRow, content: LandmarkContent): Radiograph {
  const result = validateCase({ format: CASE_FORMAT, radiographs: [caseRadiograph(row, content)] });
  if (result.ok) {
    const radiograph = result.value.radiographs[0];
    if (radiograph !== undefined) return radiograph;
  }
  const errors = result.ok ? [] : result.errors;
  const details: ErrorDetail[] = errors.map((error) => ({
    path: error.path.replace(RADIOGRAPH_PATH, '$'),
    message: error.message,
  }));
  const first = details[0];
  throw invalidInput(
    first === undefined ? 'invalid landmark set' : `${first.path}: ${first.message}`,
    details,
  );
}

export interface StoredLandmarks {
  readonly row: RadiographRow;
  readonly content: LandmarkContent;
}

/** Measures the latest landmark sets of a case (the core's `measureCase` and output format). */
export function measureStoredLandmarks(sets: readonly StoredLandmarks[]): MeasurementOutput {
  const radiographs = sets.map((set) => validateLandmarks(set.row, set.content));
  const spineCase: SpineCase = { format: CASE_FORMAT, radiographs };
  return toMeasurementOutput(measureCase(spineCase));
}

/** The `spinerecon.case/1` document of stored landmark sets (patient facts given by the caller). */
export function toSpineCase(
  sets: readonly StoredLandmarks[],
  patient: SpineCase['patient'] | undefined,
): SpineCase {
  const radiographs = sets.map((set) => validateLandmarks(set.row, set.content));
  return { format: CASE_FORMAT, ...(patient === undefined ? {} : { patient }), radiographs };
}

/** The measurements of one radiograph's landmark set, as returned on save. */
export function measureOne(radiograph: Radiograph): MeasurementOutput {
  return toMeasurementOutput(measureCase({ format: CASE_FORMAT, radiographs: [radiograph] }));
}
