import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../main.js';
import { captureIo } from '../test-support/captureIo.js';

const CASE_PATH = fileURLToPath(
  new URL('../../../../test/fixtures/cases/synthetic-adult-deformity.case.json', import.meta.url),
);
const CASE_LINE = JSON.stringify(JSON.parse(readFileSync(CASE_PATH, 'utf8')));

async function run(args: string[], stdin = '') {
  const captured = captureIo(stdin);
  const code = await main(args, captured.io);
  return { code, stdout: captured.stdout(), stderr: captured.stderr() };
}

describe('spinerecon classify', () => {
  it('prints measurements, classifications with their explanation, targets and the indication summary', async () => {
    const { code, stdout, stderr } = await run(['classify', CASE_PATH]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const output = JSON.parse(stdout);
    expect(output.format).toBe('spinerecon.classification/1');
    expect(output.measurements.format).toBe('spinerecon.measurements/1');
    // The synthetic case: PI−LL 21.8°, PT 23.8°, SVA 119 mm, thoracic 38° and lumbar 35° curves.
    expect(output.classifications.srsSchwab).toMatchObject({
      curveType: 'D',
      piLl: '++',
      pt: '+',
      sva: '++',
    });
    expect(output.classifications.srsSchwab.rules).toContain('pelvicTiltDeg 23.82° is in 20–30° → +');
    expect(output.classifications.gap).toMatchObject({ category: 'severely disproportioned' });
    expect(Object.keys(output.classifications.gap.points)).toEqual(['rpv', 'rll', 'ldi', 'rsa', 'age']);
    expect(output.targets.srsSchwab.targets).toHaveLength(3);
    expect(output.indication.statement).toMatch(/decision support/);
  });

  it('says what is missing instead of guessing: no bending film, no pedicle points, no TLICS inputs', async () => {
    const { stdout } = await run(['classify', CASE_PATH]);
    const { lenke, tlics } = JSON.parse(stdout).classifications;
    expect(lenke.type).toBeNull();
    expect(lenke.undetermined.thoracolumbarLumbarStructural).toMatch(/needs a left-bending film/);
    expect(lenke.undetermined.lumbarModifier).toMatch(/medial pedicle point/);
    expect(tlics.total).toBeNull();
    expect(tlics.undetermined.morphology).toMatch(/not recorded/);
  });

  it('streams NDJSON and names the bad line', async () => {
    const bad = CASE_LINE.replace('"format":"spinerecon.case/1"', '"format":"spinerecon.case/9"');
    const { code, stdout, stderr } = await run(['classify', '--ndjson'], `${CASE_LINE}\n${bad}\n`);
    expect(code).toBe(2);
    expect(stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toBe('spinerecon classify: line 2: $.format: expected "spinerecon.case/1"\n');
  });

  it('explains itself with --help', async () => {
    const { code, stdout } = await run(['classify', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: spinerecon classify');
  });
});
