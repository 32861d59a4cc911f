import type { LateralRadiograph } from '../../case/types.js';
import { unavailable, type MeasurementResult } from '../types.js';
import { globalTilt, plumbLineOffset, t1PelvicAngle } from './balance.js';
import { lateralFilm } from './lateralFilm.js';
import { LATERAL_PARAMETERS as P, type LateralParameter } from './lateralParameters.js';
import { pelvicIncidence, pelvicTilt } from './pelvis.js';
import { endplateSlope, sagittalCobb } from './sagittalCobbAngles.js';
import { discSegments, listheses, type DiscSegment, type Listhesis } from './segments.js';

export interface LateralMeasurements {
  readonly values: Readonly<Record<LateralParameter, MeasurementResult>>;
  readonly segments: readonly DiscSegment[];
  readonly listheses: readonly Listhesis[];
}

/** Every sagittal parameter of a lateral film (definitions in lateralParameters.ts and docs/clinical.md). */
export function measureLateral(radiograph: LateralRadiograph): LateralMeasurements {
  const film = lateralFilm(radiograph);
  const pelvicIncidenceDeg = pelvicIncidence(film);
  const lumbarLordosisDeg = sagittalCobb(
    film,
    { upper: 'L1', upperSide: 'superior', lower: 'S1', lowerSide: 'superior', positive: 'lordosis' },
    P.lumbarLordosisDeg,
  );
  const values: Record<LateralParameter, MeasurementResult> = {
    pelvicIncidenceDeg,
    pelvicTiltDeg: pelvicTilt(film),
    sacralSlopeDeg: endplateSlope(film, 'S1', P.sacralSlopeDeg),
    lumbarLordosisDeg,
    lumbarLordosisL4S1Deg: sagittalCobb(
      film,
      { upper: 'L4', upperSide: 'superior', lower: 'S1', lowerSide: 'superior', positive: 'lordosis' },
      P.lumbarLordosisL4S1Deg,
    ),
    thoracicKyphosisT4T12Deg: sagittalCobb(
      film,
      { upper: 'T4', upperSide: 'superior', lower: 'T12', lowerSide: 'inferior', positive: 'kyphosis' },
      P.thoracicKyphosisT4T12Deg,
    ),
    thoracicKyphosisT5T12Deg: sagittalCobb(
      film,
      { upper: 'T5', upperSide: 'superior', lower: 'T12', lowerSide: 'inferior', positive: 'kyphosis' },
      P.thoracicKyphosisT5T12Deg,
    ),
    proximalThoracicKyphosisT2T5Deg: sagittalCobb(
      film,
      { upper: 'T2', upperSide: 'superior', lower: 'T5', lowerSide: 'inferior', positive: 'kyphosis' },
      P.proximalThoracicKyphosisT2T5Deg,
    ),
    thoracolumbarKyphosisT10L2Deg: sagittalCobb(
      film,
      { upper: 'T10', upperSide: 'superior', lower: 'L2', lowerSide: 'inferior', positive: 'kyphosis' },
      P.thoracolumbarKyphosisT10L2Deg,
    ),
    piLlMismatchDeg: piMinusLl(pelvicIncidenceDeg, lumbarLordosisDeg),
    sagittalVerticalAxisMm: plumbLineOffset(film, 'C7', 'S1', P.sagittalVerticalAxisMm),
    t1PelvicAngleDeg: t1PelvicAngle(film),
    t1SlopeDeg: endplateSlope(film, 'T1', P.t1SlopeDeg),
    cervicalLordosisC2C7Deg: sagittalCobb(
      film,
      { upper: 'C2', upperSide: 'inferior', lower: 'C7', lowerSide: 'inferior', positive: 'lordosis' },
      P.cervicalLordosisC2C7Deg,
    ),
    cervicalSvaMm: plumbLineOffset(film, 'C2', 'C7', P.cervicalSvaMm),
    globalTiltDeg: globalTilt(film),
  };
  return { values, segments: discSegments(film), listheses: listheses(film) };
}

/** PI − LL (Schwab 2012), from the two measurements it is made of. */
function piMinusLl(pi: MeasurementResult, ll: MeasurementResult): MeasurementResult {
  if (!pi.ok || !ll.ok) {
    const reasons = [pi, ll].flatMap((r) => (r.ok ? [] : [r.reason.replace(/^needs /, '')]));
    return unavailable(`needs ${[...new Set(reasons)].join(' and ')}`);
  }
  return {
    ok: true,
    value: pi.value - ll.value,
    unit: 'deg',
    landmarks: [...new Set([...pi.landmarks, ...ll.landmarks])],
    construction: [...pi.construction, ...ll.construction],
    definition: P.piLlMismatchDeg.definition,
    citation: P.piLlMismatchDeg.citation,
  };
}
