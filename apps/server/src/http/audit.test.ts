import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../test-support/apiClient.js';
import {
  LATERAL_LANDMARKS,
  PNG_BYTES,
  createCase,
  createPatient,
  createRadiograph,
  imageForm,
} from '../test-support/fixtures.js';
import { ENGINES } from '../test-support/testDatabase.js';
import { startTestServer, type TestServer } from '../test-support/testServer.js';
import type { AuditEvent, Page, Plan } from '../test-support/types.js';

describe.each(ENGINES)('the audit trail on %s', (engine) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(engine);
  });
  afterAll(() => t.close());

  const trailOf = async (patientId: string) => {
    const page = (await t.admin.get(`/api/v1/audit?patientId=${patientId}&limit=200`)).json<
      Page<AuditEvent>
    >();
    return page.items.reverse(); // oldest first
  };

  it('records every read and write of a patient’s data: who, what, action, when, from where, outcome', async () => {
    const surgeon = await t.userWithRole('surgeon', `audit-surgeon-${engine}`);
    const patient = await createPatient(surgeon, { name: 'Audit Person' });
    const spineCase = await createCase(surgeon, patient.id);
    const film = await createRadiograph(surgeon, spineCase.id);
    const p = '/api/v1';
    const steps: [string, () => Promise<unknown>][] = [
      ['read patient', () => surgeon.get(`${p}/patients/${patient.id}`)],
      ['list patients', () => surgeon.get(`${p}/patients?q=audit%20person`)],
      ['update patient', () => surgeon.patch(`${p}/patients/${patient.id}`, { description: 'x' })],
      ['list cases', () => surgeon.get(`${p}/cases?patientId=${patient.id}`)],
      ['read case', () => surgeon.get(`${p}/cases/${spineCase.id}`)],
      ['update case', () => surgeon.patch(`${p}/cases/${spineCase.id}`, { status: 'planning' })],
      ['read radiograph', () => surgeon.get(`${p}/radiographs/${film.id}`)],
      ['update radiograph', () => surgeon.patch(`${p}/radiographs/${film.id}`, { description: 'y' })],
      ['update image', () => surgeon.put(`${p}/radiographs/${film.id}/image`, imageForm(PNG_BYTES, 'f.png'))],
      ['read image', () => surgeon.get(`${p}/radiographs/${film.id}/image`)],
      ['create landmarks', () => surgeon.put(`${p}/radiographs/${film.id}/landmarks`, LATERAL_LANDMARKS)],
      ['read landmarks', () => surgeon.get(`${p}/radiographs/${film.id}/landmarks`)],
      ['list landmarks', () => surgeon.get(`${p}/radiographs/${film.id}/landmarks/versions`)],
      ['read research-case', () => surgeon.get(`${p}/research/cases/${spineCase.id}`)],
    ];
    for (const [, step] of steps) await step();
    const plan = (
      await surgeon.post(`${p}/cases/${spineCase.id}/plans`, {
        title: 'A',
        content: { format: 'spinerecon.plan/1' },
      })
    ).json<Plan>();
    await surgeon.get(`${p}/plans/${plan.id}`);
    await surgeon.put(
      `${p}/plans/${plan.id}`,
      { content: { format: 'spinerecon.plan/1' } },
      { 'if-match': '"1"' },
    );
    const stale = await surgeon.put(
      `${p}/plans/${plan.id}`,
      { content: { format: 'spinerecon.plan/1' } },
      { 'if-match': '"1"' },
    );
    expect(stale.status).toBe(412);

    const trail = await trailOf(patient.id);
    const summary = trail.map((e) => `${e.action} ${e.resourceType} ${e.outcome}`);
    expect(summary).toEqual([
      'create patient success',
      'create case success',
      'create radiograph success',
      'read patient success',
      'list patient success',
      'update patient success',
      'list case success',
      'read case success',
      'update case success',
      'read radiograph success',
      'update radiograph success',
      'update image success',
      'read image success',
      'create landmarks success',
      'read landmarks success',
      'list landmarks success',
      'read research-case success',
      'create plan success',
      'read plan success',
      'update plan success',
    ]);
    for (const event of trail) {
      expect(event).toMatchObject({ username: `audit-surgeon-${engine}`, role: 'surgeon', ip: '127.0.0.1' });
      expect(Date.parse(event.at)).toBeGreaterThan(Date.now() - 60_000);
      expect(event.requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(trail.find((e) => e.action === 'read' && e.resourceType === 'case')?.resourceId).toBe(
      spineCase.id,
    );
    // The refused save is there too, as failed (412), under the plan's id.
    const failed = (await t.admin.get('/api/v1/audit?outcome=failed&limit=200')).json<Page<AuditEvent>>()
      .items;
    expect(failed.find((e) => e.resourceId === plan.id)).toMatchObject({ action: 'update', statusCode: 412 });
  });

  it('records denied attempts, never the data itself', async () => {
    const researcher = await t.userWithRole('researcher', `audit-researcher-${engine}`);
    const patient = await createPatient(t.admin, { name: 'Secret Name-Audit', mrn: `SECRET-MRN-${engine}` });
    const refused = await researcher.get(`/api/v1/patients/${patient.id}`);
    expect(refused.status).toBe(403);
    const trail = await trailOf(patient.id);
    expect(trail.at(-1)).toMatchObject({
      username: `audit-researcher-${engine}`,
      action: 'read',
      resourceType: 'patient',
      resourceId: patient.id,
      outcome: 'denied',
      statusCode: 403,
    });
    const everything = (await t.admin.get('/api/v1/audit?limit=200')).text;
    expect(everything).not.toContain('Secret Name-Audit');
    expect(everything).not.toContain(`SECRET-MRN-${engine}`);
  });

  it('records sign-ins, failed sign-ins and sign-outs', async () => {
    const failed = await new ApiClient(t.url).post('/api/v1/session', {
      username: 'admin',
      password: 'wrong password',
    });
    expect(failed.status).toBe(401);
    const sessions = (await t.admin.get('/api/v1/audit?resourceType=session&limit=200')).json<
      Page<AuditEvent>
    >().items;
    expect(
      sessions.some((e) => e.action === 'login' && e.outcome === 'denied' && e.username === 'admin'),
    ).toBe(true);
    expect(sessions.some((e) => e.action === 'login' && e.outcome === 'success')).toBe(true);
  });

  it('is append-only: the database itself refuses UPDATE and DELETE of audit rows', async () => {
    const db = t.server.services.storage.db;
    await expect(sql`UPDATE audit_events SET outcome = 'success'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_events`.execute(db)).rejects.toThrow(/append-only/);
    const count = await db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBeGreaterThan(0);
    // …and the API has no way to change it.
    expect((await t.admin.delete('/api/v1/audit')).status).toBe(404);
    expect((await t.admin.patch('/api/v1/audit', {})).status).toBe(404);
  });

  it('is for admins only', async () => {
    const surgeon = await t.userWithRole('surgeon');
    expect((await surgeon.get('/api/v1/audit')).status).toBe(403);
  });
});
