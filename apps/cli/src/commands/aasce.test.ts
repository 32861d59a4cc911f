import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT_BAD_INPUT, EXIT_OK, UsageError } from '../io.js';
import { captureIo } from '../test-support/captureIo.js';
import { AASCE_HELP, runAasce } from './aasce.js';

const TEST_SPLIT = fileURLToPath(new URL('../../../../test/fixtures/aasce2019/test', import.meta.url));

const temporaryFolders: string[] = [];

function fixtureLines(name: string): string[] {
  return readFileSync(path.join(TEST_SPLIT, name), 'utf8')
    .split(/\r?\n/)
    .filter((line) => line !== '');
}

/** Writes a one-film split folder to a temporary directory and returns its path. */
async function oneFilmFolder(filename: string, landmarks: string): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'spinerecon-aasce-'));
  temporaryFolders.push(folder);
  const quoted = `"${filename.replaceAll('"', '""')}"`;
  await writeFile(path.join(folder, 'filenames.csv'), `${quoted}\n`);
  await writeFile(path.join(folder, 'landmarks.csv'), `${landmarks}\n`);
  await writeFile(path.join(folder, 'image-sizes.csv'), `filename,width,height\n${quoted},1000,2000\n`);
  return folder;
}

afterEach(async () => {
  await Promise.all(temporaryFolders.splice(0).map((f) => rm(f, { recursive: true, force: true })));
});

describe('spinerecon aasce', () => {
  it('prints the challenge angles of all 128 test films within 0.02 degrees of angles.csv', async () => {
    const { io, stdout, stderr } = captureIo();
    expect(await runAasce([TEST_SPLIT], io)).toBe(EXIT_OK);
    const [header, ...rows] = stdout().split('\n').slice(0, -1);
    expect(header).toBe('filename,a1,a2,a3');
    expect(rows).toHaveLength(128);
    expect(stderr()).toBe('');
    const names = fixtureLines('filenames.csv');
    const reference = fixtureLines('angles.csv').map((line) => line.split(',').map(Number));
    let maxDeviation = 0;
    rows.forEach((row, i) => {
      const fields = row.split(',');
      expect(fields[0]).toBe(names[i]);
      expect(fields.slice(1).every((f) => /^\d+\.\d{3}$/.test(f))).toBe(true);
      fields.slice(1).forEach((f, k) => {
        maxDeviation = Math.max(maxDeviation, Math.abs(Number(f) - (reference[i]?.[k] ?? NaN)));
      });
    });
    expect(maxDeviation, `max deviation ${maxDeviation.toFixed(4)}°`).toBeLessThanOrEqual(0.02);
  });

  it('quotes a file name that contains a comma or a quote', async () => {
    const row = fixtureLines('landmarks.csv')[0] ?? '';
    const folder = await oneFilmFolder('film "A", AP.jpg', row);
    const { io, stdout } = captureIo();
    expect(await runAasce([folder], io)).toBe(EXIT_OK);
    expect(stdout()).toMatch(/^filename,a1,a2,a3\n"film ""A"", AP\.jpg",\d+\.\d{3},\d+\.\d{3},\d+\.\d{3}\n$/);
  });

  it('rejects a missing folder with a usage error naming its path', async () => {
    const missing = path.join(TEST_SPLIT, 'no-such-folder');
    const { io } = captureIo();
    await expect(runAasce([missing], io)).rejects.toThrow(UsageError);
    await expect(runAasce([missing], io)).rejects.toThrow(missing);
  });

  it('rejects a folder without landmarks.csv with a usage error naming the file', async () => {
    const folder = await oneFilmFolder('a.jpg', '');
    await rm(path.join(folder, 'landmarks.csv'));
    const { io } = captureIo();
    await expect(runAasce([folder], io)).rejects.toThrow(
      new UsageError(`cannot read ${path.join(folder, 'landmarks.csv')}: no such file or folder`),
    );
  });

  it('rejects malformed landmarks with a usage error naming the file and line', async () => {
    const folder = await oneFilmFolder('a.jpg', '0.1,0.2,0.3');
    const { io } = captureIo();
    await expect(runAasce([folder], io)).rejects.toThrow(
      /landmarks\.csv line 1: expected 136 numbers, found 3/,
    );
  });

  it('rejects a missing folder argument, extra arguments and unknown options', async () => {
    const { io } = captureIo();
    await expect(runAasce([], io)).rejects.toThrow(/missing <folder>/);
    await expect(runAasce([TEST_SPLIT, TEST_SPLIT], io)).rejects.toThrow(/expected one folder/);
    await expect(runAasce(['--strict', TEST_SPLIT], io)).rejects.toThrow(/unknown option '--strict'/);
  });

  it('has a help text that ends with a newline', () => {
    expect(AASCE_HELP.startsWith('Usage: spinerecon aasce <folder>\n')).toBe(true);
    expect(AASCE_HELP.endsWith('\n')).toBe(true);
  });

  it('exits with code 2 and a message on stderr for a missing folder', async () => {
    const { main } = await import('../main.js');
    const { io, stdout, stderr } = captureIo();
    const missing = path.join(TEST_SPLIT, 'no-such-folder');
    expect(await main(['aasce', missing], io)).toBe(EXIT_BAD_INPUT);
    expect(stdout()).toBe('');
    expect(stderr()).toBe(`spinerecon aasce: cannot read folder ${missing}: no such file or folder\n`);
  });
});
