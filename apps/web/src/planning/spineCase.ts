import { CASE_FORMAT, SEXES, validateCase, type CaseError, type Sex, type SpineCase } from '@spinerecon/core';
import type { CaseDetail, Radiograph } from '../api/types';
import type { LandmarkSet } from '../protocols/landmarks';

// The case as the core plans it (`spinerecon.case/1`): every film of the case with its latest landmark set,
// built the same way as the imaging workspace builds one film (workspace/caseRadiograph.ts), and the
// patient's age and sex from the case's patient.

export interface FilmWithLandmarks {
  readonly radiograph: Radiograph;
  /** The latest saved set; undefined when none was saved yet. */
  readonly landmarks: LandmarkSet | undefined;
}

/** The film object of the case format for one radiograph row and its landmark set (as in caseRadiograph.ts). */
export function caseFilm(radiograph: Radiograph, set: LandmarkSet): Record<string, unknown> {
  return {
    id: radiograph.id,
    view: radiograph.view,
    posture: radiograph.posture,
    ...(radiograph.pixelSpacingMm === null ? {} : { pixelSpacingMm: radiograph.pixelSpacingMm }),
    ...(radiograph.view === 'lateral'
      ? { anteriorOnImage: radiograph.anteriorOnImage, femoralHeads: set.femoralHeads ?? [] }
      : { patientRightOnImage: radiograph.patientRightOnImage }),
    vertebrae: set.vertebrae,
  };
}

/** Whole years from the birth date to `on` (both ISO dates); undefined when either cannot be read. */
export function ageInYears(birthDate: string, on: Date): number | undefined {
  const birth = /^(\d{4})-(\d{2})-(\d{2})/.exec(birthDate);
  if (birth === null) return undefined;
  const [year, month, day] = [Number(birth[1]), Number(birth[2]), Number(birth[3])];
  let age = on.getUTCFullYear() - year;
  const beforeBirthday =
    on.getUTCMonth() + 1 < month || (on.getUTCMonth() + 1 === month && on.getUTCDate() < day);
  if (beforeBirthday) age -= 1;
  return age >= 0 ? age : undefined;
}

export type CaseBuild =
  | { readonly ok: true; readonly spineCase: SpineCase; readonly skipped: readonly string[] }
  | { readonly ok: false; readonly errors: readonly CaseError[] };

const isSex = (value: string): value is Sex => (SEXES as readonly string[]).includes(value);

/**
 * The `spinerecon.case/1` case of the preoperative films that have landmarks. Films without a set and films of
 * a follow-up visit are left out and named in `skipped`; a film whose set the case reader refuses is left out
 * with the reader's message.
 */
export function buildSpineCase(
  detail: CaseDetail,
  films: readonly FilmWithLandmarks[],
  today = new Date(),
): CaseBuild {
  const skipped: string[] = [];
  const radiographs: Record<string, unknown>[] = [];
  for (const { radiograph, landmarks } of films) {
    if (radiograph.visitId !== undefined && radiograph.visitId !== null) {
      skipped.push(
        `${radiograph.view} film ${radiograph.takenOn ?? radiograph.id}: a follow-up film, not planned on`,
      );
      continue;
    }
    if (landmarks === undefined || Object.keys(landmarks.vertebrae).length === 0) {
      skipped.push(`${radiograph.view} film ${radiograph.takenOn ?? radiograph.id}: no landmarks yet`);
      continue;
    }
    const film = caseFilm(radiograph, landmarks);
    const alone = validateCase({ format: CASE_FORMAT, radiographs: [film] });
    if (!alone.ok) {
      skipped.push(
        `${radiograph.view} film ${radiograph.takenOn ?? radiograph.id}: ${alone.errors[0]?.message ?? 'cannot be read'}`,
      );
      continue;
    }
    radiographs.push(film);
  }
  const age = ageInYears(detail.patient.birthDate, today);
  const patient = {
    ...(age === undefined ? {} : { ageYears: age }),
    ...(isSex(detail.patient.sex) ? { sex: detail.patient.sex } : {}),
  };
  const read = validateCase({
    format: CASE_FORMAT,
    ...(Object.keys(patient).length === 0 ? {} : { patient }),
    radiographs,
  });
  return read.ok ? { ok: true, spineCase: read.value, skipped } : { ok: false, errors: read.errors };
}
