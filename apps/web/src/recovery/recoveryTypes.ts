import type {
  ClavienDindoGrade,
  ComplicationType,
  DischargeDestination,
  StayMilestoneKind,
  SurgicalPlan,
  VisitStatus,
} from '@spinerecon/core';
import type { Radiograph } from '../api/types';

// The recovery resources as the web app uses them: hand-written mirrors of
// apps/server/src/http/schemas/recovery.ts (docs/decisions/0016; keep them in step).

export const OPERATION_FORMAT = 'spinerecon.operation/1';

/** What was done in theatre: a plan's elements without `format` and `riskFactors`. */
export type Performed = Omit<SurgicalPlan, 'format' | 'riskFactors'>;

export interface NeuromonitoringAlert {
  readonly description: string;
  readonly action: string;
}

export interface Implant {
  readonly description: string;
  /** Unique Device Identifier as printed on the label. */
  readonly udi?: string;
}

/** `spinerecon.operation/1`. */
export interface OperationContent {
  readonly format: typeof OPERATION_FORMAT;
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly planId?: string;
  readonly planVersion?: number;
  readonly performed: Performed;
  readonly durationMin?: number;
  readonly estimatedBloodLossMl?: number;
  readonly transfusionUnits?: number;
  readonly neuromonitoringAlerts: readonly NeuromonitoringAlert[];
  readonly intraoperativeComplications: readonly string[];
  readonly implants: readonly Implant[];
  readonly notes: string;
}

/** A version of one of a case's documents (operation, hospital stay, rehabilitation). */
export interface CaseDocument<C> {
  readonly caseId: string;
  readonly version: number;
  readonly content: C;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Who saved this version. */
  readonly createdBy: string;
}

export type OperationRecord = CaseDocument<OperationContent>;

export interface StayMilestone {
  readonly kind: StayMilestoneKind;
  readonly date: string;
}

export interface HospitalStayContent {
  readonly admissionDate: string;
  readonly dischargeDate?: string;
  readonly milestones: readonly StayMilestone[];
  readonly dischargeDestination?: DischargeDestination;
}

/** The server's length of stay (the core's assessLengthOfStay); null until discharge. */
export interface LengthOfStay {
  readonly days: number;
  readonly expectedDays: { readonly min: number; readonly max: number };
  readonly assessment: 'shorter' | 'within' | 'longer';
  readonly extendedStay: boolean;
  readonly source: string;
}

export interface HospitalStay extends CaseDocument<HospitalStayContent> {
  readonly lengthOfStay: LengthOfStay | null;
}

export interface RehabPhaseContent {
  readonly name: string;
  readonly startDate?: string;
  readonly endDate?: string;
  readonly goals: readonly string[];
  readonly restrictions: readonly string[];
}

export interface RehabilitationContent {
  readonly phases: readonly RehabPhaseContent[];
}

export type Rehabilitation = CaseDocument<RehabilitationContent>;

export interface TherapySessionInput {
  readonly sessionDate: string;
  readonly phase: string;
  readonly notes?: string;
  readonly progress?: string;
}

export interface TherapySession {
  readonly id: string;
  readonly caseId: string;
  readonly sessionDate: string;
  readonly phase: string;
  readonly notes: string;
  readonly progress: string;
  readonly recordedBy: string;
  readonly recordedByName: string | null;
  readonly createdAt: string;
}

export type ScheduleInterval =
  { readonly label: string; readonly days: number } | { readonly label: string; readonly months: number };

export interface Visit {
  readonly id: string;
  readonly caseId: string;
  readonly label: string;
  readonly dueDate: string;
  readonly visitDate: string | null;
  readonly notes: string;
  /** Today, by the core's visitStatus. */
  readonly status: VisitStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface VisitInput {
  readonly label: string;
  readonly dueDate: string;
  readonly visitDate?: string | null;
  readonly notes?: string;
}

export type VisitChanges = Partial<VisitInput>;

/** One visit with the films taken at it. */
export interface VisitDetail extends Visit {
  readonly radiographs: readonly Radiograph[];
}

export type WorklistStatus = 'due' | 'overdue' | 'all';

export interface WorklistItem {
  readonly status: 'due' | 'overdue';
  readonly visit: Visit;
  readonly patient: {
    readonly id: string;
    readonly name: string;
    readonly mrn: string;
    readonly birthDate: string;
  };
  readonly case: {
    readonly id: string;
    readonly diagnosis: string;
    readonly surgeonId: string | null;
    readonly surgeonName: string | null;
  };
}

export interface Worklist {
  readonly today: string;
  readonly items: readonly WorklistItem[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

export interface ComplicationInput {
  readonly type: ComplicationType;
  readonly onsetDate: string;
  readonly clavienDindo: ClavienDindoGrade;
  readonly visitId?: string | null;
  readonly description?: string;
  readonly treatment?: string;
  readonly resolution?: string;
  readonly resolvedDate?: string | null;
}

export interface Complication {
  readonly id: string;
  readonly caseId: string;
  readonly visitId: string | null;
  readonly type: string;
  readonly typeLabel: string;
  readonly onsetDate: string;
  readonly clavienDindo: string;
  readonly description: string;
  readonly treatment: string;
  readonly resolution: string;
  readonly resolvedDate: string | null;
  readonly recordedBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}
