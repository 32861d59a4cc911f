import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from './config.js';
import { DEMO_MRN, DEMO_PATIENT_NAME } from './seed/demoSeed.js';
import { startServer, type RunningServer } from './server.js';
import { ApiClient } from './test-support/apiClient.js';
import { ENGINES, createTestDatabase, type TestDatabase } from './test-support/testDatabase.js';
import { USER_PASSWORD, startTestServer } from './test-support/testServer.js';
import type { CaseDetail, CaseListItem, LandmarkSet, Page, Patient } from './test-support/types.js';

describe.each(ENGINES)('the first start on %s', (engine) => {
  let database: TestDatabase;
  let server: RunningServer;
  const config = () =>
    readConfig({
      ...database.env,
      PORT: '0',
      SPINERECON_LOG_LEVEL: 'silent',
      SPINERECON_LOGIN_RATE_LIMIT: '1000',
    });
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    server = await startServer(config());
  });
  afterAll(async () => {
    await server.close();
    await database.drop();
  });

  it('creates the admin account with a password made up once, and signs it in', async () => {
    expect(server.generatedAdminPassword).toMatch(/^[\w-]{20,}$/);
    const admin = await ApiClient.signIn(server.url, 'admin', server.generatedAdminPassword ?? '');
    expect((await admin.get('/api/v1/session')).json<{ user: { role: string } }>().user.role).toBe('admin');
  });

  it('seeds one clearly labelled demo patient: the real coronal film with its image, the synthetic lateral set drawn', async () => {
    const admin = await ApiClient.signIn(server.url, 'admin', server.generatedAdminPassword ?? '');
    const patients = (await admin.get('/api/v1/patients')).json<Page<Patient>>();
    expect(patients.items).toHaveLength(1);
    expect(patients.items[0]).toMatchObject({ name: DEMO_PATIENT_NAME, mrn: DEMO_MRN });
    expect(patients.items[0]?.description).toMatch(/not a patient.*real.*SYNTHETIC/s);
    const caseId = (await admin.get('/api/v1/cases')).json<Page<CaseListItem>>().items[0]?.id ?? '';
    const detail = (await admin.get(`/api/v1/cases/${caseId}`)).json<CaseDetail>();
    const coronal = detail.radiographs.find((r) => r.view === 'coronal');
    const lateral = detail.radiographs.find((r) => r.view === 'lateral');
    expect(coronal?.description).toMatch(/REAL film and landmarks: AASCE 2019/);
    expect(coronal?.image).toMatchObject({ mediaType: 'image/jpeg', sizeBytes: 142041 });
    expect(lateral?.description).toMatch(/^SYNTHETIC landmark set and a DRAWING, NOT A RADIOGRAPH/);
    expect(lateral?.image).toMatchObject({ mediaType: 'image/png', widthPx: 2200, heightPx: 5300 });
    const coronalSet = (await admin.get(`/api/v1/radiographs/${coronal?.id}/landmarks`)).json<LandmarkSet>();
    expect(Object.keys(coronalSet.landmarks.vertebrae)).toHaveLength(17); // T1…L5, as annotated
    // Both films are measured by the core: curves on the real film, sagittal parameters on the synthetic one.
    const text = JSON.stringify(detail.measurements);
    expect(text).toContain('cobbDeg');
    expect(text).toContain('pelvicIncidenceDeg');
  });

  it('on the next start: no second admin, no second demo, no password shown', async () => {
    await server.close();
    server = await startServer(config());
    expect(server.generatedAdminPassword).toBeUndefined();
    const users = await server.services.users.list({ limit: 10, offset: 0 });
    expect(users.total).toBe(1);
    const patients = await server.services.storage.db.selectFrom('patients').select('id').execute();
    expect(patients).toHaveLength(1);
  });
});

describe('sign-in', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie, Secure when the request came over TLS (behind a proxy)', async () => {
    const t = await startTestServer('sqlite', { SPINERECON_TRUST_PROXY: 'true' });
    try {
      const plain = await fetch(`${t.url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'admin-password-for-tests' }),
      });
      const cookie = plain.headers.getSetCookie().join();
      expect(cookie).toMatch(/spinerecon_session=[\w-]{40,}/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).not.toMatch(/Secure/);
      const tls = await fetch(`${t.url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
        body: JSON.stringify({ username: 'admin', password: 'admin-password-for-tests' }),
      });
      expect(tls.headers.getSetCookie().join()).toMatch(/Secure/);
    } finally {
      await t.close();
    }
  });

  it('is rate limited per address: the attempt after the limit is a 429 with a message', async () => {
    const t = await startTestServer('sqlite', { SPINERECON_LOGIN_RATE_LIMIT: '4' }); // the admin's sign-in is the 1st
    try {
      const client = new ApiClient(t.url);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push(
          (await client.post('/api/v1/session', { username: 'admin', password: 'wrong-password' })).status,
        );
      expect(statuses).toEqual([401, 401, 401, 429]);
      const limited = await client.post('/api/v1/session', {
        username: 'admin',
        password: 'admin-password-for-tests',
      });
      expect(limited.status).toBe(429);
      expect(limited.json<{ message: string }>().message).toMatch(/too many sign-in attempts/);
    } finally {
      await t.close();
    }
  });

  it('lets a user change their own password: the old one stops working, other sessions end', async () => {
    const t = await startTestServer('sqlite');
    try {
      const here = await t.userWithRole('therapist', 'pw-changer');
      const elsewhere = await ApiClient.signIn(t.url, 'pw-changer', USER_PASSWORD);
      const wrong = await here.put('/api/v1/session/password', {
        currentPassword: 'nope',
        newPassword: 'a-new-password-1',
      });
      expect(wrong.status).toBe(403);
      const short = await here.put('/api/v1/session/password', {
        currentPassword: USER_PASSWORD,
        newPassword: 'short',
      });
      expect(short.status).toBe(400);
      const changed = await here.put('/api/v1/session/password', {
        currentPassword: USER_PASSWORD,
        newPassword: 'a-new-password-1',
      });
      expect(changed.status).toBe(204);
      expect((await here.get('/api/v1/session')).status).toBe(200);
      expect((await elsewhere.get('/api/v1/session')).status).toBe(401);
      await expect(ApiClient.signIn(t.url, 'pw-changer', USER_PASSWORD)).rejects.toThrow(/401/);
      await ApiClient.signIn(t.url, 'pw-changer', 'a-new-password-1');
    } finally {
      await t.close();
    }
  });

  it('refuses changes without the CSRF token of the session', async () => {
    const t = await startTestServer('sqlite');
    try {
      const noToken = await t.admin.post(
        '/api/v1/patients',
        { mrn: 'c', name: 'c', birthDate: '2000-01-01', sex: 'male' },
        { 'x-csrf-token': 'forged' },
      );
      expect(noToken.status).toBe(403);
      expect(noToken.json<{ message: string }>().message).toMatch(/X-CSRF-Token/);
    } finally {
      await t.close();
    }
  });
});

describe('several servers on one PostgreSQL database (behind a load balancer)', () => {
  let database: TestDatabase;
  let servers: RunningServer[] = [];
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const config = readConfig({
      ...database.env,
      PORT: '0',
      SPINERECON_LOG_LEVEL: 'silent',
      SPINERECON_ADMIN_PASSWORD: 'admin-password-for-tests',
    });
    // Started at the same moment on an empty database: they take turns migrating, one creates admin and demo.
    servers = await Promise.all([startServer(config), startServer(config), startServer(config)]);
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await database.drop();
  });

  it('share sessions, data and the version check', async () => {
    const [a, b, c] = servers as [RunningServer, RunningServer, RunningServer];
    const onA = await ApiClient.signIn(a.url, 'admin', 'admin-password-for-tests');
    // The same cookie and CSRF token work on another server.
    const onB = onA.at(b.url);
    expect((await onB.get('/api/v1/session')).status).toBe(200);
    const patients = (await onB.get('/api/v1/patients')).json<Page<Patient>>();
    expect(patients.items.map((p) => p.mrn)).toEqual([DEMO_MRN]);
    const caseId = (await onA.get('/api/v1/cases')).json<Page<CaseListItem>>().items[0]?.id ?? '';
    const film = (await onB.get(`/api/v1/cases/${caseId}`)).json<CaseDetail>().radiographs[0];
    const landmarks = (await onA.get(`/api/v1/radiographs/${film?.id}/landmarks`)).json<LandmarkSet>();
    // Two servers, one version: the save through B wins, the stale one through A gets 412.
    const path = `/api/v1/radiographs/${film?.id}/landmarks`;
    const ifMatch = { 'if-match': `"${landmarks.version}"` };
    expect((await onB.put(path, landmarks.landmarks, ifMatch)).status).toBe(200);
    expect((await onA.put(path, landmarks.landmarks, ifMatch)).status).toBe(412);
    expect((await c.services.users.list({ limit: 10, offset: 0 })).total).toBe(1);
  });
});
