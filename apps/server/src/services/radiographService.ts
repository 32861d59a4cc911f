import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { RequestContext } from '../domain/context.js';
import { invalidInput, notFound } from '../domain/errors.js';
import type { ImageStore } from '../images/imageStore.js';
import { findCase } from '../repositories/caseRepository.js';
import { now, type Executor } from '../repositories/executor.js';
import {
  deleteRadiograph,
  findRadiograph,
  insertImage,
  insertRadiograph,
  updateRadiograph,
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

  function calibrationChanges(input: RadiographChanges) {
    return {
      ...(input.pixelSpacingMm === undefined
        ? {}
        : { pixel_spacing_mm: input.pixelSpacingMm === null ? null : JSON.stringify(input.pixelSpacingMm) }),
      ...(input.calibrationMethod === undefined ? {} : { calibration_method: input.calibrationMethod }),
    };
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
        anterior_on_image: null,
        patient_right_on_image: null,
        image_sha256: null,
        image_filename: null,
        description: input.description ?? '',
        landmark_version: 0,
        created_at: at,
        updated_at: at,
        ...calibrationChanges(input),
        ...orientationChanges(input.view, input),
      };
      await db.transaction().execute(async (trx) => {
        const parent = await findCase(trx, caseId);
        if (parent === undefined) throw notFound('case');
        await insertRadiograph(trx, row);
        await recordAccess(trx, context, {
          action: 'create',
          resourceType: 'radiograph',
          resourceId: row.id,
          patientId: parent.patient_id,
        });
      });
      return radiographView({ ...row, media_type: null, size_bytes: null });
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
      const stored = await images.save(file, truncated);
      return db.transaction().execute(async (trx) => {
        const row = await load(trx, id);
        await insertImage(trx, stored);
        const changes = { image_sha256: stored.sha256, image_filename: fileName, updated_at: now() };
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
        });
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

export type RadiographService = ReturnType<typeof createRadiographService>;
