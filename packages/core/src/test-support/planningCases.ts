import { CASE_FORMAT, type LateralRadiograph, type SpineCase } from '../case/types.js';
import type { LateralParameter } from '../measurements/lateral/lateralParameters.js';
import type { RadiographMeasurements } from '../measurements/measureCase.js';
import {
  buildLateralSpine,
  DEFAULT_DISC_ANGLES_DEG,
  type SyntheticLateralOptions,
} from './syntheticLateral.js';

/** A case with one standing lateral film built from chosen angles (0.2 mm per pixel unless given). */
export function syntheticCase(options: SyntheticLateralOptions = {}, ageYears = 65): SpineCase {
  const { radiograph } = buildLateralSpine({ pixelSpacingMm: 0.2, ...options });
  return { format: CASE_FORMAT, patient: { ageYears, sex: 'female' }, radiographs: [radiograph] };
}

export function lateralFilmOf(spineCase: SpineCase): LateralRadiograph {
  const film = spineCase.radiographs.find((r): r is LateralRadiograph => r.view === 'lateral');
  if (film === undefined) throw new Error('no lateral film');
  return film;
}

/** A measured lateral value; throws with the reason when it is unavailable. */
export function lateralValue(measurements: readonly RadiographMeasurements[], key: LateralParameter): number {
  const lateral = measurements.find((m) => m.view === 'lateral');
  if (lateral === undefined || lateral.view !== 'lateral') throw new Error('no lateral measurements');
  const result = lateral.values[key];
  if (!result.ok) throw new Error(`${key} is unavailable: ${result.reason}`);
  return result.value;
}

const thoracicDiscs = (angleDeg: number) =>
  Object.fromEntries(
    ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11'].map((l) => [l, angleDeg]),
  );

/** A well-aligned adult: PI 52°, PT 12°, LL 52°, TK 16°, SVA ≈ 21 mm (meets SRS–Schwab and GAP targets). */
export const BALANCED: SyntheticLateralOptions = {
  sacralSlopeDeg: 40,
  pelvicTiltDeg: 12,
  discAnglesDeg: { ...DEFAULT_DISC_ANGLES_DEG, ...thoracicDiscs(-2), L1: 5, L2: 8, L3: 10, L4: 13, L5: 16 },
};

/**
 * A flat-back adult deformity: flat upper lumbar discs, kyphotic thoracolumbar junction, retroverted pelvis
 * (PI 55°, PT 25°, LL 26°, PI−LL 29°, SVA ≈ 155 mm): beyond every SRS–Schwab threshold.
 */
export const FLAT_BACK: SyntheticLateralOptions = {
  sacralSlopeDeg: 30,
  pelvicTiltDeg: 25,
  discAnglesDeg: {
    ...DEFAULT_DISC_ANGLES_DEG,
    ...thoracicDiscs(-2.5),
    T12: -2,
    L1: 0,
    L2: 2,
    L3: 4,
    L4: 8,
    L5: 12,
  },
};
