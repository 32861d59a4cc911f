import { patientFrame, type PatientFrame } from '../../calibration/patientFrame.js';
import type { LateralRadiograph } from '../../case/types.js';
import { midpoint } from '../../geometry/point.js';
import { FilmLandmarks, LandmarkNeeds, LATERAL_NAMING, type Landmark } from '../landmarkNeeds.js';

/** A lateral radiograph with its patient frame: X anterior, Y down (see PatientFrame). */
export interface LateralFilm {
  readonly radiograph: LateralRadiograph;
  readonly frame: PatientFrame;
  /** Endplates and centroids, worked out once for every measurement of the film. */
  readonly landmarks: FilmLandmarks;
}

export function lateralFilm(radiograph: LateralRadiograph): LateralFilm {
  const frame = patientFrame(radiograph.pixelSpacingMm, radiograph.anteriorOnImage);
  return { radiograph, frame, landmarks: new FilmLandmarks(radiograph.vertebrae, frame, LATERAL_NAMING) };
}

export function needsOn(film: LateralFilm): LandmarkNeeds {
  return new LandmarkNeeds(film.landmarks);
}

/** The hip axis: midpoint of the two femoral head centres, or the one centre when only one is marked (Legaye 1998). */
export function hipAxis(film: LateralFilm, needs: LandmarkNeeds): Landmark {
  const [first, second] = film.radiograph.femoralHeads;
  const description = 'at least one femoral head centre';
  if (first === undefined) return needs.point(undefined, 'femoralHeads[0].center', description);
  if (second === undefined) return needs.point(first.center, 'femoralHeads[0].center', description);
  needs.used.push('femoralHeads[0].center', 'femoralHeads[1].center');
  return needs.landmark(midpoint(first.center, second.center));
}
