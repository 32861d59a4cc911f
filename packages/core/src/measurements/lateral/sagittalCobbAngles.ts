import type { Level } from '../../case/levels.js';
import { wrapDeg } from '../../geometry/point.js';
import { endplateTiltDeg } from '../landmarkNeeds.js';
import { measured } from '../measured.js';
import type { MeasurementResult, ParameterDefinition } from '../types.js';
import { needsOn, type LateralFilm } from './lateralFilm.js';

export interface SagittalCobbSpec {
  readonly upper: Level;
  readonly upperSide: 'superior' | 'inferior';
  readonly lower: Level;
  readonly lowerSide: 'superior' | 'inferior';
  /** Which curvature counts as positive. */
  readonly positive: 'lordosis' | 'kyphosis';
}

/**
 * Sagittal Cobb angle between two endplates (Cobb 1948, applied to the sagittal plane). With each
 * endplate's tilt taken positive when its anterior corner is lower, lordosis = lower tilt − upper tilt
 * (the endplates open anteriorly) and kyphosis is its negative.
 */
export function sagittalCobb(
  film: LateralFilm,
  spec: SagittalCobbSpec,
  parameter: ParameterDefinition,
): MeasurementResult {
  const needs = needsOn(film);
  const upper = needs.endplate(spec.upper, spec.upperSide);
  const lower = needs.endplate(spec.lower, spec.lowerSide);
  return measured(parameter, needs, () => {
    const lordosisDeg = wrapDeg(endplateTiltDeg(lower) - endplateTiltDeg(upper));
    return {
      value: spec.positive === 'lordosis' ? lordosisDeg : -lordosisDeg,
      construction: [
        {
          kind: 'line',
          from: upper.from.image,
          to: upper.to.image,
          label: `${spec.upper} ${spec.upperSide} endplate`,
        },
        {
          kind: 'line',
          from: lower.from.image,
          to: lower.to.image,
          label: `${spec.lower} ${spec.lowerSide} endplate`,
        },
      ],
    };
  });
}

/** Endplate tilt against the horizontal, anterior corner lower positive (T1 slope, Knott 2010). */
export function endplateSlope(
  film: LateralFilm,
  level: Level,
  parameter: ParameterDefinition,
): MeasurementResult {
  const needs = needsOn(film);
  const endplate = needs.endplate(level, 'superior');
  return measured(parameter, needs, () => {
    const horizontalEnd = [endplate.to.image[0], endplate.from.image[1]] as const;
    return {
      value: endplateTiltDeg(endplate),
      construction: [
        {
          kind: 'line',
          from: endplate.from.image,
          to: endplate.to.image,
          label: `${level} superior endplate`,
        },
        { kind: 'line', from: endplate.from.image, to: horizontalEnd, label: 'horizontal' },
        {
          kind: 'arc',
          center: endplate.from.image,
          from: horizontalEnd,
          to: endplate.to.image,
          label: `${level} slope`,
        },
      ],
    };
  });
}
