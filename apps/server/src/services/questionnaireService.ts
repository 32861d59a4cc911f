import {
  MCID,
  MCID_UNDETERMINED,
  QUESTIONNAIRES,
  mcidReached,
  scoreQuestionnaire,
  type McidOutcome,
  type QuestionnaireInstrument,
  type QuestionnaireScore,
} from '@spinerecon/core';
import { randomUUID } from 'node:crypto';
import type { AuditAction, AuditOutcome } from '../domain/audit.js';
import type { RequestContext } from '../domain/context.js';
import { Problem, invalidInput, notFound } from '../domain/errors.js';
import { appendAudit } from '../repositories/auditRepository.js';
import { findCase } from '../repositories/caseRepository.js';
import type { Executor, Page } from '../repositories/executor.js';
import {
  findInvitationByTokenHash,
  findVisit,
  insertInvitation,
  insertResponse,
  listCaseInvitations,
  listCaseResponses,
  listCaseVisits,
  listUnanswered,
  markInvitationAnswered,
  type InvitationRow,
  type ResponseRow,
  type UnansweredStatus,
} from '../repositories/questionnaireRepository.js';
import { recordAccess } from './auditTrail.js';
import type { Clock } from './clock.js';
import { randomToken, tokenHash } from './sessionTokens.js';

// Patient-reported outcomes: links with an expiring token (shown once, stored as its SHA-256), the public
// questionnaire behind a link, answers entered by staff, and scores — every score and MCID from the core.

/** The name the audit trail gives a patient who answers through a link (no account, no role). */
export const QUESTIONNAIRE_LINK_ACTOR = 'questionnaire link';

const DAY_MS = 24 * 60 * 60 * 1000;

export type InvitationStatus = 'pending' | 'answered' | 'expired';

export function invitationStatus(row: Pick<InvitationRow, 'answered_at' | 'expires_at'>, at: string) {
  if (row.answered_at !== null) return 'answered' as const;
  return row.expires_at <= at ? ('expired' as const) : ('pending' as const);
}

/** The outcomes of each instrument, by the core's MCID names. */
export const OUTCOMES: Readonly<Record<QuestionnaireInstrument, readonly McidOutcome[]>> = {
  odi: ['odi'],
  srs22r: [
    'srs22rFunction',
    'srs22rPain',
    'srs22rSelfImage',
    'srs22rMentalHealth',
    'srs22rSatisfaction',
    'srs22rTotal',
  ],
  pain: ['nrsBackPain', 'nrsLegPain'],
};

/** The score's values by outcome name (read from the core's score, nothing computed here). */
export function outcomeValues(score: QuestionnaireScore): Partial<Record<McidOutcome, number | null>> {
  switch (score.instrument) {
    case 'odi':
      return { odi: score.result.scorePercent };
    case 'srs22r':
      return {
        srs22rFunction: score.result.domains.function,
        srs22rPain: score.result.domains.pain,
        srs22rSelfImage: score.result.domains.selfImage,
        srs22rMentalHealth: score.result.domains.mentalHealth,
        srs22rSatisfaction: score.result.domains.satisfaction,
        srs22rTotal: score.result.total,
      };
    case 'pain':
      return { nrsBackPain: score.result.backPain, nrsLegPain: score.result.legPain };
  }
}

/** The core's score of the answers; a wrong length or value is a 400 naming the answer. */
function score(instrument: QuestionnaireInstrument, answers: readonly (number | null)[]): QuestionnaireScore {
  try {
    return scoreQuestionnaire(instrument, answers);
  } catch (error) {
    const message = (error as Error).message;
    throw invalidInput(`$.answers: ${message}`, [{ path: '$.answers', message }]);
  }
}

/** Each response with its values and, after the first of its instrument (the baseline), MCID per outcome. */
export function responseViews(responses: readonly ResponseRow[], visitLabels: ReadonlyMap<string, string>) {
  const baselines = new Map<string, { id: string; values: Partial<Record<McidOutcome, number | null>> }>();
  return responses.map((row) => {
    const stored = JSON.parse(row.score) as QuestionnaireScore;
    const values = outcomeValues(stored);
    const baseline = baselines.get(row.instrument);
    if (baseline === undefined) baselines.set(row.instrument, { id: row.id, values });
    const outcomes = OUTCOMES[row.instrument as QuestionnaireInstrument] ?? [];
    const mcid =
      baseline === undefined
        ? []
        : outcomes.map((outcome) => {
            const before = baseline.values[outcome] ?? null;
            const after = values[outcome] ?? null;
            const result = mcidReached(outcome, before, after);
            return {
              outcome,
              before,
              after,
              improvement: result.improvement,
              reached: result.reached,
              threshold: MCID[outcome]?.value ?? null,
              rules: result.rules,
              undetermined: result.undetermined,
              citations: result.citations,
            };
          });
    return {
      id: row.id,
      caseId: row.case_id,
      visitId: row.visit_id,
      visitLabel: row.visit_id === null ? null : (visitLabels.get(row.visit_id) ?? null),
      invitationId: row.invitation_id,
      instrument: row.instrument,
      answers: JSON.parse(row.answers) as (number | null)[],
      score: stored,
      values,
      answeredAt: row.answered_at,
      source: row.source as 'patient' | 'staff',
      recordedBy: row.recorded_by,
      baselineResponseId: baseline?.id ?? null,
      mcid,
    };
  });
}

/** Outcome scores over time with the baseline and published MCID of each outcome (for the timeline chart). */
export function outcomeSeries(
  responses: readonly ResponseRow[],
  visits: readonly { readonly id: string; readonly label: string }[],
) {
  const views = responseViews(responses, new Map(visits.map((v) => [v.id, v.label])));
  const points = views.map((v) => ({
    responseId: v.id,
    instrument: v.instrument,
    visitId: v.visitId,
    visitLabel: v.visitLabel,
    answeredAt: v.answeredAt,
    source: v.source,
    values: v.values,
    reached: Object.fromEntries(v.mcid.map((m) => [m.outcome, m.reached])),
  }));
  const thresholds = (Object.keys(OUTCOMES) as QuestionnaireInstrument[]).flatMap((instrument) => {
    const first = views.find((v) => v.instrument === instrument);
    if (first === undefined) return [];
    return OUTCOMES[instrument].map((outcome) => {
      const published = MCID[outcome];
      const baseline = first.values[outcome] ?? null;
      return {
        outcome,
        baselineResponseId: first.id,
        baseline,
        mcid: published?.value ?? null,
        better: published?.better ?? null,
        population: published?.population ?? null,
        citation: published?.citation ?? null,
        ...(published === undefined
          ? { undetermined: MCID_UNDETERMINED[outcome] ?? 'no published MCID' }
          : {}),
      };
    });
  });
  return { points, mcid: thresholds };
}

interface LinkWho {
  readonly ip: string;
  readonly requestId: string;
}

export interface InvitationInput {
  readonly instrument: QuestionnaireInstrument;
  readonly visitId?: string | undefined;
  readonly expiresInDays?: number | undefined;
}

export interface StaffResponseInput {
  readonly instrument: QuestionnaireInstrument;
  readonly answers: readonly (number | null)[];
  readonly visitId?: string | undefined;
  /** The day the patient filled in the paper form; today when absent. */
  readonly answeredOn?: string | undefined;
}

export function createQuestionnaireService(db: Executor, options: { linkDays: number; clock: Clock }) {
  const nowIso = () => options.clock().toISOString();

  async function loadCase(trx: Executor, caseId: string) {
    const row = await findCase(trx, caseId);
    if (row === undefined) throw notFound('case');
    return row;
  }

  async function checkVisit(trx: Executor, caseId: string, visitId: string | undefined) {
    if (visitId === undefined) return null;
    const visit = await findVisit(trx, visitId);
    if (visit === undefined || visit.case_id !== caseId) {
      throw invalidInput('$.visitId: no visit of this case has this id', [
        { path: '$.visitId', message: 'no visit of this case has this id' },
      ]);
    }
    return visit.id;
  }

  /** An audit row for the patient behind a link: no user, named as the link. */
  function auditLink(
    who: LinkWho,
    invitation: { id: string; patient_id: string },
    action: AuditAction,
    outcome: AuditOutcome,
    statusCode: number,
    trx: Executor = db,
  ) {
    return appendAudit(
      trx,
      { actor: undefined, username: QUESTIONNAIRE_LINK_ACTOR, ip: who.ip, requestId: who.requestId },
      {
        action,
        resourceType: 'questionnaire',
        resourceId: invitation.id,
        patientId: invitation.patient_id,
        outcome,
        statusCode,
      },
    );
  }

  /** The invitation of a token while it can be answered; 404 unknown, 410 answered or expired (audited). */
  async function openInvitation(token: string, who: LinkWho, action: AuditAction) {
    const invitation = await findInvitationByTokenHash(db, tokenHash(token));
    if (invitation === undefined) throw notFound('this questionnaire link');
    const status = invitationStatus(invitation, nowIso());
    if (status === 'pending') return invitation;
    await auditLink(who, invitation, action, 'failed', 410);
    throw status === 'answered'
      ? new Problem('gone', 'this questionnaire was already answered; thank you', [], { reason: 'answered' })
      : new Problem(
          'gone',
          `this questionnaire link expired on ${invitation.expires_at.slice(0, 10)}; ask your care team for a new one`,
          [],
          { reason: 'expired' },
        );
  }

  return {
    async invite(context: RequestContext, caseId: string, input: InvitationInput) {
      const token = randomToken();
      const at = options.clock();
      const row: InvitationRow = {
        id: randomUUID(),
        case_id: caseId,
        visit_id: null,
        instrument: input.instrument,
        token_hash: tokenHash(token),
        expires_at: new Date(at.getTime() + (input.expiresInDays ?? options.linkDays) * DAY_MS).toISOString(),
        created_by: context.actor.userId,
        created_at: at.toISOString(),
        answered_at: null,
      };
      await db.transaction().execute(async (trx) => {
        const parent = await loadCase(trx, caseId);
        row.visit_id = await checkVisit(trx, caseId, input.visitId);
        await insertInvitation(trx, row);
        await recordAccess(trx, context, {
          action: 'create',
          resourceType: 'questionnaire',
          resourceId: row.id,
          patientId: parent.patient_id,
        });
      });
      return {
        id: row.id,
        caseId,
        instrument: input.instrument,
        visitId: row.visit_id,
        token,
        url: `/q/${token}`,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
      };
    },

    async listForCase(context: RequestContext, caseId: string) {
      const parent = await loadCase(db, caseId);
      const [invitations, responses, visits] = await Promise.all([
        listCaseInvitations(db, caseId),
        listCaseResponses(db, caseId),
        listCaseVisits(db, caseId),
      ]);
      const at = nowIso();
      const labels = new Map(visits.map((v) => [v.id, v.label]));
      const responseOf = new Map(
        responses.flatMap((r) => (r.invitation_id === null ? [] : [[r.invitation_id, r.id] as const])),
      );
      await recordAccess(db, context, {
        action: 'list',
        resourceType: 'questionnaire',
        resourceId: caseId,
        patientId: parent.patient_id,
      });
      const items = invitations.map((row) => ({
        id: row.id,
        caseId: row.case_id,
        instrument: row.instrument,
        visitId: row.visit_id,
        visitLabel: row.visit_id === null ? null : (labels.get(row.visit_id) ?? null),
        status: invitationStatus(row, at),
        createdAt: row.created_at,
        createdBy: row.created_by,
        expiresAt: row.expires_at,
        answeredAt: row.answered_at,
        responseId: responseOf.get(row.id) ?? null,
      }));
      return {
        invitations: items,
        unanswered: items.filter((i) => i.status !== 'answered').length,
        responses: responseViews(responses, labels),
      };
    },

    async recordForPatient(context: RequestContext, caseId: string, input: StaffResponseInput) {
      const scored = score(input.instrument, input.answers);
      const id = randomUUID();
      await db.transaction().execute(async (trx) => {
        const parent = await loadCase(trx, caseId);
        await insertResponse(trx, {
          id,
          case_id: caseId,
          visit_id: await checkVisit(trx, caseId, input.visitId),
          invitation_id: null,
          instrument: input.instrument,
          answers: JSON.stringify(input.answers),
          score: JSON.stringify(scored),
          answered_at: input.answeredOn === undefined ? nowIso() : `${input.answeredOn}T00:00:00.000Z`,
          source: 'staff',
          recorded_by: context.actor.userId,
        });
        await recordAccess(trx, context, {
          action: 'create',
          resourceType: 'questionnaire',
          resourceId: id,
          patientId: parent.patient_id,
        });
      });
      const [responses, visits] = await Promise.all([
        listCaseResponses(db, caseId),
        listCaseVisits(db, caseId),
      ]);
      const views = responseViews(responses, new Map(visits.map((v) => [v.id, v.label])));
      const created = views.find((v) => v.id === id);
      if (created === undefined) throw notFound('response');
      return created;
    },

    async unanswered(context: RequestContext, status: UnansweredStatus, page: Page) {
      const at = nowIso();
      const { rows, total } = await listUnanswered(db, status, at, page);
      await db.transaction().execute(async (trx) => {
        for (const row of rows) {
          await recordAccess(trx, context, {
            action: 'list',
            resourceType: 'questionnaire',
            resourceId: row.id,
            patientId: row.patient_id,
          });
        }
      });
      const items = rows.map((row) => ({
        invitationId: row.id,
        caseId: row.case_id,
        patientId: row.patient_id,
        patientName: row.patient_name,
        mrn: row.mrn,
        instrument: row.instrument,
        visitId: row.visit_id,
        visitLabel: row.visit_label,
        status: invitationStatus(row, at),
        createdAt: row.created_at,
        expiresAt: row.expires_at,
      }));
      return { items, total, ...page };
    },

    /** Public: the questionnaire behind a link — its definition and when the link expires, nothing else. */
    async open(token: string, who: LinkWho) {
      const invitation = await openInvitation(token, who, 'read');
      const instrument = invitation.instrument as QuestionnaireInstrument;
      const definition = QUESTIONNAIRES[instrument];
      await auditLink(who, invitation, 'read', 'success', 200);
      return {
        instrument,
        title: definition.title,
        instructions: definition.instructions,
        copyright: definition.copyright,
        items: definition.items,
        expiresAt: invitation.expires_at,
      };
    },

    /** Public: the answers of a link, scored by the core and stored once; the link is used up with them. */
    async answer(token: string, answers: readonly (number | null)[], who: LinkWho) {
      const invitation = await openInvitation(token, who, 'create');
      const instrument = invitation.instrument as QuestionnaireInstrument;
      let scored: QuestionnaireScore;
      try {
        scored = score(instrument, answers);
      } catch (error) {
        await auditLink(who, invitation, 'create', 'failed', 400);
        throw error;
      }
      const at = nowIso();
      const id = randomUUID();
      const stored = await db.transaction().execute(async (trx) => {
        // Two answers sent at once: the first marks the link, the second finds it marked.
        if (!(await markInvitationAnswered(trx, invitation.id, at))) return false;
        await insertResponse(trx, {
          id,
          case_id: invitation.case_id,
          visit_id: invitation.visit_id,
          invitation_id: invitation.id,
          instrument,
          answers: JSON.stringify(answers),
          score: JSON.stringify(scored),
          answered_at: at,
          source: 'patient',
          recorded_by: null,
        });
        await auditLink(who, invitation, 'create', 'success', 201, trx);
        return true;
      });
      if (!stored) {
        await auditLink(who, invitation, 'create', 'failed', 410);
        throw new Problem('gone', 'this questionnaire was already answered; thank you', [], {
          reason: 'answered',
        });
      }
      return { instrument, answeredAt: at };
    },
  };
}

export type QuestionnaireService = ReturnType<typeof createQuestionnaireService>;
