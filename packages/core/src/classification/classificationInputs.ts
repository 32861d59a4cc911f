import type { ClinicalFacts, CoronalRadiograph, SpineCase } from '../case/types.js';
import { coronalFilm, type CoronalFilm } from '../measurements/coronal/coronalFilm.js';
import type { CoronalMeasurements } from '../measurements/coronal/measureCoronal.js';
import { lateralFilm, type LateralFilm } from '../measurements/lateral/lateralFilm.js';
import type { LateralMeasurements } from '../measurements/lateral/measureLateral.js';
import type { RadiographMeasurements } from '../measurements/measureCase.js';
import { roundOutput } from '../measurements/measurementOutput.js';
import type { MeasurementResult } from '../measurements/types.js';

/** The films and facts every classification reads, measured once per case. */
export interface ClassificationInputs {
  readonly ageYears?: number;
  readonly clinical?: ClinicalFacts;
  /** The first standing lateral film of the case, measured. */
  readonly lateral?: { readonly film: LateralFilm; readonly measurements: LateralMeasurements };
  /** The first standing coronal film of the case, measured. */
  readonly coronal?: { readonly film: CoronalFilm; readonly measurements: CoronalMeasurements };
  /** Side-bending coronal films (posture left-bending / right-bending). */
  readonly bending: { readonly left?: CoronalFilm; readonly right?: CoronalFilm };
}

/** `measured[i]` are the measurements of `spineCase.radiographs[i]` (measureCase). */
export function classificationInputs(
  spineCase: SpineCase,
  measured: readonly RadiographMeasurements[],
): ClassificationInputs {
  const standing = (view: 'lateral' | 'coronal') => {
    const index = spineCase.radiographs.findIndex((r) => r.view === view && r.posture === 'standing');
    return index < 0
      ? undefined
      : { radiograph: spineCase.radiographs[index], measurements: measured[index] };
  };
  const lateral = standing('lateral');
  const coronal = standing('coronal');
  const bendingFilm = (posture: 'left-bending' | 'right-bending') => {
    const film = spineCase.radiographs.find(
      (r): r is CoronalRadiograph => r.view === 'coronal' && r.posture === posture,
    );
    return film === undefined ? undefined : coronalFilm(film);
  };
  const left = bendingFilm('left-bending');
  const right = bendingFilm('right-bending');
  return {
    ...(spineCase.patient?.ageYears === undefined ? {} : { ageYears: spineCase.patient.ageYears }),
    ...(spineCase.clinical === undefined ? {} : { clinical: spineCase.clinical }),
    ...(lateral?.radiograph?.view === 'lateral' && lateral.measurements?.view === 'lateral'
      ? { lateral: { film: lateralFilm(lateral.radiograph), measurements: lateral.measurements } }
      : {}),
    ...(coronal?.radiograph?.view === 'coronal' && coronal.measurements?.view === 'coronal'
      ? { coronal: { film: coronalFilm(coronal.radiograph), measurements: coronal.measurements } }
      : {}),
    bending: { ...(left ? { left } : {}), ...(right ? { right } : {}) },
  };
}

export const NO_STANDING_LATERAL = 'needs a standing lateral film';
export const NO_STANDING_CORONAL = 'needs a standing coronal film';

/** A lateral value, or why it is missing (no film, or the value's own reason). */
export function lateralValue(
  inputs: ClassificationInputs,
  key: keyof LateralMeasurements['values'],
): { readonly value: number } | { readonly reason: string } {
  if (inputs.lateral === undefined) return { reason: NO_STANDING_LATERAL };
  const result: MeasurementResult = inputs.lateral.measurements.values[key];
  // Graded at the precision the output shows, so a value shown as 20 is graded as 20.
  return result.ok ? { value: roundOutput(result.value) } : { reason: `${key}: ${result.reason}` };
}
