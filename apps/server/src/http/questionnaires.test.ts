import { QUESTIONNAIRES, mcidReached, scoreQuestionnaire, wilsonInterval } from '@spinerecon/core';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../test-support/apiClient.js';
import { LATERAL_LANDMARKS, createCase, createPatient, createRadiograph } from '../test-support/fixtures.js';
import { ENGINES } from '../test-support/testDatabase.js';
import { startTestServer, type TestServer } from '../test-support/testServer.js';
import type { AuditEvent, ErrorBody, Page, Plan } from '../test-support/types.js';

// Patient-reported outcomes over real HTTP: questionnaire links (a token opens only its questionnaire, once,
// until it expires), answers entered by staff, who has not answered, the recovery timeline and a surgeon's
// rates. The services' clock is the test's, so expiry is decided without waiting.

interface Created {
  id: string;
  token: string;
  url: string;
  createdAt: string;
  expiresAt: string;
}
interface Listing {
  invitations: { id: string; status: string; responseId: string | null; visitLabel: string | null }[];
  unanswered: number;
  responses: {
    id: string;
    instrument: string;
    source: string;
    score: unknown;
    values: Record<string, number | null>;
    baselineResponseId: string | null;
    mcid: { outcome: string; before: number | null; after: number | null; reached: boolean | null }[];
    answeredAt: string;
  }[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
const START = Date.parse('2026-06-01T08:00:00.000Z');
const ODI_SOME_BLANK = [2, 1, null, 3, 2, 1, 2, 0, 1, 2];

describe.each(ENGINES)('questionnaires and outcomes on %s', (engine) => {
  let t: TestServer;
  let nowMs = START;
  const anonymous = () => new ApiClient(t.url);
  const db = () => t.server.services.storage.db;

  beforeAll(async () => {
    t = await startTestServer(
      engine,
      { SPINERECON_QUESTIONNAIRE_DAYS: '14' },
      { clock: () => new Date(nowMs) },
    );
  });
  afterAll(() => t.close());

  async function newCase(fields: Record<string, unknown> = {}) {
    const patient = await createPatient(t.admin, {
      name: `Questionnaire Person ${randomUUID().slice(0, 6)}`,
    });
    return { patient, spineCase: await createCase(t.admin, patient.id, fields) };
  }

  async function invite(caseId: string, body: Record<string, unknown> = { instrument: 'odi' }) {
    const response = await t.admin.post(`/api/v1/cases/${caseId}/questionnaires/invitations`, body);
    expect(response.status, response.text).toBe(201);
    return response.json<Created>();
  }

  async function insertVisit(caseId: string, label: string, dueDate: string) {
    const id = randomUUID();
    const at = new Date(nowMs).toISOString();
    await db()
      .insertInto('follow_up_visits')
      .values({
        id,
        case_id: caseId,
        label,
        due_date: dueDate,
        visit_date: null,
        notes: '',
        created_at: at,
        updated_at: at,
      })
      .execute();
    return id;
  }

  async function insertOperation(caseId: string, content: Record<string, unknown>) {
    const at = new Date(nowMs).toISOString();
    await db()
      .insertInto('operations')
      .values({ case_id: caseId, version: 1, created_at: at, updated_at: at })
      .execute();
    await db()
      .insertInto('operation_versions')
      .values({
        case_id: caseId,
        version: 1,
        content: JSON.stringify(content),
        created_by: 'test',
        created_at: at,
      })
      .execute();
  }

  it('gives a link whose token is shown once and kept only as its SHA-256', async () => {
    const { spineCase } = await newCase();
    nowMs = START;
    const created = await invite(spineCase.id);
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    expect(created.url).toBe(`/q/${created.token}`);
    expect(created.createdAt).toBe(new Date(START).toISOString());
    expect(created.expiresAt).toBe(new Date(START + 14 * DAY_MS).toISOString()); // SPINERECON_QUESTIONNAIRE_DAYS
    const stored = await db()
      .selectFrom('questionnaire_invitations')
      .select('token_hash')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(createHash('sha256').update(created.token).digest('hex'));
    const listed = await t.admin.get(`/api/v1/cases/${spineCase.id}/questionnaires`);
    expect(listed.text).not.toContain(created.token);
  });

  it('opens only its own questionnaire without an account, and shows no patient data', async () => {
    const { patient, spineCase } = await newCase();
    const created = await invite(spineCase.id);
    const form = await anonymous().get(`/api/v1/questionnaire/${created.token}`);
    expect(form.status, form.text).toBe(200);
    const body = form.json<{ instrument: string; title: string; items: unknown[]; expiresAt: string }>();
    expect(Object.keys(body).sort()).toEqual([
      'copyright',
      'expiresAt',
      'instructions',
      'instrument',
      'items',
      'title',
    ]);
    expect(body.instrument).toBe('odi');
    expect(body.items).toEqual(QUESTIONNAIRES.odi.items);
    expect(body.expiresAt).toBe(created.expiresAt);
    for (const secret of [patient.name, patient.mrn, patient.id, spineCase.id, created.id]) {
      expect(form.text).not.toContain(secret);
    }
    // The token opens nothing else: every other route still needs a session.
    for (const path of [
      `/api/v1/cases/${spineCase.id}`,
      `/api/v1/cases/${spineCase.id}/questionnaires`,
      `/api/v1/patients/${patient.id}`,
      `/api/v1/cases/${spineCase.id}/recovery/timeline`,
    ]) {
      expect((await anonymous().get(path, { cookie: `spinerecon_session=${created.token}` })).status).toBe(
        401,
      );
    }
    const unknown = await anonymous().get(`/api/v1/questionnaire/${randomBytes(32).toString('base64url')}`);
    expect(unknown.status).toBe(404);
  });

  it('takes the answers once, without a session or CSRF token, and stores the core’s score', async () => {
    const { patient, spineCase } = await newCase();
    const created = await invite(spineCase.id);
    expect((await anonymous().get(`/api/v1/questionnaire/${created.token}`)).status).toBe(200);
    const wrongLength = await anonymous().post(`/api/v1/questionnaire/${created.token}`, {
      answers: [1, 2, 3],
    });
    expect(wrongLength.status).toBe(400);
    expect(wrongLength.json<ErrorBody>().message).toMatch(/needs 10 answers, got 3/);
    const notAnOption = await anonymous().post(`/api/v1/questionnaire/${created.token}`, {
      answers: [6, 1, 1, 1, 1, 1, 1, 1, 1, 1],
    });
    expect(notAnOption.status).toBe(400);
    expect(notAnOption.json<ErrorBody>().details?.[0]?.path).toBe('$.answers');

    const answered = await anonymous().post(`/api/v1/questionnaire/${created.token}`, {
      answers: ODI_SOME_BLANK,
    });
    expect(answered.status, answered.text).toBe(201);
    const again = await anonymous().post(`/api/v1/questionnaire/${created.token}`, {
      answers: ODI_SOME_BLANK,
    });
    expect(again.status).toBe(410);
    expect(again.json<ErrorBody & { reason: string }>().reason).toBe('answered');
    expect((await anonymous().get(`/api/v1/questionnaire/${created.token}`)).status).toBe(410);

    const listing = (await t.admin.get(`/api/v1/cases/${spineCase.id}/questionnaires`)).json<Listing>();
    expect(listing.responses).toHaveLength(1);
    const response = listing.responses[0];
    const expected = scoreQuestionnaire('odi', ODI_SOME_BLANK);
    expect(response?.score).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(response?.values.odi).toBe(expected.instrument === 'odi' ? expected.result.scorePercent : NaN);
    expect(response?.source).toBe('patient');
    expect(listing.invitations[0]).toMatchObject({
      id: created.id,
      status: 'answered',
      responseId: response?.id,
    });

    // The patient behind the link is in the audit trail: no user, named as the link.
    const trail = (
      await t.admin.get(`/api/v1/audit?patientId=${patient.id}&resourceType=questionnaire`)
    ).json<Page<AuditEvent>>();
    const byLink = trail.items.filter((e) => e.username === 'questionnaire link');
    expect(byLink.every((e) => e.userId === null && e.resourceId === created.id)).toBe(true);
    expect(byLink.map((e) => `${e.action} ${e.outcome} ${e.statusCode}`).sort()).toEqual([
      'create failed 400',
      'create failed 400',
      'create failed 410',
      'create success 201',
      'read failed 410',
      'read success 200',
    ]);
  });

  it('takes only one of two answers sent at the same moment', async () => {
    const { spineCase } = await newCase();
    const created = await invite(spineCase.id, { instrument: 'pain' });
    const statuses = await Promise.all(
      [
        [2, 5],
        [3, 6],
      ].map(
        async (answers) =>
          (await anonymous().post(`/api/v1/questionnaire/${created.token}`, { answers })).status,
      ),
    );
    expect(statuses.sort()).toEqual([201, 410]);
    const listing = (await t.admin.get(`/api/v1/cases/${spineCase.id}/questionnaires`)).json<Listing>();
    expect(listing.responses).toHaveLength(1);
  });

  it('closes a link when it expires, and staff see who is pending, answered or expired', async () => {
    const { patient, spineCase } = await newCase();
    nowMs = START;
    const visitId = await insertVisit(spineCase.id, '6 weeks', '2026-07-13');
    const answered = await invite(spineCase.id, { instrument: 'pain', visitId });
    nowMs = START + 1000; // links are listed in the order they were made
    const expiring = await invite(spineCase.id, { instrument: 'odi', expiresInDays: 1 });
    nowMs = START + 2000;
    const pending = await invite(spineCase.id, { instrument: 'srs22r', expiresInDays: 30 });
    expect(
      (await anonymous().post(`/api/v1/questionnaire/${answered.token}`, { answers: [4, 7] })).status,
    ).toBe(201);

    nowMs = START + 1000 + DAY_MS - 1; // a millisecond before it expires: still open
    expect((await anonymous().get(`/api/v1/questionnaire/${expiring.token}`)).status).toBe(200);
    nowMs = START + 1000 + DAY_MS;
    const closed = await anonymous().get(`/api/v1/questionnaire/${expiring.token}`);
    expect(closed.status).toBe(410);
    expect(closed.json<{ reason: string }>().reason).toBe('expired');
    const late = await anonymous().post(`/api/v1/questionnaire/${expiring.token}`, {
      answers: ODI_SOME_BLANK,
    });
    expect(late.status).toBe(410);

    const listing = (await t.admin.get(`/api/v1/cases/${spineCase.id}/questionnaires`)).json<Listing>();
    expect(listing.invitations.map((i) => [i.id, i.status])).toEqual([
      [answered.id, 'answered'],
      [expiring.id, 'expired'],
      [pending.id, 'pending'],
    ]);
    expect(listing.invitations[0]?.visitLabel).toBe('6 weeks');
    expect(listing.unanswered).toBe(2);

    type Unanswered = Page<{
      invitationId: string;
      patientName: string;
      status: string;
      visitLabel: string | null;
    }>;
    const open = (
      await t.admin.get('/api/v1/questionnaires/unanswered?status=pending&limit=200')
    ).json<Unanswered>();
    const mine = open.items.filter((i) => i.patientName === patient.name);
    expect(mine.map((i) => i.invitationId)).toEqual([pending.id]);
    const lapsed = (
      await t.admin.get('/api/v1/questionnaires/unanswered?status=expired&limit=200')
    ).json<Unanswered>();
    expect(lapsed.items.filter((i) => i.patientName === patient.name).map((i) => i.invitationId)).toEqual([
      expiring.id,
    ]);
    nowMs = START;
  });

  it('refuses a visit of another case and an unknown case', async () => {
    const first = await newCase();
    const second = await newCase();
    const otherVisit = await insertVisit(second.spineCase.id, '3 months', '2026-09-01');
    const refused = await t.admin.post(`/api/v1/cases/${first.spineCase.id}/questionnaires/invitations`, {
      instrument: 'odi',
      visitId: otherVisit,
    });
    expect(refused.status).toBe(400);
    expect(refused.json<ErrorBody>().details?.[0]?.path).toBe('$.visitId');
    const missing = await t.admin.post(`/api/v1/cases/${randomUUID()}/questionnaires/invitations`, {
      instrument: 'odi',
    });
    expect(missing.status).toBe(404);
  });

  it('records answers from paper and says whether the MCID is reached against the first answers', async () => {
    const { spineCase } = await newCase();
    const path = `/api/v1/cases/${spineCase.id}/questionnaires/responses`;
    const baseline = await t.admin.post(path, {
      instrument: 'odi',
      answers: Array(10).fill(3),
      answeredOn: '2026-02-01',
    });
    expect(baseline.status, baseline.text).toBe(201);
    nowMs = START + 60_000;
    const later = await t.admin.post(path, { instrument: 'odi', answers: Array(10).fill(1) });
    expect(later.status, later.text).toBe(201);
    const view = later.json<Listing['responses'][number]>();
    expect(view.source).toBe('staff');
    expect(view.baselineResponseId).toBe(baseline.json<{ id: string }>().id);
    const expected = mcidReached('odi', 60, 20);
    expect(view.mcid).toEqual([
      expect.objectContaining({
        outcome: 'odi',
        before: 60,
        after: 20,
        reached: expected.reached,
        improvement: 40,
      }),
    ]);
    expect(expected.reached).toBe(true);
    const refused = await t.admin.post(path, { instrument: 'srs22r', answers: Array(22).fill(0) });
    expect(refused.status).toBe(400);
    expect(refused.json<ErrorBody>().details?.[0]?.path).toBe('$.answers');
    nowMs = START;
  });

  it('lets a therapist read the answers but not send links or enter answers; a researcher sees nothing', async () => {
    const { spineCase } = await newCase();
    const therapist = await t.userWithRole('therapist');
    const researcher = await t.userWithRole('researcher');
    expect((await therapist.get(`/api/v1/cases/${spineCase.id}/questionnaires`)).status).toBe(200);
    expect(
      (
        await therapist.post(`/api/v1/cases/${spineCase.id}/questionnaires/invitations`, {
          instrument: 'odi',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await therapist.post(`/api/v1/cases/${spineCase.id}/questionnaires/responses`, {
          instrument: 'pain',
          answers: [1, 1],
        })
      ).status,
    ).toBe(403);
    expect((await researcher.get(`/api/v1/cases/${spineCase.id}/questionnaires`)).status).toBe(403);
    expect((await researcher.get(`/api/v1/cases/${spineCase.id}/recovery/timeline`)).status).toBe(403);
  }, 30_000);

  it('puts alignment per visit, the plan’s prediction and targets, and scores over time on one timeline', async () => {
    const { spineCase } = await newCase();
    const before = await createRadiograph(t.admin, spineCase.id, 'lateral');
    expect((await t.admin.put(`/api/v1/radiographs/${before.id}/landmarks`, LATERAL_LANDMARKS)).status).toBe(
      200,
    );
    const plan = (
      await t.admin.post(`/api/v1/cases/${spineCase.id}/plans`, {
        title: 'L3 PSO',
        content: { format: 'spinerecon.plan/1', osteotomies: [{ level: 'L3', grade: 3, angleDeg: 30 }] },
      })
    ).json<Plan>();
    await insertOperation(spineCase.id, {
      format: 'spinerecon.operation/1',
      date: '2026-03-10',
      planId: plan.id,
      planVersion: 1,
    });
    const sixWeeks = await insertVisit(spineCase.id, '6 weeks', '2026-04-21');
    const threeMonths = await insertVisit(spineCase.id, '3 months', '2026-06-10');
    const film = await createRadiograph(t.admin, spineCase.id, 'lateral');
    await db()
      .updateTable('radiographs')
      .set({ visit_id: sixWeeks, taken_on: '2026-04-22' })
      .where('id', '=', film.id)
      .execute();
    expect((await t.admin.put(`/api/v1/radiographs/${film.id}/landmarks`, LATERAL_LANDMARKS)).status).toBe(
      200,
    );
    const responses = `/api/v1/cases/${spineCase.id}/questionnaires/responses`;
    await t.admin.post(responses, {
      instrument: 'odi',
      answers: Array(10).fill(3),
      answeredOn: '2026-03-01',
    });
    await t.admin.post(responses, { instrument: 'odi', answers: Array(10).fill(2), visitId: sixWeeks });

    const timeline = await t.admin.get(`/api/v1/cases/${spineCase.id}/recovery/timeline`);
    expect(timeline.status, timeline.text).toBe(200);
    type Values = Record<string, number>;
    const body = timeline.json<{
      operationDate: string;
      plan: { planId: string; planVersion: number };
      preoperative: { lateral: { radiographId: string; values: Values } | null };
      planned: Values | null;
      targets: { srsSchwab: { targets: { parameter: string; max: number | null }[] } } | null;
      alignment: {
        visitId: string;
        label: string;
        lateral: { radiographId: string; values: Values } | null;
      }[];
      outcomes: {
        points: {
          instrument: string;
          visitLabel: string | null;
          values: Values;
          reached: Record<string, boolean | null>;
        }[];
        mcid: { outcome: string; baseline: number | null; mcid: number | null; better: string | null }[];
      };
    }>();
    expect(body.operationDate).toBe('2026-03-10');
    expect(body.plan).toEqual({ planId: plan.id, planVersion: 1, source: 'operation' });
    const preop = body.preoperative.lateral;
    expect(preop?.radiographId).toBe(before.id);
    // A 30° pedicle subtraction at L3 turns L1 by 30° against S1: L1–S1 lordosis changes by exactly 30°.
    const lordosisBefore = preop?.values.lumbarLordosisDeg ?? NaN;
    expect(Math.abs((body.planned?.lumbarLordosisDeg ?? NaN) - lordosisBefore)).toBeCloseTo(30, 6);
    expect(body.targets?.srsSchwab.targets.find((x) => x.parameter === 'piLlMismatchDeg')?.max).toBe(10);
    expect(body.alignment.map((a) => [a.visitId, a.label, a.lateral?.radiographId ?? null])).toEqual([
      [sixWeeks, '6 weeks', film.id],
      [threeMonths, '3 months', null],
    ]);
    expect(body.alignment[0]?.lateral?.values).toEqual(preop?.values); // the same landmarks, measured again
    expect(body.outcomes.points.map((p) => [p.visitLabel, p.values.odi, p.reached.odi ?? null])).toEqual([
      [null, 60, null],
      ['6 weeks', 40, true],
    ]);
    expect(body.outcomes.mcid).toEqual([
      expect.objectContaining({ outcome: 'odi', baseline: 60, mcid: 11, better: 'lower' }),
    ]);
  });

  it('says why a case without films or plan has no planned values and no targets', async () => {
    const { spineCase } = await newCase();
    const timeline = await t.admin.get(`/api/v1/cases/${spineCase.id}/recovery/timeline`);
    expect(timeline.status, timeline.text).toBe(200);
    expect(timeline.json()).toMatchObject({
      operationDate: null,
      plan: null,
      preoperative: { lateral: null, coronal: null },
      planned: null,
      plannedUndetermined: expect.stringMatching(/lateral/),
      targets: null,
      alignment: [],
      outcomes: { points: [], mcid: [] },
      skipped: [],
    });
  });

  it('gives a surgeon the complication and MCID rates of their operated cases next to the published ones', async () => {
    const surgeon = await t.userWithRole('surgeon');
    const surgeonId = (await surgeon.get('/api/v1/session')).json<{ user: { id: string } }>().user.id;
    const [first, second, notOperated] = [
      await newCase({ surgeonId }),
      await newCase({ surgeonId }),
      await newCase({ surgeonId }),
    ];
    await newCase(); // someone else's case
    for (const c of [first, second]) {
      await insertOperation(c.spineCase.id, { format: 'spinerecon.operation/1', date: '2026-03-10' });
    }
    const at = new Date(nowMs).toISOString();
    await db()
      .insertInto('complications')
      .values({
        id: randomUUID(),
        case_id: first.spineCase.id,
        visit_id: null,
        type: 'infectionDeep',
        onset_date: '2026-03-20',
        clavien_dindo: 'IIIb',
        description: '',
        treatment: '',
        resolution: '',
        resolved_date: null,
        recorded_by: surgeonId,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const answer = (caseId: string, answers: number[], answeredOn: string) =>
      surgeon.post(`/api/v1/cases/${caseId}/questionnaires/responses`, {
        instrument: 'odi',
        answers,
        answeredOn,
      });
    await answer(first.spineCase.id, Array(10).fill(3), '2026-03-01'); // 60 %
    await answer(first.spineCase.id, Array(10).fill(1), '2026-06-01'); // 20 %: reached
    await answer(second.spineCase.id, Array(10).fill(2), '2026-03-01'); // 40 %
    await answer(second.spineCase.id, [2, 2, 2, 2, 2, 2, 2, 2, 2, 0], '2026-06-01'); // 36 %: not reached
    await answer(notOperated.spineCase.id, Array(10).fill(5), '2026-03-01');

    const response = await surgeon.get('/api/v1/outcomes/mine');
    expect(response.status, response.text).toBe(200);
    const mine = response.json<{
      surgeonId: string;
      cases: number;
      operatedCases: number;
      complications: {
        n: number;
        rates: { type: string; count: number; n: number; ratePercent: number | null; published: unknown[] }[];
      };
      outcomes: {
        rates: {
          outcome: string;
          n: number;
          reached: number;
          ratePercent: number | null;
          wilson95Percent: { lower: number; upper: number } | null;
          mcid: { value: number } | null;
          undetermined?: string;
        }[];
      };
    }>();
    expect(mine).toMatchObject({ surgeonId, cases: 3, operatedCases: 2 });
    const rate = (type: string) => mine.complications.rates.find((r) => r.type === type);
    expect(rate('any')).toMatchObject({ count: 1, n: 2, ratePercent: 50 });
    expect(rate('infectionDeep')).toMatchObject({ count: 1, n: 2, ratePercent: 50 });
    expect(rate('infectionDeep')?.published.length).toBeGreaterThan(0);
    expect(rate('duralTear')).toMatchObject({ count: 0, n: 2, ratePercent: 0 });
    const odi = mine.outcomes.rates.find((r) => r.outcome === 'odi');
    const interval = wilsonInterval(1, 2);
    expect(odi).toMatchObject({ n: 2, reached: 1, ratePercent: 50, mcid: { value: 11 } });
    expect(odi?.wilson95Percent?.lower).toBeCloseTo(interval.lower * 100, 9);
    expect(odi?.wilson95Percent?.upper).toBeCloseTo(interval.upper * 100, 9);
    const mental = mine.outcomes.rates.find((r) => r.outcome === 'srs22rMentalHealth');
    expect(mental).toMatchObject({ n: 0, ratePercent: null, mcid: null });
    expect(mental?.undetermined).toMatch(/mental health/);
  }, 30_000);
});

describe('the public questionnaire routes', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite', { SPINERECON_QUESTIONNAIRE_RATE_LIMIT: '3' });
  });
  afterAll(() => t.close());

  it('are rate-limited per client address', async () => {
    const client = new ApiClient(t.url);
    const token = () => randomBytes(32).toString('base64url');
    const opened: number[] = [];
    const sent: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      opened.push((await client.get(`/api/v1/questionnaire/${token()}`)).status);
      sent.push((await client.post(`/api/v1/questionnaire/${token()}`, { answers: [1] })).status);
    }
    expect(opened).toEqual([404, 404, 404, 429]);
    expect(sent).toEqual([404, 404, 404, 429]);
    const limited = await client.get(`/api/v1/questionnaire/${token()}`);
    expect(limited.json<ErrorBody>()).toMatchObject({ error: 'too-many-requests' });
    expect(limited.json<ErrorBody>().message).toMatch(/too many requests from your address/);
  });
});
