import type { Point } from '../geometry/point.js';
import { AASCE_POINT_COUNT } from './challengeCobbAngles.js';

/** One film of the AASCE 2019 data set (SpineWeb dataset 16, "BoostNet" labels). */
export interface AasceFilm {
  readonly filename: string;
  readonly widthPx: number;
  readonly heightPx: number;
  /** The 68 landmarks in pixels: per vertebra T1…L5, upper-left, upper-right, lower-left, lower-right. */
  readonly points: Point[];
  /** The challenge's reference angles in degrees, when `angles.csv` was given. */
  readonly referenceAnglesDeg?: readonly [number, number, number];
}

/** The contents of the files of one split of the data set (`training/` or `test/`). */
export interface AasceFiles {
  /** `filenames.csv`: one image file name per line. */
  readonly filenames: string;
  /** `landmarks.csv`: 136 numbers per line, 68 x then 68 y, divided by the image width or height. */
  readonly landmarks: string;
  /** `image-sizes.csv`: header `filename,width,height`, then one line per image. */
  readonly imageSizes: string;
  /** `angles.csv`: three reference angles in degrees per line (optional). */
  readonly angles?: string;
}

interface Line {
  /** 1-based line number in its file. */
  readonly number: number;
  readonly text: string;
}

interface ImageSize {
  readonly widthPx: number;
  readonly heightPx: number;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses the files of one split of the AASCE 2019 data set into films with landmarks in pixels.
 * Rows of `filenames.csv`, `landmarks.csv` and `angles.csv` are aligned; image sizes are matched by name.
 * Throws an `Error` naming the file and the 1-based line of the first problem found.
 */
export function parseAasceFiles(files: AasceFiles): AasceFilm[] {
  const names = dataLines(files.filenames).map((line) => ({ line, name: unquoteField(line.text) }));
  const landmarkLines = dataLines(files.landmarks);
  const angleLines = files.angles === undefined ? undefined : dataLines(files.angles);
  const sizes = parseImageSizes(files.imageSizes);
  checkRowCount('landmarks.csv', landmarkLines, names.length);
  if (angleLines !== undefined) checkRowCount('angles.csv', angleLines, names.length);
  return names.map(({ line, name }, row) => {
    const size = sizes.get(name);
    if (size === undefined) {
      throw new Error(`filenames.csv line ${line.number}: no size for '${name}' in image-sizes.csv`);
    }
    const landmarkLine = landmarkLines[row] as Line;
    const values = parseNumbers('landmarks.csv', landmarkLine, 2 * AASCE_POINT_COUNT);
    const points = toPixelPoints(values, size);
    const angleLine = angleLines?.[row];
    if (angleLine === undefined) return { filename: name, ...size, points };
    const [a1, a2, a3] = parseNumbers('angles.csv', angleLine, 3) as [number, number, number];
    return { filename: name, ...size, points, referenceAnglesDeg: [a1, a2, a3] };
  });
}

/** The non-blank lines of a file with their 1-based numbers (BOM and CR line ends tolerated). */
function dataLines(content: string): Line[] {
  return content
    .replace(/^\uFEFF/, '')
    .split(/\r?\n|\r/)
    .map((text, i) => ({ number: i + 1, text }))
    .filter((line) => line.text.trim() !== '');
}

function checkRowCount(file: string, lines: readonly Line[], expected: number): void {
  if (lines.length === expected) return;
  if (lines.length > expected) {
    const extra = lines[expected] as Line;
    throw new Error(
      `${file} line ${extra.number}: more rows than filenames.csv (${lines.length} vs ${expected})`,
    );
  }
  const missingLine = (lines[lines.length - 1]?.number ?? 0) + 1;
  const counts = `${lines.length} rows, filenames.csv has ${expected}`;
  throw new Error(`${file} line ${missingLine}: missing row ${lines.length + 1} (${counts})`);
}

function parseNumbers(file: string, line: Line, expected: number): number[] {
  const fields = line.text.split(',').map((f) => f.trim());
  if (fields.length !== expected) {
    throw new Error(`${file} line ${line.number}: expected ${expected} numbers, found ${fields.length}`);
  }
  return fields.map((field, i) => parseNumber(field, `${file} line ${line.number}, value ${i + 1}`));
}

function parseNumber(field: string, where: string): number {
  const value = DECIMAL.test(field) ? Number(field) : NaN;
  if (!Number.isFinite(value)) throw new Error(`${where}: '${field}' is not a number`);
  return value;
}

function toPixelPoints(values: readonly number[], size: ImageSize): Point[] {
  const points: Point[] = [];
  for (let i = 0; i < AASCE_POINT_COUNT; i++) {
    points.push([(values[i] ?? NaN) * size.widthPx, (values[AASCE_POINT_COUNT + i] ?? NaN) * size.heightPx]);
  }
  return points;
}

/** `image-sizes.csv`: optional header `filename,width,height`; the last two fields are width and height. */
function parseImageSizes(content: string): Map<string, ImageSize> {
  const sizes = new Map<string, ImageSize>();
  const lines = dataLines(content);
  const start = lines[0] !== undefined && /^filename\s*,/i.test(lines[0].text) ? 1 : 0;
  for (const line of lines.slice(start)) {
    const fields = splitCsvLine(line.text);
    const where = `image-sizes.csv line ${line.number}`;
    if (fields.length < 3) throw new Error(`${where}: expected filename,width,height`);
    const name = fields.slice(0, -2).join(',');
    const [widthPx, heightPx] = fields.slice(-2).map((f) => parseNumber(f.trim(), where)) as [number, number];
    if (widthPx <= 0 || heightPx <= 0) throw new Error(`${where}: width and height must be positive`);
    if (sizes.has(name)) throw new Error(`${where}: '${name}' is listed twice`);
    sizes.set(name, { widthPx, heightPx });
  }
  return sizes;
}

/** Splits one CSV line into fields, honouring RFC 4180 quotes (`"a,b"`, `""` for a quote). */
function splitCsvLine(text: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else {
      field += c;
    }
  }
  fields.push(field);
  return fields;
}

/** A `filenames.csv` line: the whole line is the name, unless it is an RFC 4180 quoted field. */
function unquoteField(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    return trimmed.slice(1, -1).replaceAll('""', '"');
  }
  return text;
}
