import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig, startServer } from '@spinerecon/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../server/src/test-support/apiClient.js';
import {
  LATERAL_LANDMARKS,
  PNG_BYTES,
  createMeasuredCase,
  createPatient,
  imageForm,
} from '../../../server/src/test-support/fixtures.js';
import {
  ENGINES,
  createTestDatabase,
  type TestDatabase,
} from '../../../server/src/test-support/testDatabase.js';
import type { CaseDetail, Page, Patient } from '../../../server/src/test-support/types.js';
import { captureIo } from '../test-support/captureIo.js';
import { runBackup, runRestore } from './backup.js';

const PASSWORD = 'backup-test-password';

describe.each(ENGINES)('spinerecon backup and restore on %s', (engine) => {
  let database: TestDatabase;
  let folder: string;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    folder = join(await mkdtemp(join(tmpdir(), 'spinerecon-backup-')), 'backup');
  });
  afterAll(async () => {
    await database.drop();
    await rm(join(folder, '..'), { recursive: true, force: true });
  });

  const env = () => ({
    ...database.env,
    SPINERECON_ADMIN_PASSWORD: PASSWORD,
    SPINERECON_DEMO: 'false',
    PORT: '0',
    SPINERECON_LOG_LEVEL: 'silent',
  });
  const start = () => startServer(readConfig(env()));

  it('round trip: what was backed up (while the server ran) is what a restore brings back', async () => {
    let server = await start();
    let admin = await ApiClient.signIn(server.url, 'admin', PASSWORD);
    const { patient, spineCase, radiograph } = await createMeasuredCase(admin);
    await admin.put(`/api/v1/radiographs/${radiograph.id}/image`, imageForm(PNG_BYTES, 'film.png'));
    const before = (await admin.get(`/api/v1/cases/${spineCase.id}`)).json<CaseDetail>();
    const backedUp = captureIo();
    expect(await runBackup([folder], backedUp.io, env())).toBe(0);
    expect(backedUp.stdout()).toContain(`backed up ${engine} database`);
    expect((await readdir(folder)).sort()).toEqual(
      ['images', 'manifest.json', engine === 'sqlite' ? 'database.sqlite' : 'database.pgdump'].sort(),
    );
    // Work after the backup: a new patient, a new landmark version, the measured patient deleted.
    const later = await createPatient(admin, { name: 'After The Backup' });
    await admin.put(`/api/v1/radiographs/${radiograph.id}/landmarks`, LATERAL_LANDMARKS, {
      'if-match': '"1"',
    });
    await admin.delete(`/api/v1/patients/${patient.id}`);
    await server.close();
    await rm(join(database.dataDir, 'images'), { recursive: true, force: true });
    const refused = captureIo();
    await expect(runRestore([folder], refused.io, env())).rejects.toThrow(/--yes/);
    const restored = captureIo();
    expect(await runRestore([folder, '--yes'], restored.io, env())).toBe(0);
    expect(restored.stdout()).toContain(`restored the ${engine} backup`);
    server = await start();
    try {
      admin = await ApiClient.signIn(server.url, 'admin', PASSWORD);
      const after = (await admin.get(`/api/v1/cases/${spineCase.id}`)).json<CaseDetail>();
      expect(after).toEqual(before);
      expect((await admin.get(`/api/v1/patients/${later.id}`)).status).toBe(404);
      expect(
        (await admin.get(`/api/v1/patients?limit=200`)).json<Page<Patient>>().items.map((p) => p.id),
      ).toEqual([patient.id]);
      const image = await admin.get(`/api/v1/radiographs/${radiograph.id}/image`);
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(image.text, 'latin1').length).toBeGreaterThan(0);
      // The audit trail came back too, and still refuses changes.
      expect(await server.services.storage.integrityCheck()).toBe('ok');
    } finally {
      await server.close();
    }
  }, 60_000);

  it('refuses a folder that is not empty, and a backup of the other engine', async () => {
    await expect(runBackup([folder], captureIo().io, env())).rejects.toThrow(/not empty/);
    const other =
      engine === 'sqlite'
        ? { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/nothing' }
        : { DATABASE_URL: '' };
    await expect(runRestore([folder, '--yes'], captureIo().io, { ...env(), ...other })).rejects.toThrow(
      /backup is of a/,
    );
  });
});
