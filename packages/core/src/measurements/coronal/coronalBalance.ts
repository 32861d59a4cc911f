import { UNCALIBRATED_REASON } from '../../calibration/patientFrame.js';
import { endplateMidpoint } from '../landmarkNeeds.js';
import { measured } from '../measured.js';
import type { MeasurementResult } from '../types.js';
import { CORONAL_PARAMETERS } from './coronalParameters.js';
import { needsOn, type CoronalFilm } from './coronalFilm.js';

/** Coronal balance: C7 plumb line to the CSVL (King 1983), positive towards the patient's right, in mm. */
export function coronalBalance(film: CoronalFilm): MeasurementResult {
  const needs = needsOn(film);
  const c7 = needs.centroid('C7');
  const s1 = needs.endplate('S1', 'superior');
  const calibration = film.frame.calibrated ? undefined : UNCALIBRATED_REASON;
  return measured(
    CORONAL_PARAMETERS.coronalBalanceMm,
    needs,
    () => {
      const middle = endplateMidpoint(s1);
      return {
        value: c7.at[0] - middle.at[0],
        construction: [
          { kind: 'line', from: s1.from.image, to: s1.to.image, label: 'S1 superior endplate' },
          { kind: 'plumbLine', through: middle.image, label: 'CSVL' },
          { kind: 'plumbLine', through: c7.image, label: 'C7 plumb line' },
          { kind: 'line', from: c7.image, to: [middle.image[0], c7.image[1]], label: 'offset' },
        ],
      };
    },
    calibration,
  );
}
