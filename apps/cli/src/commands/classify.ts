import { classifyCase } from '@spinerecon/core';
import { EXIT_OK, type CliIo } from '../io.js';
import { parseCaseInput, readCaseSource, streamCaseLines } from '../caseInput.js';

export const CLASSIFY_HELP = `Usage: spinerecon classify <case.json | ->
       spinerecon classify --ndjson < cases.ndjson

Prints a spinerecon.classification/1 object: the measurements, every
classification (SRS-Schwab, Lenke, Roussouly, GAP, listheses, TLICS, SINS) with
the inputs it used and the rule that decided it — or "undetermined" with what is
missing —, the alignment targets with met / not met, and the indication summary.

Options:
  -          read the case from standard input
  --ndjson   read one case per line from standard input, write one result per line
  --help     this text

Exit codes: 0 success; 2 bad input (the message names the line and the JSON path).
Decision support only: the surgeon decides.
`;

export async function runClassify(args: readonly string[], io: CliIo): Promise<number> {
  const source = readCaseSource(args, []);
  if (source.ndjson) {
    await streamCaseLines(io, (spineCase) => `${JSON.stringify(classifyCase(spineCase))}\n`);
    return EXIT_OK;
  }
  const spineCase = await parseCaseInput(source.path, io);
  io.stdout.write(`${JSON.stringify(classifyCase(spineCase), null, 2)}\n`);
  return EXIT_OK;
}
