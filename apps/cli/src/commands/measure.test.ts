import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MEASUREMENT_CSV_HEADER } from '../measurementCsv.js';
import { main } from '../main.js';
import { captureIo } from '../test-support/captureIo.js';

const CASE_PATH = fileURLToPath(
  new URL('../../../../test/fixtures/cases/synthetic-adult-deformity.case.json', import.meta.url),
);
const CASE_TEXT = readFileSync(CASE_PATH, 'utf8');
const CASE_LINE = JSON.stringify(JSON.parse(CASE_TEXT));

async function run(args: string[], stdin = '') {
  const captured = captureIo(stdin);
  const code = await main(args, captured.io);
  return { code, stdout: captured.stdout(), stderr: captured.stderr() };
}

describe('spinerecon measure', () => {
  it('prints the measurement object of a case file', async () => {
    const { code, stdout, stderr } = await run(['measure', CASE_PATH]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const output = JSON.parse(stdout);
    expect(output.format).toBe('spinerecon.measurements/1');
    expect(output.radiographs.map((r: { id: string }) => r.id)).toEqual([
      'lateral-standing',
      'coronal-standing',
    ]);
    expect(output.radiographs[0].values.pelvicIncidenceDeg).toBeCloseTo(51.82, 2);
    expect(output.radiographs[1].curves.length).toBeGreaterThanOrEqual(2);
  });

  it('reads the case from standard input with -', async () => {
    const fromFile = await run(['measure', CASE_PATH]);
    const fromStdin = await run(['measure', '-'], CASE_TEXT);
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
  });

  it('prints one CSV row per radiograph under a header', async () => {
    const { code, stdout } = await run(['measure', CASE_PATH, '--format', 'csv']);
    expect(code).toBe(0);
    const [header, ...rows] = stdout.trimEnd().split('\n');
    expect(header).toBe(MEASUREMENT_CSV_HEADER);
    expect(rows).toHaveLength(2);
    const columns = (header ?? '').split(',');
    const lateral = (rows[0] ?? '').split(',');
    expect(lateral).toHaveLength(columns.length);
    expect(Number(lateral[columns.indexOf('pelvicIncidenceDeg')])).toBeCloseTo(51.82, 2);
    const coronal = (rows[1] ?? '').split(',');
    expect(coronal[columns.indexOf('view')]).toBe('coronal');
    expect(coronal[columns.indexOf('pelvicIncidenceDeg')]).toBe('');
  });

  it('streams NDJSON: one result per case line, blank lines skipped', async () => {
    const { code, stdout } = await run(['measure', '--ndjson'], `${CASE_LINE}\n\n${CASE_LINE}\n`);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0] ?? '')).toEqual(JSON.parse(lines[1] ?? ''));
  });

  it('names the line and the JSON path of a bad case in NDJSON input and exits with 2', async () => {
    const bad = CASE_LINE.replace('"L4":', '"L6":');
    const { code, stdout, stderr } = await run(
      ['measure', '--ndjson'],
      `${CASE_LINE}\n${bad}\n${CASE_LINE}\n`,
    );
    expect(code).toBe(2);
    expect(stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(
      /^spinerecon measure: line 2: \$\.radiographs\[0\]\.vertebrae\.L6: unknown vertebral level/,
    );
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('exits with 2 and one line for invalid JSON, a missing file and unknown options', async () => {
    for (const [args, stdin, message] of [
      [['measure', '-'], '{"format":', /standard input: \$: not valid JSON/],
      [['measure', '/nonexistent/case.json'], '', /cannot read '\/nonexistent\/case\.json' \(ENOENT\)/],
      [['measure', CASE_PATH, '--frobnicate'], '', /unknown option '--frobnicate'/],
      [['measure', CASE_PATH, '--format', 'xml'], '', /--format takes json or csv/],
      [['measure'], '', /give a case file/],
    ] as const) {
      const { code, stderr } = await run([...args], stdin);
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  });

  it('explains itself with --help and exits with 0', async () => {
    const { code, stdout } = await run(['measure', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: spinerecon measure');
    expect(stdout).toContain('--ndjson');
  });
});

describe('spinerecon', () => {
  it('lists its commands with --help', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/measure\s+measure every spine parameter/);
    expect(stdout).toMatch(/aasce/);
  });

  it('rejects an unknown command with exit code 2', async () => {
    const { code, stderr } = await run(['frobnicate']);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown command 'frobnicate'");
  });
});
