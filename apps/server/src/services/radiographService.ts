import { randomUUID } from 'node:crypto';
import { calibrateFromMarker, type CalibrationMarker } from '@spinerecon/core';
import type { Readable } from 'node:stream';
import type { RequestContext } from '../domain/context.js';
import { invalidInput, notFound } from '../domain/errors.js';
import type { ImageFacts } from '../images/imageFacts.js';
import type { ImageStore } from '../images/imageStore.js';
import { findCase } from '../repositories/caseRepository.js';
import { findVisit } from '../repositories/followUpRepository.js';
import { now, type Executor } from '../repositories/executor.js';
import {
  deleteRadiograph,
  findRadiograph,
  insertImage,
  insertRadiograph,
  updateRadiograph,
  type RadiographRow,
} from '../repositories/radiographRepository.js';
import { recordAccess } from './auditTrail.js';
import { radiographView } from './views.js';

export interface RadiographInput {
  readonly view: 'lateral' | 'coronal';
  readonly posture?: string | undefined;
  readonly takenOn?: string | null | undefined;
  readonly pixelSpacingMm?: number | readonly [number, number] | null | undefined;
  readonly calibrationMethod?: string | null | undefined;
  readonly anteriorOnImage?: 'left' | 'right' | undefined;
  readonly patientRightOnImage?: 'left' | 'right' | undefined;
  readonly description?: string | undefined;
  /** The follow-up visit the film was taken at (null: before the operation, or not tied to a visit). */
  readonly visitId?: string | null | undefined;
}

export type RadiographChanges = Partial<Omit<RadiographInput, 'view'>>;

export function createRadiographService(db: Executor, images: ImageStore) {
  async function load(trx: Executor, id: string) {
    const row = await findRadiograph(trx, id);
    if (row === undefined) throw notFound('radiograph');
    return row;
  }

  function orientationChanges(view: string, input: RadiographChanges) {
    if (view === 'lateral' && input.patientRightOnImage !== undefined) {
      throw invalidInput('$.patientRightOnImage: a lateral film has anteriorOnImage instead', [
        { path: '$.patientRightOnImage', message: 'not used on a lateral radiograph' },
      ]);
    }
    if (view === 'coronal' && input.anteriorOnImage !== undefined) {
      throw invalidInput('$.anteriorOnImage: a coronal film has patientRightOnImage instead', [
        { path: '$.anteriorOnImage', message: 'not used on a coronal radiograph' },
      ]);
    }
    return {
      ...(input.anteriorOnImage === undefined ? {} : { anterior_on_image: input.anteriorOnImage }),
      ...(input.patientRightOnImage === undefined
        ? {}
        : { patient_right_on_image: input.patientRightOnImage }),
    };
  }

  /** A spacing set by hand overrides the DICOM one, and says so; clearing it clears its source. */
  function calibrationChanges(input: RadiographChanges) {
    if (input.pixelSpacingMm === undefined) {
      return input.calibrationMethod === undefined ? {} : { calibration_method: input.calibrationMethod };
    }
    if (input.pixelSpacingMm === null) {
      return { pixel_spacing_mm: null, calibration_method: null, calibration_note: null };
    }
    const method = input.calibrationMethod ?? 'manual';
    return {
      pixel_spacing_mm: JSON.stringify(input.pixelSpacingMm),
      calibration_method: method,
      calibration_note:
        method === 'dicom' ? 'DICOM spacing entered by hand' : `spacing entered by hand (${method})`,
    };
  }

  /** A film is tied only to a visit of its own case. */
  async function visitChanges(
    trx: Executor,
    caseId: string,
    input: RadiographChanges,
  ): Promise<{ visit_id?: string | null }> {
    if (input.visitId === undefined) return {};
    if (input.visitId !== null) {
      const visit = await findVisit(trx, input.visitId);
      if (visit === undefined || visit.case_id !== caseId) {
        throw invalidInput('$.visitId: no follow-up visit of this case has this id', [
          { path: '$.visitId', message: 'no follow-up visit of this case has this id' },
        ]);
      }
    }
    return { visit_id: input.visitId };
  }

  return {
    async create(context: RequestContext, caseId: string, input: RadiographInput) {
      const at = now();
      const row = {
        id: randomUUID(),
        case_id: caseId,
        view: input.view,
        posture: input.posture ?? 'standing',
        taken_on: input.takenOn ?? null,
        pixel_spacing_mm: null,
        calibration_method: null,
        calibration_note: null,
        anterior_on_image: null,
        patient_right_on_image: null,
        image_sha256: null,
        image_filename: null,
        description: input.description ?? '',
        visit_id: null,
        landmark_version: 0,
        created_at: at,
        updated_at: at,
        ...calibrationChanges(input),
        ...orientationChanges(input.view, input),
      };
      const visitId = await db.transaction().execute(async (trx) => {
        const parent = await findCase(trx, caseId);
        if (parent === undefined) throw notFound('case');
        const visit = await visitChanges(trx, caseId, input);
        await insertRadiograph(trx, { ...row, ...visit });
        await recordAccess(trx, context, {
          action: 'create',
          resourceType: 'radiograph',
          resourceId: row.id,
          patientId: parent.patient_id,
        });
        return visit.visit_id ?? null;
      });
      return radiographView({ ...row, visit_id: visitId, ...NO_IMAGE });
    },

    async get(context: RequestContext, id: string) {
      const row = await load(db, id);
      await recordAccess(db, context, {
        action: 'read',
        resourceType: 'radiograph',
        resourceId: id,
        patientId: row.patient_id,
      });
      return radiographView(row);
    },

    async update(context: RequestContext, id: string, input: RadiographChanges) {
      return db.transaction().execute(async (trx) => {
        const row = await load(trx, id);
        const changes = {
          ...(input.posture === undefined ? {} : { posture: input.posture }),
          ...(input.takenOn === undefined ? {} : { taken_on: input.takenOn }),
          ...(input.description === undefined ? {} : { description: input.description }),
          ...calibrationChanges(input),
          ...orientationChanges(row.view, input),
          ...(await visitChanges(trx, row.case_id, input)),
          updated_at: now(),
        };
        await updateRadiograph(trx, id, changes);
        await recordAccess(trx, context, {
          action: 'update',
          resourceType: 'radiograph',
          resourceId: id,
          patientId: row.patient_id,
        });
        return radiographView({ ...row, ...changes });
      });
    },

    async remove(context: RequestContext, id: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const row = await load(trx, id);
        await deleteRadiograph(trx, id);
        await recordAccess(trx, context, {
          action: 'delete',
          resourceType: 'radiograph',
          resourceId: id,
          patientId: row.patient_id,
        });
      });
    },

    /** Streams the upload to the image store, then points the radiograph at it in one transaction. */
    async attachImage(
      context: RequestContext,
      id: string,
      file: Readable,
      fileName: string | null,
      truncated: () => boolean,
    ) {
      await load(db, id); // refuse before reading 200 MB for a radiograph that does not exist
      const stored = await images.save(file, truncated, fileName);
      return db.transaction().execute(async (trx) => {
        const row = await load(trx, id);
        await insertImage(trx, stored);
        const changes = {
          image_sha256: stored.sha256,
          image_filename: fileName,
          ...calibrationFromImage(row, stored.facts),
          updated_at: now(),
        };
        await updateRadiograph(trx, id, changes);
        await recordAccess(trx, context, {
          action: 'update',
          resourceType: 'image',
          resourceId: id,
          patientId: row.patient_id,
        });
        return radiographView({
          ...row,
          ...changes,
          media_type: stored.mediaType,
          size_bytes: stored.sizeBytes,
          width_px: stored.facts.widthPx,
          height_px: stored.facts.heightPx,
          dicom: stored.facts.dicom === null ? null : JSON.stringify(stored.facts.dicom),
        });
      });
    },

    /** Calibrates from a marker of known size placed on the image (the core computes the spacing). */
    async calibrateWithMarker(context: RequestContext, id: string, marker: CalibrationMarker) {
      return db.transaction().execute(async (trx) => {
        const row = await load(trx, id);
        const points = marker.kind === 'ruler' ? [marker.from, marker.to] : marker.edge;
        const outside = points.findIndex(
          (p) =>
            row.width_px !== null &&
            row.height_px !== null &&
            (p[0] < 0 || p[1] < 0 || p[0] > row.width_px || p[1] > row.height_px),
        );
        if (outside >= 0) {
          const path = marker.kind === 'ruler' ? (outside === 0 ? '$.from' : '$.to') : `$.edge[${outside}]`;
          throw invalidInput(`${path}: the point is outside the image`, [
            { path, message: `outside the ${row.width_px} × ${row.height_px} px image` },
          ]);
        }
        const result = calibrateFromMarker(marker);
        if (!result.ok) throw invalidInput(result.reason);
        const changes = {
          pixel_spacing_mm: JSON.stringify(result.pixelSpacingMm),
          calibration_method: 'marker',
          calibration_note: result.description,
          updated_at: now(),
        };
        await updateRadiograph(trx, id, changes);
        await recordAccess(trx, context, {
          action: 'update',
          resourceType: 'radiograph',
          resourceId: id,
          patientId: row.patient_id,
        });
        return radiographView({ ...row, ...changes });
      });
    },

    async openImage(context: RequestContext, id: string) {
      const row = await load(db, id);
      if (row.image_sha256 === null || row.media_type === null) throw notFound('an image of this radiograph');
      await recordAccess(db, context, {
        action: 'read',
        resourceType: 'image',
        resourceId: id,
        patientId: row.patient_id,
      });
      return {
        stream: images.open(row.image_sha256),
        mediaType: row.media_type,
        sizeBytes: Number(row.size_bytes),
        sha256: row.image_sha256,
        fileName: row.image_filename,
      };
    },
  };
}

const NO_IMAGE = { media_type: null, size_bytes: null, width_px: null, height_px: null, dicom: null };

/**
 * The calibration a newly attached image brings. DICOM spacing applies unless the surgeon calibrated by
 * marker or by hand (their calibration wins); a PNG or JPEG replaces a DICOM spacing by none.
 */
function calibrationFromImage(row: RadiographRow, facts: ImageFacts) {
  const byUser = row.calibration_method === 'marker' || row.calibration_method === 'manual';
  if (byUser) return {};
  if (facts.dicom === null) {
    return {
      pixel_spacing_mm: null,
      calibration_method: null,
      calibration_note: 'a PNG or JPEG image carries no spacing: calibrate with a marker of known size',
    };
  }
  const calibration = facts.dicom.calibration;
  if (calibration.status === 'uncalibrated') {
    return { pixel_spacing_mm: null, calibration_method: null, calibration_note: calibration.reason };
  }
  return {
    pixel_spacing_mm: JSON.stringify(calibration.pixelSpacingMm),
    calibration_method: 'dicom',
    calibration_note:
      calibration.warning === undefined
        ? calibration.description
        : `${calibration.description}. ${calibration.warning}`,
  };
}

export type RadiographService = ReturnType<typeof createRadiographService>;
