import {
  CASE_FORMAT,
  DECISION_SUPPORT_STATEMENT,
  compareAlignment,
  daysBetween,
  planCase,
  type FusionRange,
  type MeasurementOutput,
  type SpineCase,
  type SurgicalPlan,
} from '@spinerecon/core';
import type { VisitFilms } from '../services/visitFilms.js';
import { ageOn } from './caseFilms.js';
import {
  alignmentCharts,
  alignmentOverTime,
  complicationsSection,
  findingsSection,
  outcomesSection,
  type ScoredResponse,
  type VisitAlignment,
} from './followUpSections.js';
import { COLORS, MARGIN_PT, ReportWriter, type Cell } from './pdfWriter.js';
import { DECISION_NOTICE } from './planningReport.js';
import type { ComplicationRow, ResponseRow } from './reportRepository.js';
import { identityLine, subjectRows, type ReportSubject } from './subject.js';

// The follow-up report (PDF) of a case: the operation and its plan, alignment over time against the plan
// (table and charts), the rule flags for a clinician to confirm, outcome scores over time with MCID, and the
// complications. The core computes every value (planCase, compareAlignment, mcidReached, the stored scores).

export interface FollowUpVisit {
  readonly row: {
    readonly id: string;
    readonly label: string;
    readonly due_date: string;
    readonly visit_date: string | null;
  };
  readonly films: VisitFilms;
}

export interface FollowUpReportInput {
  readonly subject: ReportSubject;
  readonly operation: { readonly date: string; readonly fusion: FusionRange | undefined } | undefined;
  /** The plan followed: the one the operation record names, else the latest saved one. */
  readonly plan:
    | {
        readonly title: string;
        readonly version: number;
        readonly source: 'operation' | 'latest';
        readonly content: SurgicalPlan | string;
      }
    | undefined;
  readonly visits: readonly FollowUpVisit[];
  readonly responses: readonly ResponseRow[];
  readonly complications: readonly ComplicationRow[];
  readonly generatedAt: Date;
  readonly generatedBy: string;
}

const dayOf = (visit: FollowUpVisit['row']): string => visit.visit_date ?? visit.due_date;

/** The plan's predicted values on the preoperative lateral film (pelvis fixed), or why there are none. */
function plannedOutput(input: FollowUpReportInput): MeasurementOutput | string {
  const plan = input.plan;
  if (plan === undefined) return 'the case has no plan';
  if (typeof plan.content === 'string') return plan.content;
  const preoperative = input.visits.find((v) => v.films.preoperative !== undefined)?.films.preoperative;
  if (preoperative === undefined)
    return 'no preoperative lateral film with landmarks to simulate the plan on';
  const age = ageOn(
    input.subject.birth_date,
    new Date(`${input.operation?.date ?? input.generatedAt.toISOString().slice(0, 10)}T00:00:00Z`),
  );
  const spineCase: SpineCase = {
    format: CASE_FORMAT,
    ...(age === undefined ? {} : { patient: { ageYears: age } }),
    radiographs: [preoperative.radiograph],
  };
  const result = planCase(spineCase, plan.content, 'fixed');
  return result.ok ? result.value.predicted : `the plan could not be simulated: ${result.reason}`;
}

function visitAlignments(input: FollowUpReportInput, planned: MeasurementOutput | string): VisitAlignment[] {
  const start = input.operation?.date;
  return input.visits.flatMap((visit): VisitAlignment[] => {
    const { films } = visit;
    if (films.achieved === undefined) return [];
    const date = films.achieved.date ?? dayOf(visit.row);
    const age = ageOn(input.subject.birth_date, new Date(`${date}T00:00:00Z`));
    const comparison = compareAlignment({
      ...(films.preoperative === undefined ? {} : { preoperative: films.preoperative.radiograph }),
      ...(typeof planned === 'string' ? {} : { planned }),
      achieved: films.achieved.radiograph,
      ...(films.firstPostoperative === undefined
        ? {}
        : { firstPostoperative: films.firstPostoperative.radiograph }),
      ...(input.operation?.fusion === undefined ? {} : { fusion: input.operation.fusion }),
      ...(age === undefined ? {} : { ageYears: age }),
    });
    return [
      {
        label: visit.row.label,
        date,
        days: start === undefined ? null : daysBetween(start, date),
        comparison,
      },
    ];
  });
}

function visitRows(input: FollowUpReportInput): Cell[][] {
  return input.visits.map((visit) => {
    const answered = input.responses.filter((r) => r.visit_id === visit.row.id).map((r) => r.instrument);
    const film = visit.films.achieved;
    return [
      { text: visit.row.label, bold: true },
      visit.row.due_date,
      visit.row.visit_date ?? { text: 'not seen yet', color: COLORS.muted },
      film === undefined
        ? { text: 'no lateral film with landmarks', color: COLORS.muted }
        : `${film.row.posture} lateral${film.date === null ? '' : `, ${film.date}`}`,
      answered.length === 0 ? '—' : answered.join(', '),
    ];
  });
}

export async function buildFollowUpReport(input: FollowUpReportInput): Promise<Uint8Array> {
  const { subject, operation, plan } = input;
  const planned = plannedOutput(input);
  const alignments = visitAlignments(input, planned);
  const writer = await ReportWriter.create(
    {
      title: 'SpineRecon follow-up report',
      identity: identityLine(subject),
      notice: `${DECISION_NOTICE} ${DECISION_SUPPORT_STATEMENT}`,
    },
    'Follow-up report',
  );
  writer.text('Follow-up report', MARGIN_PT, writer.y, 18, { bold: true });
  writer.space(24);
  writer.paragraph(`${DECISION_NOTICE} Flags are findings for a clinician to confirm, not diagnoses.`, {
    bold: true,
    sizePt: 9.5,
    color: COLORS.missed,
  });
  const fusion = operation?.fusion;
  writer.table(
    [
      { title: 'Patient and operation', share: 1.3 },
      { title: '', share: 4 },
    ],
    [
      ...subjectRows(writer, subject),
      [
        'Operation',
        operation === undefined
          ? { text: 'no operation recorded', color: COLORS.missed, bold: true }
          : `${operation.date}${fusion === undefined ? '' : `; fused ${fusion.upperInstrumentedVertebra} to ${fusion.lowerInstrumentedVertebra}, pelvic fixation ${fusion.pelvicFixation}`}`,
      ],
      [
        'Plan followed',
        plan === undefined
          ? 'none'
          : `“${plan.title}”, version ${plan.version} (${plan.source === 'operation' ? 'named by the operation record' : 'the latest saved plan: the operation record names none'})${typeof planned === 'string' ? ` — no prediction: ${planned}` : ''}`,
      ],
      [
        'Generated',
        `${input.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC by ${input.generatedBy}`,
      ],
    ],
    8.5,
  );
  writer.subheading('Visits');
  if (input.visits.length === 0) writer.paragraph('No follow-up visit scheduled.');
  else
    writer.table(
      [
        { title: 'Visit', share: 1.4 },
        { title: 'Due', share: 1 },
        { title: 'Seen', share: 1 },
        { title: 'Film used', share: 2 },
        { title: 'Questionnaires', share: 1.5 },
      ],
      visitRows(input),
    );

  writer.heading('Alignment over time against the plan');
  if (alignments.length === 0) writer.paragraph('No follow-up lateral film with landmarks yet.');
  else {
    alignmentOverTime(writer, alignments);
    alignmentCharts(writer, alignments);
  }
  writer.heading('Findings for a clinician to confirm');
  findingsSection(writer, alignments);

  const labels = new Map(input.visits.map((v) => [v.row.id, v.row.label]));
  const responses: ScoredResponse[] = input.responses.map((row) => ({
    row,
    visitLabel: row.visit_id === null ? null : (labels.get(row.visit_id) ?? null),
    days: operation === undefined ? null : daysBetween(operation.date, row.answered_at.slice(0, 10)),
  }));
  writer.heading('Outcome scores over time');
  outcomesSection(writer, responses);
  writer.heading('Complications');
  complicationsSection(writer, input.complications);
  return writer.finish();
}
