import {
  CASE_FORMAT,
  classifyCase,
  type CoronalOutput,
  type Diagnosis,
  type LateralOutput,
  type Radiograph,
  type Sex,
  type SpineCase,
} from '@spinerecon/core';
import type { CaseRecord } from '../caseRecords.js';
import { answerValues, planOf, readOperation, readRehabilitation, scoreValues } from '../documents.js';
import { measuredFilms, type MeasuredFilm } from '../measuredFilms.js';
import { summarisePlan, type PlanSummary } from '../planSummary.js';
import { datePolicy, dayOf, exportedDate, keyedPseudonym, type DatePolicy } from './researchKeys.js';
import type { ResearchDates } from '../../config.js';

// One case of the research export (`spinerecon.research-case/1`, docs/formats/research-export.md): no name,
// MRN, birth date, record id or free text; ids are pseudonyms; dates as the installation's policy says.

export const RESEARCH_CASE_FORMAT = 'spinerecon.research-case/1';

export type FilmMeasurements = Omit<LateralOutput, 'id' | 'view'> | Omit<CoronalOutput, 'id' | 'view'>;

export interface ResearchFilm {
  readonly id: string;
  readonly view: 'lateral' | 'coronal';
  readonly posture: string;
  readonly day: number | null;
  readonly takenOn: string | null;
  /** Tied to a follow-up visit, or taken after the operation date. */
  readonly afterOperation: boolean;
  readonly calibrated: boolean;
  /** null: no landmark set. */
  readonly measurements: FilmMeasurements | null;
}

export interface ResearchClassification {
  readonly srsSchwab: {
    readonly curveType: string | null;
    readonly piLl: string | null;
    readonly pt: string | null;
    readonly sva: string | null;
  };
  readonly lenke: string | null;
  readonly roussouly: string | null;
  readonly gap: { readonly total: number | null; readonly category: string | null };
}

export interface ResearchOperation {
  readonly day: number | null;
  readonly date: string | null;
  readonly durationMin: number | null;
  readonly estimatedBloodLossMl: number | null;
  readonly transfusionUnits: number | null;
  readonly neuromonitoringAlertCount: number;
  readonly intraoperativeComplicationCount: number;
  readonly implantCount: number;
  readonly performed: PlanSummary | null;
}

export interface ResearchOutcome {
  readonly instrument: string;
  readonly day: number | null;
  readonly answeredOn: string | null;
  readonly source: string;
  readonly answers: readonly (number | null)[];
  readonly scores: Readonly<Record<string, number | string | null>>;
}

export interface ResearchComplication {
  readonly type: string;
  readonly clavienDindo: string;
  readonly onsetDay: number | null;
  readonly onsetOn: string | null;
  readonly resolved: boolean;
  readonly resolvedDay: number | null;
}

export interface ResearchCase {
  readonly format: typeof RESEARCH_CASE_FORMAT;
  readonly caseId: string;
  readonly patientPseudonym: string;
  readonly ageYears: number;
  readonly sex: string;
  readonly diagnosis: string;
  readonly status: string;
  readonly dates: ResearchDates;
  readonly dayZero: 'operation' | 'case-created';
  readonly caseCreatedDay: number;
  readonly caseCreatedOn: string | null;
  readonly radiographs: readonly ResearchFilm[];
  readonly baseline: { readonly lateral: string | null; readonly coronal: string | null };
  readonly classification: ResearchClassification | null;
  readonly plan: PlanSummary | null;
  readonly operation: ResearchOperation | null;
  readonly rehabilitationPhaseCount: number | null;
  readonly complications: readonly ResearchComplication[];
  readonly outcomes: readonly ResearchOutcome[];
  /** The landmarks of every measured film as a `spinerecon.case/1` document (radiograph ids = pseudonyms). */
  readonly case: SpineCase;
}

function filmMeasurements(output: LateralOutput | CoronalOutput | undefined): FilmMeasurements | null {
  if (output === undefined) return null;
  const { id: _id, view: _view, ...rest } = output;
  return rest;
}

function isAfterOperation(film: MeasuredFilm, operationDate: string | undefined): boolean {
  if (film.row.visit_id !== null) return true;
  return operationDate !== undefined && film.row.taken_on !== null && film.row.taken_on > operationDate;
}

/**
 * The baseline film of a view: the latest one with a landmark set that is not a follow-up film (latest by the
 * date taken, then by creation). The classification and the CSV's per-view columns use it.
 */
function baselineFilm(
  films: readonly MeasuredFilm[],
  view: 'lateral' | 'coronal',
  operationDate: string | undefined,
): MeasuredFilm | undefined {
  const candidates = films.filter(
    (f) => f.row.view === view && f.radiograph !== undefined && !isAfterOperation(f, operationDate),
  );
  const sorted = [...candidates].sort(
    (a, b) =>
      (a.row.taken_on ?? '').localeCompare(b.row.taken_on ?? '') ||
      a.row.created_at.localeCompare(b.row.created_at),
  );
  return sorted[sorted.length - 1];
}

function classify(record: CaseRecord, radiographs: readonly Radiograph[]): ResearchClassification | null {
  if (radiographs.length === 0) return null;
  const sex = record.patient.sex as Sex;
  const { classifications } = classifyCase({
    format: CASE_FORMAT,
    patient: { ageYears: record.patient.ageYears, sex },
    clinical: { diagnosis: record.case.diagnosis as Diagnosis },
    radiographs,
  });
  return {
    srsSchwab: {
      curveType: classifications.srsSchwab.curveType,
      piLl: classifications.srsSchwab.piLl,
      pt: classifications.srsSchwab.pt,
      sva: classifications.srsSchwab.sva,
    },
    lenke: classifications.lenke.classification,
    roussouly: classifications.roussouly.type,
    gap: { total: classifications.gap.total, category: classifications.gap.category },
  };
}

function operationOf(record: CaseRecord, policy: DatePolicy): ResearchOperation | null {
  if (record.operation === undefined) return null;
  const facts = readOperation(record.operation.content);
  return {
    day: dayOf(policy, facts.date),
    date: exportedDate(policy, facts.date),
    durationMin: facts.durationMin ?? null,
    estimatedBloodLossMl: facts.estimatedBloodLossMl ?? null,
    transfusionUnits: facts.transfusionUnits ?? null,
    neuromonitoringAlertCount: facts.neuromonitoringAlerts.length,
    intraoperativeComplicationCount: facts.intraoperativeComplications.length,
    implantCount: facts.implants.length,
    performed: facts.performed === undefined ? null : summarisePlan(facts.performed),
  };
}

/** The de-identified form of one case. `secret`: the installation's key (researchKeys.ts). */
export function toResearchCase(record: CaseRecord, mode: ResearchDates, secret: string): ResearchCase {
  const operationDate =
    record.operation === undefined ? undefined : readOperation(record.operation.content).date;
  const policy = datePolicy(mode, secret, record.patient.id, operationDate, record.case.created_at);
  const pseudonyms = new Map<string, string>();
  const pseudonym = (id: string): string => {
    let value = pseudonyms.get(id);
    if (value === undefined) {
      value = keyedPseudonym(secret, 'R', id);
      pseudonyms.set(id, value);
    }
    return value;
  };
  const films = measuredFilms(record);
  const lateral = baselineFilm(films, 'lateral', operationDate);
  const coronal = baselineFilm(films, 'coronal', operationDate);
  const baseline = [lateral, coronal].flatMap((f) =>
    f?.radiograph === undefined ? [] : [{ ...f.radiograph, id: pseudonym(f.row.id) }],
  );
  const plan = record.plan === undefined ? undefined : planOf(record.plan.content);
  return {
    format: RESEARCH_CASE_FORMAT,
    caseId: keyedPseudonym(secret, 'C', record.case.id),
    patientPseudonym: record.patient.pseudonym,
    ageYears: record.patient.ageYears,
    sex: record.patient.sex,
    diagnosis: record.case.diagnosis,
    status: record.case.status,
    dates: mode,
    dayZero: policy.dayZeroKind,
    caseCreatedDay: dayOf(policy, record.case.created_at) ?? 0,
    caseCreatedOn: exportedDate(policy, record.case.created_at),
    radiographs: films.map((film) => ({
      id: pseudonym(film.row.id),
      view: film.row.view === 'coronal' ? 'coronal' : 'lateral',
      posture: film.row.posture,
      day: dayOf(policy, film.row.taken_on),
      takenOn: exportedDate(policy, film.row.taken_on),
      afterOperation: isAfterOperation(film, operationDate),
      calibrated: film.row.pixel_spacing_mm !== null,
      measurements: filmMeasurements(film.measurements),
    })),
    baseline: {
      lateral: lateral === undefined ? null : pseudonym(lateral.row.id),
      coronal: coronal === undefined ? null : pseudonym(coronal.row.id),
    },
    classification: classify(record, baseline),
    plan: plan === undefined ? null : summarisePlan(plan),
    operation: operationOf(record, policy),
    rehabilitationPhaseCount:
      record.rehabilitation === undefined ? null : readRehabilitation(record.rehabilitation.content).length,
    complications: record.complications.map((row) => ({
      type: row.type,
      clavienDindo: row.clavien_dindo,
      onsetDay: dayOf(policy, row.onset_date),
      onsetOn: exportedDate(policy, row.onset_date),
      resolved: row.resolved_date !== null,
      resolvedDay: dayOf(policy, row.resolved_date),
    })),
    outcomes: record.questionnaires.map((row) => ({
      instrument: row.instrument,
      day: dayOf(policy, row.answered_at),
      answeredOn: exportedDate(policy, row.answered_at),
      source: row.source,
      answers: answerValues(JSON.parse(row.answers) as unknown),
      scores: scoreValues(JSON.parse(row.score) as unknown),
    })),
    case: {
      format: CASE_FORMAT,
      patient: { ageYears: record.patient.ageYears, sex: record.patient.sex as Sex },
      clinical: { diagnosis: record.case.diagnosis as Diagnosis },
      radiographs: films.flatMap((film) =>
        film.radiograph === undefined ? [] : [{ ...film.radiograph, id: pseudonym(film.row.id) }],
      ),
    },
  };
}
