import { daysBetween } from './calendarDates.js';
import { FOLLOW_UP_SOURCES } from './followUpSources.js';

/**
 * Milestones recorded during the hospital stay (a SpineRecon checklist: the usual steps before discharge,
 * not a published list).
 */
export const STAY_MILESTONES = [
  { kind: 'mobilisation', label: 'First mobilisation out of bed' },
  { kind: 'drainRemoval', label: 'Drain removed' },
  { kind: 'diet', label: 'Normal diet tolerated' },
  { kind: 'oralPainControl', label: 'Pain controlled with oral medication' },
  { kind: 'stairs', label: 'Stairs managed' },
] as const;

export type StayMilestoneKind = (typeof STAY_MILESTONES)[number]['kind'];

export const DISCHARGE_DESTINATIONS = [
  { destination: 'home', label: 'Home' },
  { destination: 'homeWithSupport', label: 'Home with nursing or home care' },
  { destination: 'rehabilitationFacility', label: 'Inpatient rehabilitation facility' },
  { destination: 'nursingFacility', label: 'Skilled nursing or care facility' },
  { destination: 'otherHospital', label: 'Another hospital' },
  { destination: 'other', label: 'Other' },
] as const;

export type DischargeDestination = (typeof DISCHARGE_DESTINATIONS)[number]['destination'];

export function isStayMilestoneKind(value: unknown): value is StayMilestoneKind {
  return STAY_MILESTONES.some((m) => m.kind === value);
}

export function isDischargeDestination(value: unknown): value is DischargeDestination {
  return DISCHARGE_DESTINATIONS.some((d) => d.destination === value);
}

/**
 * SpineRecon's working range for the length of stay after a long fusion for adult deformity: 5–7 nights.
 * Not a published range: it brackets the 5.7-day "expected stay" of ≥ 5-level fusions to the pelvis
 * (Global Spine J 2021, PMID 32787569) and lies under the ISSG average of 8 days (Klineberg 2016).
 */
export const EXPECTED_STAY_DAYS = { min: 5, max: 7 } as const;

/** Klineberg 2016: an extended stay is ≥ 9 days, the 75th percentile of 380 ISSG deformity patients. */
export const EXTENDED_STAY_MIN_DAYS = 9;

export interface LengthOfStayAssessment {
  readonly days: number;
  readonly expectedDays: { readonly min: number; readonly max: number };
  readonly assessment: 'shorter' | 'within' | 'longer';
  /** ≥ 9 days, the published "extended length of stay" (Klineberg 2016). */
  readonly extendedStay: boolean;
  readonly source: string;
}

/** Nights in hospital: calendar days from admission to discharge (same day → 0). Throws on bad or reversed dates. */
export function lengthOfStayDays(admissionDate: string, dischargeDate: string): number {
  const days = daysBetween(admissionDate, dischargeDate, ['admissionDate', 'dischargeDate']);
  if (days < 0) throw new Error(`dischargeDate ${dischargeDate} is before admissionDate ${admissionDate}`);
  return days;
}

/** The stay against the 5–7-day working range, and whether it is extended (≥ 9 days, Klineberg 2016). */
export function assessLengthOfStay(days: number): LengthOfStayAssessment {
  if (!Number.isInteger(days) || days < 0) {
    throw new Error(`length of stay must be a whole number of days, 0 or more; got ${String(days)}`);
  }
  const assessment =
    days < EXPECTED_STAY_DAYS.min ? 'shorter' : days > EXPECTED_STAY_DAYS.max ? 'longer' : 'within';
  return {
    days,
    expectedDays: { ...EXPECTED_STAY_DAYS },
    assessment,
    extendedStay: days >= EXTENDED_STAY_MIN_DAYS,
    source:
      `expected 5–7 days: SpineRecon working range, not a published range; it brackets the 5.7-day expected stay in ` +
      `${FOLLOW_UP_SOURCES['short-los-asd-2021']}. Extended stay ≥ 9 days: ${FOLLOW_UP_SOURCES['klineberg-2016']}`,
  };
}
