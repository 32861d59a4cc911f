import { createHmac, randomBytes } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { DicomError, deidentifyDicom, type RetainLongitudinalDates } from '@spinerecon/dicom';
import type { ResearchDates } from '../config.js';
import { Problem } from '../domain/errors.js';
import { dicomProblem } from '../images/dicomProblem.js';
import type { ImageStore } from '../images/imageStore.js';
import type { Executor } from '../repositories/executor.js';
import { readSetting } from '../repositories/settingRepository.js';

const SECRET_KEY = 'deidentify-secret';

/**
 * The key of the pseudonymous UIDs and date shifts: made once per installation and kept in the database,
 * so a study exported twice keeps its pseudonymous UIDs, and nobody without the database can link them.
 */
export async function installationSecret(db: Executor): Promise<string> {
  const existing = await readSetting(db, SECRET_KEY);
  if (existing !== undefined) return existing;
  await db
    .insertInto('settings')
    .values({ key: SECRET_KEY, value: randomBytes(32).toString('hex') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const stored = await readSetting(db, SECRET_KEY);
  if (stored === undefined) throw new Error('the de-identification secret could not be stored');
  return stored;
}

/** Whole days in ±1…365, the same for every film of one patient (PS3.15 E.3.6 Modified Dates Option). */
export function patientDateShiftDays(secret: string, patientId: string): number {
  const value = createHmac('sha256', secret).update(`date-shift:${patientId}`).digest().readUInt32BE(0);
  const days = (value % 365) + 1;
  return value & 0x80000000 ? -days : days;
}

function dateOption(setting: ResearchDates, secret: string, patientId: string): RetainLongitudinalDates {
  if (setting === 'full') return 'full-dates';
  if (setting === 'shift') return { shiftDays: patientDateShiftDays(secret, patientId) };
  return 'off';
}

/** De-identified DICOM copies of stored images (PS3.15 Annex E Basic Profile) for the research role. */
export function createDeidentifiedImages(db: Executor, images: ImageStore, dates: ResearchDates) {
  return {
    async of(image: { sha256: string; mediaType: string }, patient: { id: string; pseudonym: string }) {
      if (image.mediaType !== 'application/dicom') {
        throw new Problem(
          'conflict',
          'only DICOM images are exported for research: a PNG or JPEG may show the patient’s name in its pixels, and carries no header that says it does not',
        );
      }
      const secret = await installationSecret(db);
      const bytes = await buffer(images.open(image.sha256));
      try {
        return deidentifyDicom(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
          secret,
          patientPseudonym: patient.pseudonym,
          retainLongitudinalDates: dateOption(dates, secret, patient.id),
        });
      } catch (error) {
        // Burned-in annotation (the profile cannot clean pixels): refused for this image, not a bad file.
        if (error instanceof DicomError && error.code === 'unsupported')
          throw new Problem('conflict', error.message);
        if (error instanceof DicomError) throw dicomProblem(error);
        throw error;
      }
    },
  };
}

export type DeidentifiedImages = ReturnType<typeof createDeidentifiedImages>;
