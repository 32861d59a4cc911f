import type { z } from 'zod';
import type * as schemas from '../http/schemas/resources.js';

// The API's response shapes, for tests (the same zod schemas the server validates against).
export type Patient = z.infer<typeof schemas.patient>;
export type CaseRecord = z.infer<typeof schemas.caseRecord>;
export type CaseListItem = z.infer<typeof schemas.caseListItem>;
export type CaseDetail = z.infer<typeof schemas.caseDetail>;
export type Radiograph = z.infer<typeof schemas.radiograph>;
export type LandmarkSet = z.infer<typeof schemas.landmarkSet>;
export type Plan = z.infer<typeof schemas.plan>;
export type User = z.infer<typeof schemas.user>;
export type AuditEvent = z.infer<typeof schemas.auditEvent>;
export type ResearchCase = z.infer<typeof schemas.researchCase>;
export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}
export interface ErrorBody {
  readonly error: string;
  readonly message: string;
  readonly details?: { path: string; message: string }[];
  readonly currentVersion?: number;
}
