import { levelIndex, type Level } from '../case/levels.js';
import type { CitationId } from '../measurements/citations.js';
import { resectedLevels } from './simulatePlan.js';
import type { SurgicalPlan } from './planTypes.js';
import { rotationAbout } from './rigidMotion.js';
import { hipAxisOf, moveWhole, type SagittalSpine } from './sagittalSpine.js';

/**
 * Pelvic tilt response to distal lordosis correction, from the results of the 433-patient regional
 * correction study (PMC9609531, abstract): Δ10° of L4–S1 lordosis ↔ Δ3° of PT. Its conclusion states
 * 0.5° of PT per degree instead; both are reported, the results' figure is applied.
 */
export const PT_PER_DISTAL_LORDOSIS_RESULTS = 0.3;
export const PT_PER_DISTAL_LORDOSIS_CONCLUSION = 0.5;

const DISTAL_LEVELS: readonly Level[] = ['L4', 'L5'];

export interface PelvicCompensation {
  readonly model: string;
  readonly citation: CitationId;
  /** True when the pelvis was turned about the hip axis by the predicted change of pelvic tilt. */
  readonly applied: boolean;
  readonly distalLordosisChangeDeg?: number;
  /** Applied: −0.3 × the change of L4–S1 lordosis (the study's results). */
  readonly pelvicTiltChangeDeg?: number;
  /** Not applied: −0.5 × the change (the study's conclusion), for comparison. */
  readonly pelvicTiltChangeByConclusionDeg?: number;
  readonly predictionError: string;
  /** Why no change was applied. */
  readonly reason?: string;
  readonly caveats: readonly string[];
}

const MODEL = 'pelvic tilt response to L4–S1 lordosis change (433 ASD patients, PMC9609531)';
const ERROR = 'not reported in the abstract (no prediction error is published with these rules)';

/** The plan elements outside L4–S1, for which the study gives no pelvic tilt response. */
function elementsOutsideDistal(plan: SurgicalPlan): string[] {
  const outside: string[] = [];
  plan.osteotomies.forEach((o, i) => {
    const levels = o.grade >= 5 ? resectedLevels(o) : [o.level];
    if (levels.some((l) => !DISTAL_LEVELS.includes(l))) outside.push(`osteotomies[${i}] at ${o.level}`);
  });
  plan.cages.forEach((c, i) => {
    if (!DISTAL_LEVELS.includes(c.disc)) outside.push(`cages[${i}] in the ${c.disc} disc`);
  });
  plan.vertebralBodyReplacements.forEach((r, i) => {
    if (r.levelsRemoved.some((l) => !DISTAL_LEVELS.includes(l)))
      outside.push(`vertebralBodyReplacements[${i}]`);
  });
  return outside;
}

function caveats(plan: SurgicalPlan): string[] {
  const list = [
    'the thoracic spine above the fusion is assumed unchanged, as in the study’s virtual alignment',
    `the abstract’s results give 3° of PT per 10° of L4–S1 lordosis (applied); its conclusion says 0.5° per degree`,
  ];
  const fusion = plan.fusion;
  const toPelvis =
    fusion?.lowerInstrumentedVertebra === 'S1' || (fusion !== undefined && fusion.pelvicFixation !== 'none');
  const fromL1 = fusion !== undefined && levelIndex(fusion.upperInstrumentedVertebra) <= levelIndex('L1');
  if (!toPelvis || !fromL1) {
    list.push(
      'the study included fusions from L1 or higher to the pelvis; this plan’s fusion is outside that population',
    );
  }
  return list;
}

/**
 * Predicts how the pelvis responds to the correction and turns the whole patient about the hip axis by
 * that change of pelvic tilt. Turning about the hips changes PT, SS, SVA and T1 slope and leaves every
 * angle between two lines of the film (PI, LL, TK, TPA, GT) as the pelvis-fixed simulation gave it.
 */
export function compensatePelvis(
  fixed: SagittalSpine,
  plan: SurgicalPlan,
  distalLordosisChangeDeg: number | undefined,
): { readonly spine: SagittalSpine; readonly compensation: PelvicCompensation } {
  const base = { model: MODEL, citation: 'regional-correction-2022' as const, predictionError: ERROR };
  const outside = elementsOutsideDistal(plan);
  const hip = hipAxisOf(fixed);
  const reason =
    outside.length > 0
      ? `the study gives the pelvic tilt response to L4–S1 corrections only (none is published for L1–L4 in the abstract); this plan also changes ${outside.join(', ')}`
      : hip === undefined
        ? 'needs at least one femoral head centre (the hip axis)'
        : distalLordosisChangeDeg === undefined
          ? 'needs the L4–S1 lordosis before and after (the superior endplates of L4 and S1)'
          : undefined;
  if (reason !== undefined || hip === undefined || distalLordosisChangeDeg === undefined) {
    return {
      spine: fixed,
      compensation: { ...base, applied: false, reason: reason ?? '', caveats: caveats(plan) },
    };
  }
  const change = -PT_PER_DISTAL_LORDOSIS_RESULTS * distalLordosisChangeDeg;
  // Turning the patient by ψ about the hip axis changes PT by −ψ (PT is measured from the S1 midpoint to the hips).
  const spine = moveWhole(fixed, rotationAbout(hip, -change));
  return {
    spine,
    compensation: {
      ...base,
      applied: true,
      distalLordosisChangeDeg,
      pelvicTiltChangeDeg: change,
      pelvicTiltChangeByConclusionDeg: -PT_PER_DISTAL_LORDOSIS_CONCLUSION * distalLordosisChangeDeg,
      caveats: caveats(plan),
    },
  };
}
