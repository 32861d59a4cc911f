import type { DicomError } from '@spinerecon/dicom';
import { Problem, type ProblemKind } from '../domain/errors.js';

const KIND: Readonly<Record<DicomError['code'], ProblemKind>> = {
  'not-dicom': 'unsupported-media-type',
  unsupported: 'unsupported-media-type',
  malformed: 'invalid-input',
  'too-large': 'payload-too-large',
  remote: 'bad-gateway',
};

/** A refused DICOM file (or PACS answer) as the HTTP problem the user sees: 4xx, or 502 for the PACS. */
export function dicomProblem(error: DicomError): Problem {
  return new Problem(KIND[error.code], error.message);
}
