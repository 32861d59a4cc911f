import { patientFrame, type PatientFrame } from '../../calibration/patientFrame.js';
import type { CoronalRadiograph } from '../../case/types.js';
import { CORONAL_NAMING, FilmLandmarks, LandmarkNeeds } from '../landmarkNeeds.js';

/** A coronal radiograph with its patient frame: X towards the patient's right, Y down (see PatientFrame). */
export interface CoronalFilm {
  readonly radiograph: CoronalRadiograph;
  readonly frame: PatientFrame;
  /** Endplates and centroids, worked out once for every measurement of the film. */
  readonly landmarks: FilmLandmarks;
}

export function coronalFilm(radiograph: CoronalRadiograph): CoronalFilm {
  const frame = patientFrame(radiograph.pixelSpacingMm, radiograph.patientRightOnImage);
  return { radiograph, frame, landmarks: new FilmLandmarks(radiograph.vertebrae, frame, CORONAL_NAMING) };
}

export function needsOn(film: CoronalFilm): LandmarkNeeds {
  return new LandmarkNeeds(film.landmarks);
}
