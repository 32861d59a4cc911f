import type { ClinicalFacts, Diagnosis } from '../case/types.js';
import type { ClassificationInputs } from './classificationInputs.js';
import type { Classifications } from './classifyCase.js';
import type { AlignmentTargets, Target } from './targets.js';

export interface OffTarget {
  readonly targetSet: string;
  readonly parameter: Target['parameter'];
  readonly value: number;
  readonly min: number | null;
  readonly max: number | null;
  readonly unit: Target['unit'];
  /** How far outside the range: value − max above it, value − min below it. */
  readonly beyondRange: number;
}

/** The facts a surgeon weighs, side by side. It states facts and thresholds; it never says "operate". */
export interface IndicationSummary {
  readonly diagnosis: Diagnosis | null;
  readonly classifications: readonly string[];
  readonly offTarget: readonly OffTarget[];
  readonly clinicalFacts: readonly string[];
  /** Clinical facts the case does not record, so the surgeon knows what is missing. */
  readonly notRecorded: readonly string[];
  readonly statement: string;
}

export const DECISION_SUPPORT_STATEMENT =
  'SpineRecon states measurements, classifications and published thresholds. It is decision support: whether and how to operate is decided by the surgeon with the patient.';

export function indicationSummary(
  inputs: ClassificationInputs,
  classifications: Classifications,
  targets: AlignmentTargets,
): IndicationSummary {
  return {
    diagnosis: inputs.clinical?.diagnosis ?? null,
    classifications: classificationLines(classifications),
    offTarget: offTarget(targets),
    clinicalFacts: clinicalFacts(inputs.clinical),
    notRecorded: notRecorded(inputs.clinical),
    statement: DECISION_SUPPORT_STATEMENT,
  };
}

function classificationLines(c: Classifications): string[] {
  const lines: string[] = [];
  const s = c.srsSchwab;
  const show = (v: string | null) => v ?? 'undetermined';
  lines.push(
    `SRS–Schwab: curve type ${show(s.curveType)}, PI−LL ${show(s.piLl)}, PT ${show(s.pt)}, SVA ${show(s.sva)}`,
  );
  if (c.lenke.type !== null)
    lines.push(`Lenke ${c.lenke.classification ?? `type ${c.lenke.type} (modifiers undetermined)`}`);
  if (c.roussouly.type !== null) lines.push(`Roussouly type ${c.roussouly.type}`);
  if (c.gap.total !== null) lines.push(`GAP score ${c.gap.total}: ${c.gap.category}`);
  for (const l of c.listheses.levels ?? []) {
    lines.push(
      l.meyerdingGrade === undefined
        ? `${l.level} retrolisthesis ${Math.abs(l.slipPercent).toFixed(0)} %`
        : `${l.level} spondylolisthesis ${l.slipPercent.toFixed(0)} %, Meyerding grade ${l.meyerdingGrade}`,
    );
  }
  if (c.tlics.total !== null) lines.push(`TLICS ${c.tlics.total} (published band: ${c.tlics.band})`);
  if (c.sins.total !== null) lines.push(`SINS ${c.sins.total} (${c.sins.band})`);
  return lines;
}

function offTarget(targets: AlignmentTargets): OffTarget[] {
  const found: OffTarget[] = [];
  for (const set of Object.values(targets)) {
    for (const t of set.targets) {
      if (t.met !== false || t.value === null) continue;
      const beyondRange = t.max !== null && t.value > t.max ? t.value - t.max : t.value - (t.min ?? t.value);
      found.push({
        targetSet: set.name,
        parameter: t.parameter,
        value: t.value,
        min: t.min,
        max: t.max,
        unit: t.unit,
        beyondRange,
      });
    }
  }
  return found;
}

function clinicalFacts(facts: ClinicalFacts | undefined): string[] {
  if (facts === undefined) return [];
  const lines: string[] = [];
  if (facts.symptomMonths !== undefined) lines.push(`symptoms for ${facts.symptomMonths} months`);
  if (facts.conservativeTreatment !== undefined) {
    const tried = facts.conservativeTreatment.map((t) =>
      t.months === undefined ? t.kind : `${t.kind} ${t.months} months`,
    );
    lines.push(
      tried.length === 0 ? 'no conservative treatment tried' : `conservative treatment: ${tried.join(', ')}`,
    );
  }
  if (facts.neurologicalStatus !== undefined) lines.push(`neurological status: ${facts.neurologicalStatus}`);
  if (facts.backPainNrs !== undefined) lines.push(`back pain NRS ${facts.backPainNrs}/10`);
  if (facts.legPainNrs !== undefined) lines.push(`leg pain NRS ${facts.legPainNrs}/10`);
  return lines;
}

const RECORDABLE: readonly (keyof ClinicalFacts)[] = [
  'diagnosis',
  'symptomMonths',
  'conservativeTreatment',
  'neurologicalStatus',
  'backPainNrs',
  'legPainNrs',
];

function notRecorded(facts: ClinicalFacts | undefined): string[] {
  return RECORDABLE.filter((key) => facts?.[key] === undefined);
}
