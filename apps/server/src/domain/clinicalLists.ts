import { DIAGNOSES } from '@spinerecon/core';

// The controlled lists of the server's records. Diagnoses are the core's (the case format's `clinical`).

export const CASE_DIAGNOSES = DIAGNOSES;

/** Where a case stands in the path from diagnosis to follow-up. */
export const CASE_STATUSES = [
  'assessment',
  'planning',
  'scheduled',
  'operated',
  'follow-up',
  'closed',
] as const;

/** How the pixel spacing of a radiograph was obtained. */
export const CALIBRATION_METHODS = ['dicom', 'marker', 'manual'] as const;
