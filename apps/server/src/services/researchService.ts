import type { Diagnosis, Sex } from '@spinerecon/core';
import { ageInYears } from '../domain/age.js';
import type { RequestContext } from '../domain/context.js';
import { notFound } from '../domain/errors.js';
import type { Executor, Page } from '../repositories/executor.js';
import { findRadiograph, listCaseRadiographs } from '../repositories/radiographRepository.js';
import { findResearchCase, listResearchCases } from '../repositories/researchRepository.js';
import { latestLandmarksOfCase } from '../repositories/versionRepository.js';
import { recordAccess } from './auditTrail.js';
import type { DeidentifiedImages } from './deidentifiedImages.js';
import {
  measureStoredLandmarks,
  toSpineCase,
  type LandmarkContent,
  type StoredLandmarks,
} from './spineCase.js';

// De-identified cases for research: a pseudonym instead of name and MRN, age in whole years (at the
// case's creation, 90 for 90 and over) instead of the birth date, no dates, no free text, no images.

interface ResearchRow {
  readonly id: string;
  readonly diagnosis: string;
  readonly status: string;
  readonly created_at: string;
  readonly pseudonym: string;
  readonly birth_date: string;
  readonly sex: string;
}

function summary(row: ResearchRow) {
  return {
    caseId: row.id,
    patientPseudonym: row.pseudonym,
    ageYears: ageInYears(row.birth_date, row.created_at),
    sex: row.sex,
    diagnosis: row.diagnosis,
    status: row.status,
  };
}

export function createResearchService(db: Executor, deidentified: DeidentifiedImages) {
  return {
    /** A radiograph's DICOM image, de-identified (PS3.15 Annex E Basic Profile, README's date setting). */
    async image(context: RequestContext, radiographId: string) {
      const row = await findRadiograph(db, radiographId);
      if (row === undefined) throw notFound('radiograph');
      if (row.image_sha256 === null || row.media_type === null) throw notFound('an image of this radiograph');
      const patient = await db
        .selectFrom('patients')
        .select(['id', 'pseudonym'])
        .where('id', '=', row.patient_id)
        .executeTakeFirstOrThrow();
      const bytes = await deidentified.of({ sha256: row.image_sha256, mediaType: row.media_type }, patient);
      await recordAccess(db, context, {
        action: 'read',
        resourceType: 'image',
        resourceId: radiographId,
        patientId: row.patient_id,
      });
      return bytes;
    },

    async list(context: RequestContext, diagnosis: string | undefined, page: Page) {
      const { rows, total } = await listResearchCases(db, diagnosis, page);
      await db.transaction().execute(async (trx) => {
        for (const row of rows) {
          await recordAccess(trx, context, {
            action: 'list',
            resourceType: 'research-case',
            resourceId: row.id,
            patientId: row.patient_id,
          });
        }
      });
      return { items: rows.map(summary), total, ...page };
    },

    async get(context: RequestContext, caseId: string) {
      const row = await findResearchCase(db, caseId);
      if (row === undefined) throw notFound('case');
      const [radiographs, latest] = await Promise.all([
        listCaseRadiographs(db, caseId),
        latestLandmarksOfCase(db, caseId),
      ]);
      const byId = new Map(radiographs.map((r) => [r.id, r]));
      const sets: StoredLandmarks[] = [];
      for (const { id, content } of latest) {
        const radiograph = byId.get(id);
        // Only what measurement needs: no dates, no description, no file name of the radiograph.
        if (radiograph !== undefined)
          sets.push({ row: radiograph, content: JSON.parse(content) as LandmarkContent });
      }
      const view = summary(row);
      const spineCase = toSpineCase(sets, { ageYears: view.ageYears, sex: row.sex as Sex });
      await recordAccess(db, context, {
        action: 'read',
        resourceType: 'research-case',
        resourceId: caseId,
        patientId: row.patient_id,
      });
      return {
        ...view,
        case: { ...spineCase, clinical: { diagnosis: row.diagnosis as Diagnosis } },
        measurements: measureStoredLandmarks(sets),
      };
    },
  };
}

export type ResearchService = ReturnType<typeof createResearchService>;
