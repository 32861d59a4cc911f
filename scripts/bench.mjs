// `npm run bench`: measurement speed of the core and NDJSON throughput of the CLI, printed as Markdown
// for docs/benchmarks.md. Uses the built packages (the npm script builds first).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  autoPlan,
  EMPTY_PLAN,
  measureCase,
  parseCaseJson,
  simulatePlan,
  spineFromRadiograph,
  toMeasurementOutput,
} from '@spinerecon/core';

const CASE_URL = new URL('../test/fixtures/cases/synthetic-adult-deformity.case.json', import.meta.url);
const BIN = fileURLToPath(new URL('../apps/cli/dist/bin.js', import.meta.url));
const caseText = readFileSync(CASE_URL, 'utf8');
const parsed = parseCaseJson(caseText);
if (!parsed.ok) throw new Error('the benchmark case is invalid');
const spineCase = parsed.value;

/** Runs `work` repeatedly for about `seconds` after a warm-up; returns calls per second. */
function rate(work, seconds = 3) {
  for (let i = 0; i < 2000; i++) work(i);
  let calls = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(seconds * 1e9);
  while (process.hrtime.bigint() - start < budget) {
    for (let i = 0; i < 200; i++) work(calls + i);
    calls += 200;
  }
  return calls / (Number(process.hrtime.bigint() - start) / 1e9);
}

/** 100 slightly different copies of the case (landmarks moved by up to ±2 px, one decimal), as NDJSON lines. */
function variants() {
  const lines = [];
  for (let v = 0; v < 100; v++) {
    const jittered = JSON.parse(caseText, (key, value) =>
      Array.isArray(value) && value.length === 2 && typeof value[0] === 'number' && key !== 'pixelSpacingMm'
        ? [
            value[0] + (((v * 7919 + Math.round(value[1])) % 41) - 20) / 10,
            value[1] + (((v * 104729 + Math.round(value[0])) % 41) - 20) / 10,
          ].map((c) => Math.round(c * 10) / 10)
        : value,
    );
    lines.push(JSON.stringify(jittered));
  }
  return lines;
}

/** Pipes `count` cases through `spinerecon measure --ndjson`; returns seconds and peak resident memory. */
function ndjsonRun(count, lines) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'measure', '--ndjson'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let peakKb = 0;
    const poll = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
      } catch {
        // the process has just ended
      }
    }, 20);
    let outputLines = 0;
    child.stdout.on('data', (chunk) => {
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) outputLines++;
    });
    const start = process.hrtime.bigint();
    let written = 0;
    const feed = () => {
      while (written < count) {
        const ok = child.stdin.write(`${lines[written % lines.length]}\n`);
        written++;
        if (!ok) return child.stdin.once('drain', feed);
      }
      child.stdin.end();
    };
    feed();
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (code !== 0 || outputLines !== count)
        reject(new Error(`exit ${code}, ${outputLines} of ${count} results`));
      else resolve({ seconds, peakMb: peakKb / 1024 });
    });
  });
}

/** A three-element plan: PSO L3 30°, Ponte T12–L1 10°, ALIF L5–S1 20°. */
const plan = {
  ...EMPTY_PLAN,
  fusion: { upperInstrumentedVertebra: 'T10', lowerInstrumentedVertebra: 'S1', pelvicFixation: 'S2AI' },
  osteotomies: [
    { level: 'L3', grade: 3, angleDeg: 30 },
    { level: 'T12', grade: 2, angleDeg: 10 },
  ],
  cages: [{ disc: 'L5', heightMm: 12, lordoticAngleDeg: 20 }],
};
const spine = spineFromRadiograph(spineCase.radiographs.find((r) => r.view === 'lateral'));

/** Median and maximum milliseconds of `runs` calls. */
function milliseconds(work, runs = 21) {
  work();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    work();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(runs / 2)], max: times[runs - 1] };
}

const measureOnly = rate(() => toMeasurementOutput(measureCase(spineCase)));
const simulation = rate(() => simulatePlan(spine, plan));
const autoPlanTime = milliseconds(() => autoPlan(spineCase, { targets: 'srs-schwab', pelvis: 'fixed' }));
const lines = variants();
const fullPipeline = rate((i) =>
  JSON.stringify(toMeasurementOutput(measureCase(parseCaseJson(lines[i % 100]).value))),
);
const runs = [];
for (const count of [10_000, 100_000]) runs.push({ count, ...(await ndjsonRun(count, lines)) });

const bytes = Buffer.byteLength(lines[0]);
console.log(
  `Machine: ${cpus()[0]?.model ?? 'unknown'} (${cpus().length} cores), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
);
console.log(
  `Case: test/fixtures/cases/synthetic-adult-deformity.case.json (lateral C2–S1 + coronal C7–S1, ${bytes} bytes as one NDJSON line)\n`,
);
console.log('| what (one core) | cases per second | µs per case |');
console.log('| --- | ---: | ---: |');
console.log(
  `| measure a parsed two-film case (all parameters, curves, output object) | ${Math.round(measureOnly)} | ${(1e6 / measureOnly).toFixed(1)} |`,
);
console.log(
  `| parse + validate + measure + serialise one NDJSON line, in process | ${Math.round(fullPipeline)} | ${(1e6 / fullPipeline).toFixed(1)} |`,
);
console.log(
  `| simulate a three-element plan on the lateral film (PSO, Ponte, ALIF) | ${Math.round(simulation)} | ${(1e6 / simulation).toFixed(1)} |`,
);
console.log(
  `\nAuto-plan (SRS–Schwab targets, pelvis fixed) on the case: median ${autoPlanTime.median.toFixed(1)} ms, max ${autoPlanTime.max.toFixed(1)} ms (21 runs).`,
);
console.log('\n| `spinerecon measure --ndjson` | seconds | cases per second | peak memory (RSS) |');
console.log('| --- | ---: | ---: | ---: |');
for (const r of runs) {
  console.log(
    `| ${r.count.toLocaleString('en')} cases | ${r.seconds.toFixed(2)} | ${Math.round(r.count / r.seconds)} | ${r.peakMb.toFixed(0)} MB |`,
  );
}
