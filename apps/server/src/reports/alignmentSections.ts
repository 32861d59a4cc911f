import {
  CITATIONS,
  type AlignmentTargets,
  type CaseClassification,
  type CoronalOutput,
  type LateralOutput,
  type MeasurementOutput,
  type PlanOutput,
  type Target,
  type TargetSet,
  type TargetSetName,
} from '@spinerecon/core';
import { formatNumber } from './pdfText.js';
import { COLORS, type Cell, type ReportWriter } from './pdfWriter.js';

// The alignment part of a report: preoperative | predicted | target for every sagittal parameter (planCase),
// the coronal curves, and the classifications (classifyCase). Values and targets are the core's; here they
// are only put in rows.

/** The sagittal parameters of the table, in order, with their short names (as the planning page shows them). */
export const TABLE_PARAMETERS: readonly (readonly [Target['parameter'], string])[] = [
  ['pelvicIncidenceDeg', 'PI'],
  ['pelvicTiltDeg', 'PT'],
  ['sacralSlopeDeg', 'SS'],
  ['lumbarLordosisDeg', 'LL (L1–S1)'],
  ['lumbarLordosisL4S1Deg', 'L4–S1 lordosis'],
  ['piLlMismatchDeg', 'PI − LL'],
  ['lordosisDistributionIndexPercent', 'LDI (L4–S1 / LL)'],
  ['thoracicKyphosisT4T12Deg', 'TK (T4–T12)'],
  ['thoracicKyphosisT5T12Deg', 'TK (T5–T12)'],
  ['thoracolumbarKyphosisT10L2Deg', 'T10–L2'],
  ['proximalThoracicKyphosisT2T5Deg', 'T2–T5'],
  ['sagittalVerticalAxisMm', 'SVA'],
  ['t1PelvicAngleDeg', 'TPA'],
  ['t1SlopeDeg', 'T1 slope'],
  ['globalTiltDeg', 'Global tilt'],
  ['cervicalLordosisC2C7Deg', 'C2–C7 lordosis'],
  ['cervicalSvaMm', 'cSVA (C2–C7)'],
];

const SET_KEY: Readonly<Record<TargetSetName, keyof AlignmentTargets>> = {
  'srs-schwab': 'srsSchwab',
  'gap-proportional': 'gapProportional',
  'age-adjusted': 'ageAdjusted',
};

export const targetSetOf = (targets: AlignmentTargets, name: TargetSetName): TargetSet =>
  targets[SET_KEY[name]];

const UNIT: Readonly<Record<Target['unit'], string>> = { deg: '°', mm: ' mm', percent: ' %' };

export const unitOf = (parameter: string): string =>
  parameter.endsWith('Mm') ? UNIT.mm : parameter.endsWith('Percent') ? UNIT.percent : UNIT.deg;

export function valueText(value: number | null | undefined, parameter: string): string {
  return value === null || value === undefined ? '—' : `${formatNumber(value)}${unitOf(parameter)}`;
}

export function rangeText(target: Pick<Target, 'min' | 'max' | 'unit'>): string {
  const unit = UNIT[target.unit];
  if (target.min !== null && target.max !== null)
    return `${formatNumber(target.min)} to ${formatNumber(target.max)}${unit}`;
  if (target.max !== null) return `< ${formatNumber(target.max)}${unit}`;
  if (target.min !== null) return `≥ ${formatNumber(target.min)}${unit}`;
  return '—';
}

export const cite = (id: string): string =>
  (CITATIONS as Readonly<Record<string, string | undefined>>)[id] ?? id;

/** The values of the first lateral film of a measurement output. */
export function lateralValues(output: MeasurementOutput | undefined): Readonly<Record<string, number>> {
  const lateral = output?.radiographs.find((r): r is LateralOutput => r.view === 'lateral');
  return lateral === undefined ? {} : lateral.values;
}

const metCell = (met: boolean | null | undefined): Cell =>
  met === true
    ? { text: 'met', color: COLORS.met, bold: true }
    : met === false
      ? { text: 'not met', color: COLORS.missed, bold: true }
      : { text: '—', color: COLORS.muted };

const ldiOf = (targets: AlignmentTargets | undefined): number | null | undefined =>
  targets === undefined
    ? undefined
    : targetSetOf(targets, 'gap-proportional').targets.find(
        (t) => t.parameter === 'lordosisDistributionIndexPercent',
      )?.value;

/** Preoperative | predicted | target, with met / not met of the predicted value (or the preoperative one). */
export function alignmentTable(
  writer: ReportWriter,
  baseline: PlanOutput,
  output: PlanOutput | undefined,
  targetSet: TargetSetName,
): void {
  const pre = lateralValues(baseline.preoperative);
  const post = lateralValues(output?.predicted);
  const preSet = targetSetOf(baseline.targets.preoperative, targetSet);
  const postSet = output === undefined ? undefined : targetSetOf(output.targets.predicted, targetSet);
  const rows = TABLE_PARAMETERS.map(([parameter, name]): Cell[] => {
    const ldi = parameter === 'lordosisDistributionIndexPercent';
    const preValue = ldi ? ldiOf(baseline.targets.preoperative) : pre[parameter];
    const postValue = ldi ? ldiOf(output?.targets.predicted) : post[parameter];
    const preTarget = preSet.targets.find((t) => t.parameter === parameter);
    const postTarget = postSet?.targets.find((t) => t.parameter === parameter);
    const target = postTarget ?? preTarget;
    return [
      { text: name, bold: true },
      valueText(preValue, parameter),
      output === undefined ? 'not simulated' : valueText(postValue, parameter),
      target === undefined ? '—' : rangeText(target),
      metCell(output === undefined ? preTarget?.met : postTarget?.met),
    ];
  });
  writer.table(
    [
      { title: 'Parameter', share: 2.2 },
      { title: 'Preoperative', share: 1.5, align: 'right' },
      { title: 'Predicted', share: 1.5, align: 'right' },
      { title: `Target (${preSet.name})`, share: 2.2 },
      { title: output === undefined ? 'Preoperative value' : 'Predicted value', share: 1.4 },
    ],
    rows,
  );
  const notes: string[] = [`Targets: ${preSet.name} (${cite(preSet.citation)}).`];
  if (preSet.undetermined !== undefined) notes.push(`${preSet.undetermined}.`);
  const compensation = output?.compensation;
  if (compensation !== undefined) {
    notes.push(
      compensation.applied
        ? `Pelvic compensation (${compensation.model}): PT change ${formatNumber(compensation.pelvicTiltChangeDeg)}° applied; prediction error: ${compensation.predictionError}.`
        : `Pelvic compensation not applied: ${compensation.reason ?? 'no reason given'}.`,
    );
  }
  if (output !== undefined && output.notes.length > 0) notes.push(`${output.notes.join('; ')}.`);
  for (const note of notes) writer.paragraph(note, { sizePt: 7.5, color: COLORS.muted });
}

/** The coronal films' curves and balance (not changed by the plan: the simulation is sagittal). */
export function coronalTable(writer: ReportWriter, output: MeasurementOutput): void {
  const coronal = output.radiographs.filter((r): r is CoronalOutput => r.view === 'coronal');
  if (coronal.length === 0) {
    writer.paragraph('No coronal film with landmarks.');
    return;
  }
  const rows: Cell[][] = [];
  for (const film of coronal) {
    for (const curve of film.curves) {
      rows.push([
        `${curve.upperEnd}–${curve.lowerEnd}`,
        curve.apex,
        curve.convexity,
        `${formatNumber(curve.cobbDeg)}°`,
        curve.apicalTranslationMm === undefined ? '—' : `${formatNumber(curve.apicalTranslationMm)} mm`,
      ]);
    }
    const balance = film.values.coronalBalanceMm;
    rows.push([
      { text: 'Coronal balance (C7 plumb line to CSVL)', bold: true },
      '',
      '',
      '',
      balance === undefined
        ? `— (${film.unavailable.coronalBalanceMm ?? 'unavailable'})`
        : `${formatNumber(balance)} mm`,
    ]);
  }
  writer.table(
    [
      { title: 'Curve (end vertebrae)', share: 2.4 },
      { title: 'Apex', share: 1 },
      { title: 'Convex to', share: 1 },
      { title: 'Cobb', share: 1, align: 'right' },
      { title: 'Apical translation', share: 1.6, align: 'right' },
    ],
    rows,
  );
}

/** The classifications of the case, and of the predicted lateral film. */
export function classificationSection(
  writer: ReportWriter,
  preoperative: CaseClassification,
  predicted: CaseClassification | undefined,
): void {
  writer.subheading('Preoperative');
  for (const line of preoperative.indication.classifications) writer.paragraph(`• ${line}`, { indentPt: 6 });
  if (predicted !== undefined) {
    writer.subheading('Predicted (the simulated lateral film)');
    for (const line of predicted.indication.classifications) writer.paragraph(`• ${line}`, { indentPt: 6 });
  }
  const c = preoperative.classifications;
  const sources = new Set([
    ...c.srsSchwab.citations,
    ...c.lenke.citations,
    ...c.roussouly.citations,
    ...c.gap.citations,
    ...c.listheses.citations,
  ]);
  writer.paragraph(`Sources: ${[...sources].map(cite).join('; ')}.`, { sizePt: 7, color: COLORS.muted });
}
