import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import {
  measureCase,
  parseCaseJson,
  toMeasurementOutput,
  type CaseError,
  type MeasurementOutput,
} from '@spinerecon/core';
import { EXIT_OK, UsageError, write, type CliIo } from '../io.js';
import { MEASUREMENT_CSV_HEADER, measurementCsvRows } from '../measurementCsv.js';

export const MEASURE_HELP = `Usage: spinerecon measure <case.json | -> [--format json|csv]
       spinerecon measure --ndjson [--format json|csv] < cases.ndjson

Measures every spine parameter of a spinerecon.case/1 file and prints a
spinerecon.measurements/1 object (angles in degrees, distances in millimetres;
a value that cannot be measured is listed under "unavailable" with the reason).

Options:
  -                 read the case from standard input
  --format json     one JSON object (default; with --ndjson one object per line)
  --format csv      one row per radiograph with a header; an empty cell is a value
                    that could not be measured. Curves get columns curve1… to curve4…,
                    largest Cobb first; curveCount says how many were found.
  --ndjson          read one case per line from standard input and write one result per
                    line, in order, streaming (blank lines are skipped)
  --help            this text

Exit codes: 0 success; 2 bad input (the message names the line and the JSON path).
Decision support only: the surgeon decides.
`;

interface MeasureOptions {
  readonly source: string | undefined;
  readonly format: 'json' | 'csv';
  readonly ndjson: boolean;
}

function parseOptions(args: readonly string[]): MeasureOptions {
  let source: string | undefined;
  let format: 'json' | 'csv' = 'json';
  let ndjson = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--ndjson') ndjson = true;
    else if (arg === '--format') {
      const value = args[++i];
      if (value !== 'json' && value !== 'csv')
        throw new UsageError(`--format takes json or csv, not '${value ?? ''}'`);
      format = value;
    } else if (arg.startsWith('--')) throw new UsageError(`unknown option '${arg}' (see --help)`);
    else if (source !== undefined)
      throw new UsageError(`one case file at a time (got '${source}' and '${arg}')`);
    else source = arg;
  }
  if (ndjson && source !== undefined)
    throw new UsageError('--ndjson reads standard input; give no file name');
  if (!ndjson && source === undefined)
    throw new UsageError('give a case file, or - for standard input (see --help)');
  return { source, format, ndjson };
}

function describe(errors: readonly CaseError[]): string {
  const [first] = errors;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return first ? `${first.path}: ${first.message}${more}` : 'invalid case';
}

function measureText(text: string, where: string): MeasurementOutput {
  const parsed = parseCaseJson(text);
  if (!parsed.ok) throw new UsageError(`${where}: ${describe(parsed.errors)}`);
  return toMeasurementOutput(measureCase(parsed.value));
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  stream.setEncoding('utf8');
  for await (const chunk of stream) text += chunk as string;
  return text;
}

export async function runMeasure(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseOptions(args);
  if (options.format === 'csv') io.stdout.write(`${MEASUREMENT_CSV_HEADER}\n`);
  if (options.ndjson) {
    await measureNdjson(options, io);
    return EXIT_OK;
  }
  const source = options.source as string;
  const text = source === '-' ? await readAll(io.stdin) : await readCaseFile(source);
  const output = measureText(text, source === '-' ? 'standard input' : source);
  io.stdout.write(
    options.format === 'csv' ? measurementCsvRows(source, output) : `${JSON.stringify(output, null, 2)}\n`,
  );
  return EXIT_OK;
}

async function readCaseFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read '${path}' (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** One case per line in, one result per line out; stops at the first bad line with its number. */
async function measureNdjson(options: MeasureOptions, io: CliIo): Promise<void> {
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    const output = measureText(line, `line ${lineNumber}`);
    const text =
      options.format === 'csv'
        ? measurementCsvRows(String(lineNumber), output)
        : `${JSON.stringify(output)}\n`;
    const drained = write(io.stdout, text);
    if (drained) await drained;
  }
}
