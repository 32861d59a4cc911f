import { levelIndex } from '../../case/levels.js';
import { ROD_CONTOUR_RISK_DEG } from '../rodGeometry.js';
import {
  NO_EXACT_MODEL,
  yesNo,
  type ComplicationRisk,
  type PublishedRate,
  type RiskContext,
  type RiskFactorFinding,
} from './riskTypes.js';

// Smith 2012 (abstract): symptomatic rod fracture 6.8 %; titanium alloy 8.6 %, stainless steel 7.4 %,
// cobalt chromium 2.7 %; after PSO 15.8 %.
const SMITH_2012_POPULATION =
  'adult spinal deformity, > 5 levels posterior instrumented fusion; 442 patients, multicentre, retrospective';
const MATERIAL_RATE = { 'titanium-alloy': 8.6, 'stainless-steel': 7.4, 'cobalt-chromium': 2.7 } as const;

function rodFractureRates(context: RiskContext): PublishedRate[] {
  // Smith 2014 (abstract): rod fracture in 18 of 200 patients (9.0 %) at a mean 14.7 months.
  const rates: PublishedRate[] = [
    {
      statement: 'rod fracture 9.0 % at a mean 14.7 months',
      ratePercent: 9.0,
      population:
        'adult spinal deformity, ≥ 5 levels posterior instrumented fusion, ≥ 1 year follow-up; 200 patients, prospective multicentre',
      citation: 'smith-2014-rod-fracture',
    },
  ];
  for (const material of new Set(context.plan.rods.map((r) => r.material))) {
    rates.push({
      statement: `symptomatic rod fracture with ${material} rods: ${MATERIAL_RATE[material]} % (all materials 6.8 %)`,
      ratePercent: MATERIAL_RATE[material],
      population: SMITH_2012_POPULATION,
      citation: 'smith-2012-rod-fracture',
    });
  }
  if (context.threeColumn) {
    rates.push({
      statement: 'symptomatic rod fracture after pedicle subtraction osteotomy: 15.8 %',
      ratePercent: 15.8,
      population: SMITH_2012_POPULATION,
      citation: 'smith-2012-rod-fracture',
    });
    // Barton 2015 (abstract): rod fracture 9.3 % overall, 16.2 % with PSO, 2.6 % with SPO.
    rates.push({
      statement: 'rod fracture after PSO 16.2 % (after Smith-Petersen osteotomy 2.6 %, overall 9.3 %)',
      ratePercent: 16.2,
      population:
        'adult spinal deformity treated with posterolateral fusion and osteotomy; 75 patients, one centre, retrospective',
      citation: 'barton-2015',
    });
  }
  return rates;
}

/** Rod fracture: Smith 2014 and 2012, Barton 2015 rates; Smith 2014 and Barton 2015 factors. */
export function rodFractureRisk(context: RiskContext): ComplicationRisk {
  const { fusion } = context.plan;
  const crossesBoth =
    fusion === undefined
      ? undefined
      : levelIndex(fusion.upperInstrumentedVertebra) <= levelIndex('T12') &&
        fusion.lowerInstrumentedVertebra === 'S1';
  const factors: RiskFactorFinding[] = [
    {
      factor: 'older age',
      thisPatient: context.ageYears === undefined ? null : `${context.ageYears} years`,
      present: null,
      evidence: 'patients with rod fracture were older (62.3 vs 54.1 years)',
      citation: 'smith-2014-rod-fracture',
    },
    {
      factor: 'higher BMI',
      thisPatient: context.factors.bmiKgM2 === undefined ? null : `BMI ${context.factors.bmiKgM2}`,
      present: null,
      evidence: 'patients with rod fracture had a greater BMI (30.6 vs 26.7)',
      citation: 'smith-2014-rod-fracture',
    },
    {
      factor: 'construct crossing both the thoracolumbar and the lumbosacral junction',
      thisPatient: yesNo(crossesBoth),
      present: crossesBoth ?? null,
      evidence: 'OR 9.1',
      citation: 'barton-2015',
    },
    {
      factor: `sagittal rod contour > ${ROD_CONTOUR_RISK_DEG}°`,
      thisPatient: context.rodContourDeg === null ? null : `${Math.round(Math.abs(context.rodContourDeg))}°`,
      present: context.rodContourDeg === null ? null : Math.abs(context.rodContourDeg) > ROD_CONTOUR_RISK_DEG,
      evidence: 'OR 10.0 (contour here: angle between the rod’s end segments on the predicted film)',
      citation: 'barton-2015',
    },
  ];
  return { complication: 'rod-fracture', rates: rodFractureRates(context), factors, model: NO_EXACT_MODEL };
}

// Quarto 2022 (abstract), 11 retrospective studies, 1517 patients: mechanical complications by GAP category
// P 32.8 %, MD 42.3 %, SD 55.4 % (differences not significant, AUC 0.68); the derivation cohort reported 6 % for P.
const GAP_POOLED = {
  proportioned: 32.8,
  'moderately disproportioned': 42.3,
  'severely disproportioned': 55.4,
} as const;

export function mechanicalRisk(context: RiskContext): ComplicationRisk {
  const category = context.predictedGapCategory;
  const rates: PublishedRate[] =
    category === null
      ? []
      : [
          {
            statement: `mechanical complications with a ${category} GAP score: ${GAP_POOLED[category]} % (pooled; categories did not differ significantly, AUC 0.68)`,
            ratePercent: GAP_POOLED[category],
            population:
              'adult spinal deformity surgery, 11 retrospective studies, 1517 patients (external validations of the GAP score)',
            citation: 'quarto-2022',
          },
          ...(category === 'proportioned'
            ? [
                {
                  statement:
                    'mechanical complications in proportioned patients of the GAP derivation cohort: 6 %',
                  ratePercent: 6,
                  population: 'GAP score derivation cohort (as quoted in the 2022 review)',
                  citation: 'quarto-2022' as const,
                },
              ]
            : []),
        ];
  return {
    complication: 'mechanical-complications',
    rates,
    factors: [
      {
        factor: 'GAP category of the predicted alignment',
        thisPatient: category,
        present: null,
        evidence: 'GAP score computed on the predicted film (Yilgor 2017 formulas)',
        citation: 'yilgor-2017',
      },
    ],
    model: category === null ? `${NO_EXACT_MODEL}; the predicted GAP score is undetermined` : NO_EXACT_MODEL,
  };
}
