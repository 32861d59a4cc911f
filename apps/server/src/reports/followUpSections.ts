import {
  CLAVIEN_DINDO_GRADES,
  CLAVIEN_DINDO_SOURCE,
  MCID,
  complicationLabel,
  isComplicationType,
  mcidReached,
  type AlignmentComparison,
  type AlignmentRow,
  type LateralParameter,
  type McidOutcome,
  type QuestionnaireInstrument,
  type QuestionnaireScore,
} from '@spinerecon/core';
import { rgb } from 'pdf-lib';
import { OUTCOMES, outcomeValues } from '../services/questionnaireService.js';
import { cite, TABLE_PARAMETERS, valueText } from './alignmentSections.js';
import { PREDICTED, PREOPERATIVE } from './filmDrawing.js';
import { drawLineChart, type LineChartSpec } from './lineChart.js';
import { formatNumber } from './pdfText.js';
import { COLORS, MARGIN_PT, type Cell, type ReportWriter } from './pdfWriter.js';
import type { ComplicationRow, ResponseRow } from './reportRepository.js';

// The sections of the follow-up report: alignment over time against the plan (table and charts), the rule
// flags for a clinician to confirm, outcome scores over time with MCID, and complications. Every value is
// the core's: compareAlignment per visit, the stored questionnaire scores (scoreQuestionnaire), mcidReached.

/** One visit's alignment, as compared by the core. */
export interface VisitAlignment {
  readonly label: string;
  /** The day the film stands for, and the days since the operation. */
  readonly date: string | null;
  readonly days: number | null;
  readonly comparison: AlignmentComparison;
}

/** The parameters followed over time (the core's correction parameters and the pelvis). */
const FOLLOWED: readonly LateralParameter[] = [
  'pelvicIncidenceDeg',
  'pelvicTiltDeg',
  'sacralSlopeDeg',
  'lumbarLordosisDeg',
  'piLlMismatchDeg',
  'thoracicKyphosisT4T12Deg',
  'sagittalVerticalAxisMm',
  't1PelvicAngleDeg',
  't1SlopeDeg',
  'globalTiltDeg',
];
const CHARTED: readonly LateralParameter[] = [
  'sagittalVerticalAxisMm',
  'piLlMismatchDeg',
  'pelvicTiltDeg',
  'lumbarLordosisDeg',
  't1PelvicAngleDeg',
  'thoracicKyphosisT4T12Deg',
];
const NAMES = new Map<string, string>(TABLE_PARAMETERS.map(([key, name]) => [key, name]));
const nameOf = (parameter: string): string => NAMES.get(parameter) ?? parameter;
const VISITS_PER_TABLE = 5;

const rowOf = (visit: VisitAlignment, parameter: LateralParameter): AlignmentRow | undefined =>
  visit.comparison.rows.find((r) => r.parameter === parameter);

function targetText(row: AlignmentRow | undefined): string {
  const target = row?.target;
  if (target === undefined) return '—';
  const unit = row?.unit === 'mm' ? ' mm' : '°';
  const range =
    target.min !== undefined && target.max !== undefined
      ? `${formatNumber(target.min)} to ${formatNumber(target.max)}${unit}`
      : target.max !== undefined
        ? `< ${formatNumber(target.max)}${unit}`
        : target.min !== undefined
          ? `≥ ${formatNumber(target.min)}${unit}`
          : '—';
  return `${range} (${target.set})`;
}

/** Preoperative | planned | each visit's achieved value (coloured by its target) | target. */
export function alignmentOverTime(writer: ReportWriter, visits: readonly VisitAlignment[]): void {
  for (let start = 0; start < visits.length; start += VISITS_PER_TABLE) {
    const shown = visits.slice(start, start + VISITS_PER_TABLE);
    const reference = visits[0];
    const rows = FOLLOWED.map((parameter): Cell[] => {
      const first = reference === undefined ? undefined : rowOf(reference, parameter);
      return [
        { text: nameOf(parameter), bold: true },
        valueText(first?.preoperative, parameter),
        { text: valueText(first?.planned, parameter), color: PREDICTED },
        ...shown.map((visit): Cell => {
          const row = rowOf(visit, parameter);
          const met = row?.target?.met;
          return {
            text: valueText(row?.achieved, parameter),
            ...(met === true
              ? { color: COLORS.met }
              : met === false
                ? { color: COLORS.missed, bold: true }
                : {}),
          };
        }),
        targetText(shown.map((v) => rowOf(v, parameter)).find((r) => r?.target !== undefined)),
      ];
    });
    writer.table(
      [
        { title: 'Parameter', share: 1.5 },
        { title: 'Preop.', share: 1, align: 'right' },
        { title: 'Planned', share: 1, align: 'right' },
        ...shown.map((v) => ({
          title: `${v.label}${v.date === null ? '' : ` ${v.date}`}`,
          share: 1.1,
          align: 'right' as const,
        })),
        { title: 'Target (achieved film)', share: 2 },
      ],
      rows,
      7.5,
    );
  }
  writer.paragraph(
    'Achieved values in green meet the target range, in red they do not (checked by the core on the visit’s film); planned: the plan’s prediction on the preoperative film (pelvis fixed).',
    { sizePt: 7.5, color: COLORS.muted },
  );
}

/** Small multiples: each followed parameter over days since the operation. */
export function alignmentCharts(writer: ReportWriter, visits: readonly VisitAlignment[]): void {
  const specs: LineChartSpec[] = CHARTED.flatMap((parameter) => {
    const rows = visits.map((v) => ({ visit: v, row: rowOf(v, parameter) }));
    const points = rows.flatMap(({ visit, row }) =>
      visit.days === null || row?.achieved === null || row?.achieved === undefined
        ? []
        : [{ xDays: visit.days, value: row.achieved }],
    );
    const first = rows[0]?.row;
    if (points.length === 0) return [];
    const target = rows.find((r) => r.row?.target !== undefined)?.row?.target;
    return [
      {
        title: nameOf(parameter),
        unit: first?.unit === 'mm' ? 'mm' : '°',
        points,
        references: [
          ...(first?.preoperative === null || first?.preoperative === undefined
            ? []
            : [{ value: first.preoperative, label: 'preoperative', color: PREOPERATIVE }]),
          ...(first?.planned === null || first?.planned === undefined
            ? []
            : [{ value: first.planned, label: 'planned', color: PREDICTED }]),
        ],
        ...(target === undefined
          ? {}
          : { band: { min: target.min ?? null, max: target.max ?? null, label: `target (${target.set})` } }),
        xTitle: 'days after the operation',
        minSpan: 10,
      },
    ];
  });
  chartGrid(writer, specs);
}

function chartGrid(writer: ReportWriter, specs: readonly LineChartSpec[]): void {
  const columns = 2;
  const gap = 18;
  const width = (writer.contentWidth - gap) / columns;
  const height = 150;
  for (let i = 0; i < specs.length; i += columns) {
    writer.ensure(height + 8);
    specs.slice(i, i + columns).forEach((spec, k) => {
      drawLineChart(writer, { x: MARGIN_PT + k * (width + gap), top: writer.y, width, height }, spec);
    });
    writer.space(height + 8);
  }
}

const flagText = (flag: boolean | 'undetermined' | null): Cell =>
  flag === true
    ? { text: 'flagged', color: COLORS.missed, bold: true }
    : flag === false
      ? { text: 'not flagged', color: COLORS.met }
      : { text: 'undetermined', color: COLORS.muted };

/** The core's rule flags per visit: findings for a clinician to confirm, never diagnoses. */
export function findingsSection(writer: ReportWriter, visits: readonly VisitAlignment[]): void {
  const rows: Cell[][] = visits.flatMap((visit) => {
    const { flags } = visit.comparison;
    const pjk = flags.proximalJunctionalKyphosis;
    const pjkWhy = [
      ...pjk.rules,
      ...Object.values(pjk.undetermined),
      `(${pjk.citations.map(cite).join('; ')})`,
    ].join('; ');
    const changes = flags.lossOfCorrection
      .filter((c) => c.change !== null)
      .map((c) => {
        const parameter = String(c.inputs.parameter ?? '');
        const text = valueText(c.change, parameter);
        return `${nameOf(parameter)} ${(c.change ?? 0) > 0 && !text.startsWith('0.0') ? '+' : ''}${text}`;
      })
      .join(', ');
    const kind = flags.lossOfCorrection[0]?.inputs.referenceKind;
    const from = kind === 'immediate-postoperative' ? 'from the first postoperative film' : 'from the plan';
    const missing = flags.lossOfCorrection.flatMap((c) =>
      c.change === null ? [c.undetermined.change ?? ''] : [],
    );
    return [
      [visit.label, 'Proximal junctional kyphosis', flagText(pjk.pjk), pjkWhy],
      [
        visit.label,
        'Suspected implant failure',
        flagText(flags.implantFailure.flag),
        `${flags.implantFailure.reasons.join('; ')} (${flags.implantFailure.source})`,
      ],
      [
        visit.label,
        'Adjacent segment change',
        flagText(flags.adjacentSegment.flag),
        `${flags.adjacentSegment.reasons.join('; ')} (${flags.adjacentSegment.source})`,
      ],
      [
        visit.label,
        'Change of correction',
        { text: 'no threshold applied', color: COLORS.muted },
        changes === '' ? `undetermined: ${missing[0] ?? 'no values'}` : `${changes} (${from})`,
      ],
    ];
  });
  if (rows.length === 0) {
    writer.paragraph('No follow-up film with landmarks yet.');
    return;
  }
  writer.table(
    [
      { title: 'Visit', share: 1 },
      { title: 'Rule', share: 1.5 },
      { title: 'Result', share: 1 },
      { title: 'Why (source)', share: 4.5 },
    ],
    rows,
    7,
  );
}

const OUTCOME_NAMES: Readonly<Record<McidOutcome, string>> = {
  odi: 'ODI',
  nrsBackPain: 'NRS back pain',
  nrsLegPain: 'NRS leg pain',
  srs22rPain: 'SRS-22r pain',
  srs22rFunction: 'SRS-22r function',
  srs22rSelfImage: 'SRS-22r self-image',
  srs22rMentalHealth: 'SRS-22r mental health',
  srs22rSatisfaction: 'SRS-22r satisfaction',
  srs22rTotal: 'SRS-22r total',
};
const OUTCOME_UNITS: Readonly<Record<McidOutcome, string>> = {
  odi: '%',
  nrsBackPain: '0–10',
  nrsLegPain: '0–10',
  srs22rPain: '1–5',
  srs22rFunction: '1–5',
  srs22rSelfImage: '1–5',
  srs22rMentalHealth: '1–5',
  srs22rSatisfaction: '1–5',
  srs22rTotal: '1–5',
};
const INSTRUMENT_NAMES: Readonly<Record<string, string>> = {
  odi: 'Oswestry Disability Index',
  srs22r: 'SRS-22r',
  pain: 'Pain (NRS)',
};

/** One response with its values, the days since the operation and its visit. */
export interface ScoredResponse {
  readonly row: ResponseRow;
  readonly visitLabel: string | null;
  readonly days: number | null;
}

const outcomesOf = (instrument: string): readonly McidOutcome[] =>
  (OUTCOMES as Readonly<Record<string, readonly McidOutcome[]>>)[instrument] ?? [];

const valuesOf = (row: ResponseRow): Partial<Record<McidOutcome, number | null>> =>
  outcomeValues(JSON.parse(row.score) as QuestionnaireScore);

/** Outcome scores in the order answered; after the first answers of an instrument, MCID from them. */
export function outcomesSection(writer: ReportWriter, responses: readonly ScoredResponse[]): void {
  if (responses.length === 0) {
    writer.paragraph('No questionnaire answered yet.');
    return;
  }
  const baselines = new Map<string, ScoredResponse>();
  const rows = responses.map((response): Cell[] => {
    const { row } = response;
    const values = valuesOf(row);
    const baseline = baselines.get(row.instrument);
    if (baseline === undefined) baselines.set(row.instrument, response);
    const outcomes = outcomesOf(row.instrument);
    const scores = outcomes
      .map(
        (o) =>
          `${OUTCOME_NAMES[o]} ${formatNumber(values[o] ?? null, o === 'odi' ? 1 : o.startsWith('nrs') ? 0 : 2)}`,
      )
      .join('; ');
    const mcid =
      baseline === undefined
        ? 'baseline (first answers)'
        : outcomes
            .map((o) => {
              const result = mcidReached(o, valuesOf(baseline.row)[o] ?? null, values[o] ?? null);
              const verdict =
                result.reached === true
                  ? 'reached'
                  : result.reached === false
                    ? 'not reached'
                    : 'undetermined';
              const change =
                result.improvement === null ? '' : ` (improved ${formatNumber(result.improvement, 2)})`;
              return `${OUTCOME_NAMES[o]}: ${verdict}${change}`;
            })
            .join('; ');
    return [
      row.answered_at.slice(0, 10),
      response.visitLabel ?? '—',
      INSTRUMENT_NAMES[row.instrument] ?? row.instrument,
      scores,
      mcid,
    ];
  });
  writer.table(
    [
      { title: 'Answered', share: 1.1 },
      { title: 'Visit', share: 1 },
      { title: 'Instrument', share: 1.3 },
      { title: 'Scores', share: 3 },
      { title: 'MCID against the first answers', share: 3.2 },
    ],
    rows,
    7,
  );
  const used = [...new Set(responses.flatMap((r) => outcomesOf(r.row.instrument)))];
  const sources = used.map((o) => {
    const threshold = MCID[o];
    return threshold === undefined
      ? `${OUTCOME_NAMES[o]}: no published MCID confirmed (undetermined)`
      : `${OUTCOME_NAMES[o]}: MCID ${threshold.value} (${threshold.better} is better; ${threshold.population}; ${cite(threshold.citation)})`;
  });
  writer.paragraph(`MCID thresholds: ${sources.join('. ')}.`, { sizePt: 7, color: COLORS.muted });
  outcomeCharts(writer, responses);
}

function outcomeCharts(writer: ReportWriter, responses: readonly ScoredResponse[]): void {
  const charted: readonly McidOutcome[] = ['odi', 'nrsBackPain', 'nrsLegPain', 'srs22rTotal'];
  const specs: LineChartSpec[] = charted.flatMap((outcome) => {
    const instrument = (Object.keys(OUTCOMES) as QuestionnaireInstrument[]).find((i) =>
      OUTCOMES[i].includes(outcome),
    );
    const answered = responses.filter((r) => r.row.instrument === instrument);
    const points = answered.flatMap((r) => {
      const value = valuesOf(r.row)[outcome];
      return r.days === null || value === null || value === undefined ? [] : [{ xDays: r.days, value }];
    });
    if (points.length === 0) return [];
    const first = answered[0] === undefined ? null : (valuesOf(answered[0].row)[outcome] ?? null);
    const threshold = MCID[outcome];
    const references =
      first === null || threshold === undefined
        ? []
        : [
            {
              value: threshold.better === 'lower' ? first - threshold.value : first + threshold.value,
              label: `MCID from the first answers (${threshold.better === 'lower' ? '−' : '+'}${threshold.value})`,
              color: rgb(0.55, 0.2, 0.6),
            },
          ];
    return [
      {
        title: OUTCOME_NAMES[outcome],
        unit: OUTCOME_UNITS[outcome],
        points,
        references,
        xTitle: 'days after the operation',
        // Scales of the instruments: ODI 0–100 %, NRS 0–10, SRS-22r 1–5.
        minSpan: outcome === 'odi' ? 20 : outcome === 'srs22rTotal' ? 1 : 3,
      },
    ];
  });
  chartGrid(writer, specs);
}

const GRADE_TEXT = new Map<string, string>(CLAVIEN_DINDO_GRADES.map((g) => [g.grade, g.definition]));

export function complicationsSection(writer: ReportWriter, complications: readonly ComplicationRow[]): void {
  if (complications.length === 0) {
    writer.paragraph('No complication recorded.');
    return;
  }
  writer.table(
    [
      { title: 'Onset', share: 1 },
      { title: 'Complication', share: 1.6 },
      { title: 'Clavien–Dindo', share: 2.4 },
      { title: 'Description and treatment', share: 2.6 },
      { title: 'Resolution', share: 1.6 },
    ],
    complications.map((c): Cell[] => [
      c.onset_date,
      { text: isComplicationType(c.type) ? complicationLabel(c.type) : c.type, bold: true },
      `${c.clavien_dindo}: ${GRADE_TEXT.get(c.clavien_dindo) ?? ''}`,
      [c.description, c.treatment === '' ? '' : `Treatment: ${c.treatment}`]
        .filter((s) => s !== '')
        .join(' ') || '—',
      c.resolved_date === null
        ? {
            text: `${c.resolution === '' ? 'not resolved' : c.resolution}`,
            color: c.resolution === '' ? COLORS.missed : COLORS.text,
          }
        : `${c.resolution === '' ? 'resolved' : c.resolution} (${c.resolved_date})`,
    ]),
    7,
  );
  writer.paragraph(`Grades: ${CLAVIEN_DINDO_SOURCE}.`, { sizePt: 7, color: COLORS.muted });
}
