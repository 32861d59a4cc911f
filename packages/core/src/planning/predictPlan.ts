import type { Level } from '../case/levels.js';
import { CASE_FORMAT, type LateralRadiograph, type SpineCase } from '../case/types.js';
import { wrapDeg } from '../geometry/point.js';
import { measureCase, type RadiographMeasurements } from '../measurements/measureCase.js';
import { compensatePelvis, type PelvicCompensation } from './pelvicCompensation.js';
import type { SurgicalPlan } from './planTypes.js';
import { endplateOf, spineFromRadiograph, spineToRadiograph, type SagittalSpine } from './sagittalSpine.js';
import { simulatePlan, type SimulatedElement } from './simulatePlan.js';

export const PELVIS_MODES = ['fixed', 'compensating'] as const;
/** `fixed`: exact rigid geometry, pelvis unmoved. `compensating`: plus the published pelvic response. */
export type PelvisMode = (typeof PELVIS_MODES)[number];

export type PlanPrediction =
  | {
      readonly ok: true;
      readonly pelvis: PelvisMode;
      /** The standing lateral film the plan was simulated on. */
      readonly lateral: LateralRadiograph;
      readonly before: SagittalSpine;
      readonly after: SagittalSpine;
      readonly removed: readonly Level[];
      readonly elements: readonly SimulatedElement[];
      /** `spinerecon.case/1` of the moved landmarks: the predicted lateral film only (see notes). */
      readonly predictedCase: SpineCase;
      readonly measurements: readonly RadiographMeasurements[];
      readonly compensation?: PelvicCompensation;
      readonly notes: readonly string[];
    }
  | { readonly ok: false; readonly reason: string };

export const NO_STANDING_LATERAL_FILM = 'the case has no standing lateral film to simulate the plan on';

export function standingLateral(spineCase: SpineCase): LateralRadiograph | undefined {
  return spineCase.radiographs.find(
    (r): r is LateralRadiograph => r.view === 'lateral' && r.posture === 'standing',
  );
}

/** The standing lateral film's landmarks in the patient frame, or why there are none. */
export function spineFromRadiographOf(spineCase: SpineCase): SagittalSpine | string {
  const lateral = standingLateral(spineCase);
  return lateral === undefined ? NO_STANDING_LATERAL_FILM : spineFromRadiograph(lateral);
}

/** L4–S1 lordosis from the spine's landmarks (lordosis positive), or undefined when an endplate is missing. */
export function distalLordosisDeg(spine: SagittalSpine): number | undefined {
  const l4 = endplateOf(spine, 'L4', 'superior');
  const s1 = endplateOf(spine, 'S1', 'superior');
  return l4 === undefined || s1 === undefined ? undefined : wrapDeg(s1.tiltDeg - l4.tiltDeg);
}

const CORONAL_NOTE =
  'coronal films are not part of the predicted case: spinerecon.plan/1 has no element with a coronal angle, and removed vertebrae are not simulated on coronal films';

/** The case as the plan would leave it: simulation on the standing lateral film, then its measurements. */
export function predictPlan(spineCase: SpineCase, plan: SurgicalPlan, pelvis: PelvisMode): PlanPrediction {
  const lateral = standingLateral(spineCase);
  if (lateral === undefined) return { ok: false, reason: NO_STANDING_LATERAL_FILM };
  const before = spineFromRadiograph(lateral);
  const simulation = simulatePlan(before, plan);
  if (!simulation.ok) return simulation;
  let after = simulation.spine;
  let compensation: PelvicCompensation | undefined;
  if (pelvis === 'compensating') {
    const pre = distalLordosisDeg(before);
    const post = distalLordosisDeg(after);
    const change = pre === undefined || post === undefined ? undefined : post - pre;
    const compensated = compensatePelvis(after, plan, change);
    after = compensated.spine;
    compensation = compensated.compensation;
  }
  const film = spineToRadiograph(after, `${lateral.id}-predicted`);
  const predictedCase: SpineCase = {
    format: CASE_FORMAT,
    ...(spineCase.patient === undefined ? {} : { patient: spineCase.patient }),
    ...(spineCase.clinical === undefined ? {} : { clinical: spineCase.clinical }),
    radiographs: [film],
  };
  const hasCoronal = spineCase.radiographs.some((r) => r.view === 'coronal');
  return {
    ok: true,
    pelvis,
    lateral,
    before,
    after,
    removed: simulation.removed,
    elements: simulation.elements,
    predictedCase,
    measurements: measureCase(predictedCase),
    ...(compensation === undefined ? {} : { compensation }),
    notes: hasCoronal ? [CORONAL_NOTE] : [],
  };
}
