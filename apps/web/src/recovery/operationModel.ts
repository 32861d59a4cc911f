import { EMPTY_PLAN, PLAN_FORMAT, validatePlan, type CaseError, type SurgicalPlan } from '@spinerecon/core';
import {
  OPERATION_FORMAT,
  type Implant,
  type NeuromonitoringAlert,
  type OperationContent,
  type Performed,
} from './recoveryTypes';

// The operation record's form: a draft as typed (numbers as text, blank rows allowed), built from a plan or a
// saved record, and turned back into `spinerecon.operation/1` with every problem named by its JSON path (the
// paths the server uses, so its messages and ours read the same). What was performed is checked by the core's
// validatePlan, as the server does.

export interface OperationDraft {
  readonly date: string;
  readonly planId?: string;
  readonly planVersion?: number;
  /** What was performed, as a plan for the planning editor (with `format`, without risk factors). */
  readonly performed: SurgicalPlan;
  readonly durationMin: string;
  readonly estimatedBloodLossMl: string;
  readonly transfusionUnits: string;
  readonly neuromonitoringAlerts: readonly NeuromonitoringAlert[];
  readonly intraoperativeComplications: readonly string[];
  readonly implants: readonly { readonly description: string; readonly udi: string }[];
  readonly notes: string;
}

export type DraftCheck =
  | { readonly ok: true; readonly content: OperationContent }
  | { readonly ok: false; readonly errors: readonly CaseError[] };

/** A plan's elements without what says nothing about theatre (`format`, `riskFactors`). */
export function performedOf(plan: SurgicalPlan): Performed {
  const { format: _format, riskFactors: _riskFactors, ...performed } = plan;
  void _format;
  void _riskFactors;
  return performed;
}

/** What was performed as a plan the planning editor can show. */
export function planOf(performed: Performed): SurgicalPlan {
  return { ...performed, format: PLAN_FORMAT };
}

export function emptyDraft(date: string): OperationDraft {
  return {
    date,
    performed: EMPTY_PLAN,
    durationMin: '',
    estimatedBloodLossMl: '',
    transfusionUnits: '',
    neuromonitoringAlerts: [],
    intraoperativeComplications: [],
    implants: [],
    notes: '',
  };
}

/** The plan's fusion range, osteotomies, cages, VBR, screws, rods and graft copied as "performed". */
export function draftFromPlan(
  base: OperationDraft,
  plan: SurgicalPlan,
  planId: string,
  planVersion: number,
): OperationDraft {
  return { ...base, planId, planVersion, performed: planOf(performedOf(plan)) };
}

const text = (value: number | undefined): string => (value === undefined ? '' : String(value));

/** A saved record back in the form; `undefined` with the core's errors if its `performed` is not readable. */
export function draftFromRecord(content: OperationContent): {
  readonly draft: OperationDraft;
  readonly errors: readonly CaseError[];
} {
  const checked = validatePlan(planOf(content.performed));
  return {
    draft: {
      date: content.date,
      ...(content.planId === undefined ? {} : { planId: content.planId }),
      ...(content.planVersion === undefined ? {} : { planVersion: content.planVersion }),
      performed: checked.ok ? planOf(performedOf(checked.value)) : EMPTY_PLAN,
      durationMin: text(content.durationMin),
      estimatedBloodLossMl: text(content.estimatedBloodLossMl),
      transfusionUnits: text(content.transfusionUnits),
      neuromonitoringAlerts: content.neuromonitoringAlerts,
      intraoperativeComplications: content.intraoperativeComplications,
      implants: content.implants.map((i) => ({ description: i.description, udi: i.udi ?? '' })),
      notes: content.notes,
    },
    errors: checked.ok
      ? []
      : checked.errors.map((e) => ({
          path: e.path.replace(/^\$/, '$.content.performed'),
          message: e.message,
        })),
  };
}

interface NumberRule {
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
}

/** The server's ranges (apps/server/src/http/schemas/recovery.ts operationContent). */
const NUMBER_RULES = {
  durationMin: { min: 1, max: 2880, integer: true },
  estimatedBloodLossMl: { min: 0, max: 100_000, integer: false },
  transfusionUnits: { min: 0, max: 500, integer: true },
} as const satisfies Record<string, NumberRule>;

function readNumber(
  field: keyof typeof NUMBER_RULES,
  value: string,
  errors: CaseError[],
): number | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  const rule: NumberRule = NUMBER_RULES[field];
  const number = Number(trimmed);
  const path = `$.content.${field}`;
  if (!Number.isFinite(number)) errors.push({ path, message: 'must be a number' });
  else if (rule.integer && !Number.isInteger(number))
    errors.push({ path, message: 'must be a whole number' });
  else if (number < rule.min || number > rule.max)
    errors.push({ path, message: `must be from ${rule.min} to ${rule.max}` });
  else return number;
  return undefined;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The draft as `spinerecon.operation/1`, or every problem with its path. Blank list rows are left out. */
export function contentFromDraft(draft: OperationDraft, today: string): DraftCheck {
  const errors: CaseError[] = [];
  if (!ISO_DATE.test(draft.date))
    errors.push({ path: '$.content.date', message: 'the operation date is needed' });
  else if (draft.date > today)
    errors.push({ path: '$.content.date', message: 'the operation date is in the future' });
  const durationMin = readNumber('durationMin', draft.durationMin, errors);
  const estimatedBloodLossMl = readNumber('estimatedBloodLossMl', draft.estimatedBloodLossMl, errors);
  const transfusionUnits = readNumber('transfusionUnits', draft.transfusionUnits, errors);

  const checked = validatePlan(draft.performed);
  if (!checked.ok) {
    for (const e of checked.errors)
      errors.push({ path: e.path.replace(/^\$/, '$.content.performed'), message: e.message });
  }

  const neuromonitoringAlerts: NeuromonitoringAlert[] = [];
  draft.neuromonitoringAlerts.forEach((alert, i) => {
    const description = alert.description.trim();
    const action = alert.action.trim();
    if (description === '' && action === '') return;
    if (description === '')
      errors.push({
        path: `$.content.neuromonitoringAlerts[${i}].description`,
        message: 'say what the alert was',
      });
    else neuromonitoringAlerts.push({ description, action });
  });
  const intraoperativeComplications = draft.intraoperativeComplications
    .map((c) => c.trim())
    .filter((c) => c !== '');
  const implants: Implant[] = [];
  draft.implants.forEach((implant, i) => {
    const description = implant.description.trim();
    const udi = implant.udi.trim();
    if (description === '' && udi === '') return;
    if (description === '')
      errors.push({ path: `$.content.implants[${i}].description`, message: 'describe the implant' });
    else implants.push(udi === '' ? { description } : { description, udi });
  });

  if (errors.length > 0 || !checked.ok) return { ok: false, errors };
  return {
    ok: true,
    content: {
      format: OPERATION_FORMAT,
      date: draft.date,
      ...(draft.planId === undefined ? {} : { planId: draft.planId }),
      ...(draft.planId === undefined || draft.planVersion === undefined
        ? {}
        : { planVersion: draft.planVersion }),
      performed: performedOf(checked.value),
      ...(durationMin === undefined ? {} : { durationMin }),
      ...(estimatedBloodLossMl === undefined ? {} : { estimatedBloodLossMl }),
      ...(transfusionUnits === undefined ? {} : { transfusionUnits }),
      neuromonitoringAlerts,
      intraoperativeComplications,
      implants,
      notes: draft.notes.trim(),
    },
  };
}

/** The errors that belong to what was performed, with the editor's paths (`$.osteotomies[0]…`). */
export function performedErrors(errors: readonly CaseError[]): CaseError[] {
  return errors
    .filter((e) => e.path.startsWith('$.content.performed'))
    .map((e) => ({ path: e.path.replace(/^\$\.content\.performed/, '$'), message: e.message }));
}
