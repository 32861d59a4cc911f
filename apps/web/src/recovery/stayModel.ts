import { STAY_MILESTONES, type CaseError, type DischargeDestination } from '@spinerecon/core';
import type { HospitalStayContent, LengthOfStay, StayMilestone } from './recoveryTypes';

// The hospital stay's form (dates as typed, one row per milestone) and how its length reads. The length and
// its assessment are the server's (the core's assessLengthOfStay); nothing is computed here.

export interface StayDraft {
  readonly admissionDate: string;
  readonly dischargeDate: string;
  /** Rows without a date are left out when saved. */
  readonly milestones: readonly { readonly kind: StayMilestone['kind']; readonly date: string }[];
  readonly dischargeDestination: DischargeDestination | '';
}

/** A new stay: admitted on the operation day (when known), one empty row per milestone of the core's list. */
export function newStayDraft(operationDate: string | undefined): StayDraft {
  return {
    admissionDate: operationDate ?? '',
    dischargeDate: '',
    milestones: STAY_MILESTONES.map((m) => ({ kind: m.kind, date: '' })),
    dischargeDestination: '',
  };
}

export function stayDraftOf(content: HospitalStayContent): StayDraft {
  const recorded = content.milestones.map((m) => ({ kind: m.kind, date: m.date }));
  const missing = STAY_MILESTONES.filter((m) => !recorded.some((r) => r.kind === m.kind)).map((m) => ({
    kind: m.kind,
    date: '',
  }));
  return {
    admissionDate: content.admissionDate,
    dischargeDate: content.dischargeDate ?? '',
    milestones: [...recorded, ...missing],
    dischargeDestination: content.dischargeDestination ?? '',
  };
}

export type StayCheck =
  | { readonly ok: true; readonly content: HospitalStayContent }
  | { readonly ok: false; readonly errors: readonly CaseError[] };

export function stayContentOf(draft: StayDraft): StayCheck {
  const errors: CaseError[] = [];
  if (draft.admissionDate === '')
    errors.push({ path: '$.content.admissionDate', message: 'the admission date is needed' });
  if (draft.dischargeDate !== '' && draft.admissionDate !== '' && draft.dischargeDate < draft.admissionDate) {
    errors.push({ path: '$.content.dischargeDate', message: 'the discharge is before the admission' });
  }
  const milestones: StayMilestone[] = [];
  draft.milestones.forEach((m, i) => {
    if (m.date === '') return;
    if (draft.admissionDate !== '' && m.date < draft.admissionDate) {
      errors.push({ path: `$.content.milestones[${i}].date`, message: 'before the admission' });
    } else if (draft.dischargeDate !== '' && m.date > draft.dischargeDate) {
      errors.push({ path: `$.content.milestones[${i}].date`, message: 'after the discharge' });
    } else milestones.push({ kind: m.kind, date: m.date });
  });
  if (errors.length > 0) return { ok: false, errors };
  milestones.sort((a, b) => a.date.localeCompare(b.date));
  return {
    ok: true,
    content: {
      admissionDate: draft.admissionDate,
      ...(draft.dischargeDate === '' ? {} : { dischargeDate: draft.dischargeDate }),
      milestones,
      ...(draft.dischargeDestination === '' ? {} : { dischargeDestination: draft.dischargeDestination }),
    },
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `6 days: within the expected 5–7 days`, or that the patient is still in hospital. */
export function lengthOfStayText(lengthOfStay: LengthOfStay | null): string {
  if (lengthOfStay === null) return 'No discharge date yet: the length of stay is counted at discharge.';
  const { days, expectedDays, assessment, extendedStay } = lengthOfStay;
  const expected = `${expectedDays.min}–${expectedDays.max} days`;
  const where =
    assessment === 'within'
      ? `within the expected ${expected}`
      : assessment === 'shorter'
        ? `shorter than the expected ${expected}`
        : `longer than the expected ${expected}`;
  return `${plural(days, 'day')}: ${where}${extendedStay ? '; an extended stay' : ''}.`;
}
