import {
  CASE_FORMAT,
  DIAGNOSES,
  SEXES,
  validateCase,
  type Diagnosis,
  type Radiograph,
  type Sex,
  type SpineCase,
} from '@spinerecon/core';
import { CASE_STATUSES } from '../../domain/clinicalLists.js';
import { isRecord } from '../documents.js';
import { RESEARCH_CASE_FORMAT } from '../research/researchCase.js';

// Reading one line of an import: a `spinerecon.case/1` document, or a line of the research export
// (`spinerecon.research-case/1`, whose `case` field is such a document). Nothing is written here: the result
// says what to create, or why the line cannot be imported.

export interface ImportOptions {
  /** Every case goes to this existing patient. */
  readonly patientId?: string | undefined;
  /** The diagnosis of cases whose line does not give one. */
  readonly diagnosis?: Diagnosis | undefined;
}

export interface ImportFilm {
  readonly radiograph: Radiograph;
  /** YYYY-MM-DD, from a research line exported with dates; null otherwise. */
  readonly takenOn: string | null;
}

export interface ImportCase {
  readonly kind: 'case-file' | 'research-case';
  readonly diagnosis: Diagnosis;
  readonly status: (typeof CASE_STATUSES)[number];
  readonly sex: Sex | undefined;
  readonly ageYears: number | undefined;
  /** The source's patient pseudonym (research lines): lines with the same one go to the same patient. */
  readonly patientPseudonym: string | undefined;
  readonly films: readonly ImportFilm[];
  /** What the line holds that the server does not store, said in the report. */
  readonly notes: readonly string[];
}

export type LineResult =
  | { readonly ok: true; readonly value: ImportCase }
  | { readonly ok: false; readonly reason: string; readonly details?: readonly string[] };

const refuse = (reason: string, details?: readonly string[]): LineResult => ({
  ok: false,
  reason,
  ...(details === undefined ? {} : { details }),
});

const PSEUDONYM = /^P-[0-9a-f]{6,32}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function clinicalNotes(spineCase: SpineCase): string[] {
  const left = Object.keys(spineCase.clinical ?? {}).filter((key) => key !== 'diagnosis');
  return left.length === 0
    ? []
    : [`clinical.${left.join(', clinical.')}: not stored by the server (only the diagnosis is); left out`];
}

function researchNotes(line: Readonly<Record<string, unknown>>): string[] {
  const parts = ['plan', 'operation'].filter((key) => line[key] !== null && line[key] !== undefined);
  for (const key of ['complications', 'outcomes'])
    if (Array.isArray(line[key]) && line[key].length > 0) parts.push(key);
  return parts.length === 0
    ? []
    : [`${parts.join(', ')}: summaries in the export, not full records; not imported`];
}

/** The dates of a research line's films, by pseudonymous id (only when the export carried dates). */
function filmDates(line: Readonly<Record<string, unknown>>): Map<string, string> {
  const dates = new Map<string, string>();
  if (!Array.isArray(line.radiographs)) return dates;
  for (const film of line.radiographs as unknown[]) {
    if (
      isRecord(film) &&
      typeof film.id === 'string' &&
      typeof film.takenOn === 'string' &&
      ISO_DATE.test(film.takenOn)
    )
      dates.set(film.id, film.takenOn);
  }
  return dates;
}

function isDiagnosis(value: unknown): value is Diagnosis {
  return typeof value === 'string' && (DIAGNOSES as readonly string[]).includes(value);
}

/** Reads one parsed JSON value of an import. */
export function readImportLine(value: unknown, options: ImportOptions): LineResult {
  if (!isRecord(value)) return refuse('not a JSON object');
  const research = value.format === RESEARCH_CASE_FORMAT;
  if (!research && value.format !== CASE_FORMAT)
    return refuse(`format must be "${CASE_FORMAT}" or "${RESEARCH_CASE_FORMAT}"`);
  const document = research ? value.case : value;
  const validated = validateCase(document);
  if (!validated.ok) {
    const details = validated.errors.map(
      (e) => `${research ? '$.case' : '$'}${e.path.slice(1)}: ${e.message}`,
    );
    return refuse(details[0] ?? 'invalid case', details);
  }
  const spineCase = validated.value;
  if (spineCase.radiographs.length === 0) return refuse('the case has no radiograph: nothing to import');
  const diagnosis =
    spineCase.clinical?.diagnosis ?? (research ? value.diagnosis : undefined) ?? options.diagnosis;
  if (!isDiagnosis(diagnosis))
    return refuse('no diagnosis: give clinical.diagnosis in the case, or import with ?diagnosis=');
  const pseudonym =
    research && typeof value.patientPseudonym === 'string' ? value.patientPseudonym : undefined;
  if (options.patientId === undefined) {
    if (!research)
      return refuse('a spinerecon.case/1 file names no patient: import it into one with ?patientId=');
    if (pseudonym === undefined || !PSEUDONYM.test(pseudonym))
      return refuse('patientPseudonym must be P- and hex digits, as the research export writes it');
    if (spineCase.patient?.sex === undefined || spineCase.patient.ageYears === undefined)
      return refuse('case.patient needs ageYears and sex to create the patient');
  }
  const status =
    research && (CASE_STATUSES as readonly unknown[]).includes(value.status)
      ? (value.status as (typeof CASE_STATUSES)[number])
      : 'assessment';
  const dates = research ? filmDates(value) : new Map<string, string>();
  const sex = spineCase.patient?.sex;
  return {
    ok: true,
    value: {
      kind: research ? 'research-case' : 'case-file',
      diagnosis,
      status,
      sex: sex !== undefined && (SEXES as readonly string[]).includes(sex) ? sex : undefined,
      ageYears: spineCase.patient?.ageYears,
      patientPseudonym: pseudonym,
      films: spineCase.radiographs.map((radiograph) => ({
        radiograph,
        takenOn: dates.get(radiograph.id) ?? null,
      })),
      notes: [...clinicalNotes(spineCase), ...(research ? researchNotes(value) : [])],
    },
  };
}
