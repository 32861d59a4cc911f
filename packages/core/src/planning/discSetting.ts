import type { Level } from '../case/levels.js';
import type { Point } from '../geometry/point.js';
import { stepFailed, stepOk, type PlanStep } from './planStep.js';
import { motionCarrying } from './rigidMotion.js';
import { endplateOf, moveAbove, type SagittalSpine } from './sagittalSpine.js';

const ALL_CORNERS = [
  'superiorAnterior',
  'superiorPosterior',
  'inferiorAnterior',
  'inferiorPosterior',
] as const;
const DEG = Math.PI / 180;

function bounds(spine: SagittalSpine, upper: Level, lower: Level, what: string) {
  const top = endplateOf(spine, upper, 'inferior');
  const bottom = endplateOf(spine, lower, 'superior');
  if (top === undefined || bottom === undefined) {
    const missing = [
      top ? [] : [`the inferior endplate of ${upper}`],
      bottom ? [] : [`the superior endplate of ${lower}`],
    ];
    return `${what} needs ${missing.flat().join(' and ')}`;
  }
  return { top, bottom };
}

/**
 * Sets the gap between the inferior endplate of `upper` and the superior endplate of `lower` (an interbody
 * cage, or a vertebral body replacement after the levels between were removed): the angle between them
 * becomes `angleDeg` (lordosis positive) and the upper endplate's midpoint lies `heightMm` from the lower
 * endplate, perpendicular to it, with no slide along it. Because the upper endplate then leans by the
 * angle about its midpoint, that distance is the mean of the anterior and posterior heights. `upper` and
 * everything above move rigidly.
 */
export function setGap(
  spine: SagittalSpine,
  upper: Level,
  lower: Level,
  heightMm: number,
  angleDeg: number,
  what: string,
): PlanStep {
  const found = bounds(spine, upper, lower, what);
  if (typeof found === 'string') return stepFailed(found);
  const { top, bottom } = found;
  const along: Point = [Math.cos(bottom.tiltDeg * DEG), Math.sin(bottom.tiltDeg * DEG)];
  const up: Point = [along[1], -along[0]];
  const slide =
    (top.midpoint[0] - bottom.midpoint[0]) * along[0] + (top.midpoint[1] - bottom.midpoint[1]) * along[1];
  const target: Point = [
    bottom.midpoint[0] + slide * along[0] + heightMm * up[0],
    bottom.midpoint[1] + slide * along[1] + heightMm * up[1],
  ];
  const motion = motionCarrying(top.midpoint, top.tiltDeg, target, bottom.tiltDeg - angleDeg);
  return stepOk(moveAbove(spine, upper, ALL_CORNERS, motion));
}

/**
 * Closes the gap left by a vertebral column resection (Schwab 2014 grades 5–6): the inferior endplate of
 * `upper` comes to rest on the superior endplate of `lower` at `angleDeg` (lordosis positive), touching at
 * the posterior corners for a lordotic (or zero) angle and at the anterior corners for a kyphotic one.
 */
export function closeGap(
  spine: SagittalSpine,
  upper: Level,
  lower: Level,
  angleDeg: number,
  what: string,
): PlanStep {
  const found = bounds(spine, upper, lower, what);
  if (typeof found === 'string') return stepFailed(found);
  const { top, bottom } = found;
  const [from, to] = angleDeg >= 0 ? [top.posterior, bottom.posterior] : [top.anterior, bottom.anterior];
  const motion = motionCarrying(from, top.tiltDeg, to, bottom.tiltDeg - angleDeg);
  return stepOk(moveAbove(spine, upper, ALL_CORNERS, motion));
}
