import { PLAN_FORMAT, validatePlan, type SurgicalPlan } from '@spinerecon/core';

// Readers of the stored JSON documents the exchange formats use (plans, the operation record, the
// rehabilitation programme, questionnaire scores; docs/decisions/0016). The services that store them check
// them on the way in; these readers still take only fields of the expected type, so an older or odd
// document gives fewer facts, never a wrong one.

type Json = Readonly<Record<string, unknown>>;

export const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const numberOf = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

const textOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateOf = (value: unknown): string | undefined => {
  const text = textOf(value);
  return text !== undefined && ISO_DATE.test(text) ? text : undefined;
};

const listOf = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);

/** A stored plan (or an operation's `performed` part) as the core reads it; undefined when it does not read. */
export function planOf(content: unknown): SurgicalPlan | undefined {
  if (!isRecord(content)) return undefined;
  const result = validatePlan({ ...content, format: PLAN_FORMAT });
  return result.ok ? result.value : undefined;
}

export interface OperationFacts {
  /** YYYY-MM-DD. */
  readonly date: string | undefined;
  readonly performed: SurgicalPlan | undefined;
  readonly durationMin: number | undefined;
  readonly estimatedBloodLossMl: number | undefined;
  readonly transfusionUnits: number | undefined;
  readonly neuromonitoringAlerts: readonly { readonly description: string; readonly action: string }[];
  readonly intraoperativeComplications: readonly string[];
  readonly implants: readonly { readonly description: string; readonly udi: string | undefined }[];
  readonly notes: string;
}

/** The facts of a `spinerecon.operation/1` document (docs/decisions/0016). */
export function readOperation(content: unknown): OperationFacts {
  const doc = isRecord(content) ? content : {};
  return {
    date: dateOf(doc.date),
    performed: planOf(doc.performed),
    durationMin: numberOf(doc.durationMin),
    estimatedBloodLossMl: numberOf(doc.estimatedBloodLossMl),
    transfusionUnits: numberOf(doc.transfusionUnits),
    neuromonitoringAlerts: listOf(doc.neuromonitoringAlerts).flatMap((alert) =>
      isRecord(alert)
        ? [{ description: textOf(alert.description) ?? '', action: textOf(alert.action) ?? '' }]
        : [],
    ),
    intraoperativeComplications: listOf(doc.intraoperativeComplications).flatMap((item) =>
      typeof item === 'string' ? [item] : [],
    ),
    implants: listOf(doc.implants).flatMap((implant) =>
      isRecord(implant) ? [{ description: textOf(implant.description) ?? '', udi: textOf(implant.udi) }] : [],
    ),
    notes: textOf(doc.notes) ?? '',
  };
}

export interface RehabPhase {
  readonly name: string;
  readonly startDate: string | undefined;
  readonly endDate: string | undefined;
  readonly goals: readonly string[];
  readonly restrictions: readonly string[];
}

/** The phases of a rehabilitation programme (docs/decisions/0016). */
export function readRehabilitation(content: unknown): readonly RehabPhase[] {
  const doc = isRecord(content) ? content : {};
  const strings = (value: unknown) =>
    listOf(value).flatMap((item) => (typeof item === 'string' ? [item] : []));
  return listOf(doc.phases).flatMap((phase) =>
    isRecord(phase)
      ? [
          {
            name: textOf(phase.name) ?? '',
            startDate: dateOf(phase.startDate),
            endDate: dateOf(phase.endDate),
            goals: strings(phase.goals),
            restrictions: strings(phase.restrictions),
          },
        ]
      : [],
  );
}

/** The explanation fields of a core score (classification/explanation.ts): not results. */
const EXPLANATION_KEYS = new Set(['inputs', 'rules', 'undetermined', 'citations']);

/**
 * The results of a stored questionnaire score (the core's `scoreQuestionnaire`: `{ instrument, result }` with
 * the ODI, SRS-22r or pain result), flattened: `{ scorePercent: 35.6, band: 'moderate' }`,
 * `{ 'domains.pain': 3.4, total: 3.1 }`; null for an undetermined result. The explanation is left out.
 */
export function scoreValues(score: unknown): Readonly<Record<string, number | string | null>> {
  const result = isRecord(score) && isRecord(score.result) ? score.result : score;
  const values: Record<string, number | string | null> = {};
  const walk = (value: unknown, prefix: string) => {
    if (!isRecord(value)) return;
    for (const [key, item] of Object.entries(value)) {
      if (prefix === '' && EXPLANATION_KEYS.has(key)) continue;
      const name = prefix === '' ? key : `${prefix}.${key}`;
      if (item === null || typeof item === 'string') values[name] = item;
      else if (typeof item === 'number' && Number.isFinite(item)) values[name] = item;
      else walk(item, name);
    }
  };
  walk(result, '');
  return values;
}

/** The answers of a stored questionnaire response: a number or null per item, in order. */
export function answerValues(answers: unknown): readonly (number | null)[] {
  return listOf(answers).map((answer) => numberOf(answer) ?? null);
}
