import {
  EMPTY_PLAN,
  MCID,
  MCID_UNDETERMINED,
  complicationRates,
  mcidReached,
  planCase,
  SEXES,
  validatePlan,
  wilsonInterval,
  type QuestionnaireInstrument,
  type QuestionnaireScore,
  type AlignmentTargets,
  type CoronalOutput,
  type LateralOutput,
  type MeasurementOutput,
  type Sex,
  type TargetSet,
} from '@spinerecon/core';
import { ageInYears } from '../domain/age.js';
import type { RequestContext } from '../domain/context.js';
import { notFound } from '../domain/errors.js';
import { findCase } from '../repositories/caseRepository.js';
import type { Executor } from '../repositories/executor.js';
import { findPatient } from '../repositories/patientRepository.js';
import { findPlan, listCasePlans } from '../repositories/planRepository.js';
import {
  findLatestOperation,
  listCaseResponses,
  listCaseVisits,
  listSurgeonCases,
  listSurgeonComplications,
  listSurgeonResponses,
} from '../repositories/questionnaireRepository.js';
import { listCaseRadiographs, type RadiographRow } from '../repositories/radiographRepository.js';
import { findPlanVersion, latestLandmarksOfCase } from '../repositories/versionRepository.js';
import { recordAccess } from './auditTrail.js';
import type { Clock } from './clock.js';
import { OUTCOMES, outcomeSeries, outcomeValues } from './questionnaireService.js';
import {
  measureStoredLandmarks,
  toSpineCase,
  validateLandmarks,
  type LandmarkContent,
  type StoredLandmarks,
} from './spineCase.js';

// The recovery timeline of a case (alignment per visit, outcome scores over time, the plan's targets) and a
// surgeon's rates across cases. Every value is the core's: films measured by measureCase, the plan by
// planCase, scores by the questionnaire scoring, MCID by mcidReached, rates by complicationRates.

/** What the operation record tells the timeline (docs/decisions/0016, `spinerecon.operation/1`). */
interface OperationFacts {
  readonly date: string | null;
  readonly planId: string | null;
  readonly planVersion: number | null;
}

function operationFacts(content: string | undefined): OperationFacts | undefined {
  if (content === undefined) return undefined;
  const parsed = JSON.parse(content) as { date?: unknown; planId?: unknown; planVersion?: unknown };
  return {
    date: typeof parsed.date === 'string' ? parsed.date : null,
    planId: typeof parsed.planId === 'string' ? parsed.planId : null,
    planVersion: typeof parsed.planVersion === 'number' ? parsed.planVersion : null,
  };
}

interface PlanChoice {
  readonly planId: string;
  readonly planVersion: number;
  /** `operation`: the plan the operation record names; `latest`: the case's most recently saved plan. */
  readonly source: 'operation' | 'latest';
  readonly content: string;
}

const isSex = (value: string): value is Sex => (SEXES as readonly string[]).includes(value);

/** One film's values as the core measured them. */
export interface FilmValues {
  readonly radiographId: string;
  readonly takenOn: string | null;
  readonly values: Readonly<Record<string, number>>;
  /** Coronal films: every scoliotic curve (Cobb angle, end vertebrae, apex). */
  readonly curves?: CoronalOutput['curves'];
}

/** Standing films first, then the later date taken, then the later entry (as a visit's alignment chooses). */
function latestFirst(a: StoredLandmarks, b: StoredLandmarks): number {
  const standing = Number(b.row.posture === 'standing') - Number(a.row.posture === 'standing');
  if (standing !== 0) return standing;
  const byDate = (b.row.taken_on ?? '').localeCompare(a.row.taken_on ?? '');
  return byDate !== 0 ? byDate : b.row.created_at.localeCompare(a.row.created_at);
}

/**
 * The film of each view among `films` that the core reads (standing first, then the latest), measured by the
 * core. A landmark set the core no longer reads (e.g. after a recalibration) is skipped, and said so.
 */
function measuredFilms(films: readonly StoredLandmarks[], skipped: string[]) {
  const pick = (view: string) => {
    for (const film of films.filter((f) => f.row.view === view).sort(latestFirst)) {
      try {
        validateLandmarks(film.row, film.content);
        return film;
      } catch (error) {
        skipped.push(`${view} film ${film.row.taken_on ?? film.row.id}: ${(error as Error).message}`);
      }
    }
    return undefined;
  };
  const lateral = pick('lateral');
  const coronal = pick('coronal');
  const chosen = [lateral, coronal].filter((f): f is StoredLandmarks => f !== undefined);
  const output = measureStoredLandmarks(chosen);
  const view = (film: StoredLandmarks | undefined): FilmValues | null => {
    const measured = film === undefined ? undefined : output.radiographs.find((r) => r.id === film.row.id);
    if (film === undefined || measured === undefined) return null;
    return {
      radiographId: film.row.id,
      takenOn: film.row.taken_on,
      values: measured.values,
      ...(measured.view === 'coronal' ? { curves: measured.curves } : {}),
    };
  };
  return { lateral: view(lateral), coronal: view(coronal), chosen };
}

/** A target set as bands: the range of each parameter, without the preoperative value it was checked on. */
function bands(set: TargetSet) {
  return {
    name: set.name,
    citation: set.citation,
    targets: set.targets.map((t) => ({
      parameter: t.parameter,
      min: t.min,
      max: t.max,
      unit: t.unit,
      ...(t.reason === undefined ? {} : { reason: t.reason }),
    })),
    ...(set.undetermined === undefined ? {} : { undetermined: set.undetermined }),
  };
}

function targetBands(targets: AlignmentTargets) {
  return {
    srsSchwab: bands(targets.srsSchwab),
    gapProportional: bands(targets.gapProportional),
    ageAdjusted: bands(targets.ageAdjusted),
  };
}

function lateralValues(output: MeasurementOutput): Readonly<Record<string, number>> | null {
  const lateral = output.radiographs.find((r): r is LateralOutput => r.view === 'lateral');
  return lateral === undefined ? null : lateral.values;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group === undefined) groups.set(key(item), [item]);
    else group.push(item);
  }
  return groups;
}

/** What a surgeon's series counts (the web says it next to the rates). */
export const SURGEON_SERIES = 'the cases assigned to you that have an operation record';

/**
 * A surgeon's series: the complication rates of the core (complicationRates, with the published rates next
 * to them), and per outcome how many cases reached the published MCID from their first (baseline) to their
 * latest answers (the core's mcidReached), with the Wilson 95 % interval of that proportion.
 */
async function surgeonOutcomes(db: Executor, surgeonId: string) {
  const [cases, complications, responses] = await Promise.all([
    listSurgeonCases(db, surgeonId),
    listSurgeonComplications(db, surgeonId),
    listSurgeonResponses(db, surgeonId),
  ]);
  const operated = cases.filter((c) => c.operation !== null);
  const complicationsOf = groupBy(complications, (x) => x.case_id);
  const series = complicationRates(
    operated.map((c) => ({
      caseId: c.id,
      complications: (complicationsOf.get(c.id) ?? []).map((x) => ({
        type: x.type,
        clavienDindo: x.clavien_dindo,
      })),
    })),
  );
  // Each case's scores per instrument, oldest first (the rows come ordered by answering time).
  const scoresOf = groupBy(
    responses.map((r) => ({
      key: `${r.case_id} ${r.instrument}`,
      values: outcomeValues(JSON.parse(r.score) as QuestionnaireScore),
    })),
    (r) => r.key,
  );
  const outcomes = (Object.keys(OUTCOMES) as QuestionnaireInstrument[]).flatMap((instrument) =>
    OUTCOMES[instrument].map((outcome) => {
      let reached = 0;
      let determined = 0;
      let undeterminedCases = 0;
      for (const c of operated) {
        const answered = scoresOf.get(`${c.id} ${instrument}`) ?? [];
        const first = answered[0];
        const last = answered.at(-1);
        if (first === undefined || last === undefined || answered.length < 2) continue;
        const result = mcidReached(outcome, first.values[outcome] ?? null, last.values[outcome] ?? null);
        if (result.reached === null) undeterminedCases += 1;
        else {
          determined += 1;
          if (result.reached) reached += 1;
        }
      }
      const published = MCID[outcome];
      const interval = determined === 0 ? null : wilsonInterval(reached, determined);
      return {
        outcome,
        instrument,
        reached,
        n: determined,
        undeterminedCases,
        ratePercent: determined === 0 ? null : (reached * 100) / determined,
        wilson95Percent:
          interval === null ? null : { lower: interval.lower * 100, upper: interval.upper * 100 },
        mcid:
          published === undefined
            ? null
            : {
                value: published.value,
                better: published.better,
                population: published.population,
                citation: published.citation,
              },
        ...(published === undefined
          ? { undetermined: MCID_UNDETERMINED[outcome] ?? 'no published MCID' }
          : {}),
      };
    }),
  );
  return {
    surgeonId,
    series: SURGEON_SERIES,
    cases: cases.length,
    operatedCases: operated.length,
    complications: series,
    outcomes: { rates: outcomes, intervalSource: series.intervalSource },
  };
}

export function createOutcomeService(db: Executor, clock: Clock) {
  /**
   * The plan the operation record names (at its version), else the case's most recently saved plan — the
   * same choice as a visit's alignment.
   */
  async function choosePlan(
    caseId: string,
    facts: OperationFacts | undefined,
  ): Promise<PlanChoice | undefined> {
    if (facts?.planId !== null && facts?.planId !== undefined) {
      const plan = await findPlan(db, facts.planId);
      if (plan !== undefined && plan.case_id === caseId) {
        const version = facts.planVersion ?? plan.version;
        const stored = await findPlanVersion(db, plan.id, version);
        if (stored !== undefined) {
          return { planId: plan.id, planVersion: version, source: 'operation', content: stored.content };
        }
      }
    }
    const latest = [...(await listCasePlans(db, caseId))].sort((a, b) =>
      b.updated_at.localeCompare(a.updated_at),
    )[0];
    if (latest === undefined) return undefined;
    const stored = await findPlanVersion(db, latest.id, latest.version);
    if (stored === undefined) return undefined;
    return { planId: latest.id, planVersion: latest.version, source: 'latest', content: stored.content };
  }

  return {
    async timeline(context: RequestContext, caseId: string) {
      const row = await findCase(db, caseId);
      if (row === undefined) throw notFound('case');
      const [patient, radiographs, latest, visits, responses, operation] = await Promise.all([
        findPatient(db, row.patient_id),
        listCaseRadiographs(db, caseId),
        latestLandmarksOfCase(db, caseId),
        listCaseVisits(db, caseId),
        listCaseResponses(db, caseId),
        findLatestOperation(db, caseId),
      ]);
      if (patient === undefined) throw notFound('case');
      const facts = operationFacts(operation?.content);
      const operationDate = facts?.date ?? null;
      const byId = new Map<string, RadiographRow>(radiographs.map((r) => [r.id, r]));
      const sets: StoredLandmarks[] = latest.flatMap(({ id, content }) => {
        const film = byId.get(id);
        return film === undefined ? [] : [{ row: film, content: JSON.parse(content) as LandmarkContent }];
      });

      const skipped: string[] = [];
      // Before the operation: films tied to no visit and not taken after the operation date.
      const before = measuredFilms(
        sets.filter(
          (s) =>
            s.row.visit_id === null &&
            (operationDate === null || s.row.taken_on === null || s.row.taken_on <= operationDate),
        ),
        skipped,
      );
      const ageAt = operationDate === null ? clock().toISOString() : `${operationDate}T00:00:00.000Z`;
      const spineCase = toSpineCase(before.chosen, {
        ageYears: ageInYears(patient.birth_date, ageAt),
        ...(isSex(patient.sex) ? { sex: patient.sex } : {}),
      });
      const chosenPlan = await choosePlan(caseId, facts);
      const planned = plannedAlignment(spineCase, chosenPlan);

      const alignment = visits.map((visit) => {
        const films = measuredFilms(
          sets.filter((s) => s.row.visit_id === visit.id),
          skipped,
        );
        return {
          kind: 'visit' as const,
          visitId: visit.id,
          label: visit.label,
          dueDate: visit.due_date,
          visitDate: visit.visit_date,
          lateral: films.lateral,
          coronal: films.coronal,
        };
      });
      await recordAccess(db, context, {
        action: 'read',
        resourceType: 'outcomes',
        resourceId: caseId,
        patientId: row.patient_id,
      });
      return {
        caseId,
        operationDate,
        plan:
          chosenPlan === undefined
            ? null
            : { planId: chosenPlan.planId, planVersion: chosenPlan.planVersion, source: chosenPlan.source },
        preoperative: { lateral: before.lateral, coronal: before.coronal },
        planned: planned.values,
        ...(planned.reason === undefined ? {} : { plannedUndetermined: planned.reason }),
        targets: planned.targets,
        alignment,
        outcomes: outcomeSeries(responses, visits),
        skipped,
      };
    },

    async mine(context: RequestContext) {
      const result = await surgeonOutcomes(db, context.actor.userId);
      await recordAccess(db, context, {
        action: 'read',
        resourceType: 'outcomes',
        resourceId: context.actor.userId,
        patientId: null,
      });
      return result;
    },
  };
}

/** The plan's predicted lateral values (or why there are none) and the patient's targets, from planCase. */
function plannedAlignment(
  spineCase: ReturnType<typeof toSpineCase>,
  choice: PlanChoice | undefined,
): {
  values: Readonly<Record<string, number>> | null;
  targets: ReturnType<typeof targetBands> | null;
  reason?: string;
} {
  // The targets depend on the preoperative films and the patient, not on the plan.
  const baseline = planCase(spineCase, EMPTY_PLAN, 'fixed');
  const targets = baseline.ok ? targetBands(baseline.value.targets.preoperative) : null;
  if (!baseline.ok) return { values: null, targets, reason: baseline.reason };
  if (choice === undefined) return { values: null, targets, reason: 'the case has no plan' };
  const checked = validatePlan(JSON.parse(choice.content) as unknown);
  if (!checked.ok) {
    return {
      values: null,
      targets,
      reason: `the plan is not valid: ${checked.errors[0]?.message ?? 'unreadable'}`,
    };
  }
  const result = planCase(spineCase, checked.value, 'fixed');
  if (!result.ok)
    return { values: null, targets, reason: `the plan could not be simulated: ${result.reason}` };
  return { values: lateralValues(result.value.predicted), targets };
}

export type OutcomeService = ReturnType<typeof createOutcomeService>;
