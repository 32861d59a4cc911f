import type { LandmarkNeeds } from './landmarkNeeds.js';
import { unavailable, type MeasurementResult, type ParameterDefinition, type Shape } from './types.js';

/**
 * The one way a measurement is returned: unavailable with the reason when a landmark (or the
 * calibration a distance needs) is missing, otherwise the value with everything that explains it.
 */
export function measured(
  parameter: ParameterDefinition,
  needs: LandmarkNeeds,
  compute: () => { readonly value: number; readonly construction: readonly Shape[] },
  calibrationMissing?: string,
): MeasurementResult {
  const reason = needs.reason;
  if (reason !== undefined)
    return unavailable(calibrationMissing ? `${reason}; ${calibrationMissing}` : reason);
  if (calibrationMissing !== undefined) return unavailable(calibrationMissing);
  const { value, construction } = compute();
  return {
    ok: true,
    value,
    unit: parameter.unit,
    landmarks: needs.used,
    construction,
    definition: parameter.definition,
    citation: parameter.citation,
  };
}
