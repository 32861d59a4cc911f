import { patientFrame, type PatientFrame } from '../../calibration/patientFrame.js';
import type { CoronalRadiograph } from '../../case/types.js';
import { CORONAL_NAMING, LandmarkNeeds } from '../landmarkNeeds.js';

/** A coronal radiograph with its patient frame: X towards the patient's right, Y down (see PatientFrame). */
export interface CoronalFilm {
  readonly radiograph: CoronalRadiograph;
  readonly frame: PatientFrame;
}

export function coronalFilm(radiograph: CoronalRadiograph): CoronalFilm {
  return { radiograph, frame: patientFrame(radiograph.pixelSpacingMm, radiograph.patientRightOnImage) };
}

export function needsOn(film: CoronalFilm): LandmarkNeeds {
  return new LandmarkNeeds(film.radiograph.vertebrae, film.frame, CORONAL_NAMING);
}
