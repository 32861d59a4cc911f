import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Point } from '../geometry/point.js';
import { calibrateFromMarker } from './markerCalibration.js';

const onCircle = (centre: Point, radius: number, angleDeg: number): Point => [
  centre[0] + radius * Math.cos((angleDeg * Math.PI) / 180),
  centre[1] + radius * Math.sin((angleDeg * Math.PI) / 180),
];

describe('calibration from a marker of known size', () => {
  it('gives 0.25 mm per pixel for a 100 mm ruler spanning 400 px', () => {
    const result = calibrateFromMarker({ kind: 'ruler', lengthMm: 100, from: [10, 10], to: [250, 330] });
    expect(result).toMatchObject({ ok: true, pixelSpacingMm: 0.25, measuredPx: 400 });
  });

  it('gives 0.125 mm per pixel for a 25 mm ball 200 px across, wherever its edge is clicked', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 110, noNaN: true }), (start) => {
        const edge = [0, 120, 240].map((a) => onCircle([500, 800], 100, start + a)) as [Point, Point, Point];
        const result = calibrateFromMarker({ kind: 'ball', diameterMm: 25, edge });
        expect(result.ok).toBe(true);
        if (result.ok) expect(result.pixelSpacingMm).toBeCloseTo(0.125, 9);
      }),
    );
  });

  it('refuses three collinear points on a ball', () => {
    const result = calibrateFromMarker({
      kind: 'ball',
      diameterMm: 25,
      edge: [
        [0, 0],
        [50, 50],
        [100, 100],
      ],
    });
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('on one line') as unknown });
  });

  it('refuses a marker too small to calibrate within 5 %', () => {
    const result = calibrateFromMarker({ kind: 'ruler', lengthMm: 10, from: [0, 0], to: [12, 0] });
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('12.0 px') as unknown });
  });

  it('refuses a known size that is not a positive number', () => {
    for (const lengthMm of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const result = calibrateFromMarker({ kind: 'ruler', lengthMm, from: [0, 0], to: [100, 0] });
      expect(result.ok).toBe(false);
    }
  });
});
