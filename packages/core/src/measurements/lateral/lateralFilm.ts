import { patientFrame, type PatientFrame } from '../../calibration/patientFrame.js';
import type { LateralRadiograph } from '../../case/types.js';
import { midpoint } from '../../geometry/point.js';
import { LandmarkNeeds, LATERAL_NAMING, type Landmark } from '../landmarkNeeds.js';

/** A lateral radiograph with its patient frame: X anterior, Y down (see PatientFrame). */
export interface LateralFilm {
  readonly radiograph: LateralRadiograph;
  readonly frame: PatientFrame;
}

export function lateralFilm(radiograph: LateralRadiograph): LateralFilm {
  return { radiograph, frame: patientFrame(radiograph.pixelSpacingMm, radiograph.anteriorOnImage) };
}

export function needsOn(film: LateralFilm): LandmarkNeeds {
  return new LandmarkNeeds(film.radiograph.vertebrae, film.frame, LATERAL_NAMING);
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
