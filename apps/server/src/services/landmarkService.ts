import type { RequestContext } from '../domain/context.js';
import { notFound } from '../domain/errors.js';
import { now, type Executor } from '../repositories/executor.js';
import { findRadiograph, type RadiographRow } from '../repositories/radiographRepository.js';
import {
  advanceLandmarkVersion,
  findLandmarkVersion,
  insertLandmarkVersion,
  listLandmarkVersions,
} from '../repositories/versionRepository.js';
import { recordAccess } from './auditTrail.js';
import { measureOne, validateLandmarks, type LandmarkContent } from './spineCase.js';
import { checkExpectedVersion, staleVersion } from './versioning.js';

export function createLandmarkService(db: Executor) {
  async function load(trx: Executor, radiographId: string) {
    const row = await findRadiograph(trx, radiographId);
    if (row === undefined) throw notFound('radiograph');
    return row;
  }

  async function readVersion(context: RequestContext, radiographId: string, version: number | 'latest') {
    const row = await load(db, radiographId);
    const wanted = version === 'latest' ? row.landmark_version : version;
    const stored = wanted === 0 ? undefined : await findLandmarkVersion(db, radiographId, wanted);
    if (stored === undefined) {
      throw notFound(
        version === 'latest' ? 'a landmark set of this radiograph' : `landmark version ${version}`,
      );
    }
    const content = JSON.parse(stored.content) as LandmarkContent;
    const measurements = measureOne(validateLandmarks(row, content));
    await recordAccess(db, context, {
      action: 'read',
      resourceType: 'landmarks',
      resourceId: radiographId,
      patientId: row.patient_id,
    });
    return {
      radiographId,
      version: stored.version,
      latestVersion: row.landmark_version,
      savedBy: stored.created_by,
      savedAt: stored.created_at,
      landmarks: content,
      measurements,
      calibration: calibrationOf(row),
    };
  }

  return {
    latest: (context: RequestContext, radiographId: string) => readVersion(context, radiographId, 'latest'),
    version: (context: RequestContext, radiographId: string, version: number) =>
      readVersion(context, radiographId, version),

    async versions(context: RequestContext, radiographId: string) {
      const row = await load(db, radiographId);
      const versions = await listLandmarkVersions(db, radiographId);
      await recordAccess(db, context, {
        action: 'list',
        resourceType: 'landmarks',
        resourceId: radiographId,
        patientId: row.patient_id,
      });
      return versions.map((v) => ({ version: v.version, savedBy: v.created_by, savedAt: v.created_at }));
    },

    /** Saves a new version; `expected` is the version the client edited (from If-Match). */
    async save(
      context: RequestContext,
      radiographId: string,
      expected: number | undefined,
      content: LandmarkContent,
    ) {
      return db.transaction().execute(async (trx) => {
        const row = await load(trx, radiographId);
        const radiograph = validateLandmarks(row, content);
        const base = checkExpectedVersion('landmark set', row.landmark_version, expected);
        const at = now();
        if (!(await advanceLandmarkVersion(trx, radiographId, base, at))) {
          const current = await load(trx, radiographId);
          throw staleVersion('landmark set', current.landmark_version);
        }
        const version = base + 1;
        await insertLandmarkVersion(trx, radiographId, {
          version,
          content: JSON.stringify(content),
          created_by: context.actor.userId,
          created_at: at,
        });
        await recordAccess(trx, context, {
          action: base === 0 ? 'create' : 'update',
          resourceType: 'landmarks',
          resourceId: radiographId,
          patientId: row.patient_id,
        });
        return {
          radiographId,
          version,
          latestVersion: version,
          savedBy: context.actor.userId,
          savedAt: at,
          landmarks: content,
          measurements: measureOne(radiograph),
          calibration: calibrationOf(row),
        };
      });
    },
  };
}

/** Where the millimetres of these measurements come from: shown with every distance. */
function calibrationOf(row: RadiographRow) {
  return {
    pixelSpacingMm:
      row.pixel_spacing_mm === null ? null : (JSON.parse(row.pixel_spacing_mm) as number | [number, number]),
    method: row.calibration_method,
    note: row.calibration_note,
  };
}

export type LandmarkService = ReturnType<typeof createLandmarkService>;
