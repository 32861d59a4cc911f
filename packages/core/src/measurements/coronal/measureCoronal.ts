import type { CoronalRadiograph } from '../../case/types.js';
import type { MeasurementResult } from '../types.js';
import { coronalBalance } from './coronalBalance.js';
import { coronalFilm } from './coronalFilm.js';
import type { CoronalParameter } from './coronalParameters.js';
import { detectCurves, type CoronalCurve } from './curves.js';

export interface CoronalMeasurements {
  readonly values: Readonly<Record<CoronalParameter, MeasurementResult>>;
  readonly curves: readonly CoronalCurve[];
  /** Marked endplates left out of curve detection (labelling errors), each with the reason. */
  readonly excludedEndplates: readonly string[];
}

/** Coronal balance and every scoliotic curve of a coronal (AP or PA) film. */
export function measureCoronal(radiograph: CoronalRadiograph): CoronalMeasurements {
  const film = coronalFilm(radiograph);
  return { values: { coronalBalanceMm: coronalBalance(film) }, ...detectCurves(film) };
}
