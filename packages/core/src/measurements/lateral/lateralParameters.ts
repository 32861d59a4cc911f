import type { ParameterDefinition } from '../types.js';

/** Every parameter measured on a lateral (sagittal) film; keys and sign conventions of the measurement format. */
export const LATERAL_PARAMETERS = {
  pelvicIncidenceDeg: {
    unit: 'deg',
    definition:
      'Angle between the perpendicular to the S1 superior endplate at its midpoint and the line from that midpoint to the hip axis (midpoint of the femoral head centres).',
    citation: 'legaye-1998',
  },
  pelvicTiltDeg: {
    unit: 'deg',
    definition:
      'Angle between the vertical and the line from the S1 endplate midpoint to the hip axis; positive when the hip axis is anterior to the midpoint.',
    citation: 'legaye-1998',
  },
  sacralSlopeDeg: {
    unit: 'deg',
    definition:
      'Angle between the S1 superior endplate and the horizontal; positive when its anterior corner is lower.',
    citation: 'legaye-1998',
  },
  lumbarLordosisDeg: {
    unit: 'deg',
    definition: 'Cobb angle from the L1 superior endplate to the S1 superior endplate; lordosis positive.',
    citation: 'cobb-1948',
  },
  lumbarLordosisL4S1Deg: {
    unit: 'deg',
    definition: 'Cobb angle from the L4 superior endplate to the S1 superior endplate; lordosis positive.',
    citation: 'cobb-1948',
  },
  thoracicKyphosisT4T12Deg: {
    unit: 'deg',
    definition: 'Cobb angle from the T4 superior endplate to the T12 inferior endplate; kyphosis positive.',
    citation: 'schwab-2012',
  },
  thoracicKyphosisT5T12Deg: {
    unit: 'deg',
    definition: 'Cobb angle from the T5 superior endplate to the T12 inferior endplate; kyphosis positive.',
    citation: 'lenke-2001',
  },
  proximalThoracicKyphosisT2T5Deg: {
    unit: 'deg',
    definition: 'Cobb angle from the T2 superior endplate to the T5 inferior endplate; kyphosis positive.',
    citation: 'lenke-2001',
  },
  thoracolumbarKyphosisT10L2Deg: {
    unit: 'deg',
    definition: 'Cobb angle from the T10 superior endplate to the L2 inferior endplate; kyphosis positive.',
    citation: 'lenke-2001',
  },
  piLlMismatchDeg: {
    unit: 'deg',
    definition: 'Pelvic incidence minus lumbar lordosis (L1–S1).',
    citation: 'schwab-2012',
  },
  sagittalVerticalAxisMm: {
    unit: 'mm',
    definition:
      'Horizontal distance from the plumb line of the C7 centroid to the posterosuperior corner of S1; positive when the plumb line is anterior.',
    citation: 'jackson-1994',
  },
  t1PelvicAngleDeg: {
    unit: 'deg',
    definition:
      'Angle at the hip axis between the line to the T1 centroid and the line to the S1 endplate midpoint; positive when T1 lies anterior to the line from the hip axis through the S1 midpoint.',
    citation: 'protopsaltis-2014',
  },
  t1SlopeDeg: {
    unit: 'deg',
    definition:
      'Angle between the T1 superior endplate and the horizontal; positive when its anterior corner is lower.',
    citation: 'knott-2010',
  },
  cervicalLordosisC2C7Deg: {
    unit: 'deg',
    definition: 'Cobb angle from the C2 inferior endplate to the C7 inferior endplate; lordosis positive.',
    citation: 'tang-2012',
  },
  cervicalSvaMm: {
    unit: 'mm',
    definition:
      'Horizontal distance from the plumb line of the C2 centroid to the posterosuperior corner of C7; positive when the plumb line is anterior.',
    citation: 'tang-2012',
  },
  globalTiltDeg: {
    unit: 'deg',
    definition:
      'Angle at the S1 endplate midpoint between the line to the C7 centroid and the line from the hip axis through that midpoint, continued upwards; positive when C7 lies anterior to that line.',
    citation: 'obeid-2016',
  },
} as const satisfies Record<string, ParameterDefinition>;

export type LateralParameter = keyof typeof LATERAL_PARAMETERS;

export const LATERAL_PARAMETER_KEYS = Object.keys(LATERAL_PARAMETERS) as LateralParameter[];
