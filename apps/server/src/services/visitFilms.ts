import type { LateralRadiograph } from '@spinerecon/core';
import type { FollowUpVisitRow } from '../repositories/followUpRepository.js';
import type { RadiographRow } from '../repositories/radiographRepository.js';
import { validateLandmarks, type LandmarkContent } from './spineCase.js';

// Which lateral films a visit's alignment compares (docs/decisions/0016): the preoperative film (not tied
// to a visit, taken on or before the operation day or undated), the visit's own film (achieved), and the
// first postoperative film (after the operation, before this visit). Standing films first; the core
// measures them.

export interface MeasuredFilm {
  readonly row: RadiographRow;
  readonly radiograph: LateralRadiograph;
  /** The day the film stands for: its date, else its visit's date or due date. */
  readonly date: string | null;
}

export interface VisitFilms {
  readonly preoperative: MeasuredFilm | undefined;
  readonly achieved: MeasuredFilm | undefined;
  readonly firstPostoperative: MeasuredFilm | undefined;
  /** Films left out, with the reason (a landmark set the core no longer reads, e.g. after a recalibration). */
  readonly skipped: readonly string[];
}

const visitDay = (visit: FollowUpVisitRow): string => visit.visit_date ?? visit.due_date;

/** Standing before other postures, then the later date, then the later entry. */
function latestFirst(a: MeasuredFilm, b: MeasuredFilm): number {
  const standing = Number(b.row.posture === 'standing') - Number(a.row.posture === 'standing');
  if (standing !== 0) return standing;
  const byDate = (b.date ?? '').localeCompare(a.date ?? '');
  return byDate !== 0 ? byDate : b.row.created_at.localeCompare(a.row.created_at);
}

/** Standing first, then the earlier date. */
function earliestFirst(a: MeasuredFilm, b: MeasuredFilm): number {
  const standing = Number(b.row.posture === 'standing') - Number(a.row.posture === 'standing');
  if (standing !== 0) return standing;
  const byDate = (a.date ?? '').localeCompare(b.date ?? '');
  return byDate !== 0 ? byDate : a.row.created_at.localeCompare(b.row.created_at);
}

export function selectVisitFilms(input: {
  readonly visit: FollowUpVisitRow;
  readonly operationDate: string | undefined;
  readonly radiographs: readonly RadiographRow[];
  readonly landmarks: ReadonlyMap<string, LandmarkContent>;
  readonly visits: readonly FollowUpVisitRow[];
}): VisitFilms {
  const visitsById = new Map(input.visits.map((v) => [v.id, v]));
  const skipped: string[] = [];
  const films: MeasuredFilm[] = [];
  for (const row of input.radiographs) {
    const content = input.landmarks.get(row.id);
    if (row.view !== 'lateral' || content === undefined) continue;
    let radiograph;
    try {
      radiograph = validateLandmarks(row, content);
    } catch (error) {
      skipped.push(`lateral film ${row.taken_on ?? row.id}: ${(error as Error).message}`);
      continue;
    }
    if (radiograph.view !== 'lateral') continue;
    const visit = row.visit_id === null ? undefined : visitsById.get(row.visit_id);
    films.push({ row, radiograph, date: row.taken_on ?? (visit === undefined ? null : visitDay(visit)) });
  }
  const operationDate = input.operationDate;
  const thisDay = visitDay(input.visit);
  const untiedAfterOperation = (film: MeasuredFilm) =>
    film.row.visit_id === null &&
    operationDate !== undefined &&
    film.row.taken_on !== null &&
    film.row.taken_on > operationDate;
  const preoperative = films
    .filter((film) => film.row.visit_id === null && !untiedAfterOperation(film))
    .sort(latestFirst)[0];
  const achieved = films.filter((film) => film.row.visit_id === input.visit.id).sort(latestFirst)[0];
  const firstPostoperative = films
    .filter((film) => {
      if (untiedAfterOperation(film)) return film.date !== null && film.date < thisDay;
      if (film.row.visit_id === null || film.row.visit_id === input.visit.id) return false;
      const visit = visitsById.get(film.row.visit_id);
      return visit !== undefined && visitDay(visit) < thisDay;
    })
    .sort(earliestFirst)[0];
  return { preoperative, achieved, firstPostoperative, skipped };
}
