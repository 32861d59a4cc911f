import type { Selectable } from 'kysely';
import type { RadiographsTable } from '../db/schema.js';
import type { ImageFacts } from '../images/imageFacts.js';
import { now, type Executor } from './executor.js';

export type RadiographRow = Selectable<RadiographsTable>;

export async function insertRadiograph(db: Executor, row: RadiographRow): Promise<void> {
  await db.insertInto('radiographs').values(row).execute();
}

/** The radiograph with the patient it belongs to (for the audit trail and permission checks). */
export const findRadiograph = (db: Executor, id: string) =>
  db
    .selectFrom('radiographs')
    .innerJoin('cases', 'cases.id', 'radiographs.case_id')
    .leftJoin('images', 'images.sha256', 'radiographs.image_sha256')
    .selectAll('radiographs')
    .select([
      'cases.patient_id',
      'images.media_type',
      'images.size_bytes',
      'images.width_px',
      'images.height_px',
      'images.dicom',
    ])
    .where('radiographs.id', '=', id)
    .executeTakeFirst();

export const listCaseRadiographs = (db: Executor, caseId: string) =>
  db
    .selectFrom('radiographs')
    .leftJoin('images', 'images.sha256', 'radiographs.image_sha256')
    .selectAll('radiographs')
    .select(['images.media_type', 'images.size_bytes', 'images.width_px', 'images.height_px', 'images.dicom'])
    .where('case_id', '=', caseId)
    .orderBy('radiographs.created_at')
    .orderBy('radiographs.id')
    .execute();

export async function updateRadiograph(
  db: Executor,
  id: string,
  changes: Partial<Omit<RadiographRow, 'id' | 'case_id' | 'created_at' | 'landmark_version'>>,
): Promise<boolean> {
  const result = await db.updateTable('radiographs').set(changes).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteRadiograph(db: Executor, id: string): Promise<boolean> {
  const result = await db.deleteFrom('radiographs').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export interface ImageRow {
  readonly sha256: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  readonly facts: ImageFacts;
}

/** Records a stored image once per content hash (a second upload of the same bytes is a no-op). */
export async function insertImage(db: Executor, image: ImageRow): Promise<void> {
  await db
    .insertInto('images')
    .values({
      sha256: image.sha256,
      media_type: image.mediaType,
      size_bytes: image.sizeBytes,
      width_px: image.facts.widthPx,
      height_px: image.facts.heightPx,
      dicom: image.facts.dicom === null ? null : JSON.stringify(image.facts.dicom),
      created_at: now(),
    })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

export const findImage = (db: Executor, sha256: string) =>
  db.selectFrom('images').selectAll().where('sha256', '=', sha256).executeTakeFirst();
