import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The built command, as `npx spinerecon` runs it (`npm test` builds before testing).
const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const CASE_PATH = fileURLToPath(
  new URL('../../../test/fixtures/cases/synthetic-adult-deformity.case.json', import.meta.url),
);

function spinerecon(args: string[], input = '') {
  return spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8' });
}

describe('the spinerecon executable', () => {
  it('exits with 0 and prints JSON for a valid case', () => {
    const result = spinerecon(['measure', CASE_PATH]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).format).toBe('spinerecon.measurements/1');
  });

  it('exits with 2 and one line on stderr for bad input', () => {
    const result = spinerecon(['measure', '-'], '{"format":"spinerecon.case/1","radiographs":[{"id":"a"}]}');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'spinerecon measure: standard input: $.radiographs[0].view: expected "lateral" or "coronal"\n',
    );
  });
});
