import type { Level, Point } from '@spinerecon/core';

// The landmark set of one radiograph as the server stores it (the landmark part of a `spinerecon.case/1`
// radiograph), and the one thing a protocol step places in it.

export interface FemoralHeadMark {
  readonly center: Point;
  readonly radiusPx?: number;
}

export interface LandmarkSet {
  readonly vertebrae: Readonly<Partial<Record<Level, Readonly<Record<string, Point>>>>>;
  readonly femoralHeads?: readonly FemoralHeadMark[];
}

/** A vertebral point (`corner` is a corner name, a pedicle point or `centroid`) or a femoral head. */
export type LandmarkTarget =
  | { readonly kind: 'vertebra'; readonly level: Level; readonly point: string }
  | { readonly kind: 'femoralHead'; readonly index: 0 | 1 };

export const EMPTY_SET: LandmarkSet = { vertebrae: {} };

/** `L1.superiorAnterior` or `femoralHeads[0]`: the name measurements and the UI use. */
export function targetKey(target: LandmarkTarget): string {
  return target.kind === 'vertebra' ? `${target.level}.${target.point}` : `femoralHeads[${target.index}]`;
}

export function pointOf(set: LandmarkSet, target: LandmarkTarget): Point | undefined {
  if (target.kind === 'vertebra') return set.vertebrae[target.level]?.[target.point];
  return set.femoralHeads?.[target.index]?.center;
}

export function hasPoint(set: LandmarkSet, target: LandmarkTarget): boolean {
  return pointOf(set, target) !== undefined;
}

/** The set with the target placed at `point` (a femoral head keeps its radius unless one is given). */
export function withPoint(
  set: LandmarkSet,
  target: LandmarkTarget,
  point: Point,
  radiusPx?: number,
): LandmarkSet {
  if (target.kind === 'vertebra') {
    const vertebra = { ...set.vertebrae[target.level], [target.point]: point };
    return { ...set, vertebrae: { ...set.vertebrae, [target.level]: vertebra } };
  }
  const heads = [...(set.femoralHeads ?? [])];
  // Head 2 cannot exist without head 1: the case format lists one or two heads.
  const index = Math.min(target.index, heads.length);
  const previous = heads[index];
  const radius = radiusPx ?? previous?.radiusPx;
  heads[index] = radius === undefined ? { center: point } : { center: point, radiusPx: radius };
  return { ...set, femoralHeads: heads };
}

export function withoutPoint(set: LandmarkSet, target: LandmarkTarget): LandmarkSet {
  if (target.kind === 'vertebra') {
    const vertebra = set.vertebrae[target.level];
    if (vertebra?.[target.point] === undefined) return set;
    const { [target.point]: _removed, ...rest } = vertebra;
    const vertebrae = Object.fromEntries(
      Object.entries({ ...set.vertebrae, [target.level]: rest }).filter(
        ([, points]) => points !== undefined && Object.keys(points).length > 0,
      ),
    );
    return { ...set, vertebrae };
  }
  const heads = (set.femoralHeads ?? []).filter((_, i) => i !== target.index);
  return { ...set, femoralHeads: heads };
}
