import type { Level } from '../case/levels.js';
import { midpoint } from '../geometry/point.js';
import { stepFailed, stepOk, type PlanStep } from './planStep.js';
import { lordosingRotation } from './rigidMotion.js';
import { corner, moveAbove, type SagittalSpine } from './sagittalSpine.js';

/**
 * Pedicle subtraction osteotomy (Schwab 2014 grade 3; grade 4 with the adjacent disc) at `level`: every
 * landmark above it and its superior corners turn by `angleDeg` in the lordosing direction about its
 * hinge, the midpoint of its superior-anterior and inferior-anterior corners (or the plan's own hinge),
 * taken from the current, already moved landmarks.
 */
export function pedicleSubtraction(
  spine: SagittalSpine,
  level: Level,
  angleDeg: number,
  hingeKey?: string,
): PlanStep {
  const own = hingeKey === undefined ? undefined : spine.hinges[hingeKey]?.at;
  const superiorAnterior = corner(spine, level, 'superiorAnterior');
  const inferiorAnterior = corner(spine, level, 'inferiorAnterior');
  if (own === undefined && (superiorAnterior === undefined || inferiorAnterior === undefined)) {
    return stepFailed(
      `the osteotomy at ${level} needs its superior-anterior and inferior-anterior corners (the hinge)`,
    );
  }
  const hinge = own ?? midpoint(superiorAnterior ?? [0, 0], inferiorAnterior ?? [0, 0]);
  return stepOk(
    moveAbove(spine, level, ['superiorAnterior', 'superiorPosterior'], lordosingRotation(hinge, angleDeg)),
  );
}

/**
 * Posterior column osteotomy (Schwab 2014 grades 1–2) between `level` and the vertebra below: `level` and
 * everything above it turn by `angleDeg` in the lordosing direction about the inferior-posterior corner of
 * `level` (or the plan's own hinge).
 */
export function posteriorColumn(
  spine: SagittalSpine,
  level: Level,
  angleDeg: number,
  hingeKey?: string,
): PlanStep {
  const hinge =
    (hingeKey === undefined ? undefined : spine.hinges[hingeKey]?.at) ??
    corner(spine, level, 'inferiorPosterior');
  if (hinge === undefined) {
    return stepFailed(
      `the posterior column osteotomy below ${level} needs its inferior-posterior corner (the hinge)`,
    );
  }
  return stepOk(
    moveAbove(
      spine,
      level,
      ['superiorAnterior', 'superiorPosterior', 'inferiorAnterior', 'inferiorPosterior'],
      lordosingRotation(hinge, angleDeg),
    ),
  );
}
