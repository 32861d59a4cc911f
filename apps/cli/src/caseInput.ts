import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseCaseJson, type CaseError, type SpineCase } from '@spinerecon/core';
import { UsageError, write, type CliIo } from './io.js';

/** Where a command reads its cases from: one file (or `-`), or NDJSON on standard input. */
export interface CaseSource {
  readonly path: string | undefined;
  readonly ndjson: boolean;
  /** Values of the options named in `valueOptions`, e.g. `{ format: 'csv' }`. */
  readonly options: Readonly<Record<string, string>>;
}

/** Reads `<file | -> [--option value …]` or `--ndjson [--option value …]`; anything else is a UsageError. */
export function readCaseSource(args: readonly string[], valueOptions: readonly string[]): CaseSource {
  let path: string | undefined;
  let ndjson = false;
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const name = arg.slice(2);
    if (arg === '--ndjson') ndjson = true;
    else if (arg.startsWith('--') && valueOptions.includes(name)) {
      const value = args[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      options[name] = value;
    } else if (arg.startsWith('--')) throw new UsageError(`unknown option '${arg}' (see --help)`);
    else if (path !== undefined) throw new UsageError(`one case file at a time (got '${path}' and '${arg}')`);
    else path = arg;
  }
  if (ndjson && path !== undefined) throw new UsageError('--ndjson reads standard input; give no file name');
  if (!ndjson && path === undefined)
    throw new UsageError('give a case file, or - for standard input (see --help)');
  return { path, ndjson, options };
}

function describe(errors: readonly CaseError[]): string {
  const [first] = errors;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return first ? `${first.path}: ${first.message}${more}` : 'invalid case';
}

/** Parses one case text; a bad case is a UsageError naming `where` and the JSON path. */
export function parseCaseText(text: string, where: string): SpineCase {
  const parsed = parseCaseJson(text);
  if (!parsed.ok) throw new UsageError(`${where}: ${describe(parsed.errors)}`);
  return parsed.value;
}

/** Reads and parses the case at `path` (`-` = standard input). */
export async function parseCaseInput(path: string | undefined, io: CliIo): Promise<SpineCase> {
  if (path === undefined || path === '-') return parseCaseText(await readAll(io.stdin), 'standard input');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read '${path}' (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseCaseText(text, path);
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  stream.setEncoding('utf8');
  for await (const chunk of stream) text += chunk as string;
  return text;
}

/**
 * One case per line in, `render`'s text out, streaming with backpressure; blank lines are skipped.
 * Stops at the first bad line with its number (results already written stay valid).
 */
export async function streamCaseLines(
  io: CliIo,
  render: (spineCase: SpineCase, lineNumber: number) => string,
): Promise<void> {
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    const drained = write(io.stdout, render(parseCaseText(line, `line ${lineNumber}`), lineNumber));
    if (drained) await drained;
  }
}
