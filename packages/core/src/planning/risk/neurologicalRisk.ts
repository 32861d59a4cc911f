import { NO_EXACT_MODEL, type ComplicationRisk, type PublishedRate, type RiskContext } from './riskTypes.js';

// Scoli-RISK-1 (Lenke, two-year follow-up; abstract): LEMS decline 23.0 % at discharge, 17.1 % at 6 weeks,
// 9.9 % at 6 months, 10.0 % at 2 years.
const SCOLI_RISK: PublishedRate = {
  statement:
    'lower-extremity motor score decline: 23.0 % at discharge, 17.1 % at 6 weeks, 9.9 % at 6 months, 10.0 % at 2 years',
  ratePercent: 23.0,
  population:
    'complex adult spinal deformity (major Cobb ≥ 80°, corrective osteotomy for congenital or revision deformity, and/or 3-column osteotomy); 272 patients, 15 centres, prospective',
  citation: 'scoli-risk-1-lems',
};

// Buchowski 2007 (abstract): lumbar PSO, 108 patients: deficits 11.1 %, permanent 2.8 %.
const LUMBAR_PSO: PublishedRate = {
  statement:
    'intraoperative or postoperative deficit (motor loss ≥ 2 grades or bowel/bladder) 11.1 %, permanent 2.8 %',
  ratePercent: 11.1,
  population: 'lumbar pedicle subtraction osteotomy, 108 consecutive patients, one institution, 1995–2005',
  citation: 'buchowski-2007',
};

// Burton 2016, SRS Morbidity and Mortality database (abstract): combined neurological deficit rate 0.79 % in 2012.
const SRS_DATABASE: PublishedRate = {
  statement: 'new neurological deficit, all deformity operations combined: 0.79 % in 2012 (0.44 % in 2009)',
  ratePercent: 0.79,
  population:
    'all deformity operations reported to the SRS Morbidity and Mortality database (self-reported, children and adults)',
  citation: 'burton-2016',
};

export function neurologicalRisk(context: RiskContext): ComplicationRisk {
  const rates: PublishedRate[] = [];
  if (context.threeColumn || context.columnResection) rates.push(SCOLI_RISK);
  if (context.lumbarPedicleSubtraction) rates.push(LUMBAR_PSO);
  if (rates.length === 0) rates.push(SRS_DATABASE);
  return {
    complication: 'neurological-deficit',
    rates,
    factors: [
      {
        factor: 'three-column osteotomy (grades 3–6)',
        thisPatient: context.threeColumn || context.columnResection ? 'yes' : 'no',
        present: context.threeColumn || context.columnResection,
        evidence:
          'inclusion criterion of the Scoli-RISK-1 complex deformity cohort (23.0 % motor decline at discharge)',
        citation: 'scoli-risk-1-lems',
      },
    ],
    model: NO_EXACT_MODEL,
  };
}
