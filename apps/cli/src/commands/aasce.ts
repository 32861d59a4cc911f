import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  aasceFilmToRadiograph,
  challengeCobbAngles,
  measureCoronal,
  parseAasceFiles,
  type AasceFiles,
  type AasceFilm,
  type CoronalCurve,
} from '@spinerecon/core';
import { EXIT_OK, UsageError, write, type CliIo } from '../io.js';

export const AASCE_HELP = `Usage: spinerecon aasce <folder> [--clinical]

Reproduces the three Cobb angles of the AASCE 2019 challenge ("Accurate Automated Spinal Curvature
Estimation", SpineWeb dataset 16 / BoostNet labels) with the challenge's reference procedure.

<folder> holds the files of one split of the data set:
  filenames.csv     one image file name per line
  landmarks.csv     136 numbers per line: 68 x then 68 y, divided by the image width or height
  image-sizes.csv   header filename,width,height, then the size in pixels of each image

Prints CSV to stdout: the header filename,a1,a2,a3, then one line per film with the largest angle, the
curve above it and the curve below it, in degrees with 3 decimals.

Options:
  --clinical   add the curves that SpineRecon's clinical measurement finds on the same landmarks: endplate
               Cobb angles between the most tilted end vertebrae, every curve of 10 degrees or more, each
               film taken as AP (the patient's right on the image's left). The header becomes
    filename,a1,a2,a3,curveCount,majorCobbDeg,majorUpperEnd,majorLowerEnd,majorApex,majorConvexity,curves
               where the major curve is the one with the largest Cobb angle (3 decimals; empty fields when
               no curve reaches 10 degrees) and curves lists every curve from the top down as
               upperEnd-lowerEnd:cobbDeg:convexity (1 decimal), separated by ';', e.g. T5-T11:48.2:right.

Note: a1..a3 are the challenge's midline angles, not clinical endplate Cobb angles.
`;

const INPUT_FILES = ['filenames.csv', 'landmarks.csv', 'image-sizes.csv'] as const;
const USAGE = 'usage: spinerecon aasce <folder> [--clinical]';

const CHALLENGE_HEADER = 'filename,a1,a2,a3';
const CLINICAL_HEADER = `${CHALLENGE_HEADER},curveCount,majorCobbDeg,majorUpperEnd,majorLowerEnd,majorApex,majorConvexity,curves`;

interface AasceArguments {
  readonly folder: string;
  readonly clinical: boolean;
}

/**
 * `spinerecon aasce <folder> [--clinical]`: prints the challenge angles of every film of the folder as
 * CSV; with `--clinical`, followed by the curves our clinical curve detection finds on the same landmarks.
 */
export async function runAasce(args: readonly string[], io: CliIo): Promise<number> {
  const { folder, clinical } = parseArguments(args);
  await checkFolder(folder);
  const films = parseFilms(folder, await readInputFiles(folder));
  const rows = films.map((film) => (clinical ? clinicalCsvRow(film) : csvRow(film)));
  await write(io.stdout, `${clinical ? CLINICAL_HEADER : CHALLENGE_HEADER}\n`);
  for (const row of rows) {
    await write(io.stdout, row);
  }
  return EXIT_OK;
}

function parseArguments(args: readonly string[]): AasceArguments {
  const option = args.find((a) => a.startsWith('-') && a !== '--clinical');
  if (option !== undefined) throw new UsageError(`unknown option '${option}' (${USAGE})`);
  const clinical = args.includes('--clinical');
  const [folder, ...extra] = args.filter((a) => a !== '--clinical');
  if (folder === undefined) throw new UsageError(`missing <folder> (${USAGE})`);
  if (extra.length > 0) throw new UsageError(`expected one folder, got ${extra.length + 1} arguments`);
  return { folder, clinical };
}

async function checkFolder(folder: string): Promise<void> {
  const info = await stat(folder).catch((error: unknown) => {
    throw new UsageError(`cannot read folder ${folder}: ${errorReason(error)}`);
  });
  if (!info.isDirectory()) throw new UsageError(`${folder} is not a folder`);
}

/** The three input files of the folder; a missing or unreadable one is a usage error naming its path. */
async function readInputFiles(folder: string): Promise<AasceFiles> {
  const [filenames, landmarks, imageSizes] = await Promise.all(
    INPUT_FILES.map((name) => readText(path.join(folder, name))),
  );
  return { filenames: filenames ?? '', landmarks: landmarks ?? '', imageSizes: imageSizes ?? '' };
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${errorReason(error)}`);
  }
}

function errorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

function parseFilms(folder: string, files: AasceFiles): AasceFilm[] {
  try {
    return parseAasceFiles(files);
  } catch (error) {
    throw new UsageError(`${folder}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function challengeFields(film: AasceFilm): string[] {
  let angles: readonly number[];
  try {
    angles = challengeCobbAngles(film.points, film.heightPx);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new UsageError(`${film.filename}: ${error.message}`);
  }
  return [csvField(film.filename), ...angles.map((a) => a.toFixed(3))];
}

function csvRow(film: AasceFilm): string {
  return challengeFields(film).join(',') + '\n';
}

/** The challenge angles, then the curves of our clinical detection on the film taken as an AP radiograph. */
function clinicalCsvRow(film: AasceFilm): string {
  const curves = measureCoronal(aasceFilmToRadiograph(film)).curves;
  // The major curve: the largest Cobb angle, the upper one on a tie.
  const major = curves.reduce<CoronalCurve | undefined>(
    (best, c) => (best === undefined || c.cobb.value > best.cobb.value ? c : best),
    undefined,
  );
  const majorFields =
    major === undefined
      ? ['', '', '', '', '']
      : [major.cobb.value.toFixed(3), major.upperEnd, major.lowerEnd, major.apex, major.convexity];
  const list = curves.map((c) => `${c.upperEnd}-${c.lowerEnd}:${c.cobb.value.toFixed(1)}:${c.convexity}`);
  return (
    [...challengeFields(film), String(curves.length), ...majorFields, csvField(list.join(';'))].join(',') +
    '\n'
  );
}

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
