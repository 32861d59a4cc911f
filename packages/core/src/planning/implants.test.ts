import { describe, expect, it } from 'vitest';
import { distance, type Point } from '../geometry/point.js';
import { FLAT_BACK, syntheticCase } from '../test-support/planningCases.js';
import { bodyDimensionsMm } from '../test-support/syntheticLateral.js';
import { sizeImplants } from './implants.js';
import { EMPTY_PLAN, type SurgicalPlan } from './planTypes.js';
import { predictPlan } from './predictPlan.js';
import type { RodGeometry } from './rodGeometry.js';

const PLAN: SurgicalPlan = {
  ...EMPTY_PLAN,
  fusion: { upperInstrumentedVertebra: 'T10', lowerInstrumentedVertebra: 'S1', pelvicFixation: 'S2AI' },
  osteotomies: [{ level: 'L3', grade: 3, angleDeg: 30 }],
  screws: [
    { level: 'L4', side: 'left', diameterMm: 6.5, lengthMm: 45, pedicleWidthMm: 10 },
    { level: 'L5', side: 'left', diameterMm: 7.5, lengthMm: 45, pedicleWidthMm: 9 },
  ],
  rods: [
    { side: 'left', material: 'cobalt-chromium', diameterMm: 6, overhangMm: 5 },
    { side: 'right', material: 'cobalt-chromium', diameterMm: 6 },
  ],
};

function implants(plan = PLAN, spineCase = syntheticCase(FLAT_BACK)) {
  const prediction = predictPlan(spineCase, plan, 'fixed');
  if (!prediction.ok) throw new Error(prediction.reason);
  return sizeImplants(prediction.after, plan, prediction.removed);
}

const rod = (i: number): RodGeometry => {
  const r = implants().rods[i];
  if (r === undefined || !('lengthMm' in r)) throw new Error('no rod geometry');
  return r;
};

describe('implant sizing', () => {
  it('lists every instrumented level with its measured body depth', () => {
    const sizing = implants();
    expect(sizing.instrumentedLevels).toEqual(['T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5', 'S1']);
    const l4 = sizing.screws.find((s) => s.level === 'L4');
    expect(l4?.bodyDepthMm).toBeCloseTo(bodyDimensionsMm('L4').depth, 9);
    expect(sizing.screws.find((s) => s.level === 'T10')?.bodyDepthMm).toBeCloseTo(28, 9);
  });

  it('checks a screw against 80 % of the pedicle width the surgeon measured, and says when none is given', () => {
    const sizing = implants();
    const l4 = sizing.screws.find((s) => s.level === 'L4');
    const l5 = sizing.screws.find((s) => s.level === 'L5');
    expect(l4?.screws[0]).toMatchObject({ maxDiameterMm: 8, diameterWithinLimit: true });
    expect(l5?.screws[0]?.diameterWithinLimit).toBe(false);
    expect(l5?.suggestedMaxDiameterMm).toBeCloseTo(7.2, 9);
    const t10 = sizing.screws.find((s) => s.level === 'T10');
    expect(t10?.suggestedMaxDiameterMm).toBeNull();
    expect(t10?.undetermined.suggestedMaxDiameterMm).toMatch(/pedicle width/);
    expect(t10?.undetermined.suggestedLengthMm).toMatch(/pedicle/);
  });

  it('makes the rod the polyline through the screw heads plus the overhang at both ends', () => {
    const left = rod(0);
    const points = left.patientFrameMm;
    const through = points.slice(1).reduce((sum, p, i) => sum + distance(points[i] as Point, p), 0);
    expect(left.lengthMm).toBeCloseTo(through + 10, 9);
    expect(rod(1).lengthMm).toBeCloseTo(through, 9);
    expect(rod(1).notes.join(' ')).toMatch(/overhang not given/);
  });

  it('bends the rod at every inner screw, and the bends add up to the contour between its end segments', () => {
    const left = rod(0);
    expect(left.bends.map((b) => b.level)).toEqual(['T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']);
    const total = left.bends.reduce((sum, b) => sum + b.bendDeg, 0);
    expect(total).toBeCloseTo(left.contourDeg, 9);
    // The lumbar spine after a 30° PSO is lordotic: the rod is bent lordotically at L3.
    expect(left.bends.find((b) => b.level === 'L3')?.bendDeg).toBeGreaterThan(0);
  });

  it('gives a 1:1 template that keeps the rod’s lengths, starting at the top screw along the chord', () => {
    const left = rod(0);
    const t = left.templateMm;
    expect(t[0]).toEqual([0, 0]);
    expect(t[t.length - 1]?.[1]).toBeCloseTo(0, 9);
    t.slice(1).forEach((p, i) =>
      expect(distance(t[i] as Point, p)).toBeCloseTo(
        distance(left.patientFrameMm[i] as Point, left.patientFrameMm[i + 1] as Point),
        9,
      ),
    );
  });

  it('says why it cannot size anything without a fusion range or without calibration', () => {
    expect(implants({ ...PLAN, fusion: undefined } as SurgicalPlan).undetermined).toMatch(/no fusion range/);
    const sizing = implants(PLAN, syntheticCase({ ...FLAT_BACK, pixelSpacingMm: undefined }));
    expect(sizing.rods[0]).toMatchObject({ undetermined: expect.stringMatching(/not calibrated/) });
  });
});
