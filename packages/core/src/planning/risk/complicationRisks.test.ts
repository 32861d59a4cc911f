import { describe, expect, it } from 'vitest';
import { CITATIONS } from '../../measurements/citations.js';
import { FLAT_BACK, syntheticCase } from '../../test-support/planningCases.js';
import { planCase } from '../planCase.js';
import { EMPTY_PLAN, type SurgicalPlan } from '../planTypes.js';
import type { ComplicationRisk } from './riskTypes.js';

const PSO_PLAN: SurgicalPlan = {
  ...EMPTY_PLAN,
  fusion: { upperInstrumentedVertebra: 'T10', lowerInstrumentedVertebra: 'S1', pelvicFixation: 'S2AI' },
  osteotomies: [{ level: 'L3', grade: 3, angleDeg: 30 }],
  screws: [{ level: 'T10', side: 'left', diameterMm: 5.5, lengthMm: 40 }],
  rods: [{ side: 'left', material: 'titanium-alloy', diameterMm: 5.5 }],
  riskFactors: {
    bmiKgM2: 31,
    osteoporosis: true,
    frailty: 'severely-frail',
    asaClass: 3,
    hypertension: false,
  },
};

function risksOf(plan: SurgicalPlan): ComplicationRisk[] {
  const result = planCase(syntheticCase(FLAT_BACK), plan, 'fixed');
  if (!result.ok) throw new Error(result.reason);
  return [...result.value.risks];
}

const byKind = (risks: readonly ComplicationRisk[], kind: ComplicationRisk['complication']) => {
  const found = risks.find((r) => r.complication === kind);
  if (found === undefined) throw new Error(`no ${kind}`);
  return found;
};

describe('complication risks', () => {
  it('gives every number with its source and population, and never a combined personal probability', () => {
    for (const plan of [PSO_PLAN, EMPTY_PLAN]) {
      for (const risk of risksOf(plan)) {
        for (const rate of risk.rates) {
          expect(Object.keys(CITATIONS), rate.statement).toContain(rate.citation);
          expect(rate.population.length).toBeGreaterThan(10);
          const published =
            typeof rate.ratePercent === 'number'
              ? [rate.ratePercent]
              : [rate.ratePercent.min, rate.ratePercent.max];
          for (const value of published) expect(rate.statement).toContain(String(value));
        }
        for (const factor of risk.factors)
          expect(Object.keys(CITATIONS), factor.factor).toContain(factor.citation);
        if (risk.estimate !== undefined) {
          expect(Object.keys(CITATIONS)).toContain(risk.estimate.citation);
          expect(risk.estimate.statement).toContain(String(risk.estimate.valueMl));
        }
        expect(risk.model).toMatch(/never multiplied into a personal number/);
      }
    }
  });

  it('covers neurological injury, rod fracture, infection, blood loss, transfusion, PJK and adjacent segments', () => {
    expect(risksOf(PSO_PLAN).map((r) => r.complication)).toEqual([
      'neurological-deficit',
      'rod-fracture',
      'mechanical-complications',
      'proximal-junctional-kyphosis',
      'adjacent-segment-degeneration',
      'infection',
      'blood-loss-and-transfusion',
      'major-complications',
    ]);
  });

  it('uses the three-column osteotomy cohorts for a lumbar PSO, and the all-deformity database otherwise', () => {
    const pso = byKind(risksOf(PSO_PLAN), 'neurological-deficit').rates.map((r) => r.citation);
    expect(pso).toEqual(['scoli-risk-1-lems', 'buchowski-2007']);
    const none = byKind(risksOf(EMPTY_PLAN), 'neurological-deficit').rates.map((r) => r.citation);
    expect(none).toEqual(['burton-2016']);
  });

  it('picks the rod fracture rate of the planned rod material and the PSO rates', () => {
    const rates = byKind(risksOf(PSO_PLAN), 'rod-fracture').rates.map((r) => r.ratePercent);
    expect(rates).toEqual([9.0, 8.6, 15.8, 16.2]);
  });

  it('states the patient’s published risk factors: osteoporosis, pelvic fixation, screws at the UIV, frailty', () => {
    const risks = risksOf(PSO_PLAN);
    const pjk = byKind(risks, 'proximal-junctional-kyphosis').factors;
    expect(pjk.slice(0, 3).map((f) => f.present)).toEqual([true, true, true]);
    const major = byKind(risks, 'major-complications').factors[0];
    expect(major).toMatchObject({ present: true, citation: 'miller-2018-frailty' });
    const transfusion = byKind(risks, 'blood-loss-and-transfusion');
    expect(transfusion.factors.map((f) => [f.factor, f.present])).toEqual([
      ['more than 13 levels fused', false],
      ['ASA class > 1', true],
      ['hypertension', false],
      ['3-column osteotomy', true],
      ['pelvic fixation', true],
    ]);
    expect(transfusion.estimate).toMatchObject({ valueMl: 1867, citation: 'auerbach-2012' });
  });

  it('says “unknown” (null) for facts the plan does not record, instead of assuming them', () => {
    const risks = risksOf({ ...PSO_PLAN, riskFactors: {} });
    expect(byKind(risks, 'proximal-junctional-kyphosis').factors[0]).toMatchObject({
      present: null,
      thisPatient: null,
    });
    expect(byKind(risks, 'major-complications').factors[0]).toMatchObject({ present: null });
  });
});
