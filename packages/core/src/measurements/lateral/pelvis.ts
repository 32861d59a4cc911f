import { toImage } from '../../calibration/patientFrame.js';
import { RAD_TO_DEG, wrapDeg, type Point } from '../../geometry/point.js';
import { endplateMidpoint } from '../landmarkNeeds.js';
import { measured } from '../measured.js';
import type { MeasurementResult, Shape } from '../types.js';
import { hipAxis, needsOn, type LateralFilm } from './lateralFilm.js';
import { LATERAL_PARAMETERS } from './lateralParameters.js';

/** Direction of a vector as the angle from the downward vertical, positive turning towards anterior (+X). */
function angleFromDownwardVerticalDeg(v: Point): number {
  return Math.atan2(v[0], v[1]) * RAD_TO_DEG;
}

/** Pelvic tilt (Legaye 1998): vertical to the line S1 endplate midpoint → hip axis, hip axis anterior positive. */
export function pelvicTilt(film: LateralFilm): MeasurementResult {
  const needs = needsOn(film);
  const s1 = needs.endplate('S1', 'superior');
  const hip = hipAxis(film, needs);
  return measured(LATERAL_PARAMETERS.pelvicTiltDeg, needs, () => {
    const middle = endplateMidpoint(s1);
    const below: Point = [middle.image[0], hip.image[1]];
    return {
      value: angleFromDownwardVerticalDeg([hip.at[0] - middle.at[0], hip.at[1] - middle.at[1]]),
      construction: [
        { kind: 'line', from: s1.from.image, to: s1.to.image, label: 'S1 superior endplate' },
        { kind: 'point', at: hip.image, label: 'hip axis' },
        { kind: 'plumbLine', through: middle.image, label: 'vertical' },
        { kind: 'line', from: middle.image, to: hip.image, label: 'S1 midpoint to hip axis' },
        { kind: 'arc', center: middle.image, from: below, to: hip.image, label: 'PT' },
      ],
    };
  });
}

/**
 * Pelvic incidence (Legaye 1998): angle between the perpendicular to the S1 endplate at its midpoint
 * (pointing into the sacrum) and the line from the midpoint to the hip axis. Equals PT + SS exactly.
 */
export function pelvicIncidence(film: LateralFilm): MeasurementResult {
  const needs = needsOn(film);
  const s1 = needs.endplate('S1', 'superior');
  const hip = hipAxis(film, needs);
  return measured(LATERAL_PARAMETERS.pelvicIncidenceDeg, needs, () => {
    const middle = endplateMidpoint(s1);
    const along: Point = [s1.to.at[0] - s1.from.at[0], s1.to.at[1] - s1.from.at[1]];
    const perpendicular: Point = [-along[1], along[0]];
    const toHip: Point = [hip.at[0] - middle.at[0], hip.at[1] - middle.at[1]];
    const value = wrapDeg(angleFromDownwardVerticalDeg(toHip) - angleFromDownwardVerticalDeg(perpendicular));
    const footAt: Point = [middle.at[0] + perpendicular[0], middle.at[1] + perpendicular[1]];
    const foot = toImage(film.frame, footAt);
    const construction: Shape[] = [
      { kind: 'line', from: s1.from.image, to: s1.to.image, label: 'S1 superior endplate' },
      { kind: 'point', at: hip.image, label: 'hip axis' },
      { kind: 'line', from: middle.image, to: foot, label: 'perpendicular to S1 endplate' },
      { kind: 'line', from: middle.image, to: hip.image, label: 'S1 midpoint to hip axis' },
      { kind: 'arc', center: middle.image, from: foot, to: hip.image, label: 'PI' },
    ];
    return { value, construction };
  });
}
