import { POSTURES, SEXES } from '@spinerecon/core';
import { z } from 'zod';
import { CALIBRATION_METHODS, CASE_DIAGNOSES, CASE_STATUSES } from '../../domain/clinicalLists.js';
import { ROLES } from '../../domain/roles.js';
import {
  freeText,
  isoDate,
  line,
  measurementOutput,
  pageOf,
  pageQuery,
  timestamp,
  versionEntry,
} from './common.js';

// The request and response shapes of every resource; the OpenAPI document is generated from them.

const notInFuture = (date: string) => date <= new Date().toISOString().slice(0, 10);

export const patientBody = z.strictObject({
  mrn: line(64).describe('medical record number, unique'),
  name: line(200),
  birthDate: isoDate.refine(notInFuture, 'must not be in the future'),
  sex: z.enum(SEXES),
  description: freeText.optional(),
});
export const patientPatch = patientBody.partial();
export const patient = z.object({
  id: z.string(),
  mrn: z.string(),
  name: z.string(),
  birthDate: z.string(),
  sex: z.string(),
  description: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export const patientQuery = z.strictObject({
  q: z.string().max(200).optional().describe('part of the name or MRN'),
  ...pageQuery,
});

export const caseBody = z.strictObject({
  patientId: z.uuid(),
  diagnosis: z.enum(CASE_DIAGNOSES),
  status: z.enum(CASE_STATUSES).optional(),
  surgeonId: z.uuid().nullable().optional(),
  description: freeText.optional(),
});
export const casePatch = caseBody.omit({ patientId: true }).partial();
export const caseRecord = z.object({
  id: z.string(),
  patientId: z.string(),
  diagnosis: z.string(),
  status: z.string(),
  surgeonId: z.string().nullable(),
  description: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export const caseListItem = caseRecord.extend({
  patientName: z.string(),
  mrn: z.string(),
  surgeonName: z.string().nullable(),
});
export const caseQuery = z.strictObject({
  q: z.string().max(200).optional().describe("part of the patient's name or MRN, or of the surgeon's name"),
  diagnosis: z.enum(CASE_DIAGNOSES).optional(),
  status: z.enum(CASE_STATUSES).optional(),
  surgeonId: z.uuid().optional(),
  patientId: z.uuid().optional(),
  ...pageQuery,
});

const side = z.enum(['left', 'right']);
const pixelSpacing = z
  .union([
    z.number().positive().finite(),
    z.tuple([z.number().positive().finite(), z.number().positive().finite()]),
  ])
  .describe('mm per pixel at the patient; [rowMm, colMm] when not square');

const radiographCommon = {
  posture: z.enum(POSTURES).optional(),
  takenOn: isoDate.nullable().optional(),
  pixelSpacingMm: pixelSpacing.nullable().optional(),
  calibrationMethod: z.enum(CALIBRATION_METHODS).nullable().optional(),
  description: freeText.optional(),
  visitId: z
    .uuid()
    .nullable()
    .optional()
    .describe('the follow-up visit the film was taken at; null: before the operation or not tied to a visit'),
};
export const radiographBody = z.discriminatedUnion('view', [
  z.strictObject({ view: z.literal('lateral'), anteriorOnImage: side, ...radiographCommon }),
  z.strictObject({ view: z.literal('coronal'), patientRightOnImage: side, ...radiographCommon }),
]);
export const radiographPatch = z.strictObject({
  ...radiographCommon,
  anteriorOnImage: side.optional(),
  patientRightOnImage: side.optional(),
});
const imagePoint = z.tuple([z.number().finite(), z.number().finite()]).describe('[x, y] image pixels');
export const calibrationMarker = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('ruler'),
      lengthMm: z.number().positive().finite(),
      from: imagePoint,
      to: imagePoint,
    }),
    z.strictObject({
      kind: z.literal('ball'),
      diameterMm: z.number().positive().finite(),
      edge: z.tuple([imagePoint, imagePoint, imagePoint]).describe('three points on the ball edge'),
    }),
  ])
  .describe('a marker of known size at the level of the spine');

export const radiograph = z.object({
  id: z.string(),
  caseId: z.string(),
  view: z.string(),
  posture: z.string(),
  takenOn: z.string().nullable(),
  pixelSpacingMm: z.union([z.number(), z.tuple([z.number(), z.number()])]).nullable(),
  calibrationMethod: z.string().nullable(),
  calibrationNote: z
    .string()
    .nullable()
    .describe(
      'where the spacing came from (DICOM attribute, marker, by hand) and any warning; shown with every distance',
    ),
  anteriorOnImage: z.string().nullable(),
  patientRightOnImage: z.string().nullable(),
  image: z
    .object({
      sha256: z.string(),
      mediaType: z.string(),
      sizeBytes: z.number(),
      fileName: z.string().nullable(),
      widthPx: z.number().nullable(),
      heightPx: z.number().nullable(),
      dicom: z
        .object({
          sopClassUid: z.string(),
          sopInstanceUid: z.string(),
          studyInstanceUid: z.string(),
          seriesInstanceUid: z.string(),
          transferSyntaxUid: z.string(),
          modality: z.string(),
        })
        .nullable(),
    })
    .nullable(),
  description: z.string(),
  visitId: z.string().nullable(),
  landmarkVersion: z.number(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const planSummary = z.object({
  id: z.string(),
  caseId: z.string(),
  title: z.string(),
  version: z.number(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const caseDetail = caseRecord.extend({
  patient,
  surgeon: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  radiographs: z.array(radiograph),
  plans: z.array(planSummary),
  measurements: measurementOutput,
});

export const landmarkBody = z
  .strictObject({
    vertebrae: z
      .record(z.string(), z.unknown())
      .describe('per level, its corners [x, y] in pixels (case format)'),
    femoralHeads: z.array(z.unknown()).optional().describe('lateral films: one or two { center, radiusPx? }'),
  })
  .describe('the landmarks of one radiograph in the spinerecon.case/1 format; checked by @spinerecon/core');
export const landmarkSet = z.object({
  radiographId: z.string(),
  version: z.number(),
  latestVersion: z.number(),
  savedBy: z.string(),
  savedAt: timestamp,
  landmarks: z.object({
    vertebrae: z.record(z.string(), z.unknown()),
    femoralHeads: z.array(z.unknown()).readonly().optional(),
  }),
  measurements: measurementOutput,
  calibration: z
    .object({
      pixelSpacingMm: z.union([z.number(), z.tuple([z.number(), z.number()])]).nullable(),
      method: z.string().nullable(),
      note: z.string().nullable(),
    })
    .describe('the calibration the millimetres were computed with, and where it came from'),
});

export const planContent = z
  .looseObject({ format: z.literal('spinerecon.plan/1') })
  .describe(
    'a plan document (spinerecon.plan/1, docs/formats/plan.md), checked by @spinerecon/core; versioned',
  );
export const planCreateBody = z.strictObject({ title: line(200), content: planContent });
export const planSaveBody = z.strictObject({ title: line(200).optional(), content: planContent });
export const plan = planSummary.extend({
  latestVersion: z.number(),
  savedBy: z.string(),
  savedAt: timestamp,
  content: planContent,
});

export const userBody = z.strictObject({
  username: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'lower-case letters, digits, dot, dash, underscore; 2–64'),
  displayName: line(200),
  role: z.enum(ROLES),
  password: z.string().min(12, 'at least 12 characters').max(1000),
});
export const userPatch = userBody
  .omit({ username: true })
  .partial()
  .extend({ disabled: z.boolean().optional() });
export const user = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  disabled: z.boolean(),
  hasPassword: z.boolean(),
  singleSignOn: z.boolean(),
  createdAt: timestamp,
});
export const userQuery = z.strictObject({ role: z.enum(ROLES).optional(), ...pageQuery });

export const researchCase = z.object({
  caseId: z.string(),
  patientPseudonym: z.string(),
  ageYears: z.number().describe('whole years at the case’s creation; 90 means 90 or older'),
  sex: z.string(),
  diagnosis: z.string(),
  status: z.string(),
});
export const researchQuery = z.strictObject({ diagnosis: z.enum(CASE_DIAGNOSES).optional(), ...pageQuery });

export const auditQuery = z.strictObject({
  patientId: z.uuid().optional(),
  userId: z.uuid().optional(),
  resourceType: z.string().max(40).optional(),
  outcome: z.enum(['success', 'denied', 'failed']).optional(),
  since: z.iso.datetime().optional(),
  until: z.iso.datetime().optional(),
  ...pageQuery,
});
export const auditEvent = z.object({
  id: z.number(),
  at: timestamp,
  userId: z.string().nullable(),
  username: z.string().nullable(),
  role: z.string().nullable(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  patientId: z.string().nullable(),
  outcome: z.string(),
  statusCode: z.number().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});

export const passwordChangeBody = z.strictObject({
  currentPassword: z.string().max(1000),
  newPassword: z.string().min(12, 'at least 12 characters').max(1000),
});
export const sessionBody = z.strictObject({ username: z.string().max(64), password: z.string().max(1000) });
export const session = z.object({
  user: z.object({ id: z.string(), username: z.string(), displayName: z.string(), role: z.string() }),
  csrfToken: z.string().describe('send it back in the X-CSRF-Token header of every POST, PUT, PATCH, DELETE'),
});

export { pageOf, versionEntry };
