import { LEVELS, levelBelow, levelIndex, type Level } from '../case/levels.js';
import { toPatient } from '../calibration/patientFrame.js';
import { closeGap, setGap } from './discSetting.js';
import { OSTEOTOMY_GRADES } from './osteotomyGrades.js';
import { pedicleSubtraction, posteriorColumn } from './osteotomyMotions.js';
import { stepFailed, type PlanStep } from './planStep.js';
import type { Osteotomy, SurgicalPlan } from './planTypes.js';
import { removeLevels, withHinge, type SagittalSpine } from './sagittalSpine.js';

/** One plan element as simulated: where it is in the plan, what was done, and where its angle came from. */
export interface SimulatedElement {
  readonly element: string;
  readonly description: string;
  readonly angleDeg: number;
  readonly angleSource: 'plan' | 'published default';
}

export type Simulation =
  | {
      readonly ok: true;
      readonly spine: SagittalSpine;
      readonly removed: readonly Level[];
      readonly elements: readonly SimulatedElement[];
    }
  | { readonly ok: false; readonly reason: string };

const levelAbove = (level: Level): Level | undefined => LEVELS[levelIndex(level) - 1];

/** The vertebrae an osteotomy removes: the level (grade 5) or its `levels` (grade 6); none otherwise. */
export function resectedLevels(osteotomy: Osteotomy): readonly Level[] {
  if (osteotomy.grade === 5) return [osteotomy.level];
  if (osteotomy.grade === 6) return osteotomy.levels ?? [osteotomy.level];
  return [];
}

/** The angle to use: the plan's, else the grade's published default, else why there is none. */
export function osteotomyAngle(
  osteotomy: Osteotomy,
): { angleDeg: number; source: SimulatedElement['angleSource'] } | string {
  if (osteotomy.angleDeg !== undefined) return { angleDeg: osteotomy.angleDeg, source: 'plan' };
  const grade = OSTEOTOMY_GRADES[osteotomy.grade];
  if (grade.defaultAngleDeg === null) return `grade ${osteotomy.grade} (${grade.name}): ${grade.note}`;
  return { angleDeg: grade.defaultAngleDeg, source: 'published default' };
}

function applyOsteotomy(spine: SagittalSpine, osteotomy: Osteotomy, key: string, angleDeg: number): PlanStep {
  const grade = OSTEOTOMY_GRADES[osteotomy.grade];
  const hingeKey = osteotomy.hinge === undefined ? undefined : key;
  if (grade.motion === 'pedicle-subtraction')
    return pedicleSubtraction(spine, osteotomy.level, angleDeg, hingeKey);
  if (grade.motion === 'posterior-column') {
    if (levelBelow(osteotomy.level) === undefined)
      return stepFailed(`${key}: no vertebra below ${osteotomy.level}`);
    return posteriorColumn(spine, osteotomy.level, angleDeg, hingeKey);
  }
  const removed = resectedLevels(osteotomy);
  const upper = levelAbove(removed[0] ?? osteotomy.level);
  const lower = levelBelow(removed[removed.length - 1] ?? osteotomy.level);
  if (upper === undefined || lower === undefined)
    return stepFailed(`${key}: the resection needs a vertebra above and below`);
  return closeGap(removeLevels(spine, removed), upper, lower, angleDeg, `${key} (column resection)`);
}

/** Elements that would act on a vertebra another element removes, or two elements setting the same gap. */
function conflicts(plan: SurgicalPlan): string | undefined {
  const removed = new Map<Level, string>();
  plan.osteotomies.forEach((o, i) => resectedLevels(o).forEach((l) => removed.set(l, `osteotomies[${i}]`)));
  plan.vertebralBodyReplacements.forEach((r, i) =>
    r.levelsRemoved.forEach((l) => removed.set(l, `vertebralBodyReplacements[${i}]`)),
  );
  for (const [i, o] of plan.osteotomies.entries()) {
    const by = o.grade < 5 ? removed.get(o.level) : undefined;
    if (by !== undefined) return `osteotomies[${i}] acts on ${o.level}, which ${by} removes`;
  }
  const discs = new Set<Level>();
  for (const [i, c] of plan.cages.entries()) {
    const below = levelBelow(c.disc);
    const by = removed.get(c.disc) ?? (below === undefined ? undefined : removed.get(below));
    if (by !== undefined) return `cages[${i}] is at a disc next to a vertebra that ${by} removes`;
    if (discs.has(c.disc)) return `cages[${i}]: two cages in the ${c.disc} disc`;
    discs.add(c.disc);
  }
  return undefined;
}

interface Progress {
  spine: SagittalSpine;
  readonly elements: SimulatedElement[];
  readonly removed: Level[];
}

function simulateOsteotomies(progress: Progress, plan: SurgicalPlan): string | undefined {
  for (const [i, osteotomy] of plan.osteotomies.entries()) {
    const key = `osteotomies[${i}]`;
    const angle = osteotomyAngle(osteotomy);
    if (typeof angle === 'string') return `${key}: ${angle}`;
    const step = applyOsteotomy(progress.spine, osteotomy, key, angle.angleDeg);
    if (!step.ok) return step.reason;
    progress.spine = step.spine;
    progress.removed.push(...resectedLevels(osteotomy));
    const grade = OSTEOTOMY_GRADES[osteotomy.grade];
    const where = grade.motion === 'posterior-column' ? `below ${osteotomy.level}` : `at ${osteotomy.level}`;
    progress.elements.push({
      element: key,
      description: `grade ${osteotomy.grade} ${grade.name} ${where}`,
      angleDeg: angle.angleDeg,
      angleSource: angle.source,
    });
  }
  return undefined;
}

function simulateCages(progress: Progress, plan: SurgicalPlan): string | undefined {
  for (const [i, cage] of plan.cages.entries()) {
    const key = `cages[${i}]`;
    const below = levelBelow(cage.disc);
    if (below === undefined) return `${key}: no disc below ${cage.disc}`;
    const step = setGap(progress.spine, cage.disc, below, cage.heightMm, cage.lordoticAngleDeg, key);
    if (!step.ok) return step.reason;
    progress.spine = step.spine;
    const approach = cage.approach ? ` (${cage.approach})` : '';
    progress.elements.push({
      element: key,
      description: `interbody cage ${cage.disc}–${below}${approach}, ${cage.heightMm} mm`,
      angleDeg: cage.lordoticAngleDeg,
      angleSource: 'plan',
    });
  }
  return undefined;
}

function simulateReplacements(progress: Progress, plan: SurgicalPlan): string | undefined {
  for (const [i, replacement] of plan.vertebralBodyReplacements.entries()) {
    const key = `vertebralBodyReplacements[${i}]`;
    const levels = replacement.levelsRemoved;
    const upper = levelAbove(levels[0] ?? 'C1');
    const lower = levelBelow(levels[levels.length - 1] ?? 'S1');
    if (upper === undefined || lower === undefined) return `${key}: needs a vertebra above and below`;
    const without = removeLevels(progress.spine, levels);
    const step = setGap(without, upper, lower, replacement.heightMm, replacement.angleDeg, key);
    if (!step.ok) return step.reason;
    progress.spine = step.spine;
    progress.removed.push(...levels);
    progress.elements.push({
      element: key,
      description: `vertebral body replacement of ${levels.join('–')}, ${replacement.heightMm} mm`,
      angleDeg: replacement.angleDeg,
      angleSource: 'plan',
    });
  }
  return undefined;
}

/**
 * Applies the plan to the landmarks with the pelvis held fixed, as rigid motions (see each element). Every
 * hinge is taken from the current, already moved landmarks, so the order of the elements does not matter.
 */
export function simulatePlan(start: SagittalSpine, plan: SurgicalPlan): Simulation {
  const conflict = conflicts(plan);
  if (conflict !== undefined) return { ok: false, reason: conflict };
  // The plan's own hinges are placed on the film before anything moves, so every element carries them along.
  const spine = plan.osteotomies.reduce(
    (moved, o, i) =>
      o.hinge === undefined
        ? moved
        : withHinge(moved, `osteotomies[${i}]`, o.level, toPatient(moved.frame, o.hinge)),
    start,
  );
  const progress: Progress = { spine, elements: [], removed: [] };
  const failure =
    simulateOsteotomies(progress, plan) ??
    simulateCages(progress, plan) ??
    simulateReplacements(progress, plan);
  if (failure !== undefined) return { ok: false, reason: failure };
  return { ok: true, spine: progress.spine, removed: progress.removed, elements: progress.elements };
}
