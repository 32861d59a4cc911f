import { LEVELS, levelIndex, type Level } from '../case/levels.js';
import type { CoronalRadiograph, CoronalVertebra } from '../case/types.js';
import type { Point } from '../geometry/point.js';
import { AASCE_POINT_COUNT } from './challengeCobbAngles.js';
import type { AasceFilm } from './parseAasceFolder.js';

/** The 17 vertebrae annotated on every AASCE film, from the top: T1…L5. */
export const AASCE_LEVELS: readonly Level[] = LEVELS.slice(levelIndex('T1'), levelIndex('L5') + 1);

/**
 * One AASCE 2019 film as a coronal radiograph of our case format, so that our clinical measurements
 * (`measureCoronal`) can run on it. The film's `filename` becomes the radiograph's `id`.
 *
 * The data set has no calibration, so the radiograph has no pixel spacing (angles only, no distances;
 * square pixels assumed). The films are described as "AP" (anterior-posterior) radiographs shown as
 * taken, so the patient's right is on the image's left: `patientRightOnImage: 'left'`. That is an
 * assumption drawn from the data set's description, not something the files record; were a film
 * displayed as PA, every convexity would be reported on the wrong side (Cobb angles are unaffected).
 * Accordingly each vertebra's upper-left image point is its superior-right corner, upper-right the
 * superior-left, lower-left the inferior-right and lower-right the inferior-left.
 *
 * Throws a `RangeError` when the film does not have the 68 points (4 corners of T1…L5).
 */
export function aasceFilmToRadiograph(film: AasceFilm): CoronalRadiograph {
  if (film.points.length !== AASCE_POINT_COUNT) {
    throw new RangeError(
      `aasceFilmToRadiograph: ${film.filename}: expected ${AASCE_POINT_COUNT} points (4 corners of T1…L5), got ${film.points.length}`,
    );
  }
  const vertebrae: Partial<Record<Level, CoronalVertebra>> = {};
  AASCE_LEVELS.forEach((level, v) => {
    const corner = (k: number): Point => film.points[v * 4 + k] as Point;
    vertebrae[level] = {
      superiorRight: corner(0), // upper-left on the image
      superiorLeft: corner(1), // upper-right
      inferiorRight: corner(2), // lower-left
      inferiorLeft: corner(3), // lower-right
    };
  });
  return {
    id: film.filename,
    view: 'coronal',
    posture: 'standing',
    // Assumption from the data set description ("AP" films, displayed as AP): patient's right on image left.
    patientRightOnImage: 'left',
    vertebrae,
  };
}
