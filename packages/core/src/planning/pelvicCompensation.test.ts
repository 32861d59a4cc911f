import { describe, expect, it } from 'vitest';
import { FLAT_BACK, lateralValue, syntheticCase } from '../test-support/planningCases.js';
import { EMPTY_PLAN, type SurgicalPlan } from './planTypes.js';
import { predictPlan } from './predictPlan.js';

const TOLERANCE = 1e-9;
const spineCase = syntheticCase(FLAT_BACK);

function both(plan: SurgicalPlan) {
  const fixed = predictPlan(spineCase, plan, 'fixed');
  const compensating = predictPlan(spineCase, plan, 'compensating');
  if (!fixed.ok || !compensating.ok) throw new Error('simulation failed');
  return { fixed, compensating };
}

describe('pelvic compensation (regional correction study, PMC9609531)', () => {
  const distal: SurgicalPlan = {
    ...EMPTY_PLAN,
    fusion: { upperInstrumentedVertebra: 'T10', lowerInstrumentedVertebra: 'S1', pelvicFixation: 'iliac' },
    osteotomies: [{ level: 'L4', grade: 3, angleDeg: 30 }],
  };

  it('lowers pelvic tilt by 0.3° per degree of L4–S1 lordosis gained, and reports the conclusion’s 0.5° too', () => {
    const { fixed, compensating } = both(distal);
    const gained =
      lateralValue(fixed.measurements, 'lumbarLordosisL4S1Deg') -
      lateralValue(measure(), 'lumbarLordosisL4S1Deg');
    expect(gained).toBeCloseTo(30, 9);
    expect(compensating.compensation).toMatchObject({ applied: true, citation: 'regional-correction-2022' });
    expect(compensating.compensation?.pelvicTiltChangeDeg).toBeCloseTo(-9, 9);
    expect(compensating.compensation?.pelvicTiltChangeByConclusionDeg).toBeCloseTo(-15, 9);
    expect(compensating.compensation?.predictionError).toMatch(/not reported/);
    const pt = (m: typeof fixed.measurements) => lateralValue(m, 'pelvicTiltDeg');
    expect(Math.abs(pt(compensating.measurements) - (pt(fixed.measurements) - 9))).toBeLessThan(TOLERANCE);
  });

  it('turns the patient about the hips: PI, LL, TK, TPA and GT stay as the pelvis-fixed simulation gave them', () => {
    const { fixed, compensating } = both(distal);
    for (const key of [
      'pelvicIncidenceDeg',
      'lumbarLordosisDeg',
      'thoracicKyphosisT4T12Deg',
      't1PelvicAngleDeg',
      'globalTiltDeg',
    ] as const) {
      expect(
        Math.abs(lateralValue(compensating.measurements, key) - lateralValue(fixed.measurements, key)),
      ).toBeLessThan(1e-9);
    }
    // Less retroversion moves the trunk forwards: SVA grows.
    expect(lateralValue(compensating.measurements, 'sagittalVerticalAxisMm')).toBeGreaterThan(
      lateralValue(fixed.measurements, 'sagittalVerticalAxisMm'),
    );
  });

  it('applies nothing, and says why, when the plan corrects above L4 (no published PT response)', () => {
    const { fixed, compensating } = both({
      ...distal,
      osteotomies: [{ level: 'L2', grade: 3, angleDeg: 30 }],
    });
    expect(compensating.compensation).toMatchObject({ applied: false });
    expect(compensating.compensation?.reason).toMatch(/L4–S1 corrections only.*osteotomies\[0\] at L2/);
    expect(lateralValue(compensating.measurements, 'pelvicTiltDeg')).toBe(
      lateralValue(fixed.measurements, 'pelvicTiltDeg'),
    );
  });

  it('flags a fusion outside the study population (L1 or higher to the pelvis)', () => {
    const { compensating } = both({
      ...distal,
      fusion: { upperInstrumentedVertebra: 'L3', lowerInstrumentedVertebra: 'L5', pelvicFixation: 'none' },
    });
    expect(compensating.compensation?.caveats.join(' ')).toMatch(/outside that population/);
  });
});

function measure() {
  const result = predictPlan(spineCase, EMPTY_PLAN, 'fixed');
  if (!result.ok) throw new Error(result.reason);
  return result.measurements;
}
