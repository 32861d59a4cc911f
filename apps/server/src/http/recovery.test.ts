import {
  CASE_FORMAT,
  REHAB_TEMPLATES,
  planCase,
  rehabPhasesFrom,
  validateCase,
  validatePlan,
} from '@spinerecon/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { ApiClient } from '../test-support/apiClient.js';
import {
  LATERAL_LANDMARKS,
  createCase,
  createMeasuredCase,
  createPatient,
} from '../test-support/fixtures.js';
import { ENGINES } from '../test-support/testDatabase.js';
import { startTestServer, type TestServer } from '../test-support/testServer.js';
import type { AuditEvent, CaseDetail, ErrorBody, Page, Plan, Radiograph } from '../test-support/types.js';
import type * as recovery from './schemas/recovery.js';

// The operation record and recovery (docs/decisions/0016) over real HTTP on both engines, with "today"
// fixed at 5 April 2026 by the server's clock.

type Operation = z.infer<typeof recovery.operationRecord>;
type Stay = z.infer<typeof recovery.hospitalStay>;
type Rehabilitation = z.infer<typeof recovery.rehabilitation>;
type Session = z.infer<typeof recovery.therapySession>;
type Visit = z.infer<typeof recovery.visit>;
type VisitDetail = z.infer<typeof recovery.visitDetail>;
type Worklist = z.infer<typeof recovery.worklist>;
type Complication = z.infer<typeof recovery.complication>;
type Alignment = z.infer<typeof recovery.visitAlignment>;

const TODAY = '2026-04-05';

/** A plan on the synthetic case: fusion T10 to the pelvis, L3 PSO of 30°. */
const PSO_PLAN = {
  format: 'spinerecon.plan/1',
  fusion: { upperInstrumentedVertebra: 'T10', lowerInstrumentedVertebra: 'S1', pelvicFixation: 'iliac' },
  osteotomies: [{ level: 'L3', grade: 3, angleDeg: 30 }],
} as const;
const { format: _format, ...PERFORMED } = PSO_PLAN;

const operation = (date: string, extra: Record<string, unknown> = {}) => ({
  content: { format: 'spinerecon.operation/1', date, performed: PERFORMED, ...extra },
});

// Generous timeouts: the test machine may be shared; nothing here asserts a duration.
describe.each(ENGINES)('operation record and recovery on %s', { timeout: 120_000 }, (engine) => {
  let t: TestServer;
  let therapist: ApiClient;
  let researcher: ApiClient;

  beforeAll(async () => {
    t = await startTestServer(engine, {}, { clock: () => new Date(`${TODAY}T10:00:00Z`) });
    therapist = await t.userWithRole('therapist', `rec-therapist-${engine}`);
    researcher = await t.userWithRole('researcher', `rec-researcher-${engine}`);
  }, 120_000);
  afterAll(() => t.close(), 60_000);

  async function newCase() {
    return (await createCase(t.admin, (await createPatient(t.admin)).id)).id;
  }

  it('operation: recorded from the case’s plan, read back, versioned with If-Match (428 without, 412 stale)', async () => {
    const { patient, spineCase } = await createMeasuredCase(t.admin);
    const plan = (
      await t.admin.post(`/api/v1/cases/${spineCase.id}/plans`, { title: 'PSO', content: PSO_PLAN })
    ).json<Plan>();
    const path = `/api/v1/cases/${spineCase.id}/operation`;
    const none = await t.admin.get(path);
    expect(none.status).toBe(404);
    expect(none.json<ErrorBody>().message).toMatch(/operation record of this case does not exist/);

    const first = await t.admin.put(
      path,
      operation('2026-03-10', {
        planId: plan.id,
        planVersion: 1,
        durationMin: 320,
        estimatedBloodLossMl: 1800,
        transfusionUnits: 2,
        neuromonitoringAlerts: [{ description: 'MEP loss during closure of the PSO', action: 'MAP raised' }],
        implants: [{ description: 'pedicle screw 6.5 × 45', udi: '(01)00884521000000(17)281231' }],
      }),
    );
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('"1"');
    // A case that was being assessed or planned is now operated (its timeline shows the surgery done).
    expect((await t.admin.get(`/api/v1/cases/${spineCase.id}`)).json<{ status: string }>().status).toBe(
      'operated',
    );
    const recorded = first.json<Operation>();
    expect(recorded).toMatchObject({ caseId: spineCase.id, version: 1 });
    expect(recorded.content).toMatchObject({
      date: '2026-03-10',
      planId: plan.id,
      performed: PERFORMED,
      intraoperativeComplications: [],
      notes: '',
    });

    const again = await t.admin.put(path, operation('2026-03-10'));
    expect(again.status).toBe(428);
    expect(again.json<ErrorBody>().message).toMatch(/If-Match/);
    const second = await t.admin.put(path, operation('2026-03-11'), { 'if-match': '"1"' });
    expect(second.status).toBe(200);
    expect(second.json<Operation>().version).toBe(2);
    const stale = await t.admin.put(path, operation('2026-03-12'), { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.json<ErrorBody>()).toMatchObject({ error: 'precondition-failed', currentVersion: 2 });

    const read = await t.admin.get(path);
    expect(read.headers.get('etag')).toBe('"2"');
    expect(read.json<Operation>().content.date).toBe('2026-03-11');
    const trail = (await t.admin.get(`/api/v1/audit?patientId=${patient.id}&resourceType=operation`)).json<
      Page<AuditEvent>
    >();
    expect(trail.items.map((e) => e.action).sort()).toEqual(['create', 'read', 'update']);
  });

  it('operation: bad input is a 400 that names the field', async () => {
    const caseId = await newCase();
    const path = `/api/v1/cases/${caseId}/operation`;
    const refused = async (body: unknown) => {
      const response = await t.admin.put(path, body);
      expect(response.status, response.text).toBe(400);
      return response.json<ErrorBody>();
    };
    expect((await refused(operation('2026-02-30'))).details?.[0]?.path).toBe('$.content.date');
    expect((await refused(operation('2026-04-06'))).message).toMatch(/\$\.content\.date: .*in the future/);
    const badLevel = await refused({
      content: {
        format: 'spinerecon.operation/1',
        date: '2026-03-01',
        performed: { osteotomies: [{ level: 'L9', grade: 3 }] },
      },
    });
    expect(badLevel.details?.[0]?.path).toMatch(/^\$\.content\.performed\.osteotomies\[0\]/);
    const risk = await refused({
      content: { format: 'spinerecon.operation/1', date: '2026-03-01', performed: { riskFactors: {} } },
    });
    expect(risk.message).toMatch(/performed\.riskFactors: not part of what was performed/);
    const otherPlan = (
      await t.admin.post(`/api/v1/cases/${await newCase()}/plans`, { title: 'X', content: PSO_PLAN })
    ).json<Plan>();
    expect((await refused(operation('2026-03-01', { planId: otherPlan.id }))).message).toMatch(
      /planId: no plan of this case/,
    );
    expect((await refused(operation('2026-03-01', { bloodLoss: 3 }))).message).toMatch(/bloodLoss/);
    expect((await t.admin.get(path)).status).toBe(404);
  });

  it('hospital stay: its length against the core’s expected range; milestones inside the stay', async () => {
    const caseId = await newCase();
    const path = `/api/v1/cases/${caseId}/hospital-stay`;
    const open = await t.admin.put(path, {
      content: { admissionDate: '2026-03-09', milestones: [{ kind: 'mobilisation', date: '2026-03-10' }] },
    });
    expect(open.status).toBe(200);
    expect(open.json<Stay>().lengthOfStay).toBeNull();
    const discharged = await t.admin.put(
      path,
      {
        content: {
          admissionDate: '2026-03-09',
          dischargeDate: '2026-03-18',
          milestones: [
            { kind: 'mobilisation', date: '2026-03-10' },
            { kind: 'stairs', date: '2026-03-16' },
          ],
          dischargeDestination: 'rehabilitationFacility',
        },
      },
      { 'if-match': '"1"' },
    );
    expect(discharged.status).toBe(200);
    expect(discharged.json<Stay>().lengthOfStay).toMatchObject({
      days: 9,
      expectedDays: { min: 5, max: 7 },
      assessment: 'longer',
      extendedStay: true,
    });
    expect((await t.admin.get(path)).json<Stay>().version).toBe(2);

    const refused = async (content: unknown) => {
      const response = await t.admin.put(path, { content }, { 'if-match': '"2"' });
      expect(response.status, response.text).toBe(400);
      return response.json<ErrorBody>().message;
    };
    expect(await refused({ admissionDate: '2026-03-09', dischargeDate: '2026-03-08' })).toMatch(
      /dischargeDate: before the admission date/,
    );
    expect(
      await refused({ admissionDate: '2026-03-09', milestones: [{ kind: 'dancing', date: '2026-03-10' }] }),
    ).toMatch(/milestones\[0\]\.kind/);
    expect(
      await refused({
        admissionDate: '2026-03-09',
        dischargeDate: '2026-03-12',
        milestones: [{ kind: 'diet', date: '2026-03-14' }],
      }),
    ).toMatch(/milestones\[0\]\.date: outside the stay/);
    expect(await refused({ admissionDate: '2026-03-09', dischargeDestination: 'moon' })).toMatch(
      /dischargeDestination/,
    );
  });

  it('rehabilitation: started from a core template, saved and edited by the therapist', async () => {
    const caseId = await newCase();
    const path = `/api/v1/cases/${caseId}/rehabilitation`;
    const phases = rehabPhasesFrom(REHAB_TEMPLATES.lumbarFusion, '2026-03-10');
    const saved = await therapist.put(path, { content: { phases } });
    expect(saved.status).toBe(200);
    const programme = saved.json<Rehabilitation>();
    expect(programme.content.phases.map((p) => p.startDate)).toEqual([
      '2026-03-10',
      '2026-04-21',
      '2026-06-10',
      '2026-09-10',
    ]);
    const edited = phases.map((p, i) => (i === 0 ? { ...p, goals: [...p.goals, 'Walk 1 km'] } : p));
    const second = await therapist.put(path, { content: { phases: edited } }, { 'if-match': '"1"' });
    expect(second.json<Rehabilitation>().content.phases[0]?.goals).toContain('Walk 1 km');
    const reversed = await therapist.put(
      path,
      { content: { phases: [{ name: 'A', startDate: '2026-05-01', endDate: '2026-04-01' }] } },
      { 'if-match': '"2"' },
    );
    expect(reversed.status).toBe(400);
    expect(reversed.json<ErrorBody>().message).toMatch(/phases\[0\]\.endDate: before the phase's start/);
  });

  it('therapy sessions: recorded by the therapist, listed oldest first with who recorded them', async () => {
    const caseId = await newCase();
    const path = `/api/v1/cases/${caseId}/therapy-sessions`;
    const later = await therapist.post(path, {
      sessionDate: '2026-03-20',
      phase: 'Stabilisation',
      progress: 'better',
    });
    expect(later.status).toBe(201);
    await therapist.post(path, { sessionDate: '2026-03-12', phase: 'Protection and early walking' });
    const sessions = (await t.admin.get(path)).json<Session[]>();
    expect(sessions.map((s) => s.sessionDate)).toEqual(['2026-03-12', '2026-03-20']);
    expect(sessions[1]).toMatchObject({ progress: 'better', recordedByName: 'therapist 1' });
    const future = await therapist.post(path, { sessionDate: '2026-04-06', phase: 'x' });
    expect(future.status).toBe(400);
    expect(future.json<ErrorBody>().message).toMatch(/sessionDate: the session date is in the future/);
    const badDate = await therapist.post(path, { sessionDate: '12/03/2026', phase: 'x' });
    expect(badDate.status).toBe(400);
    expect(badDate.json<ErrorBody>().details?.[0]?.path).toBe('$.sessionDate');
  });

  it('roles: a therapist edits no plan, operation, visit or complication; a researcher sees nothing', async () => {
    const { spineCase } = await createMeasuredCase(t.admin);
    const base = `/api/v1/cases/${spineCase.id}`;
    const plan = (await t.admin.post(`${base}/plans`, { title: 'P', content: PSO_PLAN })).json<Plan>();
    await t.admin.put(`${base}/operation`, operation('2026-03-10'));
    const visit = (
      await t.admin.post(`${base}/follow-up/visits`, { label: 'v', dueDate: '2026-04-21' })
    ).json<Visit>();
    const complication = (
      await t.admin.post(`${base}/complications`, {
        type: 'duralTear',
        onsetDate: '2026-03-10',
        clavienDindo: 'I',
      })
    ).json<Complication>();

    const forbidden = [
      await therapist.put(`/api/v1/plans/${plan.id}`, { content: PSO_PLAN }, { 'if-match': '"1"' }),
      await therapist.put(`${base}/operation`, operation('2026-03-09'), { 'if-match': '"1"' }),
      await therapist.post(`${base}/follow-up/schedule`, {}),
      await therapist.patch(`/api/v1/follow-up/visits/${visit.id}`, { visitDate: '2026-04-01' }),
      await therapist.post(`${base}/complications`, {
        type: 'duralTear',
        onsetDate: '2026-03-10',
        clavienDindo: 'I',
      }),
      await therapist.patch(`/api/v1/complications/${complication.id}`, { clavienDindo: 'II' }),
    ];
    expect(forbidden.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403]);
    expect(forbidden[1]?.json<ErrorBody>().message).toMatch(
      /therapist role may not do this \(operation:write\)/,
    );
    // …but reads all of it and records the rehabilitation.
    expect((await therapist.get(`${base}/operation`)).status).toBe(200);
    expect((await therapist.get(`/api/v1/follow-up/visits/${visit.id}/alignment`)).status).toBe(200);
    expect(
      (await therapist.put(`${base}/hospital-stay`, { content: { admissionDate: '2026-03-09' } })).status,
    ).toBe(200);
    expect(
      (await therapist.post(`${base}/therapy-sessions`, { sessionDate: '2026-03-25', phase: 'x' })).status,
    ).toBe(201);

    const researcherSees = [
      await researcher.get(`${base}/operation`),
      await researcher.get(`${base}/hospital-stay`),
      await researcher.get(`${base}/complications`),
      await researcher.get(`${base}/follow-up/visits`),
      await researcher.get('/api/v1/follow-up/due'),
      await researcher.get(`/api/v1/follow-up/visits/${visit.id}/alignment`),
    ];
    expect(researcherSees.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403]);
  });

  it('follow-up: the schedule counts from the operation date, keeps existing labels, 409 without an operation', async () => {
    const caseId = await newCase();
    const base = `/api/v1/cases/${caseId}`;
    const early = await t.admin.post(`${base}/follow-up/schedule`, {});
    expect(early.status).toBe(409);
    expect(early.json<ErrorBody>().message).toMatch(/no operation record: record the operation first/);

    await t.admin.put(`${base}/operation`, operation('2026-01-10'));
    const scheduled = await t.admin.post(`${base}/follow-up/schedule`, {});
    expect(scheduled.status).toBe(200);
    const visits = scheduled.json<Visit[]>();
    // Today is 2026-04-05: the core's window is 7 days before to 14 days after the due date.
    expect(visits.map((v) => [v.label, v.dueDate, v.status])).toEqual([
      ['2 weeks', '2026-01-24', 'overdue'],
      ['6 weeks', '2026-02-21', 'overdue'],
      ['3 months', '2026-04-10', 'due'],
      ['6 months', '2026-07-10', 'upcoming'],
      ['12 months', '2027-01-10', 'upcoming'],
      ['24 months', '2028-01-10', 'upcoming'],
    ]);
    const sixWeeks = visits[1] as Visit;
    const seen = await t.admin.patch(`/api/v1/follow-up/visits/${sixWeeks.id}`, {
      visitDate: '2026-02-23',
      notes: 'walking well',
    });
    expect(seen.json<Visit>()).toMatchObject({ status: 'done', visitDate: '2026-02-23' });

    const custom = await t.admin.post(`${base}/follow-up/schedule`, {
      intervals: [
        { label: '6 weeks', days: 42 },
        { label: '9 months', months: 9 },
      ],
    });
    const after = custom.json<Visit[]>();
    expect(after).toHaveLength(7);
    expect(after.find((v) => v.label === '6 weeks')).toMatchObject({
      id: sixWeeks.id,
      visitDate: '2026-02-23',
    });
    expect(after.find((v) => v.label === '9 months')?.dueDate).toBe('2026-10-10');
    expect((await t.admin.get(`${base}/follow-up/visits`)).json<Visit[]>()).toEqual(after);

    const both = await t.admin.post(`${base}/follow-up/schedule`, {
      intervals: [{ label: 'x', days: 3, months: 1 }],
    });
    expect(both.status).toBe(400);
    const repeated = await t.admin.post(`${base}/follow-up/schedule`, {
      intervals: [
        { label: 'y', days: 3 },
        { label: 'y', days: 4 },
      ],
    });
    expect(repeated.status).toBe(400);
    expect(repeated.json<ErrorBody>().message).toMatch(/intervals: .*repeats/);
  });

  it('follow-up: the worklist lists due and overdue visits not yet seen, as of the server’s today', async () => {
    const surgeon = await t.userWithRole('surgeon', `rec-worklist-${engine}`);
    const surgeonId = (await surgeon.get('/api/v1/session')).json<{ user: { id: string } }>().user.id;
    const patient = await createPatient(t.admin, { name: 'Worklist Person' });
    const caseId = (await createCase(t.admin, patient.id, { surgeonId })).id;
    const base = `/api/v1/cases/${caseId}`;
    await t.admin.put(`${base}/operation`, operation('2026-01-10'));
    const visits = (await t.admin.post(`${base}/follow-up/schedule`, {})).json<Visit[]>();
    await t.admin.patch(`/api/v1/follow-up/visits/${visits[1]?.id}`, { visitDate: '2026-02-23' });

    const list = async (status: string) => {
      const response = await t.admin.get(`/api/v1/follow-up/due?status=${status}&surgeonId=${surgeonId}`);
      expect(response.status).toBe(200);
      return response.json<Worklist>();
    };
    const all = await list('all');
    expect(all.today).toBe(TODAY);
    expect(all.items.map((i) => [i.visit.label, i.status])).toEqual([
      ['2 weeks', 'overdue'],
      ['3 months', 'due'],
    ]);
    expect(all.items[0]).toMatchObject({
      patient: { id: patient.id, name: 'Worklist Person' },
      case: { id: caseId, surgeonId, surgeonName: expect.stringMatching(/^surgeon /) },
    });
    expect((await list('due')).items.map((i) => i.visit.label)).toEqual(['3 months']);
    expect((await list('overdue')).items.map((i) => i.visit.label)).toEqual(['2 weeks']);
    const paged = await t.admin.get(`/api/v1/follow-up/due?surgeonId=${surgeonId}&limit=1&offset=1`);
    expect(paged.json<Worklist>()).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(paged.json<Worklist>().items.map((i) => i.visit.label)).toEqual(['3 months']);
    expect((await t.admin.get('/api/v1/follow-up/due?status=late')).status).toBe(400);
    // Every row shown is a read of that patient's data.
    const trail = (
      await t.admin.get(`/api/v1/audit?patientId=${patient.id}&resourceType=follow-up-visit`)
    ).json<Page<AuditEvent>>();
    expect(trail.items.filter((e) => e.action === 'list').length).toBeGreaterThanOrEqual(2);
  });

  it('follow-up: an extra visit; bad, future or pre-operative dates are 400, a repeated label 409', async () => {
    const caseId = await newCase();
    const path = `/api/v1/cases/${caseId}/follow-up/visits`;
    await t.admin.put(`/api/v1/cases/${caseId}/operation`, operation('2026-03-01'));
    const extra = await t.admin.post(path, {
      label: 'wound check',
      dueDate: '2026-03-08',
      visitDate: '2026-03-09',
    });
    expect(extra.status).toBe(201);
    expect(extra.json<Visit>()).toMatchObject({ status: 'done', notes: '' });
    const detail = (
      await t.admin.get(`/api/v1/follow-up/visits/${extra.json<Visit>().id}`)
    ).json<VisitDetail>();
    expect(detail).toMatchObject({ label: 'wound check', radiographs: [] });

    const message = async (body: unknown, status = 400) => {
      const response = await t.admin.post(path, body);
      expect(response.status, response.text).toBe(status);
      return response.json<ErrorBody>().message;
    };
    expect(await message({ label: 'a', dueDate: '2026-13-01' })).toMatch(/dueDate/);
    expect(await message({ label: 'a', dueDate: '2026-04-01', visitDate: '2026-04-06' })).toMatch(
      /visitDate: the visit date is in the future/,
    );
    expect(await message({ label: 'a', dueDate: '2026-02-01' })).toMatch(
      /dueDate: before the operation \(2026-03-01\)/,
    );
    expect(await message({ label: 'wound check', dueDate: '2026-03-20' }, 409)).toMatch(
      /already has a visit labelled/,
    );
    const unknown = await t.admin.patch(`/api/v1/follow-up/visits/${crypto.randomUUID()}`, { notes: 'x' });
    expect(unknown.status).toBe(404);
  });

  it('complications: type and Clavien–Dindo grade from the core’s lists, resolution dated after onset', async () => {
    const caseId = await newCase();
    const path = `/api/v1/cases/${caseId}/complications`;
    await t.admin.put(`/api/v1/cases/${caseId}/operation`, operation('2026-03-01'));
    const visit = (
      await t.admin.post(`/api/v1/cases/${caseId}/follow-up/visits`, {
        label: '6 weeks',
        dueDate: '2026-04-12',
      })
    ).json<Visit>();
    const created = await t.admin.post(path, {
      type: 'infectionDeep',
      onsetDate: '2026-03-15',
      clavienDindo: 'IIIb',
      visitId: visit.id,
      description: 'wound discharge',
      treatment: 'debridement and antibiotics',
    });
    expect(created.status).toBe(201);
    const complication = created.json<Complication>();
    expect(complication).toMatchObject({
      typeLabel: 'Infection, deep',
      clavienDindo: 'IIIb',
      visitId: visit.id,
      resolvedDate: null,
    });
    const resolved = await t.admin.patch(`/api/v1/complications/${complication.id}`, {
      resolution: 'healed',
      resolvedDate: '2026-04-01',
    });
    expect(resolved.json<Complication>()).toMatchObject({
      resolution: 'healed',
      resolvedDate: '2026-04-01',
      type: 'infectionDeep',
    });
    expect((await t.admin.get(path)).json<Complication[]>().map((c) => c.id)).toEqual([complication.id]);

    const refused = async (body: unknown) => {
      const response = await t.admin.post(path, body);
      expect(response.status, response.text).toBe(400);
      return response.json<ErrorBody>();
    };
    const unknownType = await refused({ type: 'sneezing', onsetDate: '2026-03-15', clavienDindo: 'I' });
    expect(unknownType.details?.[0]?.path).toBe('$.type');
    const unknownGrade = await refused({ type: 'duralTear', onsetDate: '2026-03-15', clavienDindo: 'III' });
    expect(unknownGrade.details?.[0]?.path).toBe('$.clavienDindo');
    expect(unknownGrade.message).toMatch(/IIIa/);
    expect(
      (
        await refused({
          type: 'duralTear',
          onsetDate: '2026-03-15',
          clavienDindo: 'I',
          resolvedDate: '2026-03-14',
        })
      ).message,
    ).toMatch(/resolvedDate: before the onset date/);
    expect(
      (await refused({ type: 'duralTear', onsetDate: '2026-03-32', clavienDindo: 'I' })).details?.[0]?.path,
    ).toBe('$.onsetDate');
    const otherVisit = (
      await t.admin.post(`/api/v1/cases/${await newCase()}/follow-up/visits`, {
        label: 'z',
        dueDate: '2026-04-01',
      })
    ).json<Visit>();
    expect(
      (
        await refused({
          type: 'duralTear',
          onsetDate: '2026-03-15',
          clavienDindo: 'I',
          visitId: otherVisit.id,
        })
      ).message,
    ).toMatch(/visitId: no follow-up visit of this case/);
    const badPatch = await t.admin.patch(`/api/v1/complications/${complication.id}`, { clavienDindo: 'VI' });
    expect(badPatch.status).toBe(400);
  });

  it('radiographs: visitId ties a film to a visit of its own case, in every radiograph response', async () => {
    const caseId = await newCase();
    const visit = (
      await t.admin.post(`/api/v1/cases/${caseId}/follow-up/visits`, {
        label: '6 weeks',
        dueDate: '2026-04-12',
      })
    ).json<Visit>();
    const film = await t.admin.post(`/api/v1/cases/${caseId}/radiographs`, {
      view: 'lateral',
      anteriorOnImage: 'right',
      visitId: visit.id,
    });
    expect(film.status).toBe(201);
    const radiograph = film.json<Radiograph>();
    expect(radiograph.visitId).toBe(visit.id);
    expect((await t.admin.get(`/api/v1/radiographs/${radiograph.id}`)).json<Radiograph>().visitId).toBe(
      visit.id,
    );
    expect((await t.admin.get(`/api/v1/cases/${caseId}`)).json<CaseDetail>().radiographs[0]?.visitId).toBe(
      visit.id,
    );
    expect(
      (await t.admin.get(`/api/v1/follow-up/visits/${visit.id}`))
        .json<VisitDetail>()
        .radiographs.map((r) => r.id),
    ).toEqual([radiograph.id]);
    const untied = await t.admin.patch(`/api/v1/radiographs/${radiograph.id}`, { visitId: null });
    expect(untied.json<Radiograph>().visitId).toBeNull();
    const elsewhere = (
      await t.admin.post(`/api/v1/cases/${await newCase()}/follow-up/visits`, {
        label: 'x',
        dueDate: '2026-04-12',
      })
    ).json<Visit>();
    const wrong = await t.admin.patch(`/api/v1/radiographs/${radiograph.id}`, { visitId: elsewhere.id });
    expect(wrong.status).toBe(400);
    expect(wrong.json<ErrorBody>().message).toMatch(/visitId: no follow-up visit of this case/);
    const wrongOnCreate = await t.admin.post(`/api/v1/cases/${caseId}/radiographs`, {
      view: 'coronal',
      patientRightOnImage: 'left',
      visitId: elsewhere.id,
    });
    expect(wrongOnCreate.status).toBe(400);
  });

  it('alignment: a 6-week visit with a lateral film and landmarks → preoperative | planned | achieved', async () => {
    // The preoperative film (2026-03-01) with the synthetic landmarks; the operation two days later.
    const { spineCase, radiograph: preoperative } = await createMeasuredCase(t.admin);
    const base = `/api/v1/cases/${spineCase.id}`;
    const plan = (await t.admin.post(`${base}/plans`, { title: 'PSO', content: PSO_PLAN })).json<Plan>();
    await t.admin.put(`${base}/operation`, operation('2026-03-03', { planId: plan.id, planVersion: 1 }));
    const visits = (
      await t.admin.post(`${base}/follow-up/schedule`, { intervals: [{ label: '6 weeks', days: 42 }] })
    ).json<Visit[]>();
    const sixWeeks = visits[0] as Visit;
    expect(sixWeeks.dueDate).toBe('2026-04-14');

    const empty = (await t.admin.get(`/api/v1/follow-up/visits/${sixWeeks.id}/alignment`)).json<Alignment>();
    expect(empty.comparison).toBeNull();
    expect(empty.missing).toContain('achieved: this visit has no lateral film with landmarks yet');

    // The achieved film: the landmarks the core predicts for the plan (as if the operation did exactly that).
    const film = {
      id: 'pre',
      view: 'lateral',
      posture: 'standing',
      pixelSpacingMm: 0.15,
      anteriorOnImage: 'right',
      ...LATERAL_LANDMARKS,
    };
    const read = validateCase({ format: CASE_FORMAT, radiographs: [film] });
    const checkedPlan = validatePlan(PSO_PLAN);
    if (!read.ok || !checkedPlan.ok) throw new Error('fixture');
    const predicted = planCase(read.value, checkedPlan.value, 'fixed');
    if (!predicted.ok) throw new Error(predicted.reason);
    const predictedFilm = predicted.value.predictedCase.radiographs[0];
    if (predictedFilm?.view !== 'lateral') throw new Error('no predicted lateral film');
    const achieved = await t.admin.post(`${base}/radiographs`, {
      view: 'lateral',
      anteriorOnImage: 'right',
      pixelSpacingMm: 0.15,
      calibrationMethod: 'manual',
      takenOn: '2026-04-02',
      visitId: sixWeeks.id,
    });
    const achievedId = achieved.json<Radiograph>().id;
    const saved = await t.admin.put(`/api/v1/radiographs/${achievedId}/landmarks`, {
      vertebrae: predictedFilm.vertebrae,
      femoralHeads: predictedFilm.femoralHeads,
    });
    expect(saved.status, saved.text).toBe(200);
    await t.admin.patch(`/api/v1/follow-up/visits/${sixWeeks.id}`, { visitDate: '2026-04-02' });

    const response = await t.admin.get(`/api/v1/follow-up/visits/${sixWeeks.id}/alignment`);
    expect(response.status).toBe(200);
    const alignment = response.json<Alignment>();
    expect(alignment).toMatchObject({
      visitId: sixWeeks.id,
      operation: { date: '2026-03-03', planId: plan.id, planVersion: 1 },
      plan: { id: plan.id, version: 1, source: 'operation' },
      films: {
        preoperative: { radiographId: preoperative.id },
        achieved: { radiographId: achievedId, visitId: sixWeeks.id },
        firstPostoperative: null,
      },
    });
    const rows = alignment.comparison?.rows ?? [];
    const ll = rows.find((r) => r.parameter === 'lumbarLordosisDeg');
    if (ll === undefined || ll.preoperative === null || ll.planned === null) throw new Error('no LL row');
    // A PSO of 30° with the pelvis fixed adds 30° of lordosis; the achieved film is the plan's prediction.
    expect(ll.planned - ll.preoperative).toBeCloseTo(30, 4);
    expect(ll.achievedMinusPlanned).toBeCloseTo(0, 4);
    expect(ll.changeFromPreoperative).toBeCloseTo(30, 4);
    const pi = rows.find((r) => r.parameter === 'pelvicIncidenceDeg');
    expect(pi?.achieved).toBeCloseTo(pi?.preoperative ?? Number.NaN, 4);
    // The levels above the osteotomy move as one block: the junction at T10 did not change.
    const flags = alignment.comparison?.flags;
    expect(flags?.proximalJunctionalKyphosis.pjk).toBe(false);
    expect(flags?.implantFailure.flag).toBe('undetermined');
    expect(alignment.comparison?.statement).toMatch(/decision support/);
  });

  it('the demo case has the demo plan, and an operation is recorded from it', async () => {
    const demo = await startTestServer(engine, { SPINERECON_DEMO: 'true' });
    try {
      const caseId = (await demo.admin.get('/api/v1/cases')).json<Page<{ id: string }>>().items[0]?.id ?? '';
      const plans = (await demo.admin.get(`/api/v1/cases/${caseId}/plans`)).json<Plan[]>();
      expect(plans.map((p) => p.title)).toEqual(['Demo plan — L3 PSO 30°']);
      const plan = (await demo.admin.get(`/api/v1/plans/${plans[0]?.id}`)).json<Plan>();
      const { format: _plan, ...performed } = plan.content;
      const recorded = await demo.admin.put(`/api/v1/cases/${caseId}/operation`, {
        content: {
          format: 'spinerecon.operation/1',
          date: '2026-03-01',
          planId: plan.id,
          planVersion: 1,
          performed,
        },
      });
      expect(recorded.status, recorded.text).toBe(200);
    } finally {
      await demo.close();
    }
  });
});
