import {
  CORONAL_PARAMETERS,
  LATERAL_PARAMETERS,
  type CoronalOutput,
  type CurveOutput,
  type LateralOutput,
} from '@spinerecon/core';
import type { PlanSummary } from '../planSummary.js';
import type { ResearchCase, ResearchFilm, ResearchOutcome } from './researchCase.js';

// The CSV form of the research export: one row per case, a fixed set of columns. Each column says what it is
// (the data dictionary is made from this list) and how it is read from the NDJSON form of the case.

export type FieldType = 'string' | 'integer' | 'number' | 'boolean';
export type FieldUnit = 'deg' | 'mm' | '%' | 'years' | 'days' | 'min' | 'ml' | 'units' | 'score';
export type CellValue = string | number | boolean | null;

export interface CsvColumn {
  readonly name: string;
  readonly type: FieldType;
  readonly unit?: FieldUnit;
  readonly description: string;
  readonly value: (row: ResearchCase) => CellValue;
}

const UNIT_OF: Readonly<Record<string, FieldUnit>> = { deg: 'deg', mm: 'mm', percent: '%' };

function film(row: ResearchCase, view: 'lateral' | 'coronal'): ResearchFilm | undefined {
  const id = row.baseline[view];
  return id === null ? undefined : row.radiographs.find((f) => f.id === id);
}

const lateralValues = (row: ResearchCase) => {
  const m = film(row, 'lateral')?.measurements;
  return m === null || m === undefined ? undefined : (m as Omit<LateralOutput, 'id' | 'view'>).values;
};

const coronal = (row: ResearchCase) => {
  const m = film(row, 'coronal')?.measurements;
  return m === null || m === undefined ? undefined : (m as Omit<CoronalOutput, 'id' | 'view'>);
};

function viewColumns(view: 'lateral' | 'coronal'): CsvColumn[] {
  return [
    {
      name: `${view}.radiographId`,
      type: 'string',
      description: `Pseudonym of the baseline ${view} film: the latest ${view} film with landmarks that is not a follow-up film; empty when there is none`,
      value: (row) => row.baseline[view],
    },
    {
      name: `${view}.day`,
      type: 'integer',
      unit: 'days',
      description: `Days from day zero to the day the baseline ${view} film was taken; empty when its date is not recorded`,
      value: (row) => film(row, view)?.day ?? null,
    },
    {
      name: `${view}.takenOn`,
      type: 'string',
      description: `Date the baseline ${view} film was taken (YYYY-MM-DD), shifted or empty as the date policy says`,
      value: (row) => film(row, view)?.takenOn ?? null,
    },
  ];
}

const lateralColumns: CsvColumn[] = (
  Object.entries(LATERAL_PARAMETERS) as [
    keyof typeof LATERAL_PARAMETERS,
    (typeof LATERAL_PARAMETERS)[keyof typeof LATERAL_PARAMETERS],
  ][]
).map(([key, definition]) => ({
  name: `lateral.${key}`,
  type: 'number',
  unit: UNIT_OF[definition.unit] ?? 'deg',
  description: `${definition.definition} Empty when unavailable (the NDJSON form gives the reason).`,
  value: (row) => lateralValues(row)?.[key] ?? null,
}));

const MAX_CURVES = 3;

function curveColumns(index: number): CsvColumn[] {
  const curve = (row: ResearchCase): CurveOutput | undefined => coronal(row)?.curves[index];
  const n = index + 1;
  return [
    {
      name: `coronal.curve${n}.upperEnd`,
      type: 'string',
      description: `Upper end vertebra of curve ${n} (curves top down)`,
      value: (row) => curve(row)?.upperEnd ?? null,
    },
    {
      name: `coronal.curve${n}.lowerEnd`,
      type: 'string',
      description: `Lower end vertebra of curve ${n}`,
      value: (row) => curve(row)?.lowerEnd ?? null,
    },
    {
      name: `coronal.curve${n}.apex`,
      type: 'string',
      description: `Apical vertebra of curve ${n}`,
      value: (row) => curve(row)?.apex ?? null,
    },
    {
      name: `coronal.curve${n}.cobbDeg`,
      type: 'number',
      unit: 'deg',
      description: `Cobb angle of curve ${n}`,
      value: (row) => curve(row)?.cobbDeg ?? null,
    },
    {
      name: `coronal.curve${n}.convexity`,
      type: 'string',
      description: `Patient side of the convex edge of curve ${n}: right or left`,
      value: (row) => curve(row)?.convexity ?? null,
    },
    {
      name: `coronal.curve${n}.apicalTranslationMm`,
      type: 'number',
      unit: 'mm',
      description: `Apical translation of curve ${n}; empty when the film is uncalibrated`,
      value: (row) => curve(row)?.apicalTranslationMm ?? null,
    },
  ];
}

const coronalColumns: CsvColumn[] = [
  ...(
    Object.entries(CORONAL_PARAMETERS) as [
      keyof typeof CORONAL_PARAMETERS,
      (typeof CORONAL_PARAMETERS)[keyof typeof CORONAL_PARAMETERS],
    ][]
  ).map(([key, definition]): CsvColumn => ({
    name: `coronal.${key}`,
    type: 'number',
    unit: UNIT_OF[definition.unit] ?? 'mm',
    description: `${definition.definition} Empty when unavailable.`,
    value: (row) => coronal(row)?.values[key] ?? null,
  })),
  {
    name: 'coronal.curveCount',
    type: 'integer',
    description: `Number of curves of 10° or more on the baseline coronal film (the first ${MAX_CURVES} follow; NDJSON has all)`,
    value: (row) => coronal(row)?.curves.length ?? null,
  },
  ...Array.from({ length: MAX_CURVES }, (_, i) => curveColumns(i)).flat(),
];

const classificationColumns: CsvColumn[] = [
  ...(['curveType', 'piLl', 'pt', 'sva'] as const).map((key): CsvColumn => ({
    name: `srsSchwab.${key}`,
    type: 'string',
    description: `SRS–Schwab ${key === 'curveType' ? 'curve type (T, L, D, N)' : `${key} modifier (0, +, ++)`} (Schwab 2012) of the baseline films; empty when undetermined`,
    value: (row) => row.classification?.srsSchwab[key] ?? null,
  })),
  {
    name: 'lenke',
    type: 'string',
    description: 'Lenke classification (Lenke 2001), e.g. 1AN; empty when undetermined',
    value: (row) => row.classification?.lenke ?? null,
  },
  {
    name: 'roussouly',
    type: 'string',
    description: 'Roussouly sagittal type 1–4 (Roussouly 2005); empty when undetermined',
    value: (row) => row.classification?.roussouly ?? null,
  },
  {
    name: 'gap.total',
    type: 'integer',
    unit: 'score',
    description: 'GAP score (Yilgor 2017); empty when undetermined',
    value: (row) => row.classification?.gap.total ?? null,
  },
  {
    name: 'gap.category',
    type: 'string',
    description: 'GAP category: proportioned, moderately disproportioned, severely disproportioned',
    value: (row) => row.classification?.gap.category ?? null,
  },
];

function planColumns(
  prefix: 'plan' | 'operation',
  read: (row: ResearchCase) => PlanSummary | null | undefined,
): CsvColumn[] {
  const what = prefix === 'plan' ? 'the latest plan' : 'the operation as performed';
  const grades = (row: ResearchCase) => (read(row)?.osteotomies ?? []).map((o) => o.grade);
  return [
    {
      name: `${prefix}.upperInstrumentedVertebra`,
      type: 'string',
      description: `Upper instrumented vertebra of ${what}`,
      value: (row) => read(row)?.upperInstrumentedVertebra ?? null,
    },
    {
      name: `${prefix}.lowerInstrumentedVertebra`,
      type: 'string',
      description: `Lower instrumented vertebra of ${what}`,
      value: (row) => read(row)?.lowerInstrumentedVertebra ?? null,
    },
    {
      name: `${prefix}.pelvicFixation`,
      type: 'string',
      description: `Pelvic fixation of ${what}: none, iliac, S2AI`,
      value: (row) => read(row)?.pelvicFixation ?? null,
    },
    {
      name: `${prefix}.osteotomyCount`,
      type: 'integer',
      description: `Number of osteotomies of ${what}`,
      value: (row) => read(row)?.osteotomies.length ?? null,
    },
    {
      name: `${prefix}.maxOsteotomyGrade`,
      type: 'integer',
      description: `Highest Schwab osteotomy grade (1–6, Schwab 2014) of ${what}; empty without osteotomy`,
      value: (row) => (grades(row).length === 0 ? null : Math.max(...grades(row))),
    },
    {
      name: `${prefix}.cageCount`,
      type: 'integer',
      description: `Number of interbody cages of ${what}`,
      value: (row) => read(row)?.cageCount ?? null,
    },
    {
      name: `${prefix}.screwCount`,
      type: 'integer',
      description: `Number of screws of ${what}`,
      value: (row) => read(row)?.screwCount ?? null,
    },
    {
      name: `${prefix}.rodCount`,
      type: 'integer',
      description: `Number of rods of ${what}`,
      value: (row) => read(row)?.rodCount ?? null,
    },
  ];
}

/** Clavien–Dindo grades from mildest to most severe (Dindo 2004). */
const CLAVIEN_DINDO = ['I', 'II', 'IIIa', 'IIIb', 'IVa', 'IVb', 'V'];

const outcomeColumns: CsvColumn[] = (
  [
    ['odi', 'scorePercent', '%', 'Oswestry Disability Index 0–100 % (Fairbank 2000)'],
    ['srs22r', 'total', 'score', 'SRS-22r total 1–5'],
    ['pain', 'backPain', 'score', 'back pain, numeric rating scale 0–10'],
    ['pain', 'legPain', 'score', 'leg pain, numeric rating scale 0–10'],
  ] as const
).flatMap(([instrument, score, unit, label]) =>
  (['first', 'last'] as const).flatMap((which): CsvColumn[] => {
    const pick = (row: ResearchCase): ResearchOutcome | undefined => {
      const answered = row.outcomes.filter((o) => o.instrument === instrument);
      return which === 'first' ? answered[0] : answered[answered.length - 1];
    };
    const dayColumn: CsvColumn = {
      name: `${instrument}.${which}.day`,
      type: 'integer',
      unit: 'days',
      description: `Days from day zero to the ${which} ${instrument} questionnaire`,
      value: (row) => pick(row)?.day ?? null,
    };
    const scoreColumn: CsvColumn = {
      name: `${instrument}.${which}.${score}`,
      type: 'number',
      unit,
      description: `${label}, ${which} ${instrument} questionnaire; empty when undetermined`,
      value: (row) => {
        const value = pick(row)?.scores[score];
        return typeof value === 'number' ? value : null;
      },
    };
    // The pain questionnaire has two scores: its day column once.
    return instrument === 'pain' && score === 'legPain' ? [scoreColumn] : [dayColumn, scoreColumn];
  }),
);

export const CSV_COLUMNS: readonly CsvColumn[] = [
  {
    name: 'caseId',
    type: 'string',
    description: 'Keyed pseudonym of the case (C-…), the same in every export of this installation',
    value: (row) => row.caseId,
  },
  {
    name: 'patientPseudonym',
    type: 'string',
    description: "Pseudonym of the patient (P-…): random, stable, the same for all the patient's cases",
    value: (row) => row.patientPseudonym,
  },
  {
    name: 'ageYears',
    type: 'integer',
    unit: 'years',
    description: 'Age in whole years when the case was opened; 90 for 90 and over',
    value: (row) => row.ageYears,
  },
  { name: 'sex', type: 'string', description: 'female, male or other', value: (row) => row.sex },
  {
    name: 'diagnosis',
    type: 'string',
    description: 'The case diagnosis (docs/formats/spine-case.md)',
    value: (row) => row.diagnosis,
  },
  {
    name: 'status',
    type: 'string',
    description: 'assessment, planning, scheduled, operated, follow-up or closed',
    value: (row) => row.status,
  },
  {
    name: 'dates',
    type: 'string',
    description: 'The date policy of this export: off (no dates), shift (dates shifted per patient), full',
    value: (row) => row.dates,
  },
  {
    name: 'dayZero',
    type: 'string',
    description:
      'What day 0 of every *Day column is: operation, or case-created when no operation is recorded',
    value: (row) => row.dayZero,
  },
  {
    name: 'caseCreatedDay',
    type: 'integer',
    unit: 'days',
    description: 'Days from day zero to the day the case was opened',
    value: (row) => row.caseCreatedDay,
  },
  {
    name: 'caseCreatedOn',
    type: 'string',
    description: 'Date the case was opened, shifted or empty as the date policy says',
    value: (row) => row.caseCreatedOn,
  },
  {
    name: 'radiographCount',
    type: 'integer',
    description: 'Number of radiographs of the case',
    value: (row) => row.radiographs.length,
  },
  ...viewColumns('lateral'),
  ...lateralColumns,
  ...viewColumns('coronal'),
  ...coronalColumns,
  ...classificationColumns,
  ...planColumns('plan', (row) => row.plan),
  {
    name: 'operation.day',
    type: 'integer',
    unit: 'days',
    description: 'Days from day zero to the operation (0 when recorded with a date)',
    value: (row) => row.operation?.day ?? null,
  },
  {
    name: 'operation.date',
    type: 'string',
    description: 'Date of the operation, shifted or empty as the date policy says',
    value: (row) => row.operation?.date ?? null,
  },
  {
    name: 'operation.durationMin',
    type: 'number',
    unit: 'min',
    description: 'Duration of the operation',
    value: (row) => row.operation?.durationMin ?? null,
  },
  {
    name: 'operation.estimatedBloodLossMl',
    type: 'number',
    unit: 'ml',
    description: 'Estimated blood loss',
    value: (row) => row.operation?.estimatedBloodLossMl ?? null,
  },
  {
    name: 'operation.transfusionUnits',
    type: 'number',
    unit: 'units',
    description: 'Units transfused',
    value: (row) => row.operation?.transfusionUnits ?? null,
  },
  ...planColumns('operation', (row) => row.operation?.performed),
  {
    name: 'complicationCount',
    type: 'integer',
    description: 'Number of complications recorded',
    value: (row) => row.complications.length,
  },
  {
    name: 'maxClavienDindo',
    type: 'string',
    description:
      'Most severe Clavien–Dindo grade (I, II, IIIa, IIIb, IVa, IVb, V; Dindo 2004) among the complications',
    value: (row) => {
      const ranks = row.complications.map((c) => CLAVIEN_DINDO.indexOf(c.clavienDindo)).filter((r) => r >= 0);
      return ranks.length === 0 ? null : (CLAVIEN_DINDO[Math.max(...ranks)] ?? null);
    },
  },
  ...outcomeColumns,
];

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line end; empty for null. */
export function csvCell(value: CellValue): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvHeader = (): string => `${CSV_COLUMNS.map((c) => csvCell(c.name)).join(',')}\r\n`;

/** One CSV record (RFC 4180: CRLF line ends, quotes doubled). */
export const csvRow = (row: ResearchCase): string =>
  `${CSV_COLUMNS.map((column) => csvCell(column.value(row))).join(',')}\r\n`;
