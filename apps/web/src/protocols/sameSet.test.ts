import { describe, expect, it } from 'vitest';
import { sameSet } from './sameSet';

describe('two landmark sets', () => {
  it('are the same whatever the order of their keys, and with or without an empty head list', () => {
    const a = {
      vertebrae: { L1: { superiorAnterior: [1, 2] as const, superiorPosterior: [3, 4] as const }, S1: {} },
    };
    const b = {
      vertebrae: { L1: { superiorPosterior: [3, 4] as const, superiorAnterior: [1, 2] as const } },
      femoralHeads: [],
    };
    expect(sameSet(a, b)).toBe(true);
  });

  it('differ by one coordinate', () => {
    expect(
      sameSet({ vertebrae: { L1: { centroid: [1, 2] } } }, { vertebrae: { L1: { centroid: [1, 2.5] } } }),
    ).toBe(false);
  });
});
