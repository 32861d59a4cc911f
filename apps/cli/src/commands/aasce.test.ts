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

/** A landmarks row (normalised to a 1000 × 2000 image) of 17 level, untilted vertebrae one above the other. */
function straightSpineRow(): string {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let v = 0; v < 17; v++) {
    xs.push(0.45, 0.55, 0.45, 0.55);
    const top = 0.05 + 0.05 * v;
    ys.push(top, top, top + 0.04, top + 0.04);
  }
  return [...xs, ...ys].join(',');
}

const CLINICAL_HEADER =
  'filename,a1,a2,a3,curveCount,majorCobbDeg,majorUpperEnd,majorLowerEnd,majorApex,majorConvexity,curves';
const LEVEL = '(T[1-9]|T1[0-2]|L[1-5])';
const CURVE = new RegExp(`^${LEVEL}-${LEVEL}:\\d+\\.\\d:(left|right)$`);

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

  it('with --clinical, adds the curves of our clinical detection to the challenge angles', async () => {
    const plain = captureIo();
    await runAasce([TEST_SPLIT], plain.io);
    const { io, stdout, stderr } = captureIo();
    expect(await runAasce([TEST_SPLIT, '--clinical'], io)).toBe(EXIT_OK);
    expect(stderr()).toBe('');
    const [header, ...rows] = stdout().split('\n').slice(0, -1);
    expect(header).toBe(CLINICAL_HEADER);
    expect(rows).toHaveLength(128);
    const challengeRows = plain.stdout().split('\n').slice(1, -1);
    rows.forEach((row, i) => {
      // No field of these films needs quoting: file names and the curve list hold no comma.
      const fields = row.split(',');
      expect(fields, row).toHaveLength(11);
      expect(fields.slice(0, 4).join(','), 'same challenge angles as without --clinical').toBe(
        challengeRows[i],
      );
      const [count, majorCobb, upper, lower, apex, convexity, list = ''] = fields.slice(4);
      const curves = list === '' ? [] : list.split(';');
      expect(Number(count)).toBe(curves.length);
      curves.forEach((curve) => expect(curve).toMatch(CURVE));
      if (curves.length === 0) {
        expect([majorCobb, upper, lower, apex, convexity]).toEqual(['', '', '', '', '']);
        return;
      }
      expect(majorCobb).toMatch(/^\d+\.\d{3}$/);
      expect(Number(majorCobb)).toBeGreaterThanOrEqual(10);
      // The major curve is the largest one of the list (1 decimal there, 3 in majorCobbDeg).
      const cobbs = curves.map((c) => Number(c.split(':')[1]));
      const major = curves.find((c) => c.startsWith(`${upper}-${lower}:`) && c.endsWith(`:${convexity}`));
      expect(major, row).toBeDefined();
      expect(Math.abs(Number(majorCobb) - Number(major?.split(':')[1]))).toBeLessThanOrEqual(0.051);
      expect(Number(majorCobb)).toBeGreaterThanOrEqual(Math.max(...cobbs) - 0.051);
      expect(apex).toMatch(new RegExp(`^${LEVEL}$`));
    });
    // The first film: challenge angles 43.4/15.9/40.7; a right thoracic major curve and a left lumbar one.
    expect(rows[0]).toMatch(
      /^sunhl-1th-01-Mar-2017-310 C AP\.jpg,43\.427,15\.874,40\.688,\d,46\.474,T5,T10,T8,right,.*T11-L4:42\.3:left/,
    );
  });

  it('with --clinical, leaves the major curve empty on a film without a curve of 10 degrees', async () => {
    const folder = await oneFilmFolder('straight, "AP".jpg', straightSpineRow());
    const { io, stdout } = captureIo();
    expect(await runAasce(['--clinical', folder], io)).toBe(EXIT_OK);
    expect(stdout()).toBe(`${CLINICAL_HEADER}\n"straight, ""AP"".jpg",0.000,0.000,0.000,0,,,,,,\n`);
  });

  it('runs --clinical through the main command line', async () => {
    const { main } = await import('../main.js');
    const { io, stdout, stderr } = captureIo();
    expect(await main(['aasce', TEST_SPLIT, '--clinical'], io)).toBe(EXIT_OK);
    expect(stderr()).toBe('');
    expect(stdout().startsWith(`${CLINICAL_HEADER}\n`)).toBe(true);
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
    await expect(runAasce(['--clinical'], io)).rejects.toThrow(/missing <folder>/);
    await expect(runAasce([TEST_SPLIT, '--clinical', TEST_SPLIT], io)).rejects.toThrow(/expected one folder/);
    await expect(runAasce([TEST_SPLIT, '--clinical=yes'], io)).rejects.toThrow(
      /unknown option '--clinical=yes'/,
    );
  });

  it('has a help text that ends with a newline', () => {
    expect(AASCE_HELP.startsWith('Usage: spinerecon aasce <folder> [--clinical]\n')).toBe(true);
    expect(AASCE_HELP).toContain(CLINICAL_HEADER);
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
