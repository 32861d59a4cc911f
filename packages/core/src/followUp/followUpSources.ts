/**
 * The published sources of the follow-up and recovery rules that are not in measurements/citations.ts,
 * each as it was read (docs/clinical.md, "Follow-up and recovery", says how far each was verified).
 */
export const FOLLOW_UP_SOURCES = {
  'klineberg-2016':
    'Klineberg EO, Passias PG, Jalai CM, et al. Predicting extended length of hospital stay in an adult spinal deformity surgical population. Spine 2016 (doi 10.1097/BRS.0000000000001391; abstract: 380 patients, average stay 8 days, range 1–30; extended stay = 75th percentile, ≥ 9 days)',
  'srs-22-responsiveness-2002':
    'Scoliosis Research Society-22 patient questionnaire responsiveness to change associated with surgical treatment: an update with 24-month follow-up. Abstract, SRS 2002 Annual Meeting (spineuniverse.com)',
  'short-los-asd-2021':
    'Factors associated with short length of stay after long fusions for adult spinal deformity: initial steps toward developing an enhanced recovery pathway. Global Spine J 2021 (PMID 32787569, doi 10.1177/2192568220941448; abstract)',
  'penrose-pt-lumbar-fusion':
    'Lumbar fusion protocol, Penrose Physical Therapy (penrosept.com/?p=256): weeks 0–6, 6–12, months 3–6, months 6+',
  'dindo-2004':
    'Dindo D, Demartines N, Clavien PA. Classification of surgical complications: a new proposal with evaluation in a cohort of 6336 patients and results of a survey. Ann Surg 2004;240:205–213 (grade table as reproduced in later papers)',
  'wilson-1927':
    'Wilson EB. Probable inference, the law of succession, and statistical inference. J Am Stat Assoc 1927;22:209–212',
  'fixed-segment-loss':
    'Assessment of the change in alignment of fixed segment after adult spinal deformity surgery (63 patients fused from the lower thoracic spine to the pelvis, 2 years). PMID 28658032 (abstract; journal and authors not shown on the page read)',
  'adjacent-segment-radiographic-criteria':
    'Radiographic deterioration of the segment adjacent to a lumbar fusion: new antero- or retrolisthesis > 3 mm, disc height decrease > 3 mm, or intervertebral angle in flexion < −5°. Spine (Lippincott Williams & Wilkins), criteria as quoted on a public page; authors not shown',
} as const;

export type FollowUpSourceId = keyof typeof FOLLOW_UP_SOURCES;
