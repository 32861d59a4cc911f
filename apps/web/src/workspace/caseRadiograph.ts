import { CASE_FORMAT, measureRadiograph, validateCase, type RadiographMeasurements } from '@spinerecon/core';
import type { Radiograph } from '../api/types';
import type { LandmarkSet } from '../protocols/landmarks';

/**
 * The film as the core measures it: the radiograph's calibration and orientation with the landmark set,
 * read by the same case reader as `spinerecon measure`. Undefined with the reader's first error when the
 * set cannot be read (it then cannot be measured either).
 */
export function measureFilm(
  radiograph: Radiograph,
  set: LandmarkSet,
): { ok: true; measurements: RadiographMeasurements } | { ok: false; reason: string } {
  const film = {
    id: radiograph.id,
    view: radiograph.view,
    posture: radiograph.posture,
    ...(radiograph.pixelSpacingMm === null ? {} : { pixelSpacingMm: radiograph.pixelSpacingMm }),
    ...(radiograph.view === 'lateral'
      ? { anteriorOnImage: radiograph.anteriorOnImage, femoralHeads: set.femoralHeads ?? [] }
      : { patientRightOnImage: radiograph.patientRightOnImage }),
    vertebrae: set.vertebrae,
  };
  const read = validateCase({ format: CASE_FORMAT, radiographs: [film] });
  if (!read.ok) return { ok: false, reason: read.errors[0]?.message ?? 'the landmark set cannot be read' };
  const only = read.value.radiographs[0];
  if (only === undefined) return { ok: false, reason: 'the landmark set cannot be read' };
  return { ok: true, measurements: measureRadiograph(only) };
}
