import type { Radiograph, SpineCase } from '../case/types.js';
import { measureCoronal, type CoronalMeasurements } from './coronal/measureCoronal.js';
import { measureLateral, type LateralMeasurements } from './lateral/measureLateral.js';

/** The detailed measurements of one film: every value with its construction, or why it is unavailable. */
export type RadiographMeasurements =
  | ({ readonly id: string; readonly view: 'lateral' } & LateralMeasurements)
  | ({ readonly id: string; readonly view: 'coronal' } & CoronalMeasurements);

export function measureRadiograph(radiograph: Radiograph): RadiographMeasurements {
  return radiograph.view === 'lateral'
    ? { id: radiograph.id, view: 'lateral', ...measureLateral(radiograph) }
    : { id: radiograph.id, view: 'coronal', ...measureCoronal(radiograph) };
}

export function measureCase(spineCase: SpineCase): RadiographMeasurements[] {
  return spineCase.radiographs.map(measureRadiograph);
}
