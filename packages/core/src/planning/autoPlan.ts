import type { SpineCase } from '../case/types.js';
import { classificationInputs } from '../classification/classificationInputs.js';
import { DECISION_SUPPORT_STATEMENT } from '../classification/indicationSummary.js';
import {
  alignmentTargets,
  type AlignmentTargets,
  type Target,
  type TargetSet,
} from '../classification/targets.js';
import type { CitationId } from '../measurements/citations.js';
import { measureCase } from '../measurements/measureCase.js';
import {
  candidatePlans,
  CAGE_ANGLES_DEG,
  MAX_POSTERIOR_COLUMN_LEVELS,
  type Candidate,
} from './autoPlanCandidates.js';
import { roundDeep } from './planCase.js';
import type { SurgicalPlan } from './planTypes.js';
import { predictPlan, spineFromRadiographOf, type PelvisMode } from './predictPlan.js';

export const AUTO_PLAN_FORMAT = 'spinerecon.autoPlan/1' as const;
export const TARGET_SET_NAMES = ['srs-schwab', 'gap-proportional', 'age-adjusted'] as const;
export type TargetSetName = (typeof TARGET_SET_NAMES)[number];

const SET_KEY: Readonly<Record<TargetSetName, keyof AlignmentTargets>> = {
  'srs-schwab': 'srsSchwab',
  'gap-proportional': 'gapProportional',
  'age-adjusted': 'ageAdjusted',
};

export interface AutoPlanOptions {
  readonly targets: TargetSetName;
  readonly pelvis: PelvisMode;
  /** How many proposals at most (default 3). */
  readonly maxProposals?: number;
}

export interface Proposal {
  readonly rank: number;
  readonly family: string;
  readonly invasiveness: number;
  readonly plan: SurgicalPlan;
  readonly predicted: Readonly<Record<string, number>>;
  readonly targets: readonly Target[];
  readonly meets: readonly string[];
  readonly misses: readonly string[];
  readonly explanation: readonly string[];
}

export interface AutoPlanOutput {
  readonly format: typeof AUTO_PLAN_FORMAT;
  readonly targetSet: { readonly name: string; readonly citation: CitationId };
  readonly pelvis: PelvisMode;
  readonly preoperative: readonly Target[];
  readonly searched: readonly string[];
  readonly proposals: readonly Proposal[];
  readonly undetermined?: string;
  readonly notes: readonly string[];
  readonly statement: string;
}

interface Evaluated {
  readonly candidate: Candidate;
  readonly set: TargetSet;
  readonly values: Record<string, number>;
  readonly met: number;
  readonly shortfall: number;
}

/** How far the values lie outside their ranges, each in units of 10° or 10 mm or 10 % (0 when all met). */
function shortfall(targets: readonly Target[]): number {
  return targets.reduce((sum, t) => {
    if (t.value === null) return sum;
    const below = t.min !== null && t.value < t.min ? t.min - t.value : 0;
    const above = t.max !== null && t.value > t.max ? t.value - t.max : 0;
    return sum + (below + above) / 10;
  }, 0);
}

function evaluate(
  spineCase: SpineCase,
  candidate: Candidate,
  options: AutoPlanOptions,
): Evaluated | undefined {
  const prediction = predictPlan(spineCase, candidate.plan, options.pelvis);
  if (!prediction.ok) return undefined;
  const set = alignmentTargets(classificationInputs(prediction.predictedCase, prediction.measurements))[
    SET_KEY[options.targets]
  ];
  const lateral = prediction.measurements.find((m) => m.view === 'lateral');
  const values =
    lateral?.view === 'lateral'
      ? Object.fromEntries(Object.entries(lateral.values).flatMap(([k, r]) => (r.ok ? [[k, r.value]] : [])))
      : {};
  return {
    candidate,
    set,
    values,
    met: set.targets.filter((t) => t.met === true).length,
    shortfall: shortfall(set.targets),
  };
}

/** Per family, the candidate meeting the most targets with the least correction (then the smallest shortfall). */
function bestPerFamily(evaluated: readonly Evaluated[], bestMet: number): Evaluated[] {
  const best = new Map<string, Evaluated>();
  for (const e of evaluated) {
    if (e.met !== bestMet) continue;
    const current = best.get(e.candidate.family);
    const better =
      current === undefined ||
      e.candidate.correctionDeg < current.candidate.correctionDeg - 1e-9 ||
      (Math.abs(e.candidate.correctionDeg - current.candidate.correctionDeg) <= 1e-9 &&
        e.shortfall < current.shortfall - 1e-9);
    if (better) best.set(e.candidate.family, e);
  }
  return [...best.values()].sort(
    (a, b) =>
      a.candidate.invasiveness - b.candidate.invasiveness ||
      a.candidate.correctionDeg - b.candidate.correctionDeg,
  );
}

function proposal(e: Evaluated, rank: number, pelvis: PelvisMode): Proposal {
  const meets = e.set.targets.filter((t) => t.met === true).map((t) => t.parameter);
  const misses = e.set.targets.filter((t) => t.met !== true).map((t) => t.parameter);
  const explanation = [
    `${e.candidate.family}: the least correction of this kind (${Math.round(e.candidate.correctionDeg * 10) / 10}° of lordosis added) that meets ${meets.length} of ${e.set.targets.length} targets, the most any searched plan meets`,
    ...(e.candidate.plan.fusion
      ? [
          `fusion ${e.candidate.plan.fusion.upperInstrumentedVertebra}–${e.candidate.plan.fusion.lowerInstrumentedVertebra}: the shortest construct crossing the corrected segments (our rule; the surgeon chooses the levels)`,
        ]
      : []),
    ...(pelvis === 'fixed' && misses.includes('pelvicTiltDeg')
      ? [
          'pelvic tilt cannot change with the pelvis held fixed (try --pelvis compensating for L4–S1 corrections)',
        ]
      : []),
  ];
  return {
    rank,
    family: e.candidate.family,
    invasiveness: e.candidate.invasiveness,
    plan: e.candidate.plan,
    predicted: e.values,
    targets: e.set.targets,
    meets,
    misses,
    explanation,
  };
}

const SEARCHED = [
  'no correction',
  `interbody cages: one lumbar disc (L1–L2 … L5–S1) or L4–L5 and L5–S1 together, disc angle set to ${CAGE_ANGLES_DEG.join(', ')}° (our grid), current mean disc height, approach left to the surgeon`,
  `grade 2 posterior column osteotomies: 1–${MAX_POSTERIOR_COLUMN_LEVELS} adjacent levels from T10 to L4, 9.3, 10 or 10.7° each (published 9.3–10.7°)`,
  'grade 3 pedicle subtraction osteotomy at L1–L5, 30–40° in 1° steps (published range)',
  'grade 4 extended PSO at L1–L5, 35–60° in 1° steps (published range)',
  'not searched: grade 1 and column resections (no published angle verified), vertebral body replacement, combinations of techniques',
];

/**
 * Searches the plans above for the given target set and returns the few best, least invasive first:
 * those meeting the most targets, and for each kind of plan the one with the least correction.
 * Deterministic: a fixed candidate order and tie-breaks.
 */
export function autoPlan(spineCase: SpineCase, options: AutoPlanOptions): AutoPlanOutput {
  const preoperativeSet = alignmentTargets(classificationInputs(spineCase, measureCase(spineCase)))[
    SET_KEY[options.targets]
  ];
  const base = {
    format: AUTO_PLAN_FORMAT,
    targetSet: { name: preoperativeSet.name, citation: preoperativeSet.citation },
    pelvis: options.pelvis,
    preoperative: preoperativeSet.targets,
    searched: SEARCHED,
    notes: [] as string[],
    statement: DECISION_SUPPORT_STATEMENT,
  };
  const spine = spineFromRadiographOf(spineCase);
  const undetermined = preoperativeSet.undetermined ?? (typeof spine === 'string' ? spine : undefined);
  if (undetermined !== undefined || typeof spine === 'string') {
    return roundDeep({ ...base, proposals: [], undetermined: undetermined ?? String(spine) });
  }
  const candidates = candidatePlans(spine);
  const evaluated = candidates.flatMap((c) => evaluate(spineCase, c, options) ?? []);
  const skipped = candidates.length - evaluated.length;
  if (skipped > 0)
    base.notes.push(
      `${skipped} of ${candidates.length} searched plans could not be simulated on this film (landmarks missing)`,
    );
  const bestMet = Math.max(...evaluated.map((e) => e.met));
  const none = evaluated.find((e) => e.candidate.invasiveness === 0);
  if (none !== undefined && none.met === bestMet) {
    const notes = [
      ...base.notes,
      none.met === none.set.targets.length
        ? 'the spine already meets every target: no correction is proposed'
        : 'no searched plan meets more targets than the spine as it is: no correction is proposed',
    ];
    return roundDeep({ ...base, notes, proposals: [proposal(none, 1, options.pelvis)] });
  }
  const chosen = bestPerFamily(evaluated, bestMet).slice(0, options.maxProposals ?? 3);
  return roundDeep({ ...base, proposals: chosen.map((e, i) => proposal(e, i + 1, options.pelvis)) });
}
