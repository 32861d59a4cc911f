// `npm run bench:server`: the SpineRecon server under load (autocannon), on SQLite and PostgreSQL, with
// 10,000 seeded cases. Reading a case with its measurements, and saving a landmark set, each at a fixed
// 500 requests/s and then as fast as 10 connections go. Writes the "## Server" section of
// docs/benchmarks.md. Uses the built server (the npm script builds first) as a separate process.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import * as prettier from 'prettier';
import { readConfig, openStorage } from '../apps/server/dist/index.js';
import { migrate } from '../apps/server/dist/db/migrations.js';

const CASES = 10_000;
const SECONDS = 20;
const RATE = 500;
const CONNECTIONS = 10;
const PASSWORD = 'bench-password-1234';
const BIN = fileURLToPath(new URL('../apps/server/dist/bin.js', import.meta.url));
const DOCS = new URL('../docs/benchmarks.md', import.meta.url);
const POSTGRES = process.env.SPINERECON_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const synthetic = JSON.parse(
  await readFile(
    new URL('../test/fixtures/cases/synthetic-adult-deformity.case.json', import.meta.url),
    'utf8',
  ),
);
const lateral = synthetic.radiographs.find((r) => r.view === 'lateral');
const LANDMARKS = JSON.stringify({ vertebrae: lateral.vertebrae, femoralHeads: lateral.femoralHeads });

async function adminQuery(text) {
  const client = new pg.Client({ connectionString: POSTGRES });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** 10,000 patients, each with a case and a lateral radiograph with one landmark set, in batches. */
async function seed(env) {
  const storage = openStorage(readConfig(env));
  await migrate(storage.db, storage.engine);
  const at = new Date().toISOString();
  const radiographs = [];
  for (let start = 0; start < CASES; start += 500) {
    const batch = Array.from({ length: Math.min(500, CASES - start) }, (_, i) => {
      const n = start + i;
      return { patient: randomUUID(), case: randomUUID(), radiograph: randomUUID(), n };
    });
    await storage.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('patients')
        .values(
          batch.map((b) => ({
            id: b.patient,
            pseudonym: `P-${randomBytes(6).toString('hex')}`,
            mrn: `BENCH-${b.n}`,
            name: `Bench Patient ${b.n}`,
            name_search: `bench patient ${b.n}`,
            birth_date: '1960-01-01',
            sex: 'female',
            description: '',
            created_at: at,
            updated_at: at,
          })),
        )
        .execute();
      await trx
        .insertInto('cases')
        .values(
          batch.map((b) => ({
            id: b.case,
            patient_id: b.patient,
            diagnosis: 'kyphosis',
            status: 'assessment',
            surgeon_id: null,
            description: '',
            created_at: at,
            updated_at: at,
          })),
        )
        .execute();
      await trx
        .insertInto('radiographs')
        .values(
          batch.map((b) => ({
            id: b.radiograph,
            case_id: b.case,
            view: 'lateral',
            posture: 'standing',
            taken_on: null,
            pixel_spacing_mm: '0.15',
            calibration_method: 'manual',
            anterior_on_image: 'right',
            patient_right_on_image: null,
            image_sha256: null,
            image_filename: null,
            description: '',
            landmark_version: 1,
            created_at: at,
            updated_at: at,
          })),
        )
        .execute();
      await trx
        .insertInto('landmark_versions')
        .values(
          batch.map((b) => ({
            radiograph_id: b.radiograph,
            version: 1,
            content: LANDMARKS,
            created_by: 'bench',
            created_at: at,
          })),
        )
        .execute();
    });
    radiographs.push(...batch);
  }
  // Steady state, as a database in use would be: statistics up to date, nothing left for autovacuum to do.
  if (storage.engine === 'postgres') await sql`VACUUM ANALYZE`.execute(storage.db);
  else await sql`ANALYZE`.execute(storage.db);
  await storage.close();
  return radiographs;
}

function startServer(env) {
  const child = spawn(process.execPath, [BIN], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const match = /SpineRecon server on (http:\/\/\S+) /.exec(stderr);
      if (match) resolve({ child, url: match[1] });
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${stderr}`)));
  });
}

async function signIn(url) {
  const response = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  const { csrfToken } = await response.json();
  const cookie = response.headers.getSetCookie()[0].split(';')[0];
  return { cookie, 'x-csrf-token': csrfToken };
}

function run(options) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

function row(engine, scenario, load, result) {
  const ok = result['2xx'];
  const bad = result.non2xx + result.errors + result.timeouts;
  return `| ${engine} | ${scenario} | ${load} | ${(ok / SECONDS).toFixed(0)} | ${result.latency.p50} | ${result.latency.p99} | ${result.latency.max} | ${bad} |`;
}

async function benchEngine(engine) {
  const dataDir = await mkdtemp(join(tmpdir(), 'spinerecon-bench-'));
  const name = `spinerecon_bench_${randomBytes(4).toString('hex')}`;
  const url = new URL(POSTGRES);
  url.pathname = `/${name}`;
  if (engine === 'postgres') await adminQuery(`CREATE DATABASE ${name}`);
  const env = {
    SPINERECON_DATA_DIR: dataDir,
    ...(engine === 'postgres' ? { DATABASE_URL: url.href } : {}),
    SPINERECON_ADMIN_PASSWORD: PASSWORD,
    SPINERECON_DEMO: 'false',
    PORT: '0',
  };
  const rows = [];
  let server;
  try {
    process.stderr.write(`${engine}: seeding ${CASES} cases…\n`);
    const seeded = await seed(env);
    server = await startServer(env);
    const headers = await signIn(server.url);
    let next = 0;
    const readCase = {
      method: 'GET',
      setupRequest: (request) => ({ ...request, path: `/api/v1/cases/${seeded[next++ % CASES].case}` }),
    };
    const versions = new Map(seeded.map((s) => [s.radiograph, 1]));
    let nextFilm = 0;
    const saveLandmarks = {
      method: 'PUT',
      setupRequest: (request, context) => {
        const film = seeded[nextFilm++ % CASES].radiograph;
        context.film = film;
        return {
          ...request,
          path: `/api/v1/radiographs/${film}/landmarks`,
          headers: { ...headers, 'content-type': 'application/json', 'if-match': `"${versions.get(film)}"` },
          body: LANDMARKS,
        };
      },
      onResponse: (status, _body, context) => {
        if (status === 200) versions.set(context.film, versions.get(context.film) + 1);
      },
    };
    // Saves still in flight when a run stops were made, but their answers never counted: read back the
    // versions of the films used last, so that the next run's If-Match is right.
    const resync = async (baseUrl, auth) => {
      for (let i = 1; i <= 4 * CONNECTIONS; i++) {
        const film = seeded[(nextFilm - i + CASES) % CASES].radiograph;
        const response = await fetch(`${baseUrl}/api/v1/radiographs/${film}/landmarks`, { headers: auth });
        versions.set(film, (await response.json()).version);
      }
    };
    // Warm-up, not reported.
    await run({ url: server.url, headers, requests: [readCase], duration: 3 });
    for (const [scenario, request] of [
      ['read a case with its measurements (GET /cases/:id)', readCase],
      ['save a landmark set (PUT /radiographs/:id/landmarks)', saveLandmarks],
    ]) {
      process.stderr.write(`${engine}: ${scenario}\n`);
      const fixed = await run({ url: server.url, headers, requests: [request], overallRate: RATE });
      rows.push(row(engine, scenario, `${RATE} req/s`, fixed));
      await resync(server.url, headers);
      const flat = await run({ url: server.url, headers, requests: [request] });
      rows.push(row(engine, scenario, `max, ${CONNECTIONS} connections`, flat));
      await resync(server.url, headers);
    }
  } finally {
    server?.child.kill('SIGTERM');
    if (server) await new Promise((resolve) => server.child.once('exit', resolve));
    if (engine === 'postgres') await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await rm(dataDir, { recursive: true, force: true });
  }
  return rows;
}

const engines = (process.env.SPINERECON_BENCH_ENGINES ?? 'sqlite,postgres').split(',');
const rows = [];
for (const engine of engines) rows.push(...(await benchEngine(engine)));
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const section = `## Server

\`npm run bench:server\` (scripts/bench-server.mjs): the built server as its own process, autocannon in another,
${CASES.toLocaleString('en')} seeded cases (each a patient, a case and a lateral radiograph with one landmark set of the
synthetic fixture), ${CONNECTIONS} connections, ${SECONDS} s per run after a 3 s warm-up. "Read" is \`GET /api/v1/cases/:id\`
of a different case each time: the case, its patient, radiographs and plans, the measurements of its latest landmark
sets computed by @spinerecon/core, and one audit row written. "Save" is \`PUT /api/v1/radiographs/:id/landmarks\`
with If-Match: validation by the core, a new version, the measurements, the audit row, one transaction (SQLite:
WAL, synchronous=FULL). Each at a fixed ${RATE} requests/s (latency corrected for coordinated omission), then as fast
as the connections go. Seeded rows are followed by \`VACUUM ANALYZE\` (PostgreSQL) or \`ANALYZE\` (SQLite), as in a
database in use. Logging at the default level (info) to a discarded stdout. PostgreSQL 15 on the same machine. One
run per row: runs on this shared 2-core machine vary, repeat before trusting a difference of a few milliseconds.

Run on ${new Date().toISOString().slice(0, 10)}, ${cpus().length} CPUs (${cpu}), Node ${process.version}.

| engine | request | load | 2xx/s | p50 ms | p99 ms | max ms | errors |
| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}
`;
const docs = await readFile(DOCS, 'utf8');
const start = docs.indexOf('\n## Server\n');
const end = start < 0 ? -1 : docs.indexOf('\n## ', start + 1);
const updated =
  start < 0
    ? `${docs.trimEnd()}\n\n${section}`
    : `${docs.slice(0, start + 1)}${section}${end < 0 ? '' : `\n${docs.slice(end + 1)}`}`;
const prettierOptions = (await prettier.resolveConfig(fileURLToPath(DOCS))) ?? {};
await writeFile(DOCS, await prettier.format(updated, { ...prettierOptions, parser: 'markdown' }));
process.stdout.write(section);
