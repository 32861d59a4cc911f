import type { Diagnosis } from '@spinerecon/core';
import type { CaseRecord } from '../caseRecords.js';
import type { DicomFacts } from '../../images/imageFacts.js';
import type { RadiographWithImage } from '../../services/views.js';
import {
  DIAGNOSIS_SNOMED,
  DIAGNOSIS_SYSTEM,
  DIAGNOSIS_TEXT,
  DICOM_DCM,
  DICOM_UID,
  IDENTIFIER_TYPE,
  RECORD_ID_SYSTEM,
  RFC3986,
  SNOMED,
  SPINE_BODY_SITE,
} from './codes.js';
import { codeable, referenceTo, type Coding, type Resource } from './fhirTypes.js';
import { resourceId } from './resourceIds.js';

// Patient, Condition (the case's diagnosis) and one ImagingStudy per radiograph.

/** FHIR AdministrativeGender has the same three values as SpineRecon's sex, plus `unknown`. */
const GENDERS = new Set(['female', 'male', 'other']);

export function patientResource(record: CaseRecord): Resource {
  const { patient } = record;
  const identity = patient.identity;
  return {
    resourceType: 'Patient',
    id: patient.id,
    identifier: [
      ...(identity === undefined
        ? []
        : [{ type: codeable(IDENTIFIER_TYPE, 'MR', 'Medical record number'), value: identity.mrn }]),
      { system: RECORD_ID_SYSTEM, value: patient.id },
    ],
    ...(identity === undefined ? {} : { name: [{ text: identity.name }], birthDate: identity.birthDate }),
    gender: GENDERS.has(patient.sex) ? patient.sex : 'unknown',
  };
}

export const conditionId = (record: CaseRecord): string => resourceId(record.case.id, 'condition');

export function conditionResource(record: CaseRecord): Resource {
  const diagnosis = record.case.diagnosis as Diagnosis;
  const snomed = DIAGNOSIS_SNOMED[diagnosis];
  const coding: Coding[] = [
    ...(snomed === undefined ? [] : [{ system: SNOMED, code: snomed.code, display: snomed.display }]),
    { system: DIAGNOSIS_SYSTEM, code: diagnosis, display: DIAGNOSIS_TEXT[diagnosis] ?? diagnosis },
  ];
  return {
    resourceType: 'Condition',
    id: conditionId(record),
    identifier: [{ system: RECORD_ID_SYSTEM, value: record.case.id }],
    code: { coding, text: DIAGNOSIS_TEXT[diagnosis] ?? diagnosis },
    bodySite: [codeable(SNOMED, SPINE_BODY_SITE.code, SPINE_BODY_SITE.display)],
    subject: referenceTo(record.patient.id),
    recordedDate: record.case.created_at,
    ...(record.case.description.trim() === '' ? {} : { note: [{ text: record.case.description }] }),
  };
}

const VIEW_TEXT: Readonly<Record<string, string>> = {
  lateral: 'lateral (sagittal)',
  coronal: 'coronal (AP or PA)',
};

function dicomFacts(film: RadiographWithImage): DicomFacts | undefined {
  return film.media_type === 'application/dicom' && film.dicom !== null
    ? (JSON.parse(film.dicom) as DicomFacts)
    : undefined;
}

/**
 * The radiograph as an ImagingStudy: with its DICOM Study, Series and SOP Instance UIDs when the image is DICOM;
 * `registered` (nothing to view yet) when no image was uploaded.
 */
export function imagingStudyResource(record: CaseRecord, film: RadiographWithImage): Resource {
  const facts = dicomFacts(film);
  const description = `${film.posture} ${VIEW_TEXT[film.view] ?? film.view} radiograph`;
  const modality = facts === undefined ? undefined : { system: DICOM_DCM, code: facts.modality };
  return {
    resourceType: 'ImagingStudy',
    id: film.id,
    identifier: [
      ...(facts === undefined ? [] : [{ system: DICOM_UID, value: `urn:oid:${facts.studyInstanceUid}` }]),
      { system: RECORD_ID_SYSTEM, value: film.id },
    ],
    status: film.image_sha256 === null ? 'registered' : 'available',
    ...(modality === undefined ? {} : { modality: [modality] }),
    subject: referenceTo(record.patient.id),
    ...(film.taken_on === null ? {} : { started: film.taken_on }),
    reasonReference: [referenceTo(conditionId(record))],
    description,
    ...(film.description.trim() === '' ? {} : { note: [{ text: film.description }] }),
    ...(facts === undefined || modality === undefined
      ? {}
      : {
          numberOfSeries: 1,
          numberOfInstances: 1,
          series: [
            {
              uid: facts.seriesInstanceUid,
              modality,
              bodySite: { system: SNOMED, code: SPINE_BODY_SITE.code, display: SPINE_BODY_SITE.display },
              numberOfInstances: 1,
              instance: [
                {
                  uid: facts.sopInstanceUid,
                  sopClass: { system: RFC3986, code: `urn:oid:${facts.sopClassUid}` },
                },
              ],
            },
          ],
        }),
  };
}
