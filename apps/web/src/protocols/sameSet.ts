import type { LandmarkSet } from './landmarks';

/** Whether two landmark sets hold the same points (key order and absent-vs-empty head lists aside). */
export function sameSet(a: LandmarkSet, b: LandmarkSet): boolean {
  return canonical(a) === canonical(b);
}

function canonical(set: LandmarkSet): string {
  const vertebrae = Object.keys(set.vertebrae)
    .sort()
    .map((level) => {
      const points = set.vertebrae[level as keyof LandmarkSet['vertebrae']] ?? {};
      return [
        level,
        Object.keys(points)
          .sort()
          .map((name) => [name, points[name]]),
      ];
    })
    .filter(([, points]) => (points as unknown[]).length > 0);
  return JSON.stringify([vertebrae, set.femoralHeads ?? []]);
}
