import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CORONAL_LANDMARKS,
  DICOM_BYTES,
  JPEG_BYTES,
  LATERAL_LANDMARKS,
  PNG_BYTES,
  createCase,
  createPatient,
  createRadiograph,
  imageForm,
} from '../test-support/fixtures.js';
import { ENGINES } from '../test-support/testDatabase.js';
import { startTestServer, type TestServer } from '../test-support/testServer.js';
import type {
  CaseDetail,
  CaseListItem,
  ErrorBody,
  LandmarkSet,
  Page,
  Patient,
  Plan,
  Radiograph,
  ResearchCase,
  User,
} from '../test-support/types.js';

describe.each(ENGINES)('the API on %s: create, read, update, delete of every resource', (engine) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(engine);
  });
  afterAll(() => t.close());

  it('patients: create, read, search by name and MRN, page, change, delete', async () => {
    const created = await createPatient(t.admin, { name: 'Ada Lovelace-Testperson', mrn: 'LOVE-100%_1' });
    expect(created).toMatchObject({
      name: 'Ada Lovelace-Testperson',
      birthDate: '1958-04-02',
      sex: 'female',
    });
    await createPatient(t.admin, { name: 'Grace Hopper-Testperson' });

    expect((await t.admin.get(`/api/v1/patients/${created.id}`)).json<Patient>().mrn).toBe('LOVE-100%_1');
    const byName = (await t.admin.get('/api/v1/patients?q=lovelace')).json<Page<Patient>>();
    expect(byName.items.map((p) => p.id)).toEqual([created.id]);
    // `%` and `_` are searched literally, not as wildcards.
    expect((await t.admin.get('/api/v1/patients?q=100%25_')).json<Page<Patient>>().total).toBe(1);
    expect((await t.admin.get('/api/v1/patients?q=10_%25')).json<Page<Patient>>().total).toBe(0);
    const page = (await t.admin.get('/api/v1/patients?limit=1&offset=1')).json<Page<Patient>>();
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThanOrEqual(2);

    const changed = await t.admin.patch(`/api/v1/patients/${created.id}`, { name: 'Ada King-Testperson' });
    expect(changed.status).toBe(200);
    expect((await t.admin.get('/api/v1/patients?q=king-test')).json<Page<Patient>>().total).toBe(1);

    const echoed = await t.admin.post('/api/v1/patients', created); // id, createdAt…: not fields of a new patient
    expect(echoed.status).toBe(400);
    expect(echoed.json<ErrorBody>().message).toMatch(/id|createdAt/);
    const sameMrn = await t.admin.post('/api/v1/patients', {
      mrn: 'LOVE-100%_1',
      name: 'X',
      birthDate: '2000-01-01',
      sex: 'male',
    });
    expect(sameMrn.status).toBe(409);

    expect((await t.admin.delete(`/api/v1/patients/${created.id}`)).status).toBe(204);
    expect((await t.admin.get(`/api/v1/patients/${created.id}`)).status).toBe(404);
  });

  it('cases: create, search by name, MRN, diagnosis and surgeon, read with measurements, change, delete', async () => {
    const surgeon = await t.userWithRole('surgeon', `surgeon-crud-${engine}`);
    const surgeonId = (await surgeon.get('/api/v1/session')).json<{ user: { id: string } }>().user.id;
    const patient = await createPatient(t.admin, { name: 'Case Search-Person', mrn: `CS-${engine}` });
    const spineCase = await createCase(t.admin, patient.id, { diagnosis: 'spondylolisthesis', surgeonId });
    expect(spineCase).toMatchObject({ status: 'assessment', surgeonId, diagnosis: 'spondylolisthesis' });

    const search = async (query: string) =>
      (await t.admin.get(`/api/v1/cases?${query}`)).json<Page<CaseListItem>>().items.map((c) => c.id);
    expect(await search('q=search-person')).toEqual([spineCase.id]);
    expect(await search(`q=cs-${engine}`)).toEqual([spineCase.id]);
    expect(await search('diagnosis=spondylolisthesis')).toContain(spineCase.id);
    expect(await search('diagnosis=tumour')).not.toContain(spineCase.id);
    expect(await search(`surgeonId=${surgeonId}`)).toEqual([spineCase.id]);
    expect(await search(`q=surgeon-crud-${engine}`)).toEqual([]); // the user name is not the display name
    expect(
      await search(
        `q=${encodeURIComponent((await t.admin.get('/api/v1/surgeons')).json<{ id: string; displayName: string }[]>().find((s) => s.id === surgeonId)?.displayName ?? '')}`,
      ),
    ).toContain(spineCase.id);
    expect(await search(`patientId=${patient.id}`)).toEqual([spineCase.id]);
    const listed = (await t.admin.get(`/api/v1/cases?patientId=${patient.id}`)).json<Page<CaseListItem>>()
      .items[0];
    expect(listed).toMatchObject({ patientName: 'Case Search-Person', surgeonName: expect.any(String) });

    const lateral = await createRadiograph(t.admin, spineCase.id, 'lateral');
    const coronal = await createRadiograph(t.admin, spineCase.id, 'coronal');
    await t.admin.put(`/api/v1/radiographs/${lateral.id}/landmarks`, LATERAL_LANDMARKS);
    await t.admin.put(`/api/v1/radiographs/${coronal.id}/landmarks`, CORONAL_LANDMARKS);
    const detail = (await t.admin.get(`/api/v1/cases/${spineCase.id}`)).json<CaseDetail>();
    expect(detail.patient.id).toBe(patient.id);
    expect(detail.surgeon?.id).toBe(surgeonId);
    expect(detail.radiographs.map((r) => r.id).sort()).toEqual([lateral.id, coronal.id].sort());
    // Measurements are the core's output format for both films (values themselves are the core's tests).
    expect(detail.measurements.format).toBe('spinerecon.measurements/1');
    expect(detail.measurements.radiographs).toHaveLength(2);
    expect(JSON.stringify(detail.measurements)).toContain('pelvicIncidenceDeg');
    expect(JSON.stringify(detail.measurements)).toContain('cobbDeg');

    const changed = await t.admin.patch(`/api/v1/cases/${spineCase.id}`, {
      status: 'planning',
      surgeonId: null,
    });
    expect(changed.json<CaseDetail>()).toMatchObject({ status: 'planning', surgeonId: null });
    const notASurgeon = await t.admin.patch(`/api/v1/cases/${spineCase.id}`, { surgeonId: patient.id });
    expect(notASurgeon.status).toBe(400);
    expect(notASurgeon.json<ErrorBody>().details?.[0]?.path).toBe('$.surgeonId');

    expect((await t.admin.delete(`/api/v1/cases/${spineCase.id}`)).status).toBe(204);
    expect((await t.admin.get(`/api/v1/cases/${spineCase.id}`)).status).toBe(404);
    expect((await t.admin.get(`/api/v1/radiographs/${lateral.id}`)).status).toBe(404);
  });

  it('radiographs: create, read, change calibration, upload DICOM, PNG and JPEG (deduplicated), download, delete', async () => {
    const spineCase = await createCase(t.admin, (await createPatient(t.admin)).id);
    const film = await createRadiograph(t.admin, spineCase.id, 'lateral');
    expect(film).toMatchObject({
      view: 'lateral',
      posture: 'standing',
      pixelSpacingMm: 0.15,
      image: null,
      landmarkVersion: 0,
    });
    const changed = await t.admin.patch(`/api/v1/radiographs/${film.id}`, {
      pixelSpacingMm: [0.14, 0.15],
      posture: 'supine',
    });
    expect(changed.json<Radiograph>()).toMatchObject({ pixelSpacingMm: [0.14, 0.15], posture: 'supine' });

    for (const [bytes, name, type] of [
      [DICOM_BYTES, 'lateral.dcm', 'application/dicom'],
      [PNG_BYTES, 'lateral.png', 'image/png'],
      [JPEG_BYTES, 'lateral.jpg', 'image/jpeg'],
    ] as const) {
      const uploaded = await t.admin.put(`/api/v1/radiographs/${film.id}/image`, imageForm(bytes, name));
      expect(uploaded.status, uploaded.text).toBe(200);
      expect(uploaded.json<Radiograph>().image).toMatchObject({
        mediaType: type,
        sizeBytes: bytes.length,
        fileName: name,
      });
      const download = await fetch(`${t.url}/api/v1/radiographs/${film.id}/image`, {
        headers: { cookie: t.admin.cookieHeader },
      });
      expect(download.headers.get('content-type')).toBe(type);
      expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    }
    // The same JPEG on a second film is stored once (content hash).
    const second = await createRadiograph(t.admin, spineCase.id, 'coronal');
    const again = await t.admin.put(
      `/api/v1/radiographs/${second.id}/image`,
      imageForm(JPEG_BYTES, 'copy.jpg'),
    );
    const first = (await t.admin.get(`/api/v1/radiographs/${film.id}`)).json<Radiograph>();
    expect(again.json<Radiograph>().image?.sha256).toBe(first.image?.sha256);
    const { readdir } = await import('node:fs/promises');
    const sha = first.image?.sha256 ?? '';
    expect(await readdir(`${t.database.dataDir}/images/${sha.slice(0, 2)}`)).toEqual([sha]);

    expect((await t.admin.delete(`/api/v1/radiographs/${second.id}`)).status).toBe(204);
    expect((await t.admin.get(`/api/v1/radiographs/${second.id}`)).status).toBe(404);
  });

  it('landmark sets: every save is a new version, old versions stay readable, measurements on save and read', async () => {
    const spineCase = await createCase(t.admin, (await createPatient(t.admin)).id);
    const film = await createRadiograph(t.admin, spineCase.id, 'lateral');
    expect((await t.admin.get(`/api/v1/radiographs/${film.id}/landmarks`)).status).toBe(404);

    const first = await t.admin.put(`/api/v1/radiographs/${film.id}/landmarks`, LATERAL_LANDMARKS);
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('"1"');
    expect(first.json<LandmarkSet>().measurements.radiographs).toHaveLength(1);

    const { femoralHeads: _omitted, ...withoutHips } = LATERAL_LANDMARKS;
    const second = await t.admin.put(`/api/v1/radiographs/${film.id}/landmarks`, withoutHips, {
      'if-match': '"1"',
    });
    expect(second.status).toBe(200);
    expect(second.headers.get('etag')).toBe('"2"');

    const latest = await t.admin.get(`/api/v1/radiographs/${film.id}/landmarks`);
    expect(latest.headers.get('etag')).toBe('"2"');
    expect(latest.json<LandmarkSet>().landmarks.femoralHeads).toBeUndefined();
    const old = (
      await t.admin.get(`/api/v1/radiographs/${film.id}/landmarks/versions/1`)
    ).json<LandmarkSet>();
    expect(old).toMatchObject({ version: 1, latestVersion: 2 });
    expect(old.landmarks).toEqual(LATERAL_LANDMARKS);
    const versions = (await t.admin.get(`/api/v1/radiographs/${film.id}/landmarks/versions`)).json<
      { version: number }[]
    >();
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect((await t.admin.get(`/api/v1/radiographs/${film.id}/landmarks/versions/3`)).status).toBe(404);
  });

  it('landmark sets: a stale If-Match is a 412 that names the current version, and nothing is overwritten', async () => {
    const spineCase = await createCase(t.admin, (await createPatient(t.admin)).id);
    const film = await createRadiograph(t.admin, spineCase.id, 'lateral');
    await t.admin.put(`/api/v1/radiographs/${film.id}/landmarks`, LATERAL_LANDMARKS);
    // Two people opened version 1; the first saves, the second is told.
    const { femoralHeads: _omitted, ...mine } = LATERAL_LANDMARKS;
    expect(
      (await t.admin.put(`/api/v1/radiographs/${film.id}/landmarks`, mine, { 'if-match': '"1"' })).status,
    ).toBe(200);
    const stale = await t.admin.put(`/api/v1/radiographs/${film.id}/landmarks`, LATERAL_LANDMARKS, {
      'if-match': '"1"',
    });
    expect(stale.status).toBe(412);
    expect(stale.json<ErrorBody>()).toMatchObject({ error: 'precondition-failed', currentVersion: 2 });
    const kept = (await t.admin.get(`/api/v1/radiographs/${film.id}/landmarks`)).json<LandmarkSet>();
    expect(kept.version).toBe(2);
    expect(kept.landmarks.femoralHeads).toBeUndefined();
    // Saving over an existing set without If-Match is refused too (428), so nobody overwrites blind.
    const blind = await t.admin.put(`/api/v1/radiographs/${film.id}/landmarks`, LATERAL_LANDMARKS);
    expect(blind.status).toBe(428);
    // Concurrent saves from the same version: exactly one wins.
    const racing = await Promise.all(
      [1, 2, 3, 4].map(() =>
        t.admin.put(`/api/v1/radiographs/${film.id}/landmarks`, LATERAL_LANDMARKS, { 'if-match': '"2"' }),
      ),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([200, 412, 412, 412]);
  });

  it('plans: create, read, save versions with If-Match (412 when stale), read old versions, list per case', async () => {
    const spineCase = await createCase(t.admin, (await createPatient(t.admin)).id);
    const content = { format: 'spinerecon.plan/1' };
    const v2 = { format: 'spinerecon.plan/1', riskFactors: { smoker: true } };
    const created = await t.admin.post(`/api/v1/cases/${spineCase.id}/plans`, { title: 'Plan A', content });
    expect(created.status).toBe(201);
    const plan = created.json<Plan>();
    expect(plan).toMatchObject({ version: 1, title: 'Plan A', content });
    const saved = await t.admin.put(
      `/api/v1/plans/${plan.id}`,
      { title: 'Plan A2', content: v2 },
      { 'if-match': '"1"' },
    );
    expect(saved.status).toBe(200);
    expect(saved.headers.get('etag')).toBe('"2"');
    const stale = await t.admin.put(`/api/v1/plans/${plan.id}`, { content }, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.json<ErrorBody>().currentVersion).toBe(2);
    expect((await t.admin.get(`/api/v1/plans/${plan.id}`)).json<Plan>()).toMatchObject({
      version: 2,
      title: 'Plan A2',
    });
    expect((await t.admin.get(`/api/v1/plans/${plan.id}/versions/1`)).json<Plan>().content).toEqual(content);
    expect((await t.admin.get(`/api/v1/plans/${plan.id}/versions`)).json<unknown[]>()).toHaveLength(2);
    expect(
      (await t.admin.get(`/api/v1/cases/${spineCase.id}/plans`)).json<Plan[]>().map((p) => p.id),
    ).toEqual([plan.id]);
    const wrongFormat = await t.admin.post(`/api/v1/cases/${spineCase.id}/plans`, {
      title: 'B',
      content: { format: 'other' },
    });
    expect(wrongFormat.status).toBe(400);
    // The plan itself is checked by the core, with paths in the request body.
    const badPlan = await t.admin.put(
      `/api/v1/plans/${plan.id}`,
      { content: { format: 'spinerecon.plan/1', riskFactors: { smoker: 'yes' }, cakes: [] } },
      { 'if-match': '"2"' },
    );
    expect(badPlan.status).toBe(400);
    expect(badPlan.json<ErrorBody>().details?.map((d) => d.path)).toEqual(
      expect.arrayContaining(['$.content.cakes']),
    );
    expect((await t.admin.get(`/api/v1/plans/${plan.id}`)).json<Plan>().version).toBe(2);
  });

  it('research: de-identified cases carry a pseudonym and age in years, never name, MRN or birth date', async () => {
    const patient = await createPatient(t.admin, {
      name: 'Research Hidden-Name',
      mrn: `HIDE-${engine}`,
      birthDate: '1950-06-15',
    });
    const spineCase = await createCase(t.admin, patient.id, {
      diagnosis: 'scoliosis',
      description: 'free text stays inside',
    });
    const film = await createRadiograph(t.admin, spineCase.id, 'lateral');
    await t.admin.put(`/api/v1/radiographs/${film.id}/landmarks`, LATERAL_LANDMARKS);
    const researcher = await t.userWithRole('researcher');
    const list = await researcher.get('/api/v1/research/cases?diagnosis=scoliosis&limit=200');
    const one = await researcher.get(`/api/v1/research/cases/${spineCase.id}`);
    expect(one.status).toBe(200);
    for (const text of [list.text, one.text]) {
      for (const secret of [
        'Research Hidden-Name',
        `HIDE-${engine}`,
        '1950-06-15',
        patient.id,
        'free text stays inside',
        '2026-03-01',
      ]) {
        expect(text).not.toContain(secret);
      }
    }
    const item = one.json<ResearchCase & { case: { format: string; patient: unknown } }>();
    expect(item.patientPseudonym).toMatch(/^P-[0-9a-f]{12}$/);
    expect(item.ageYears).toBeGreaterThanOrEqual(75);
    expect(item.case).toMatchObject({
      format: 'spinerecon.case/1',
      patient: { ageYears: item.ageYears, sex: 'female' },
    });
  });

  it('users: the admin creates, changes and disables accounts; a disabled account is signed out at once', async () => {
    const resident = await t.userWithRole('resident', `resident-users-${engine}`);
    const users = (await t.admin.get('/api/v1/users?role=resident')).json<Page<User>>();
    const account = users.items.find((u) => u.username === `resident-users-${engine}`);
    expect(account).toMatchObject({ role: 'resident', disabled: false, hasPassword: true });
    const renamed = await t.admin.patch(`/api/v1/users/${account?.id}`, { displayName: 'Dr Resident' });
    expect(renamed.json<User>().displayName).toBe('Dr Resident');
    expect((await resident.get('/api/v1/session')).status).toBe(200);
    await t.admin.patch(`/api/v1/users/${account?.id}`, { disabled: true });
    expect((await resident.get('/api/v1/session')).status).toBe(401);
    const taken = await t.admin.post('/api/v1/users', {
      username: `resident-users-${engine}`,
      displayName: 'x',
      role: 'admin',
      password: 'long-enough-password',
    });
    expect(taken.status).toBe(409);
  });

  it('serves its OpenAPI document, generated from the route schemas', async () => {
    const response = await fetch(`${t.url}/api/v1/openapi.json`);
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/patients',
        '/api/v1/cases/{id}',
        '/api/v1/radiographs/{id}/landmarks',
        '/api/v1/plans/{id}',
      ]),
    );
    expect(JSON.stringify(document.paths['/api/v1/patients'])).toContain('birthDate');
  });
});
