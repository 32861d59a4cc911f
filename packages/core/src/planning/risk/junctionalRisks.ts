import { NO_EXACT_MODEL, yesNo, type ComplicationRisk, type RiskContext } from './riskTypes.js';

const round = (value: number) => Math.round(value * 10) / 10;

/** Proximal junctional kyphosis: prevalence range (Judy 2023) and meta-analysed risk factors (Kim, PMID 30775206). */
export function proximalJunctionalRisk(context: RiskContext): ComplicationRisk {
  const { plan } = context;
  const uiv = plan.fusion?.upperInstrumentedVertebra;
  const screwsAtUiv = uiv === undefined ? undefined : plan.screws.some((s) => s.level === uiv);
  const svaChange =
    context.predicted.sagittalVerticalAxisMm === undefined ||
    context.preoperative.sagittalVerticalAxisMm === undefined
      ? null
      : context.predicted.sagittalVerticalAxisMm - context.preoperative.sagittalVerticalAxisMm;
  return {
    complication: 'proximal-junctional-kyphosis',
    rates: [
      {
        statement: 'reported prevalence of PJK after adult spinal deformity surgery: 17 to 47.9 %',
        ratePercent: { min: 17, max: 47.9 },
        population: 'adult spinal deformity surgery (range over the studies cited by the review)',
        citation: 'judy-2023',
      },
    ],
    factors: [
      {
        factor: 'osteopenia or osteoporosis',
        thisPatient: yesNo(context.factors.osteoporosis),
        present: context.factors.osteoporosis ?? null,
        evidence: 'OR 1.99 (meta-analysis of 14 studies, 1908 patients)',
        citation: 'kim-2019-pjk',
      },
      {
        factor: 'fusion to the sacrum, pelvis or ilium',
        thisPatient: plan.fusion === undefined ? null : context.toPelvis ? 'yes' : 'no',
        present: plan.fusion === undefined ? null : context.toPelvis,
        evidence: 'OR 2.14',
        citation: 'kim-2019-pjk',
      },
      {
        factor: 'pedicle screws at the upper instrumented vertebra',
        thisPatient: yesNo(screwsAtUiv),
        present: screwsAtUiv ?? null,
        evidence: 'OR 1.67',
        citation: 'kim-2019-pjk',
      },
      {
        factor: 'older age; larger SVA before and after surgery; larger SVA and lordosis correction',
        thisPatient: [
          context.ageYears === undefined ? 'age unknown' : `${context.ageYears} years`,
          svaChange === null ? 'SVA change unknown' : `SVA change ${round(svaChange)} mm`,
        ].join('; '),
        present: null,
        evidence: 'weighted mean differences between PJK and non-PJK groups',
        citation: 'kim-2019-pjk',
      },
    ],
    model: NO_EXACT_MODEL,
  };
}

/** Adjacent segment degeneration after lumbar fusion (J Orthop Surg Res 2020 meta-analysis; Lau 2021). */
export function adjacentSegmentRisk(context: RiskContext): ComplicationRisk {
  const mismatch = context.predicted.piLlMismatchDeg;
  const tilt = context.predicted.pelvicTiltDeg;
  return {
    complication: 'adjacent-segment-degeneration',
    rates: [
      {
        statement: 'adjacent segment degeneration 18.6 % (540 of 2896)',
        ratePercent: 18.6,
        population:
          'posterior lumbar fusion for degenerative lumbar disorders, 19 studies (not deformity surgery)',
        citation: 'asd-lumbar-fusion-2020',
      },
    ],
    factors: [
      {
        factor: 'higher BMI; smoking; hypertension; long-segment fusion; older age',
        thisPatient: [
          context.factors.bmiKgM2 === undefined ? 'BMI unknown' : `BMI ${context.factors.bmiKgM2}`,
          `smoker: ${yesNo(context.factors.smoker) ?? 'unknown'}`,
          `hypertension: ${yesNo(context.factors.hypertension) ?? 'unknown'}`,
          `${context.instrumented.length} instrumented vertebrae`,
        ].join('; '),
        present: null,
        evidence: 'associated with adjacent segment degeneration in the meta-analysis',
        citation: 'asd-lumbar-fusion-2020',
      },
      {
        factor: 'larger postoperative PI−LL mismatch and pelvic tilt; lower postoperative lordosis',
        thisPatient:
          mismatch === undefined || tilt === undefined
            ? null
            : `predicted PI−LL ${round(mismatch)}°, PT ${round(tilt)}°`,
        present: null,
        evidence: 'related to symptomatic adjacent segment disease (16 studies, 3553 patients)',
        citation: 'lau-2021',
      },
    ],
    model: NO_EXACT_MODEL,
  };
}
