import {
  CASE_FORMAT,
  DIAGNOSES,
  SEXES,
  type Diagnosis,
  type Radiograph,
  type Sex,
  type SpineCase,
} from '@spinerecon/core';
import { Problem } from '../domain/errors.js';
import type { Executor } from '../repositories/executor.js';
import { listCaseRadiographs } from '../repositories/radiographRepository.js';
import { latestLandmarksOfCase } from '../repositories/versionRepository.js';
import { validateLandmarks, type LandmarkContent } from '../services/spineCase.js';
import type { CaseSubject } from './reportRepository.js';

// The films of a case as a report uses them: every radiograph with its latest landmark set, read by the core
// (services/spineCase.ts), and the `spinerecon.case/1` case the core plans and classifies.

export type CaseRadiographRow = Awaited<ReturnType<typeof listCaseRadiographs>>[number];

export interface ReportFilm {
  readonly row: CaseRadiographRow;
  readonly radiograph: Radiograph;
}

export interface CaseFilms {
  readonly films: readonly ReportFilm[];
  /** Films left out, each with why. */
  readonly skipped: readonly string[];
}

export const filmLabel = (row: Pick<CaseRadiographRow, 'view' | 'posture' | 'taken_on'>): string =>
  `${row.posture} ${row.view} film${row.taken_on === null ? '' : ` of ${row.taken_on}`}`;

/** The case's films with landmarks; `include` chooses which rows count (all by default). */
export async function loadCaseFilms(
  db: Executor,
  caseId: string,
  include: (row: CaseRadiographRow) => boolean = () => true,
): Promise<CaseFilms> {
  const [rows, latest] = await Promise.all([
    listCaseRadiographs(db, caseId),
    latestLandmarksOfCase(db, caseId),
  ]);
  const contentOf = new Map(latest.map((l) => [l.id, l.content]));
  const films: ReportFilm[] = [];
  const skipped: string[] = [];
  for (const row of rows.filter(include)) {
    const content = contentOf.get(row.id);
    if (content === undefined) {
      skipped.push(`${filmLabel(row)}: no landmarks yet`);
      continue;
    }
    try {
      films.push({ row, radiograph: validateLandmarks(row, JSON.parse(content) as LandmarkContent) });
    } catch (error) {
      if (!(error instanceof Problem)) throw error;
      skipped.push(`${filmLabel(row)}: ${error.message}`);
    }
  }
  return { films, skipped };
}

/** Whole years from a birth date (YYYY-MM-DD) to `on`; undefined when the date cannot be read. */
export function ageOn(birthDate: string, on: Date): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const beforeBirthday =
    on.getUTCMonth() + 1 < month || (on.getUTCMonth() + 1 === month && on.getUTCDate() < day);
  const age = on.getUTCFullYear() - year - (beforeBirthday ? 1 : 0);
  return age >= 0 ? age : undefined;
}

const isSex = (value: string): value is Sex => (SEXES as readonly string[]).includes(value);
const isDiagnosis = (value: string): value is Diagnosis => (DIAGNOSES as readonly string[]).includes(value);

/** The case as the core reads it: the films, the patient's age on `on` and sex, the diagnosis. */
export function spineCaseOf(subject: CaseSubject, films: readonly ReportFilm[], on: Date): SpineCase {
  const age = ageOn(subject.birth_date, on);
  const patient = {
    ...(age === undefined ? {} : { ageYears: age }),
    ...(isSex(subject.sex) ? { sex: subject.sex } : {}),
  };
  return {
    format: CASE_FORMAT,
    ...(Object.keys(patient).length === 0 ? {} : { patient }),
    ...(isDiagnosis(subject.diagnosis) ? { clinical: { diagnosis: subject.diagnosis } } : {}),
    radiographs: films.map((f) => f.radiograph),
  };
}
