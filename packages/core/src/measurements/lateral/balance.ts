import { UNCALIBRATED_REASON } from '../../calibration/patientFrame.js';
import type { Level } from '../../case/levels.js';
import { signedAngleDeg, type Point } from '../../geometry/point.js';
import { endplateMidpoint } from '../landmarkNeeds.js';
import { measured } from '../measured.js';
import type { MeasurementResult, ParameterDefinition } from '../types.js';
import { hipAxis, needsOn, type LateralFilm } from './lateralFilm.js';
import { LATERAL_PARAMETERS } from './lateralParameters.js';

/**
 * Horizontal offset of a centroid's plumb line from a posterosuperior corner, anterior positive, in mm:
 * SVA from C7 to S1 (Jackson 1994) and cervical SVA from C2 to C7 (Tang 2012).
 */
export function plumbLineOffset(
  film: LateralFilm,
  plumbFrom: Level,
  reference: Level,
  parameter: ParameterDefinition,
): MeasurementResult {
  const needs = needsOn(film);
  const top = needs.centroid(plumbFrom);
  const corner = needs.corner(reference, 'superiorPosterior', `the posterosuperior corner of ${reference}`);
  const calibration = film.frame.calibrated ? undefined : UNCALIBRATED_REASON;
  return measured(
    parameter,
    needs,
    () => ({
      value: top.at[0] - corner.at[0],
      construction: [
        { kind: 'point', at: top.image, label: `${plumbFrom} centroid` },
        { kind: 'plumbLine', through: top.image, label: `${plumbFrom} plumb line` },
        { kind: 'point', at: corner.image, label: `${reference} posterosuperior corner` },
        { kind: 'line', from: corner.image, to: [top.image[0], corner.image[1]], label: 'offset' },
      ],
    }),
    calibration,
  );
}

/**
 * T1 pelvic angle (Protopsaltis 2014): at the hip axis, from the line to the S1 endplate midpoint to the
 * line to the T1 centroid; positive when T1 is anterior to the hip-axis–S1 line. In the patient frame
 * (X anterior, Y down) a turn from "up" towards anterior is a positive signed angle.
 */
export function t1PelvicAngle(film: LateralFilm): MeasurementResult {
  const needs = needsOn(film);
  const s1 = needs.endplate('S1', 'superior');
  const hip = hipAxis(film, needs);
  const t1 = needs.centroid('T1');
  return measured(LATERAL_PARAMETERS.t1PelvicAngleDeg, needs, () => {
    const middle = endplateMidpoint(s1);
    const toS1: Point = [middle.at[0] - hip.at[0], middle.at[1] - hip.at[1]];
    const toT1: Point = [t1.at[0] - hip.at[0], t1.at[1] - hip.at[1]];
    return {
      value: signedAngleDeg(toS1, toT1),
      construction: [
        { kind: 'point', at: hip.image, label: 'hip axis' },
        { kind: 'point', at: t1.image, label: 'T1 centroid' },
        { kind: 'line', from: hip.image, to: middle.image, label: 'hip axis to S1 midpoint' },
        { kind: 'line', from: hip.image, to: t1.image, label: 'hip axis to T1 centroid' },
        { kind: 'arc', center: hip.image, from: middle.image, to: t1.image, label: 'TPA' },
      ],
    };
  });
}

/**
 * Global tilt (Obeid 2016): at the S1 endplate midpoint, from the hip-axis–S1 line continued upwards to
 * the line to the C7 centroid; positive when C7 is anterior to it.
 */
export function globalTilt(film: LateralFilm): MeasurementResult {
  const needs = needsOn(film);
  const s1 = needs.endplate('S1', 'superior');
  const hip = hipAxis(film, needs);
  const c7 = needs.centroid('C7');
  return measured(LATERAL_PARAMETERS.globalTiltDeg, needs, () => {
    const middle = endplateMidpoint(s1);
    const upwards: Point = [middle.at[0] - hip.at[0], middle.at[1] - hip.at[1]];
    const toC7: Point = [c7.at[0] - middle.at[0], c7.at[1] - middle.at[1]];
    const continued: Point = [2 * middle.image[0] - hip.image[0], 2 * middle.image[1] - hip.image[1]];
    return {
      value: signedAngleDeg(upwards, toC7),
      construction: [
        { kind: 'point', at: hip.image, label: 'hip axis' },
        { kind: 'point', at: c7.image, label: 'C7 centroid' },
        { kind: 'line', from: hip.image, to: continued, label: 'hip axis through S1 midpoint' },
        { kind: 'line', from: middle.image, to: c7.image, label: 'S1 midpoint to C7 centroid' },
        { kind: 'arc', center: middle.image, from: continued, to: c7.image, label: 'GT' },
      ],
    };
  });
}
