import { randomBytes, randomUUID } from 'node:crypto';
import type { RequestContext } from '../../domain/context.js';
import { insertCase } from '../../repositories/caseRepository.js';
import { now, type Executor } from '../../repositories/executor.js';
import { findPatient, insertPatient } from '../../repositories/patientRepository.js';
import { insertRadiograph } from '../../repositories/radiographRepository.js';
import { insertLandmarkVersion } from '../../repositories/versionRepository.js';
import { recordAccess } from '../../services/auditTrail.js';
import { validateLandmarks } from '../../services/spineCase.js';
import type { ImportCase } from './importLine.js';

// Writing one imported case: its patient (found or created), the case, its radiographs and a first landmark
// set for each, in one transaction with its audit rows — a case is imported whole or not at all.

export interface ImportedCase {
  readonly patientId: string;
  readonly createdPatient: boolean;
  readonly caseId: string;
  readonly radiographIds: readonly string[];
}

/** Same date a whole number of years earlier (29 February → 28 February). */
export function yearsBefore(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const year = y - years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

async function patientFor(
  trx: Executor,
  context: RequestContext,
  item: ImportCase,
  patientId: string | undefined,
  at: string,
): Promise<{ id: string; created: boolean }> {
  if (patientId !== undefined) {
    const patient = await findPatient(trx, patientId);
    if (patient === undefined) throw new ImportRefusal('no patient has the id given in ?patientId=');
    if (item.sex !== undefined && item.sex !== patient.sex)
      throw new ImportRefusal(`the case is of a ${item.sex} patient, the patient given is ${patient.sex}`);
    return { id: patient.id, created: false };
  }
  const pseudonym = item.patientPseudonym;
  if (pseudonym === undefined || item.ageYears === undefined || item.sex === undefined)
    throw new ImportRefusal('the line names no patient');
  // A de-identified patient is kept under the source's pseudonym as MRN: its other cases join it.
  const existing = await trx
    .selectFrom('patients')
    .selectAll()
    .where('mrn', '=', pseudonym)
    .executeTakeFirst();
  if (existing !== undefined) {
    if (existing.sex !== item.sex)
      throw new ImportRefusal(
        `patient ${pseudonym} was imported as ${existing.sex}, this line says ${item.sex}`,
      );
    return { id: existing.id, created: false };
  }
  const today = at.slice(0, 10);
  const row = {
    id: randomUUID(),
    pseudonym: `P-${randomBytes(6).toString('hex')}`,
    mrn: pseudonym,
    name: `Imported ${pseudonym}`,
    name_search: `imported ${pseudonym}`.toLowerCase(),
    // The export gives the age in years, never the birth date: this date keeps that age for the case.
    birth_date: yearsBefore(today, item.ageYears),
    sex: item.sex,
    description: `Imported from a de-identified SpineRecon export (patient ${pseudonym}). The birth date is not known: it is set ${item.ageYears} years before the import, so that the age in years of the export is kept.`,
    created_at: at,
    updated_at: at,
  };
  await insertPatient(trx, row);
  await recordAccess(trx, context, {
    action: 'create',
    resourceType: 'patient',
    resourceId: row.id,
    patientId: row.id,
  });
  return { id: row.id, created: true };
}

/** Something in the line that stops its import (said in the report, the transaction rolled back). */
export class ImportRefusal extends Error {}

export async function importCase(
  db: Executor,
  context: RequestContext,
  item: ImportCase,
  patientId: string | undefined,
): Promise<ImportedCase> {
  return db.transaction().execute(async (trx) => {
    const at = now();
    const patient = await patientFor(trx, context, item, patientId, at);
    const caseRow = {
      id: randomUUID(),
      patient_id: patient.id,
      diagnosis: item.diagnosis,
      status: item.status,
      surgeon_id: null,
      description:
        item.kind === 'research-case'
          ? 'Imported from a de-identified SpineRecon export.'
          : 'Imported from a spinerecon.case/1 file.',
      created_at: at,
      updated_at: at,
    };
    await insertCase(trx, caseRow);
    await recordAccess(trx, context, {
      action: 'create',
      resourceType: 'case',
      resourceId: caseRow.id,
      patientId: patient.id,
    });
    const radiographIds: string[] = [];
    for (const { radiograph, takenOn } of item.films) {
      const spacing = radiograph.pixelSpacingMm;
      const row = {
        id: randomUUID(),
        case_id: caseRow.id,
        view: radiograph.view,
        posture: radiograph.posture,
        taken_on: takenOn,
        pixel_spacing_mm: spacing === undefined ? null : JSON.stringify(spacing),
        calibration_method: spacing === undefined ? null : 'manual',
        calibration_note: spacing === undefined ? null : 'spacing from the imported file, with its landmarks',
        anterior_on_image: radiograph.view === 'lateral' ? radiograph.anteriorOnImage : null,
        patient_right_on_image: radiograph.view === 'coronal' ? radiograph.patientRightOnImage : null,
        image_sha256: null,
        image_filename: null,
        description: `Imported as "${radiograph.id}".`,
        visit_id: null,
        landmark_version: 1,
        created_at: at,
        updated_at: at,
      };
      const content =
        radiograph.view === 'lateral'
          ? { vertebrae: radiograph.vertebrae, femoralHeads: radiograph.femoralHeads }
          : { vertebrae: radiograph.vertebrae };
      // The stored set must read back as the same radiograph (the same check as a landmark save).
      validateLandmarks(row, content);
      await insertRadiograph(trx, row);
      await insertLandmarkVersion(trx, row.id, {
        version: 1,
        content: JSON.stringify(content),
        created_by: context.actor.userId,
        created_at: at,
      });
      await recordAccess(trx, context, {
        action: 'create',
        resourceType: 'radiograph',
        resourceId: row.id,
        patientId: patient.id,
      });
      await recordAccess(trx, context, {
        action: 'create',
        resourceType: 'landmarks',
        resourceId: row.id,
        patientId: patient.id,
      });
      radiographIds.push(row.id);
    }
    return { patientId: patient.id, createdPatient: patient.created, caseId: caseRow.id, radiographIds };
  });
}
