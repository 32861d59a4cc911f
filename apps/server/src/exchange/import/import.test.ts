import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../test-support/apiClient.js';
import {
  CORONAL_LANDMARKS,
  LATERAL_LANDMARKS,
  SYNTHETIC_CASE,
  createCase,
  createPatient,
} from '../../test-support/fixtures.js';
import { ENGINES } from '../../test-support/testDatabase.js';
import { startTestServer, type TestServer } from '../../test-support/testServer.js';
import type { Radiograph } from '../../test-support/types.js';

// Import: every line on its own (bad lines reported, good ones imported, a case whole or not at all), and the
// round trip — an export imported again measures the same, parameter by parameter.

interface LineReport {
  line: number;
  status: 'imported' | 'refused';
  caseId?: string;
  patientId?: string;
  createdPatient?: boolean;
  radiographIds?: string[];
  reason?: string;
  notes?: string[];
}
interface Report {
  imported: number;
  refused: number;
  lines: LineReport[];
}
interface Measurements {
  radiographs: { id: string; view: string }[];
}

/** Landmarks moved by a few pixels, differently for each case, so that the cases do not measure alike. */
function jitter<T>(landmarks: T, seed: number): T {
  return JSON.parse(JSON.stringify(landmarks), (key, value: unknown) =>
    Array.isArray(value) && value.length === 2 && typeof value[0] === 'number'
      ? value.map((c: number, i) => Math.round((c + ((seed * 7 + i * 13 + Math.round(c)) % 9) - 4) * 10) / 10)
      : value,
  ) as T;
}

async function film(client: ApiClient, caseId: string, body: Record<string, unknown>, landmarks: unknown) {
  const created = await client.post(`/api/v1/cases/${caseId}/radiographs`, body);
  expect(created.status).toBe(201);
  const radiograph = created.json<Radiograph>();
  expect((await client.put(`/api/v1/radiographs/${radiograph.id}/landmarks`, landmarks)).status).toBe(200);
  return radiograph;
}

const ndjson = (client: ApiClient, path: string, text: string) =>
  client.request('POST', path, text, { 'content-type': 'application/x-ndjson' });

/** The measurements without the radiograph ids, in an order that does not depend on them. */
function comparable(measurements: Measurements): string[] {
  return measurements.radiographs.map(({ id: _id, ...rest }) => JSON.stringify(rest)).sort();
}

async function counts(t: TestServer) {
  const db = t.server.services.storage.db;
  const count = async (table: 'patients' | 'cases' | 'radiographs' | 'landmark_versions') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    patients: await count('patients'),
    cases: await count('cases'),
    radiographs: await count('radiographs'),
    landmarks: await count('landmark_versions'),
  };
}

describe.each(ENGINES)('import on %s', (engine) => {
  let t: TestServer;
  const originals: { caseId: string }[] = [];

  beforeAll(async () => {
    t = await startTestServer(engine);
    for (let n = 0; n < 3; n++) {
      const patient = await createPatient(t.admin, { sex: n === 1 ? 'male' : 'female' });
      const spineCase = await createCase(t.admin, patient.id, {
        diagnosis: n === 2 ? 'kyphosis' : 'scoliosis',
      });
      await film(
        t.admin,
        spineCase.id,
        {
          view: 'lateral',
          anteriorOnImage: 'right',
          pixelSpacingMm: n === 0 ? [0.15, 0.16] : 0.143,
          takenOn: '2026-01-05',
        },
        jitter(LATERAL_LANDMARKS, n),
      );
      await film(
        t.admin,
        spineCase.id,
        { view: 'coronal', patientRightOnImage: 'left', pixelSpacingMm: 0.15 },
        jitter(CORONAL_LANDMARKS, n),
      );
      // An uncalibrated film: angles only, distances unavailable — and the same after the round trip.
      await film(
        t.admin,
        spineCase.id,
        { view: 'coronal', patientRightOnImage: 'right' },
        jitter(CORONAL_LANDMARKS, n + 5),
      );
      originals.push({ caseId: spineCase.id });
    }
  }, 120_000);
  afterAll(() => t?.close());

  it('imports a whole NDJSON export back, and every case measures the same for every parameter', async () => {
    const exported = await fetch(`${t.url}/api/v1/research/export?format=ndjson`, {
      headers: { cookie: t.admin.cookieHeader },
    });
    const text = await exported.text();
    const lines = text.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(originals.length);
    const response = await ndjson(t.admin, '/api/v1/import', text);
    expect(response.status, response.text).toBe(200);
    const report = response.json<Report>();
    expect(report.refused).toBe(0);
    expect(report.imported).toBe(lines.length);
    const pseudonyms = await t.server.services.storage.db
      .selectFrom('patients')
      .select(['id', 'pseudonym'])
      .execute();
    let compared = 0;
    for (const [index, line] of lines.entries()) {
      const row = JSON.parse(line) as { patientPseudonym: string };
      const original = await t.server.services.storage.db
        .selectFrom('cases')
        .select('id')
        .where('patient_id', '=', pseudonyms.find((p) => p.pseudonym === row.patientPseudonym)?.id ?? '')
        .executeTakeFirstOrThrow();
      const imported = report.lines[index];
      expect(imported?.status).toBe('imported');
      expect(imported?.createdPatient).toBe(true);
      const before = (await t.admin.get(`/api/v1/cases/${original.id}`)).json<{
        measurements: Measurements;
      }>();
      const after = (await t.admin.get(`/api/v1/cases/${imported?.caseId}`)).json<{
        measurements: Measurements;
      }>();
      expect(after.measurements.radiographs).toHaveLength(3);
      expect(comparable(after.measurements)).toEqual(comparable(before.measurements));
      compared += 1;
    }
    expect(compared).toBe(originals.length);
  });

  it('puts the lines of one patient pseudonym into one patient, kept under the pseudonym with the age of the export', async () => {
    const exported = await (
      await fetch(`${t.url}/api/v1/research/export?format=ndjson&diagnosis=kyphosis`, {
        headers: { cookie: t.admin.cookieHeader },
      })
    ).text();
    const line = exported.trim().split('\n')[0] ?? '';
    const row = JSON.parse(line) as { patientPseudonym: string; ageYears: number; caseId: string };
    const report = (await ndjson(t.admin, '/api/v1/import', `${line}\n${line}\n`)).json<Report>();
    expect(report.imported).toBe(2);
    expect(report.lines[0]?.patientId).toBe(report.lines[1]?.patientId);
    const patient = (await t.admin.get(`/api/v1/patients/${report.lines[0]?.patientId}`)).json<{
      mrn: string;
      birthDate: string;
      description: string;
    }>();
    expect(patient.mrn).toBe(row.patientPseudonym);
    expect(patient.description).toContain('birth date is not known');
    const research = (await t.admin.get(`/api/v1/research/cases/${report.lines[1]?.caseId}`)).json<{
      ageYears: number;
    }>();
    expect(research.ageYears).toBe(row.ageYears);
  });

  it('imports the good lines and reports the bad ones, leaving nothing of a refused case behind', async () => {
    const patient = await createPatient(t.admin, { sex: 'female' });
    const good = JSON.stringify({ ...SYNTHETIC_CASE, clinical: { diagnosis: 'scoliosis' } });
    const badLevel = JSON.parse(good) as { radiographs: { vertebrae: Record<string, unknown> }[] };
    // The first film is fine, the second names a vertebra that does not exist: the case is refused whole.
    const second = badLevel.radiographs[1];
    if (second === undefined) throw new Error('the synthetic case has two films');
    second.vertebrae.L6 = second.vertebrae.L5;
    const noDiagnosis = JSON.stringify({ ...SYNTHETIC_CASE, clinical: undefined });
    const before = await counts(t);
    const response = await ndjson(
      t.admin,
      `/api/v1/import?patientId=${patient.id}`,
      [
        good,
        'not json at all',
        '{"format":"something/1"}',
        JSON.stringify(badLevel),
        '',
        noDiagnosis,
        good,
      ].join('\r\n'),
    );
    expect(response.status, response.text).toBe(200);
    const report = response.json<Report>();
    expect(report.lines.map((l) => l.status)).toEqual([
      'imported',
      'refused',
      'refused',
      'refused',
      'refused',
      'imported',
    ]);
    expect(report.lines.map((l) => l.line)).toEqual([1, 2, 3, 4, 6, 7]);
    expect(report.lines[1]?.reason).toMatch(/^not JSON/);
    expect(report.lines[2]?.reason).toMatch(/format must be/);
    expect(report.lines[3]?.reason).toMatch(/\$\.radiographs\[1\]\.vertebrae\.L6/);
    expect(report.lines[4]?.reason).toMatch(/no diagnosis/);
    const after = await counts(t);
    // Two cases of two films each, into the existing patient; nothing of the refused lines.
    expect(after).toEqual({
      patients: before.patients,
      cases: before.cases + 2,
      radiographs: before.radiographs + 4,
      landmarks: before.landmarks + 4,
    });
  });

  it('imports one case file as JSON into the patient given, and refuses it without one or for a patient of the other sex', async () => {
    const patient = await createPatient(t.admin, { sex: 'female' });
    const document = {
      ...SYNTHETIC_CASE,
      patient: { ageYears: 67, sex: 'female' },
      clinical: { diagnosis: 'kyphosis', symptomMonths: 12 },
    };
    const imported = await t.admin.post(`/api/v1/import?patientId=${patient.id}`, document);
    expect(imported.status).toBe(200);
    const line = imported.json<Report>().lines[0];
    expect(line?.status).toBe('imported');
    expect(line?.notes?.[0]).toMatch(/clinical\.symptomMonths: not stored/);
    const detail = (await t.admin.get(`/api/v1/cases/${line?.caseId}`)).json<{
      diagnosis: string;
      patientId: string;
    }>();
    expect(detail).toMatchObject({ diagnosis: 'kyphosis', patientId: patient.id });
    expect((await t.admin.post('/api/v1/import', document)).json<Report>().lines[0]?.reason).toMatch(
      /names no patient/,
    );
    const man = await createPatient(t.admin, { sex: 'male' });
    expect(
      (await t.admin.post(`/api/v1/import?patientId=${man.id}`, document)).json<Report>().lines[0]?.reason,
    ).toMatch(/female patient, the patient given is male/);
  });

  it('answers 400 for an unknown patient, 415 for CSV, and 403 to roles that may not write cases', async () => {
    expect(
      (await t.admin.post('/api/v1/import?patientId=00000000-0000-4000-8000-000000000000', SYNTHETIC_CASE))
        .status,
    ).toBe(400);
    expect(
      (await t.admin.request('POST', '/api/v1/import', 'a,b\n1,2\n', { 'content-type': 'text/csv' })).status,
    ).toBe(415);
    for (const role of ['therapist', 'researcher']) {
      const client = await t.userWithRole(role);
      expect((await client.post('/api/v1/import', SYNTHETIC_CASE)).status).toBe(403);
    }
  }, 60_000);
});
