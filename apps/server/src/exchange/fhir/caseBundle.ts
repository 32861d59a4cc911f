import type { CaseRecord } from '../caseRecords.js';
import { measuredFilms } from '../measuredFilms.js';
import { RECORD_ID_SYSTEM } from './codes.js';
import { conditionResource, imagingStudyResource, patientResource } from './caseResources.js';
import type { Bundle, Resource } from './fhirTypes.js';
import { measurementObservations } from './measurementObservations.js';
import { carePlanResource, procedureResource, questionnaireResponseResources } from './recoveryResources.js';

/**
 * A case as a FHIR R4 Bundle of type `collection`: Patient, Condition, an ImagingStudy per radiograph, an
 * Observation per measurement, and — when recorded — the operation (Procedure), the rehabilitation programme
 * (CarePlan) and the outcome questionnaires (QuestionnaireResponse). References between them are the entries'
 * `urn:uuid:` full URLs.
 */
export function caseBundle(record: CaseRecord, at: string): Bundle {
  const resources: Resource[] = [patientResource(record), conditionResource(record)];
  for (const film of measuredFilms(record)) {
    resources.push(imagingStudyResource(record, film.row));
    if (film.measurements === undefined) continue;
    resources.push(
      ...measurementObservations(
        {
          radiographId: film.row.id,
          patientId: record.patient.id,
          imagingStudyId: film.row.id,
          takenOn: film.row.taken_on,
        },
        film.measurements,
      ),
    );
  }
  for (const optional of [procedureResource(record), carePlanResource(record)])
    if (optional !== undefined) resources.push(optional);
  resources.push(...questionnaireResponseResources(record));
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: at,
    identifier: { system: RECORD_ID_SYSTEM, value: record.case.id },
    entry: resources.map((resource) => ({ fullUrl: `urn:uuid:${resource.id}`, resource })),
  };
}
