import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './test-support/apiClient.js';
import { LATERAL_LANDMARKS, createCase, createPatient, createRadiograph } from './test-support/fixtures.js';
import { ENGINES, createTestDatabase, type TestDatabase } from './test-support/testDatabase.js';
import { ADMIN_PASSWORD } from './test-support/testServer.js';

// The built server (`npm test` builds first), killed with SIGKILL in the middle of a stream of writes.
const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const WRITERS = 4;

interface Child {
  readonly process: ChildProcess;
  readonly url: string;
}

function startChild(database: TestDatabase): Promise<Child> {
  const child = spawn(process.execPath, [BIN], {
    env: {
      ...process.env,
      ...database.env,
      PORT: '0',
      HOST: '127.0.0.1',
      SPINERECON_ADMIN_PASSWORD: ADMIN_PASSWORD,
      SPINERECON_DEMO: 'false',
      SPINERECON_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /SpineRecon server on (http:\/\/\S+) /.exec(stderr);
      if (match?.[1] !== undefined) resolve({ process: child, url: match[1] });
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${stderr}`)));
  });
}

describe.each(ENGINES)('a crash (SIGKILL) in the middle of writes on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(() => database.drop());

  it('loses no acknowledged write, and the database is consistent after the restart', async () => {
    const first = await startChild(database);
    const admin = await ApiClient.signIn(first.url, 'admin', ADMIN_PASSWORD);
    const spineCase = await createCase(admin, (await createPatient(admin)).id);
    const films = await Promise.all(
      Array.from({ length: WRITERS }, () => createRadiograph(admin, spineCase.id)),
    );

    // Each writer saves landmark versions one after the other; every 200 is an acknowledged write.
    const acknowledged = new Map<string, number>(films.map((film) => [film.id, 0]));
    const acknowledgedPatients: string[] = [];
    let killed = false;
    const writer = async (filmId: string) => {
      while (!killed) {
        const version = acknowledged.get(filmId) ?? 0;
        const headers: Record<string, string> = version === 0 ? {} : { 'if-match': `"${version}"` };
        try {
          const response = await admin.put(
            `/api/v1/radiographs/${filmId}/landmarks`,
            LATERAL_LANDMARKS,
            headers,
          );
          if (response.status === 200) acknowledged.set(filmId, version + 1);
          else throw new Error(`unexpected ${response.status}: ${response.text}`);
        } catch (error) {
          if (!killed) throw error;
        }
      }
    };
    const patientWriter = async () => {
      while (!killed) {
        try {
          acknowledgedPatients.push((await createPatient(admin)).id);
        } catch (error) {
          if (!killed) throw error;
        }
      }
    };
    const writing = Promise.all([...films.map((film) => writer(film.id)), patientWriter()]);
    // Kill once a good number of writes went through, while more are in flight.
    const total = () => [...acknowledged.values()].reduce((a, b) => a + b, 0) + acknowledgedPatients.length;
    while (total() < 120) await new Promise((resolve) => setTimeout(resolve, 10));
    killed = true;
    const exited = new Promise((resolve) => first.process.once('exit', resolve));
    first.process.kill('SIGKILL');
    await writing;
    await exited;
    const acknowledgedCount = total();

    const second = await startChild(database);
    try {
      const again = await ApiClient.signIn(second.url, 'admin', ADMIN_PASSWORD);
      for (const [filmId, version] of acknowledged) {
        const versions = (await again.get(`/api/v1/radiographs/${filmId}/landmarks/versions`)).json<
          { version: number }[]
        >();
        const numbers = versions.map((v) => v.version).sort((a, b) => a - b);
        // Every acknowledged version is there; at most the one in flight was also committed; no holes.
        expect(numbers.length).toBeGreaterThanOrEqual(version);
        expect(numbers.length).toBeLessThanOrEqual(version + 1);
        expect(numbers).toEqual(numbers.map((_, i) => i + 1));
        const latest = await again.get(`/api/v1/radiographs/${filmId}/landmarks`);
        expect(latest.headers.get('etag')).toBe(`"${numbers.length}"`);
      }
      for (const id of acknowledgedPatients)
        expect((await again.get(`/api/v1/patients/${id}`)).status).toBe(200);
      expect(acknowledgedCount).toBeGreaterThanOrEqual(120);
    } finally {
      const stopped = new Promise((resolve) => second.process.once('exit', resolve));
      second.process.kill('SIGTERM');
      await stopped;
    }
    expect(await integrityCheck(database)).toBe('ok');
  }, 60_000);
});

/** SQLite's own check; on PostgreSQL, that every radiograph's latest version number has its row. */
async function integrityCheck(database: TestDatabase): Promise<string> {
  if (database.databaseUrl === undefined) {
    const sqlite = new SqliteDatabase(`${database.dataDir}/spinerecon.sqlite`, { readonly: true });
    try {
      return (sqlite.pragma('integrity_check') as { integrity_check: string }[])
        .map((r) => r.integrity_check)
        .join();
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client({ connectionString: database.databaseUrl });
  await client.connect();
  try {
    const orphans = await client.query(
      `SELECT r.id FROM radiographs r WHERE r.landmark_version > 0 AND NOT EXISTS
         (SELECT 1 FROM landmark_versions v WHERE v.radiograph_id = r.id AND v.version = r.landmark_version)`,
    );
    const beyond = await client.query(
      `SELECT v.radiograph_id FROM landmark_versions v JOIN radiographs r ON r.id = v.radiograph_id
        WHERE v.version > r.landmark_version`,
    );
    return orphans.rowCount === 0 && beyond.rowCount === 0 ? 'ok' : 'inconsistent';
  } finally {
    await client.end();
  }
}
