import {
  assessLengthOfStay,
  lengthOfStayDays,
  type DischargeDestination,
  type LengthOfStayAssessment,
  type StayMilestoneKind,
} from '@spinerecon/core';
import type { RequestContext } from '../domain/context.js';
import { invalidInput } from '../domain/errors.js';
import type { Executor } from '../repositories/executor.js';
import { createCaseDocumentStore, type CaseDocument } from './caseDocumentStore.js';
import { todayOf, type Clock } from './clock.js';

// The hospital stay and the rehabilitation programme of a case: versioned documents (decision 0016)
// that the therapist may edit as well as the surgical team (rehab:write).

export interface HospitalStayContent {
  readonly admissionDate: string;
  readonly dischargeDate?: string | undefined;
  readonly milestones: { readonly kind: StayMilestoneKind; readonly date: string }[];
  readonly dischargeDestination?: DischargeDestination | undefined;
}

export interface RehabilitationContent {
  readonly phases: {
    readonly name: string;
    readonly startDate?: string | undefined;
    readonly endDate?: string | undefined;
    readonly goals: string[];
    readonly restrictions: string[];
  }[];
}

const bad = (path: string, message: string) => invalidInput(`${path}: ${message}`, [{ path, message }]);

/** The stay's length and its assessment by the core; null while the patient is still in hospital. */
function lengthOfStay(content: HospitalStayContent): LengthOfStayAssessment | null {
  if (content.dischargeDate === undefined) return null;
  return assessLengthOfStay(lengthOfStayDays(content.admissionDate, content.dischargeDate));
}

export function createRecoveryDocumentService(db: Executor, clock: Clock) {
  const stays = createCaseDocumentStore<HospitalStayContent>(
    db,
    'hospital-stay',
    async (_trx, _case, stay) => {
      const today = todayOf(clock);
      if (stay.admissionDate > today)
        throw bad('$.content.admissionDate', 'the admission date is in the future');
      const end = stay.dischargeDate ?? today;
      if (stay.dischargeDate !== undefined) {
        if (stay.dischargeDate < stay.admissionDate) {
          throw bad('$.content.dischargeDate', `before the admission date (${stay.admissionDate})`);
        }
        if (stay.dischargeDate > today)
          throw bad('$.content.dischargeDate', 'the discharge date is in the future');
      }
      stay.milestones.forEach((milestone, i) => {
        if (milestone.date < stay.admissionDate || milestone.date > end) {
          throw bad(
            `$.content.milestones[${i}].date`,
            `outside the stay (${stay.admissionDate} to ${stay.dischargeDate ?? 'today'})`,
          );
        }
      });
    },
  );

  const programmes = createCaseDocumentStore<RehabilitationContent>(
    db,
    'rehabilitation',
    async (_trx, _case, programme) => {
      programme.phases.forEach((phase, i) => {
        if (phase.startDate !== undefined && phase.endDate !== undefined && phase.endDate < phase.startDate) {
          throw bad(`$.content.phases[${i}].endDate`, `before the phase's start (${phase.startDate})`);
        }
      });
    },
  );

  const withStayFacts = (document: CaseDocument<HospitalStayContent>) => ({
    ...document,
    lengthOfStay: lengthOfStay(document.content),
  });

  return {
    getHospitalStay: async (context: RequestContext, caseId: string) =>
      withStayFacts(await stays.read(context, caseId)),
    saveHospitalStay: async (
      context: RequestContext,
      caseId: string,
      expected: number | undefined,
      content: HospitalStayContent,
    ) => withStayFacts(await stays.save(context, caseId, expected, content)),
    getRehabilitation: (context: RequestContext, caseId: string) => programmes.read(context, caseId),
    saveRehabilitation: (
      context: RequestContext,
      caseId: string,
      expected: number | undefined,
      content: RehabilitationContent,
    ) => programmes.save(context, caseId, expected, content),
  };
}

export type RecoveryDocumentService = ReturnType<typeof createRecoveryDocumentService>;
