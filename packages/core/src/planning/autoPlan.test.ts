import { describe, expect, it } from 'vitest';
import { classificationInputs } from '../classification/classificationInputs.js';
import { alignmentTargets } from '../classification/targets.js';
import { BALANCED, FLAT_BACK, syntheticCase } from '../test-support/planningCases.js';
import { autoPlan, TARGET_SET_NAMES, type TargetSetName } from './autoPlan.js';
import { predictPlan } from './predictPlan.js';

const SETS: readonly TargetSetName[] = ['srs-schwab', 'gap-proportional'];
const KEY = { 'srs-schwab': 'srsSchwab', 'gap-proportional': 'gapProportional' } as const;

describe('auto-planning', () => {
  const flatBack = syntheticCase(FLAT_BACK);

  it.each(SETS)(
    'every %s proposal really meets the targets it claims (recomputed from its plan)',
    (targets) => {
      const result = autoPlan(flatBack, { targets, pelvis: 'fixed' });
      expect(result.proposals.length).toBeGreaterThan(0);
      for (const proposal of result.proposals) {
        const prediction = predictPlan(flatBack, proposal.plan, 'fixed');
        if (!prediction.ok) throw new Error(prediction.reason);
        const recomputed = alignmentTargets(
          classificationInputs(prediction.predictedCase, prediction.measurements),
        )[KEY[targets as keyof typeof KEY]];
        const met = recomputed.targets.filter((t) => t.met === true).map((t) => t.parameter);
        expect(met).toEqual(proposal.meets);
        expect(proposal.meets.length).toBeGreaterThan(0);
      }
    },
  );

  it('meets more targets than the spine as it is, least invasive first, each with its explanation', () => {
    const result = autoPlan(flatBack, { targets: 'srs-schwab', pelvis: 'fixed' });
    const before = result.preoperative.filter((t) => t.met === true).length;
    const invasiveness = result.proposals.map((p) => p.invasiveness);
    expect(invasiveness).toEqual([...invasiveness].sort((a, b) => a - b));
    for (const proposal of result.proposals) {
      expect(proposal.meets.length).toBeGreaterThan(before);
      expect(proposal.explanation.join(' ')).toMatch(/least correction/);
      expect(proposal.plan.fusion).toBeDefined();
    }
    // With the pelvis held fixed, pelvic tilt cannot change: the proposal says so.
    expect(result.proposals[0]?.misses).toContain('pelvicTiltDeg');
    expect(result.proposals[0]?.explanation.join(' ')).toMatch(/pelvis held fixed/);
  });

  it.each(SETS)('proposes no osteotomy on a balanced spine (%s)', (targets) => {
    const result = autoPlan(syntheticCase(BALANCED), { targets, pelvis: 'fixed' });
    expect(result.proposals).toHaveLength(1);
    for (const proposal of result.proposals) {
      expect(proposal.plan.osteotomies).toEqual([]);
      expect(proposal.plan.cages).toEqual([]);
    }
    expect(result.notes.join(' ')).toMatch(/already meets every target/);
  });

  it('is deterministic: the same case gives the same proposals', () => {
    const first = autoPlan(flatBack, { targets: 'gap-proportional', pelvis: 'fixed' });
    const second = autoPlan(flatBack, { targets: 'gap-proportional', pelvis: 'fixed' });
    expect(second).toEqual(first);
  });

  it('says why it cannot plan for the age-adjusted set (its thresholds are not verified)', () => {
    expect(TARGET_SET_NAMES).toContain('age-adjusted');
    const result = autoPlan(flatBack, { targets: 'age-adjusted', pelvis: 'fixed' });
    expect(result.proposals).toEqual([]);
    expect(result.undetermined).toMatch(/Lafage 2016/);
  });

  it('says why it cannot plan without a standing lateral film', () => {
    const result = autoPlan({ ...flatBack, radiographs: [] }, { targets: 'srs-schwab', pelvis: 'fixed' });
    expect(result.proposals).toEqual([]);
    expect(result.undetermined).toMatch(/standing lateral/);
  });
});
