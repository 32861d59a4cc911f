import { z } from 'zod';
import { isoDate } from './common.js';

// The PACS (DICOMweb) part of the API.

const uid = z
  .string()
  .regex(/^[0-9]+(\.[0-9]+)*$/, 'a DICOM UID: digits and dots')
  .max(64)
  .describe('DICOM UID');

export const pacsStudyQuery = z
  .strictObject({
    patientId: z.string().min(1).max(64).optional(),
    patientName: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe('DICOM matching: `*` and `?` wildcards, `^` between names'),
    studyDateFrom: isoDate.optional(),
    studyDateTo: isoDate.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .refine((q) => q.patientId !== undefined || q.patientName !== undefined || q.studyDateFrom !== undefined, {
    message: 'give patientId, patientName or studyDateFrom: an open query would list the whole PACS',
  });

export const studyParams = z.strictObject({ studyInstanceUid: uid });
export const seriesParams = z.strictObject({ studyInstanceUid: uid, seriesInstanceUid: uid });

export const pacsStudy = z.object({
  studyInstanceUid: z.string(),
  patientName: z.string().optional(),
  patientId: z.string().optional(),
  patientBirthDate: z.string().optional(),
  patientSex: z.string().optional(),
  studyDate: z.string().optional(),
  studyDescription: z.string().optional(),
  accessionNumber: z.string().optional(),
  modalities: z.array(z.string()),
  numberOfSeries: z.number().optional(),
  numberOfInstances: z.number().optional(),
});

export const pacsSeries = z.object({
  seriesInstanceUid: z.string(),
  modality: z.string().optional(),
  seriesDescription: z.string().optional(),
  seriesNumber: z.number().optional(),
  numberOfInstances: z.number().optional(),
  bodyPartExamined: z.string().optional(),
  viewPosition: z.string().optional(),
});

export const pacsInstance = z.object({
  sopInstanceUid: z.string(),
  sopClassUid: z.string(),
  instanceNumber: z.number().optional(),
  rows: z.number().optional(),
  columns: z.number().optional(),
});

const side = z.enum(['left', 'right']);
export const pacsImportBody = z.strictObject({
  studyInstanceUid: uid,
  seriesInstanceUid: uid,
  sopInstanceUid: uid,
  view: z.enum(['lateral', 'coronal']),
  posture: z.enum(['standing', 'supine', 'left-bending', 'right-bending', 'traction']).optional(),
  anteriorOnImage: side.optional().describe('lateral film; taken from PatientOrientation when absent'),
  patientRightOnImage: side.optional().describe('coronal film; taken from PatientOrientation when absent'),
  description: z.string().max(10_000).optional(),
});

export const storedReport = z.object({
  sopInstanceUid: z.string(),
  studyInstanceUid: z.string(),
});
