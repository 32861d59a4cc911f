// Patient-reported outcomes, the recovery timeline and a surgeon's rates as the API gives them: hand-written
// mirrors of apps/server/src/http/schemas/questionnaires.ts (keep them in step; docs/decisions/0016).

export type InvitationStatus = 'pending' | 'answered' | 'expired';

export interface InvitationInput {
  readonly instrument: string;
  readonly visitId?: string;
  readonly expiresInDays?: number;
}

/** A new link: `token` and `url` are shown once, the server keeps only the token's hash. */
export interface InvitationCreated {
  readonly id: string;
  readonly caseId: string;
  readonly instrument: string;
  readonly visitId: string | null;
  readonly token: string;
  /** `/q/<token>`, relative to the web app. */
  readonly url: string;
  readonly createdAt: string;
  readonly expiresAt: string;
}

export interface Invitation {
  readonly id: string;
  readonly caseId: string;
  readonly instrument: string;
  readonly visitId: string | null;
  readonly visitLabel: string | null;
  readonly status: InvitationStatus;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly expiresAt: string;
  readonly answeredAt: string | null;
  readonly responseId: string | null;
}

/** Score by outcome (`odi`, `srs22rFunction` … `srs22rTotal`, `nrsBackPain`, `nrsLegPain`); null undetermined. */
export type OutcomeValues = Readonly<Record<string, number | null>>;

export interface McidEntry {
  readonly outcome: string;
  readonly before: number | null;
  readonly after: number | null;
  /** Positive = better. */
  readonly improvement: number | null;
  readonly reached: boolean | null;
  /** The published MCID; null when undetermined. */
  readonly threshold: number | null;
  readonly rules: readonly string[];
  readonly undetermined: Readonly<Record<string, string>>;
  readonly citations: readonly string[];
}

export interface QuestionnaireResponse {
  readonly id: string;
  readonly caseId: string;
  readonly visitId: string | null;
  readonly visitLabel: string | null;
  readonly invitationId: string | null;
  readonly instrument: string;
  readonly answers: readonly (number | null)[];
  /** The core's scoreQuestionnaire result, with its explanation. */
  readonly score: { readonly instrument: string; readonly result: Readonly<Record<string, unknown>> };
  readonly values: OutcomeValues;
  readonly answeredAt: string;
  readonly source: 'patient' | 'staff';
  readonly recordedBy: string | null;
  /** The first answers of this instrument, which MCID compares with; null for the first itself. */
  readonly baselineResponseId: string | null;
  readonly mcid: readonly McidEntry[];
}

export interface CaseQuestionnaires {
  readonly invitations: readonly Invitation[];
  /** Invitations pending or expired without answers. */
  readonly unanswered: number;
  readonly responses: readonly QuestionnaireResponse[];
}

export interface StaffResponseInput {
  readonly instrument: string;
  readonly answers: readonly (number | null)[];
  readonly visitId?: string;
  /** The day of the paper form (YYYY-MM-DD); today when absent. */
  readonly answeredOn?: string;
}

// The recovery timeline of a case.

export interface FilmValues {
  readonly radiographId: string;
  readonly takenOn: string | null;
  readonly values: Readonly<Record<string, number>>;
  /** Coronal films: the scoliotic curves (`cobbDeg`, ends, apex…). */
  readonly curves?: readonly Readonly<Record<string, unknown>>[];
}

export interface Films {
  readonly lateral: FilmValues | null;
  readonly coronal: FilmValues | null;
}

export interface TargetBand {
  readonly parameter: string;
  readonly min: number | null;
  readonly max: number | null;
  readonly unit: string;
  readonly reason?: string;
}

export interface TargetBandSet {
  readonly name: string;
  readonly citation: string;
  readonly targets: readonly TargetBand[];
  readonly undetermined?: string;
}

export interface TargetBandSets {
  readonly srsSchwab: TargetBandSet;
  readonly gapProportional: TargetBandSet;
  readonly ageAdjusted: TargetBandSet;
}

export interface VisitFilms extends Films {
  readonly kind: 'visit';
  readonly visitId: string;
  readonly label: string;
  readonly dueDate: string;
  readonly visitDate: string | null;
}

export interface OutcomePoint {
  readonly responseId: string;
  readonly instrument: string;
  readonly visitId: string | null;
  readonly visitLabel: string | null;
  readonly answeredAt: string;
  readonly source: string;
  readonly values: OutcomeValues;
  /** MCID reached versus the baseline, by outcome. */
  readonly reached: Readonly<Record<string, boolean | null>>;
}

export interface OutcomeMcid {
  readonly outcome: string;
  readonly baselineResponseId: string;
  readonly baseline: number | null;
  readonly mcid: number | null;
  readonly better: 'lower' | 'higher' | null;
  readonly population: string | null;
  readonly citation: string | null;
  readonly undetermined?: string;
}

export interface RecoveryTimeline {
  readonly caseId: string;
  readonly operationDate: string | null;
  readonly plan: { readonly planId: string; readonly planVersion: number } | null;
  readonly preoperative: Films;
  /** Lateral values the operation's plan predicts (the core's planCase, pelvis fixed). */
  readonly planned: Readonly<Record<string, number>> | null;
  readonly plannedUndetermined?: string;
  readonly targets: TargetBandSets | null;
  readonly alignment: readonly VisitFilms[];
  readonly outcomes: {
    readonly points: readonly OutcomePoint[];
    readonly mcid: readonly OutcomeMcid[];
  };
}

// A surgeon's rates.

export interface PercentInterval {
  readonly lower: number;
  readonly upper: number;
}

export interface PublishedRate {
  readonly statement: string;
  readonly ratePercent: number | { readonly min: number; readonly max: number };
  readonly population: string;
  readonly citation: string;
}

export interface ComplicationRate {
  readonly type: string;
  readonly label: string;
  readonly count: number;
  readonly n: number;
  readonly ratePercent: number | null;
  readonly wilson95Percent: PercentInterval | null;
  readonly published: readonly PublishedRate[];
  readonly publishedScope?: string;
  readonly byClavienDindo: Readonly<Record<string, number>>;
}

export interface OutcomeRate {
  readonly outcome: string;
  readonly instrument: string;
  readonly reached: number;
  /** Cases with a baseline and a later score, MCID determined. */
  readonly n: number;
  readonly undeterminedCases: number;
  readonly ratePercent: number | null;
  readonly wilson95Percent: PercentInterval | null;
  readonly mcid: {
    readonly value: number;
    readonly better: 'lower' | 'higher';
    readonly population: string;
    readonly citation: string;
  } | null;
  readonly undetermined?: string;
}

export interface SurgeonOutcomes {
  readonly surgeonId: string;
  /** Which cases are counted. */
  readonly series: string;
  readonly cases: number;
  readonly operatedCases: number;
  readonly complications: {
    readonly n: number;
    readonly rates: readonly ComplicationRate[];
    readonly intervalSource: string;
  };
  readonly outcomes: {
    readonly rates: readonly OutcomeRate[];
    readonly intervalSource: string;
  };
}
