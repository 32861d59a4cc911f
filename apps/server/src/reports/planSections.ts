import {
  LEVELS,
  OSTEOTOMY_GRADES,
  type ComplicationRisk,
  type Level,
  type PlanOutput,
  type Screw,
  type SurgicalPlan,
} from '@spinerecon/core';
import { cite } from './alignmentSections.js';
import { formatNumber } from './pdfText.js';
import { COLORS, type Cell, type ReportWriter } from './pdfWriter.js';

// The plan as the operating room reads it — fusion range, osteotomies and cages with their angles, screws
// per level and side, rods with length and bends, graft — and the complication risks with their sources.
// Angles, lengths and checks are the core's (planCase: simulation elements, sizeImplants, complicationRisks).

const GRAFT: Readonly<Record<string, string>> = {
  'local-autograft': 'local autograft',
  'iliac-crest-autograft': 'iliac crest autograft',
  allograft: 'allograft',
  'demineralized-bone-matrix': 'demineralised bone matrix',
  synthetic: 'synthetic graft',
  'rhBMP-2': 'rhBMP-2',
};

/** The plan's elements as simulated (with the angle used and where it came from), or as written. */
function elementRows(plan: SurgicalPlan, output: PlanOutput | undefined): Cell[][] {
  if (output !== undefined) {
    return output.simulated.elements.map((e) => [
      e.description,
      { text: `${formatNumber(e.angleDeg)}°`, bold: true },
      e.angleSource === 'plan' ? 'plan' : 'published default of the grade',
    ]);
  }
  return [
    ...plan.osteotomies.map((o): Cell[] => [
      `grade ${o.grade} ${OSTEOTOMY_GRADES[o.grade].name} at ${o.level}`,
      o.angleDeg === undefined ? '—' : `${formatNumber(o.angleDeg)}°`,
      o.angleDeg === undefined ? 'not given' : 'plan',
    ]),
    ...plan.cages.map((c): Cell[] => [
      `interbody cage below ${c.disc}${c.approach === undefined ? '' : ` (${c.approach})`}, ${formatNumber(c.heightMm)} mm`,
      `${formatNumber(c.lordoticAngleDeg)}°`,
      'plan',
    ]),
    ...plan.vertebralBodyReplacements.map((r): Cell[] => [
      `vertebral body replacement of ${r.levelsRemoved.join('–')}, ${formatNumber(r.heightMm)} mm`,
      `${formatNumber(r.angleDeg)}°`,
      'plan',
    ]),
  ];
}

const screwText = (screws: readonly Pick<Screw, 'diameterMm' | 'lengthMm'>[]): string =>
  screws.length === 0
    ? '—'
    : screws.map((s) => `${formatNumber(s.diameterMm)} × ${formatNumber(s.lengthMm, 0)} mm`).join(', ');

function screwRows(plan: SurgicalPlan, output: PlanOutput | undefined): Cell[][] {
  const sizing = new Map(output?.implants.screws.map((s) => [s.level, s]) ?? []);
  const levels = new Set<Level>([
    ...(output?.implants.instrumentedLevels ?? []),
    ...plan.screws.map((s) => s.level),
  ]);
  return LEVELS.filter((l) => levels.has(l)).map((level) => {
    const at = plan.screws.filter((s) => s.level === level);
    const checks = sizing.get(level)?.screws ?? [];
    const limit = checks.filter((c) => c.diameterWithinLimit !== null);
    const check: Cell =
      limit.length === 0
        ? { text: 'no pedicle width given', color: COLORS.muted }
        : limit.every((c) => c.diameterWithinLimit === true)
          ? {
              text: `within 80 % of pedicle width (max ${limit.map((c) => formatNumber(c.maxDiameterMm)).join('/')} mm)`,
              color: COLORS.met,
            }
          : {
              text: `over 80 % of pedicle width (max ${limit.map((c) => formatNumber(c.maxDiameterMm)).join('/')} mm)`,
              color: COLORS.missed,
              bold: true,
            };
    const depth = sizing.get(level)?.bodyDepthMm;
    return [
      { text: level, bold: true },
      screwText(at.filter((s) => s.side === 'left')),
      screwText(at.filter((s) => s.side === 'right')),
      depth === null || depth === undefined ? '—' : `${formatNumber(depth)} mm`,
      check,
    ];
  });
}

function rodRows(plan: SurgicalPlan, output: PlanOutput | undefined): Cell[][] {
  if (output === undefined) {
    return plan.rods.map((r) => [
      r.side,
      `${formatNumber(r.diameterMm)} mm ${r.material}`,
      { text: 'not sized: the plan is not simulated', color: COLORS.muted },
      '—',
      '—',
    ]);
  }
  return output.implants.rods.map((rod): Cell[] => {
    if ('undetermined' in rod)
      return [rod.side, '—', { text: `not sized: ${rod.undetermined}`, color: COLORS.muted }, '—', '—'];
    return [
      { text: rod.side, bold: true },
      `${formatNumber(rod.diameterMm)} mm ${rod.material}`,
      {
        text: `${formatNumber(rod.lengthMm)} mm (overhang ${formatNumber(rod.overhangMm)} mm each end)`,
        bold: true,
      },
      {
        text: `${formatNumber(rod.contourDeg)}°${rod.contourOverRiskThreshold ? ' (over 60°, Barton 2015)' : ''}`,
        ...(rod.contourOverRiskThreshold ? { color: COLORS.missed } : {}),
      },
      rod.bends.map((b) => `${b.level} ${formatNumber(b.bendDeg)}°`).join(', ') || '—',
    ];
  });
}

export function planSection(writer: ReportWriter, plan: SurgicalPlan, output: PlanOutput | undefined): void {
  const fusion = plan.fusion;
  writer.subheading('Fusion');
  writer.paragraph(
    fusion === undefined
      ? 'No fusion range in the plan.'
      : `${fusion.upperInstrumentedVertebra} to ${fusion.lowerInstrumentedVertebra}; pelvic fixation: ${fusion.pelvicFixation}.` +
          (output === undefined || output.implants.instrumentedLevels.length === 0
            ? ''
            : ` Instrumented levels: ${output.implants.instrumentedLevels.join(', ')}.`),
  );
  const elements = elementRows(plan, output);
  writer.subheading('Osteotomies, cages and vertebral body replacements');
  if (elements.length === 0) writer.paragraph('None.');
  else
    writer.table(
      [
        { title: 'Element', share: 4 },
        { title: 'Angle', share: 1, align: 'right' },
        { title: 'Angle from', share: 2 },
      ],
      elements,
    );
  writer.subheading('Pedicle screws (diameter × length)');
  const screws = screwRows(plan, output);
  if (screws.length === 0) writer.paragraph('None.');
  else
    writer.table(
      [
        { title: 'Level', share: 0.8 },
        { title: 'Left', share: 1.6 },
        { title: 'Right', share: 1.6 },
        { title: 'Body depth (predicted film)', share: 1.5, align: 'right' },
        { title: 'Diameter check (Misenhimer 1989)', share: 2.6 },
      ],
      screws,
    );
  writer.subheading('Rods');
  const rods = rodRows(plan, output);
  if (rods.length === 0) writer.paragraph('None.');
  else
    writer.table(
      [
        { title: 'Side', share: 0.7 },
        { title: 'Rod', share: 1.6 },
        { title: 'Length', share: 2 },
        { title: 'Contour', share: 1.1 },
        { title: 'Bend at each screw (lordotic +)', share: 3 },
      ],
      rods,
    );
  const rodNotes = [...new Set(output?.implants.rods.flatMap((r) => ('notes' in r ? r.notes : [])) ?? [])];
  if (rodNotes.length > 0) writer.paragraph(`${rodNotes.join('; ')}.`, { sizePt: 7.5, color: COLORS.muted });
  if (output?.implants.undetermined !== undefined)
    writer.paragraph(`Implants not sized: ${output.implants.undetermined}.`, {
      sizePt: 7.5,
      color: COLORS.muted,
    });
  writer.subheading('Bone graft');
  const graft = plan.boneGraft;
  writer.paragraph(
    graft === undefined || graft.types.length === 0
      ? 'None given.'
      : `${graft.types.map((t) => GRAFT[t] ?? t).join(', ')}${graft.volumeMl === undefined ? '' : `, ${formatNumber(graft.volumeMl, 0)} ml`}.`,
  );
}

const rate = (value: number | { readonly min: number; readonly max: number }): string =>
  typeof value === 'number' ? `${value} %` : `${value.min}–${value.max} %`;

export function riskSection(writer: ReportWriter, risks: readonly ComplicationRisk[] | undefined): void {
  if (risks === undefined) {
    writer.paragraph('The risks are given once the plan can be simulated.');
    return;
  }
  const model = risks[0]?.model;
  if (model !== undefined) writer.paragraph(`${model}.`, { sizePt: 8, color: COLORS.muted });
  for (const risk of risks) {
    const name = risk.complication.replace(/-/g, ' ');
    writer.subheading(`${name.charAt(0).toUpperCase()}${name.slice(1)}`);
    for (const r of risk.rates)
      writer.paragraph(`• ${rate(r.ratePercent)} — ${r.statement} (${r.population}; ${cite(r.citation)})`, {
        indentPt: 6,
        sizePt: 8,
      });
    if (risk.estimate !== undefined)
      writer.paragraph(
        `• ${risk.estimate.valueMl} ml — ${risk.estimate.statement} (${risk.estimate.population}; ${cite(risk.estimate.citation)})`,
        { indentPt: 6, sizePt: 8 },
      );
    if (risk.factors.length > 0) {
      writer.table(
        [
          { title: 'What drives it', share: 2 },
          { title: 'This patient / plan', share: 1.3 },
          { title: 'Evidence (source)', share: 4.2 },
        ],
        risk.factors.map((f): Cell[] => [
          f.present === true ? { text: f.factor, bold: true } : f.factor,
          f.thisPatient ?? { text: 'unknown', color: COLORS.muted },
          `${f.evidence} (${cite(f.citation)})`,
        ]),
        7.5,
      );
    }
  }
}
