import { NO_EXACT_MODEL, yesNo, type ComplicationRisk, type RiskContext } from './riskTypes.js';

/** Infection: the SRS Morbidity and Mortality database rate (Burton 2016); no infection-specific factor verified. */
export function infectionRisk(): ComplicationRisk {
  return {
    complication: 'infection',
    rates: [
      {
        statement:
          'infection after deformity surgery, all groups: 1.14 % in 2012 (neuromuscular scoliosis 2.97 %)',
        ratePercent: 1.14,
        population:
          'all deformity operations reported to the SRS Morbidity and Mortality database (self-reported, children and adults)',
        citation: 'burton-2016',
      },
    ],
    factors: [],
    model: `${NO_EXACT_MODEL}; no infection-specific risk factor was verified in the sources read`,
  };
}

function bloodLossEstimate(context: RiskContext): ComplicationRisk['estimate'] {
  // Auerbach 2012 (abstract): mean estimated blood loss PSO 1867 ml, VCR 1278 ml (VCR patients younger, 29 vs 53 years).
  if (context.columnResection) {
    return {
      statement:
        'mean estimated blood loss of a vertebral column resection: 1278 ml (patients mean 29 years)',
      valueMl: 1278,
      population: '18 VCRs with ≥ 2-year data, one institution, 1995–2008',
      citation: 'auerbach-2012',
    };
  }
  if (context.threeColumn) {
    return {
      statement: 'mean estimated blood loss of a pedicle subtraction osteotomy: 1867 ml',
      valueMl: 1867,
      population: '87 PSOs with ≥ 2-year data, one institution, 1995–2008',
      citation: 'auerbach-2012',
    };
  }
  // The review of 93 studies (11,692 patients): mean estimated blood loss 2161 ml (range 717–7034 ml), all procedures.
  return {
    statement: 'mean estimated blood loss of adult deformity surgery: 2161 ml (study means 717–7034 ml)',
    valueMl: 2161,
    population:
      '93 studies, 11,692 adult deformity patients, every procedure type (3-column osteotomies included)',
    citation: 'sciubba-2015',
  };
}

/** Blood loss (a published mean for the procedure) and transfusion: 41.5 % and its predictors (Raman 2020). */
export function bloodRisk(context: RiskContext): ComplicationRisk {
  const levels = context.instrumented.length;
  const asa = context.factors.asaClass;
  return {
    complication: 'blood-loss-and-transfusion',
    rates: [
      {
        statement: 'red blood cell transfusion 41.5 % (377 of 909)',
        ratePercent: 41.5,
        population: 'adult spinal deformity, > 4 levels fused, one institution',
        citation: 'raman-2020',
      },
    ],
    factors: [
      ['more than 13 levels fused', levels > 13, `${levels} instrumented vertebrae`],
      ['ASA class > 1', asa === undefined ? undefined : asa > 1, asa === undefined ? null : `ASA ${asa}`],
      ['hypertension', context.factors.hypertension, yesNo(context.factors.hypertension)],
      ['3-column osteotomy', context.threeColumn || context.columnResection, null],
      [
        'pelvic fixation',
        context.plan.fusion === undefined ? undefined : context.plan.fusion.pelvicFixation !== 'none',
        null,
      ],
    ].map(([factor, present, value]) => ({
      factor: factor as string,
      thisPatient: (value as string | null) ?? yesNo(present as boolean | undefined),
      present: (present as boolean | undefined) ?? null,
      evidence: 'identified as a predictor of perioperative transfusion (conditional inference tree)',
      citation: 'raman-2020' as const,
    })),
    ...(context.plan.fusion === undefined && !context.threeColumn && !context.columnResection
      ? {}
      : { estimate: bloodLossEstimate(context) }),
    model: NO_EXACT_MODEL,
  };
}

/** Major complications: frailty (Miller 2018) and the factors of the ISSG prospective series (Smith 2016). */
export function majorComplicationRisk(context: RiskContext): ComplicationRisk {
  const frailty = context.factors.frailty;
  return {
    complication: 'major-complications',
    rates: [],
    factors: [
      {
        factor: 'severe frailty (ASD frailty index > 0.5) against not frail (< 0.3)',
        thisPatient: frailty ?? null,
        present: frailty === undefined ? null : frailty === 'severely-frail',
        evidence:
          'adjusted OR 4.5 (95 % CI 2.0–10) for a major complication, OR 3.9 for reoperation (266 patients)',
        citation: 'miller-2018-frailty',
      },
      {
        factor: 'older age, greater BMI, more comorbidities, previous spine fusion, 3-column osteotomy',
        thisPatient: [
          context.ageYears === undefined ? 'age unknown' : `${context.ageYears} years`,
          context.factors.bmiKgM2 === undefined ? 'BMI unknown' : `BMI ${context.factors.bmiKgM2}`,
          `previous fusion: ${yesNo(context.factors.previousSpineFusion) ?? 'unknown'}`,
          `3-column osteotomy: ${context.threeColumn || context.columnResection ? 'yes' : 'no'}`,
        ].join('; '),
        present: null,
        evidence:
          'associated with higher complication rates in a prospective multicentre series (291 patients, 2 years)',
        citation: 'smith-2016-complications',
      },
    ],
    model: `${NO_EXACT_MODEL}; no overall rate is given because the series’ overall figure could not be read unambiguously`,
  };
}
