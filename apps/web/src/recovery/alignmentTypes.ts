import type { AlignmentComparison, PelvisMode } from '@spinerecon/core';

// `GET /follow-up/visits/:id/alignment` (apps/server/src/services/alignmentService.ts): which films and plan
// the server compared, what is missing, and the core's compareAlignment output as JSON.

export interface AlignmentFilmRef {
  readonly radiographId: string;
  readonly takenOn: string | null;
  readonly posture: string;
  readonly visitId: string | null;
}

export interface VisitAlignment {
  readonly visitId: string;
  readonly caseId: string;
  readonly pelvis: PelvisMode;
  readonly operation: {
    readonly date: string;
    readonly planId: string | null;
    readonly planVersion: number | null;
  } | null;
  readonly plan: {
    readonly id: string;
    readonly title: string;
    readonly version: number;
    /** `operation`: the plan the operation record names; `latest`: the case's most recent plan. */
    readonly source: 'operation' | 'latest';
  } | null;
  readonly films: {
    readonly preoperative: AlignmentFilmRef | null;
    readonly firstPostoperative: AlignmentFilmRef | null;
    readonly achieved: AlignmentFilmRef | null;
  };
  /** What could not be compared, in words (`achieved: this visit has no lateral film with landmarks yet`). */
  readonly missing: readonly string[];
  /** Null until the visit has a lateral film with landmarks. */
  readonly comparison: AlignmentComparison | null;
}
