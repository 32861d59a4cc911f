import {
  classifyCase,
  DECISION_SUPPORT_STATEMENT,
  EMPTY_PLAN,
  planCase,
  type CaseClassification,
  type LateralRadiograph,
  type PelvisMode,
  type PlanOutput,
  type RodGeometry,
  type SpineCase,
  type SurgicalPlan,
  type TargetSetName,
} from '@spinerecon/core';
import { alignmentTable, classificationSection, coronalTable, targetSetOf } from './alignmentSections.js';
import { filmLabel, type CaseFilms, type ReportFilm } from './caseFilms.js';
import { drawFilm, type FilmFigure } from './filmDrawing.js';
import type { FilmPicture } from './filmPicture.js';
import { planSection, riskSection } from './planSections.js';
import { COLORS, MARGIN_PT, ReportWriter } from './pdfWriter.js';
import { addRodTemplatePages } from './rodTemplatePages.js';
import { identityLine, subjectRows, type ReportSubject } from './subject.js';

// The planning report (PDF) of one plan version: who and what, preoperative | predicted | target, the
// classifications, the films with landmarks and the predicted spine, the plan, the risks with their sources
// and the rods as 1:1 templates. Every value comes from @spinerecon/core (planCase, classifyCase); this file
// only lays them out.

export const DECISION_NOTICE = 'Decision support: the surgeon decides.';

export interface PlanningReportInput {
  readonly subject: ReportSubject;
  readonly plan: {
    readonly title: string;
    readonly version: number;
    readonly latestVersion: number;
    readonly savedBy: string;
    readonly savedAt: string;
    readonly content: SurgicalPlan;
  };
  readonly films: CaseFilms;
  readonly spineCase: SpineCase;
  /** The picture of each film by radiograph id (a string: why it is not shown). */
  readonly pictures: ReadonlyMap<string, FilmPicture | string>;
  readonly pelvis: PelvisMode;
  readonly targetSet: TargetSetName;
  readonly generatedAt: Date;
  readonly generatedBy: string;
}

const PELVIS_TEXT: Readonly<Record<PelvisMode, string>> = {
  fixed: 'pelvis held fixed (exact rigid geometry)',
  compensating: 'pelvis compensating (published pelvic tilt response)',
};

function figureOf(input: PlanningReportInput, film: ReportFilm, predicted?: LateralRadiograph): FilmFigure {
  return {
    title: `${filmLabel(film.row)[0]?.toUpperCase() ?? ''}${filmLabel(film.row).slice(1)}${
      predicted === undefined ? '' : ' — with the simulated correction'
    }`,
    radiograph: film.radiograph,
    picture: film.row.image_sha256 === null ? undefined : input.pictures.get(film.row.id),
    ...(predicted === undefined ? {} : { predicted }),
  };
}

async function filmsPage(writer: ReportWriter, input: PlanningReportInput, output: PlanOutput | undefined) {
  const films = input.films.films;
  const lateral =
    films.find((f) => f.row.id === output?.simulated.film) ??
    films.find((f) => f.row.view === 'lateral' && f.row.posture === 'standing') ??
    films.find((f) => f.row.view === 'lateral');
  const coronal =
    films.find((f) => f.row.view === 'coronal' && f.row.posture === 'standing') ??
    films.find((f) => f.row.view === 'coronal');
  const predicted = output?.predictedCase.radiographs[0];
  const figures: FilmFigure[] = [];
  if (lateral !== undefined)
    figures.push(
      figureOf(
        input,
        lateral,
        lateral.row.id === output?.simulated.film && predicted?.view === 'lateral' ? predicted : undefined,
      ),
    );
  if (coronal !== undefined) figures.push(figureOf(input, coronal));
  writer.addPage();
  writer.heading('Films');
  if (figures.length === 0) {
    writer.paragraph('No film of the case has landmarks.');
    return;
  }
  const gap = 14;
  const width = (writer.contentWidth - gap * (figures.length - 1)) / figures.length;
  const height = writer.bottom - writer.y;
  const top = writer.y;
  let lowest = top;
  for (const [i, figure] of figures.entries()) {
    const below = await drawFilm(writer, { x: MARGIN_PT + i * (width + gap), top, width, height }, figure);
    lowest = Math.max(lowest, below);
  }
  writer.y = lowest;
}

export async function buildPlanningReport(input: PlanningReportInput): Promise<Uint8Array> {
  const { subject, plan } = input;
  const result = planCase(input.spineCase, plan.content, input.pelvis);
  const output = result.ok ? result.value : undefined;
  const base = planCase(input.spineCase, EMPTY_PLAN, input.pelvis);
  const baseline = base.ok ? base.value : undefined;
  const classification: CaseClassification = classifyCase(input.spineCase);
  const predictedClassification = output === undefined ? undefined : classifyCase(output.predictedCase);

  const writer = await ReportWriter.create(
    {
      title: 'SpineRecon planning report',
      identity: identityLine(subject),
      notice: `${DECISION_NOTICE} ${DECISION_SUPPORT_STATEMENT}`,
    },
    `Planning report: ${plan.title} v${plan.version}`,
  );
  writer.text('Surgical planning report', MARGIN_PT, writer.y, 18, { bold: true });
  writer.space(24);
  writer.paragraph(
    `${DECISION_NOTICE} Predictions are geometric simulations of the landmarks, not outcomes.`,
    {
      bold: true,
      sizePt: 9.5,
      color: COLORS.missed,
    },
  );
  writer.table(
    [
      { title: 'Patient and plan', share: 1.3 },
      { title: '', share: 4 },
    ],
    [
      ...subjectRows(writer, subject),
      [
        'Plan',
        `“${plan.title}”, version ${plan.version}${plan.version === plan.latestVersion ? ' (latest)' : ` — NOT the latest: version ${plan.latestVersion} exists`}; saved by ${plan.savedBy}, ${plan.savedAt.slice(0, 16).replace('T', ' ')} UTC`,
      ],
      [
        'Simulation',
        `${PELVIS_TEXT[input.pelvis]}; targets: ${baseline === undefined ? '—' : targetSetOf(baseline.targets.preoperative, input.targetSet).name}`,
      ],
      [
        'Generated',
        `${input.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC by ${input.generatedBy}`,
      ],
    ],
    8.5,
  );
  writer.subheading('Films used');
  for (const film of input.films.films)
    writer.paragraph(
      `• ${filmLabel(film.row)}${film.row.calibration_note === null ? '' : ` — calibration: ${film.row.calibration_note}`}`,
      {
        indentPt: 6,
        sizePt: 8,
      },
    );
  if (input.films.films.length === 0) writer.paragraph('No film with landmarks.');
  for (const skipped of input.films.skipped)
    writer.paragraph(`• not used: ${skipped}`, { indentPt: 6, sizePt: 8, color: COLORS.muted });
  if (!result.ok)
    writer.paragraph(`The plan cannot be simulated: ${result.reason}.`, { bold: true, color: COLORS.missed });

  writer.heading('Alignment: preoperative | predicted | target');
  if (baseline === undefined) writer.paragraph(`No prediction: ${base.ok ? '' : base.reason}.`);
  else alignmentTable(writer, baseline, output, input.targetSet);

  await filmsPage(writer, input, output);

  writer.addPage();
  writer.heading('Classification');
  classificationSection(writer, classification, predictedClassification);
  writer.subheading('Coronal curves (preoperative; the simulation is sagittal)');
  coronalTable(writer, classification.measurements);
  writer.heading('The plan');
  planSection(writer, plan.content, output);
  writer.heading('Complication risks, with their sources');
  riskSection(writer, output?.risks);

  const rods = (output?.implants.rods ?? []).filter((r): r is RodGeometry => !('undetermined' in r));
  addRodTemplatePages(writer, rods, output?.implants.instrumentedLevels ?? []);
  return writer.finish();
}
