import type { ParameterDefinition } from '../types.js';

export const CORONAL_PARAMETERS = {
  coronalBalanceMm: {
    unit: 'mm',
    definition:
      "Horizontal distance from the plumb line of the C7 centroid to the CSVL (the vertical line through the midpoint of the S1 superior endplate); positive towards the patient's right.",
    citation: 'king-1983',
  },
} as const satisfies Record<string, ParameterDefinition>;

export type CoronalParameter = keyof typeof CORONAL_PARAMETERS;

export const CURVE_COBB: ParameterDefinition = {
  unit: 'deg',
  definition:
    'Cobb angle between the superior endplate of the upper end vertebra and the inferior endplate of the lower end vertebra; the end vertebrae are the most tilted at the ends of the curve.',
  citation: 'cobb-1948',
};

export const APICAL_TRANSLATION: ParameterDefinition = {
  unit: 'mm',
  definition:
    "Horizontal distance of the apical vertebra's centroid from the CSVL (apex at T12 or below) or from the C7 plumb line (apex above T12); positive towards the patient's right.",
  citation: 'lenke-2001',
};
