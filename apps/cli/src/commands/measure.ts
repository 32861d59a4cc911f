import { measureCase, toMeasurementOutput } from '@spinerecon/core';
import { parseCaseInput, readCaseSource, streamCaseLines } from '../caseInput.js';
import { EXIT_OK, UsageError, type CliIo } from '../io.js';
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

export async function runMeasure(args: readonly string[], io: CliIo): Promise<number> {
  const source = readCaseSource(args, ['format']);
  const format = source.options.format ?? 'json';
  if (format !== 'json' && format !== 'csv')
    throw new UsageError(`--format takes json or csv, not '${format}'`);
  if (format === 'csv') io.stdout.write(`${MEASUREMENT_CSV_HEADER}\n`);
  if (source.ndjson) {
    await streamCaseLines(io, (spineCase, line) => {
      const output = toMeasurementOutput(measureCase(spineCase));
      return format === 'csv' ? measurementCsvRows(String(line), output) : `${JSON.stringify(output)}\n`;
    });
    return EXIT_OK;
  }
  const output = toMeasurementOutput(measureCase(await parseCaseInput(source.path, io)));
  const name = source.path ?? '-';
  io.stdout.write(
    format === 'csv' ? measurementCsvRows(name, output) : `${JSON.stringify(output, null, 2)}\n`,
  );
  return EXIT_OK;
}
