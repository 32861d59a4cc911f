import { randomUUID } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { measureRadiograph } from '@spinerecon/core';
import { buildMeasurementReport, DicomError, readPart10Header, referencedImageOf } from '@spinerecon/dicom';
import type { RequestContext } from '../domain/context.js';
import { notFound, Problem } from '../domain/errors.js';
import { dicomProblem } from '../images/dicomProblem.js';
import type { ImageStore } from '../images/imageStore.js';
import type { Executor } from '../repositories/executor.js';
import { findRadiograph } from '../repositories/radiographRepository.js';
import { findLandmarkVersion } from '../repositories/versionRepository.js';
import { recordAccess } from './auditTrail.js';
import { validateLandmarks, type LandmarkContent } from './spineCase.js';

/** A new UID under the 2.25 root, from a random UUID (PS3.5 B.2). */
const newUid = (): string => `2.25.${BigInt(`0x${randomUUID().replace(/-/g, '')}`).toString()}`;

/**
 * The measurement report of a radiograph as a DICOM SR (TID 1500, docs/formats/dicom-sr.md): its latest
 * landmark set and every value the core computes from it, referencing the radiograph's DICOM image and
 * filed into the image's study. The signed-in user is the report's observer.
 */
export function createMeasurementReportService(db: Executor, images: ImageStore) {
  return {
    async build(context: RequestContext, radiographId: string) {
      const row = await findRadiograph(db, radiographId);
      if (row === undefined) throw notFound('radiograph');
      if (row.image_sha256 === null || row.media_type !== 'application/dicom') {
        throw new Problem(
          'conflict',
          'a DICOM measurement report references a DICOM image: upload or import the film as DICOM first',
        );
      }
      const stored =
        row.landmark_version === 0
          ? undefined
          : await findLandmarkVersion(db, radiographId, row.landmark_version);
      if (stored === undefined)
        throw new Problem('conflict', 'the radiograph has no landmarks yet: nothing to report');
      const radiograph = validateLandmarks(row, JSON.parse(stored.content) as LandmarkContent);
      const file = await buffer(images.open(row.image_sha256));
      const sopInstanceUid = newUid();
      let bytes: Uint8Array;
      let studyInstanceUid: string;
      try {
        const header = readPart10Header(new Uint8Array(file.buffer, file.byteOffset, file.byteLength));
        const image = referencedImageOf(header.dataset);
        studyInstanceUid = image.studyInstanceUid;
        bytes = buildMeasurementReport({
          image,
          radiograph,
          measurements: measureRadiograph(radiograph),
          observer: { personName: context.actor.displayName },
          sopInstanceUid,
        });
      } catch (error) {
        if (error instanceof DicomError) throw dicomProblem(error);
        throw error;
      }
      await recordAccess(db, context, {
        action: 'create',
        resourceType: 'measurement-report',
        resourceId: radiographId,
        patientId: row.patient_id,
      });
      return { bytes, sopInstanceUid, studyInstanceUid, landmarkVersion: stored.version };
    },
  };
}

export type MeasurementReportService = ReturnType<typeof createMeasurementReportService>;
