import type { ResearchDates } from '../../config.js';
import { CSV_COLUMNS, type FieldType, type FieldUnit } from './csvColumns.js';
import { RESEARCH_CASE_FORMAT } from './researchCase.js';

// The data dictionary of the research export (GET /research/export/dictionary; docs/formats/research-export.md
// says the same in words): every NDJSON field and every CSV column with its type, unit and meaning.

export const DICTIONARY_FORMAT = 'spinerecon.research-export-dictionary/1';

export interface DictionaryField {
  readonly name: string;
  readonly type: FieldType | 'object' | 'array';
  readonly unit?: FieldUnit;
  readonly description: string;
}

const day = (what: string): string =>
  `Days from day zero to ${what} (negative: before it); null when the date is not recorded`;
const date = (what: string): string =>
  `Date of ${what} (YYYY-MM-DD), shifted by the patient's days under "shift", null under "off"`;

/** The fields of one NDJSON line (`spinerecon.research-case/1`); `[]` marks the items of a list. */
export const NDJSON_FIELDS: readonly DictionaryField[] = [
  { name: 'format', type: 'string', description: `Always "${RESEARCH_CASE_FORMAT}"` },
  {
    name: 'caseId',
    type: 'string',
    description: 'Keyed pseudonym of the case (C- and 16 hex digits), stable across exports',
  },
  {
    name: 'patientPseudonym',
    type: 'string',
    description: "The patient's pseudonym (P-…), the same for all the patient's cases",
  },
  {
    name: 'ageYears',
    type: 'integer',
    unit: 'years',
    description: 'Age in whole years when the case was opened; 90 for 90 and over',
  },
  { name: 'sex', type: 'string', description: 'female, male or other' },
  { name: 'diagnosis', type: 'string', description: 'The case diagnosis (docs/formats/spine-case.md)' },
  {
    name: 'status',
    type: 'string',
    description: 'assessment, planning, scheduled, operated, follow-up or closed',
  },
  {
    name: 'dates',
    type: 'string',
    description: 'Date policy: off, shift or full (SPINERECON_RESEARCH_DATES)',
  },
  {
    name: 'dayZero',
    type: 'string',
    description: 'Day 0 of every day field: operation, or case-created without an operation',
  },
  { name: 'caseCreatedDay', type: 'integer', unit: 'days', description: day('the opening of the case') },
  { name: 'caseCreatedOn', type: 'string', description: date('the opening of the case') },
  { name: 'radiographs[]', type: 'array', description: 'Every radiograph of the case, oldest first' },
  { name: 'radiographs[].id', type: 'string', description: 'Keyed pseudonym of the radiograph (R-…)' },
  { name: 'radiographs[].view', type: 'string', description: 'lateral or coronal' },
  {
    name: 'radiographs[].posture',
    type: 'string',
    description: 'standing, supine, left-bending, right-bending or traction',
  },
  {
    name: 'radiographs[].day',
    type: 'integer',
    unit: 'days',
    description: day('the day the film was taken'),
  },
  { name: 'radiographs[].takenOn', type: 'string', description: date('the film') },
  {
    name: 'radiographs[].afterOperation',
    type: 'boolean',
    description: 'A follow-up film: tied to a follow-up visit, or taken after the operation date',
  },
  {
    name: 'radiographs[].calibrated',
    type: 'boolean',
    description: 'The film has a pixel spacing: distances in mm are given',
  },
  {
    name: 'radiographs[].measurements',
    type: 'object',
    description:
      'spinerecon.measurements/1 of the film without id and view (values, unavailable with reasons, segments and listheses or curves); null without landmarks',
  },
  {
    name: 'baseline.lateral',
    type: 'string',
    description:
      'Pseudonym of the baseline lateral film (latest with landmarks that is not a follow-up film), or null',
  },
  {
    name: 'baseline.coronal',
    type: 'string',
    description: 'Pseudonym of the baseline coronal film, or null',
  },
  {
    name: 'classification',
    type: 'object',
    description: 'Classifications of the baseline films; null without a measured film',
  },
  {
    name: 'classification.srsSchwab',
    type: 'object',
    description: 'SRS–Schwab (Schwab 2012): curveType, piLl, pt, sva; null fields undetermined',
  },
  {
    name: 'classification.lenke',
    type: 'string',
    description: 'Lenke (Lenke 2001), e.g. "1AN"; null when undetermined',
  },
  {
    name: 'classification.roussouly',
    type: 'string',
    description: 'Roussouly type 1–4 (Roussouly 2005); null when undetermined',
  },
  {
    name: 'classification.gap',
    type: 'object',
    description: 'GAP score (Yilgor 2017): total and category; null when undetermined',
  },
  {
    name: 'plan',
    type: 'object',
    description:
      'The latest plan: upperInstrumentedVertebra, lowerInstrumentedVertebra, pelvicFixation, osteotomies [{level, grade, angleDeg}], cageCount, vertebralBodyReplacementCount, screwCount, rodCount, rodMaterials, graftTypes; null without a plan',
  },
  { name: 'operation', type: 'object', description: 'The operation record; null when none is recorded' },
  { name: 'operation.day', type: 'integer', unit: 'days', description: day('the operation (0)') },
  { name: 'operation.date', type: 'string', description: date('the operation') },
  { name: 'operation.durationMin', type: 'number', unit: 'min', description: 'Duration, or null' },
  {
    name: 'operation.estimatedBloodLossMl',
    type: 'number',
    unit: 'ml',
    description: 'Estimated blood loss, or null',
  },
  {
    name: 'operation.transfusionUnits',
    type: 'number',
    unit: 'units',
    description: 'Units transfused, or null',
  },
  {
    name: 'operation.neuromonitoringAlertCount',
    type: 'integer',
    description: 'Number of neuromonitoring alerts (their text is left out)',
  },
  {
    name: 'operation.intraoperativeComplicationCount',
    type: 'integer',
    description: 'Number of intraoperative complications (their text is left out)',
  },
  {
    name: 'operation.implantCount',
    type: 'integer',
    description: 'Number of implants listed (descriptions and UDIs are left out)',
  },
  {
    name: 'operation.performed',
    type: 'object',
    description: 'What was done, in the form of plan; null when not recorded',
  },
  {
    name: 'rehabilitationPhaseCount',
    type: 'integer',
    description:
      'Number of phases of the rehabilitation programme (names, goals and restrictions are left out); null without a programme',
  },
  { name: 'complications[]', type: 'array', description: 'Every complication recorded' },
  { name: 'complications[].type', type: 'string', description: 'The complication type (the core list)' },
  {
    name: 'complications[].clavienDindo',
    type: 'string',
    description: 'Clavien–Dindo grade (Dindo 2004): I, II, IIIa, IIIb, IVa, IVb, V',
  },
  { name: 'complications[].onsetDay', type: 'integer', unit: 'days', description: day('the onset') },
  { name: 'complications[].onsetOn', type: 'string', description: date('the onset') },
  { name: 'complications[].resolved', type: 'boolean', description: 'A resolution date is recorded' },
  { name: 'complications[].resolvedDay', type: 'integer', unit: 'days', description: day('the resolution') },
  { name: 'outcomes[]', type: 'array', description: 'Every outcome questionnaire answered, oldest first' },
  { name: 'outcomes[].instrument', type: 'string', description: 'odi, srs22r or pain' },
  { name: 'outcomes[].day', type: 'integer', unit: 'days', description: day('the answer') },
  { name: 'outcomes[].answeredOn', type: 'string', description: date('the answer') },
  {
    name: 'outcomes[].source',
    type: 'string',
    description: 'patient (through a link) or staff (entered from paper)',
  },
  {
    name: 'outcomes[].answers',
    type: 'array',
    description: 'The answer to each item in order, null when left blank',
  },
  {
    name: 'outcomes[].scores',
    type: 'object',
    description:
      'The scores computed by the core: odi scorePercent and band; srs22r domains.* and total; pain backPain and legPain; null when undetermined',
  },
  {
    name: 'case',
    type: 'object',
    description:
      'The landmarks of every measured film as a spinerecon.case/1 document (radiograph ids are the pseudonyms): enough to measure again, and to import',
  },
];

export function dataDictionary(dates: ResearchDates) {
  return {
    format: DICTIONARY_FORMAT,
    dates,
    ndjson: { format: RESEARCH_CASE_FORMAT, fields: NDJSON_FIELDS },
    csv: {
      columns: CSV_COLUMNS.map(({ name, type, unit, description }) => ({
        name,
        type,
        ...(unit === undefined ? {} : { unit }),
        description,
      })),
    },
  };
}
