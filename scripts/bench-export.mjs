// `npm run bench` (after scripts/bench.mjs): throughput and memory of the de-identified research export, through
// the streaming export function itself (apps/server/src/exchange/research/researchExport.ts) on SQLite. Seeds
// 100,000 cases (a lateral and a coronal film with every landmark each, as the synthetic case of the fixtures,
// moved by up to ±2 px per case), then exports them as NDJSON and as CSV, each in a fresh process that reports its
// peak resident memory. Prints Markdown for docs/benchmarks.md ("Research export").
//
//   node scripts/bench-export.mjs [--cases 100000]
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { openStorage, readConfig } from '../apps/server/dist/index.js';
import { migrate } from '../apps/server/dist/db/migrations.js';
import { researchExport } from '../apps/server/dist/exchange/research/researchExport.js';

const SELF = fileURLToPath(import.meta.url);
const USER_ID = '00000000-0000-4000-8000-0000000be0c4';
const context = {
  actor: { userId: USER_ID, username: 'bench', displayName: 'Bench', role: 'researcher' },
  ip: '127.0.0.1',
  requestId: 'bench-export',
};

/** The child: export every case of the database in `dir` as `format`; report seconds, bytes, lines, peak RSS. */
async function child(dir, format) {
  const storage = openStorage(readConfig({ SPINERECON_DATA_DIR: dir }));
  let bytes = 0;
  let lines = 0;
  const start = process.hrtime.bigint();
  for await (const chunk of researchExport(storage.db, context, 'off', { format })) {
    bytes += Buffer.byteLength(chunk);
    for (let i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', i + 1)) lines += 1;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await storage.close();
  const peakKb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
  process.stdout.write(JSON.stringify({ seconds, bytes, lines, peakMb: peakKb / 1024 }));
}

function landmarkVariants(synthetic) {
  const lateral = synthetic.radiographs.find((r) => r.view === 'lateral');
  const coronal = synthetic.radiographs.find((r) => r.view === 'coronal');
  const moved = (value, v) =>
    JSON.parse(JSON.stringify(value), (key, item) =>
      Array.isArray(item) && item.length === 2 && typeof item[0] === 'number'
        ? [
            item[0] + (((v * 7919 + Math.round(item[1])) % 41) - 20) / 10,
            item[1] + (((v * 104729 + Math.round(item[0])) % 41) - 20) / 10,
          ].map((c) => Math.round(c * 10) / 10)
        : item,
    );
  return Array.from({ length: 100 }, (_, v) => ({
    lateral: JSON.stringify({
      vertebrae: moved(lateral.vertebrae, v),
      femoralHeads: moved(lateral.femoralHeads ?? [], v),
    }),
    coronal: JSON.stringify({ vertebrae: moved(coronal.vertebrae, v) }),
  }));
}

async function seed(dir, cases) {
  const storage = openStorage(readConfig({ SPINERECON_DATA_DIR: dir }));
  await migrate(storage.db, storage.engine);
  const synthetic = JSON.parse(
    await readFile(
      new URL('../test/fixtures/cases/synthetic-adult-deformity.case.json', import.meta.url),
      'utf8',
    ),
  );
  const variants = landmarkVariants(synthetic);
  const at = new Date().toISOString();
  await storage.db
    .insertInto('users')
    .values({
      id: USER_ID,
      username: 'bench',
      display_name: 'Bench',
      role: 'researcher',
      password_hash: null,
      oidc_subject: null,
      disabled: 0,
      created_at: at,
    })
    .execute();
  const film = (id, caseId, view) => ({
    id,
    case_id: caseId,
    view,
    posture: 'standing',
    taken_on: '2026-01-05',
    pixel_spacing_mm: '0.15',
    calibration_method: 'manual',
    calibration_note: null,
    anterior_on_image: view === 'lateral' ? 'right' : null,
    patient_right_on_image: view === 'coronal' ? 'left' : null,
    image_sha256: null,
    image_filename: null,
    description: '',
    visit_id: null,
    landmark_version: 1,
    created_at: at,
    updated_at: at,
  });
  for (let start = 0; start < cases; start += 500) {
    const batch = Array.from({ length: Math.min(500, cases - start) }, (_, i) => ({
      n: start + i,
      patient: randomUUID(),
      case: randomUUID(),
      lateral: randomUUID(),
      coronal: randomUUID(),
    }));
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
            birth_date: '1958-04-02',
            sex: b.n % 2 === 0 ? 'female' : 'male',
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
            diagnosis: 'scoliosis',
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
          batch.flatMap((b) => [film(b.lateral, b.case, 'lateral'), film(b.coronal, b.case, 'coronal')]),
        )
        .execute();
      await trx
        .insertInto('landmark_versions')
        .values(
          batch.flatMap((b) => {
            const variant = variants[b.n % variants.length];
            return [
              {
                radiograph_id: b.lateral,
                version: 1,
                content: variant.lateral,
                created_by: USER_ID,
                created_at: at,
              },
              {
                radiograph_id: b.coronal,
                version: 1,
                content: variant.coronal,
                created_by: USER_ID,
                created_at: at,
              },
            ];
          }),
        )
        .execute();
    });
  }
  await sql`ANALYZE`.execute(storage.db);
  await storage.close();
}

function runChild(dir, format) {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [SELF, '--child', dir, format], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (chunk) => (out += chunk));
    proc.on('error', reject);
    proc.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`export exited ${code}`)),
    );
  });
}

async function main() {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') return child(argv[1], argv[2]);
  const casesArg = argv.indexOf('--cases');
  const cases = casesArg >= 0 ? Number(argv[casesArg + 1]) : 100_000;
  const dir = await mkdtemp(join(tmpdir(), 'spinerecon-bench-export-'));
  try {
    const seedStart = process.hrtime.bigint();
    await seed(dir, cases);
    const seedSeconds = Number(process.hrtime.bigint() - seedStart) / 1e9;
    const { size } = await stat(join(dir, 'spinerecon.sqlite'));
    const runs = [];
    for (const format of ['ndjson', 'csv']) {
      const load = loadavg()[0];
      runs.push({ format, load, ...(await runChild(dir, format)) });
    }
    console.log(
      `Machine: ${cpus()[0]?.model ?? 'unknown'} (${cpus().length} cores), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
    );
    console.log(
      `${cases.toLocaleString('en')} cases seeded in ${seedSeconds.toFixed(0)} s (SQLite file ${(size / 1e9).toFixed(2)} GB): a lateral and a coronal film each, every landmark of the synthetic case; dates off.\n`,
    );
    console.log(
      '| research export | cases | seconds | cases per second | output | peak memory (RSS) | load average at start |',
    );
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of runs) {
      const count = r.format === 'csv' ? r.lines - 1 : r.lines;
      console.log(
        `| ${r.format.toUpperCase()} | ${count.toLocaleString('en')} | ${r.seconds.toFixed(1)} | ${Math.round(count / r.seconds)} | ${(r.bytes / 1e6).toFixed(0)} MB | ${r.peakMb.toFixed(0)} MB | ${r.load.toFixed(1)} |`,
      );
      if (count !== cases) throw new Error(`${r.format}: ${count} cases exported of ${cases}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
