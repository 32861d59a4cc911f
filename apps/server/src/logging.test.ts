import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATERAL_LANDMARKS, createCase, createRadiograph } from './test-support/fixtures.js';
import { startTestServer, type TestServer } from './test-support/testServer.js';
import type { Patient } from './test-support/types.js';

describe('the log (pino, JSON lines)', () => {
  const lines: string[] = [];
  let t: TestServer;
  beforeAll(async () => {
    const capture = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(
          ...chunk
            .toString('utf8')
            .split('\n')
            .filter((line) => line !== ''),
        );
        done();
      },
    });
    t = await startTestServer('sqlite', { SPINERECON_LOG_LEVEL: 'trace' }, { logDestination: capture });
  });
  afterAll(() => t.close());

  it('never contains patient data: not the name, MRN or birth date, not even from a search or an error', async () => {
    const name = 'Zebedee Quillfeather-Logtest';
    const mrn = 'MRN-LOG-7731';
    const created = await t.admin.post('/api/v1/patients', {
      mrn,
      name,
      birthDate: '1947-11-03',
      sex: 'male',
    });
    expect(created.status).toBe(201);
    const patient = created.json<Patient>();
    await t.admin.get(`/api/v1/patients?q=${encodeURIComponent(name)}`);
    await t.admin.get(`/api/v1/cases?q=${mrn}`);
    await t.admin.post('/api/v1/patients', { mrn, name, birthDate: '1947-11-03', sex: 'male' }); // 409
    await t.admin.post('/api/v1/patients', { mrn, name, birthDate: 'not a date', sex: 'male' }); // 400
    const spineCase = await createCase(t.admin, patient.id, { description: `${name} has pain` });
    const film = await createRadiograph(t.admin, spineCase.id);
    await t.admin.put(`/api/v1/radiographs/${film.id}/landmarks`, LATERAL_LANDMARKS);
    await t.admin.get(`/api/v1/cases/${spineCase.id}`);

    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const log = lines.join('\n');
    for (const secret of [name, 'Zebedee', 'Quillfeather', mrn, '1947-11-03'])
      expect(log).not.toContain(secret);
    // What is there: method, path, route, status, time.
    const completed = lines.map((line) => JSON.parse(line) as { msg?: string; res?: { statusCode: number } });
    expect(
      completed.filter((entry) => entry.msg === 'request completed').map((e) => e.res?.statusCode),
    ).toContain(409);
    expect(log).toContain('"route":"/api/v1/patients"');
  });
});
