import type { RequestContext } from '../../domain/context.js';
import { isUniqueViolation } from '../../db/uniqueViolation.js';
import { Problem } from '../../domain/errors.js';
import type { Executor } from '../../repositories/executor.js';
import { ImportRefusal, importCase } from './caseImport.js';
import { readImportLine, type ImportOptions } from './importLine.js';

// An import, line by line: each line is read, checked and written on its own, so a bad line is reported and
// the next one is still imported. The report says, per line, what was created or why not.

export type LineReport =
  | {
      readonly line: number;
      readonly status: 'imported';
      readonly patientId: string;
      readonly createdPatient: boolean;
      readonly caseId: string;
      readonly radiographIds: readonly string[];
      readonly notes: readonly string[];
    }
  | {
      readonly line: number;
      readonly status: 'refused';
      readonly reason: string;
      readonly details?: readonly string[];
    };

export interface ImportReport {
  readonly imported: number;
  readonly refused: number;
  readonly lines: readonly LineReport[];
}

async function importOne(
  db: Executor,
  context: RequestContext,
  number: number,
  value: unknown,
  options: ImportOptions,
): Promise<LineReport> {
  const read = readImportLine(value, options);
  if (!read.ok)
    return {
      line: number,
      status: 'refused',
      reason: read.reason,
      ...(read.details === undefined ? {} : { details: read.details }),
    };
  try {
    const done = await importCase(db, context, read.value, options.patientId);
    return { line: number, status: 'imported', ...done, notes: read.value.notes };
  } catch (error) {
    if (error instanceof ImportRefusal || error instanceof Problem)
      return { line: number, status: 'refused', reason: error.message };
    // Another import created the same patient (its pseudonym as MRN) at the same moment: nothing of this line stays.
    if (isUniqueViolation(error))
      return {
        line: number,
        status: 'refused',
        reason: 'the same patient was being imported at the same moment; import this line again',
      };
    throw error;
  }
}

/** Imports the lines (NDJSON text lines; blank lines are skipped but counted). */
export async function importLines(
  db: Executor,
  context: RequestContext,
  lines: AsyncIterable<string>,
  options: ImportOptions,
): Promise<ImportReport> {
  const reports: LineReport[] = [];
  let number = 0;
  for await (const text of lines) {
    number += 1;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text) as unknown;
    } catch (error) {
      reports.push({ line: number, status: 'refused', reason: `not JSON: ${(error as Error).message}` });
      continue;
    }
    reports.push(await importOne(db, context, number, value, options));
  }
  return summarise(reports);
}

/** Imports one JSON document (a case file or one export line), reported as line 1. */
export async function importDocument(
  db: Executor,
  context: RequestContext,
  value: unknown,
  options: ImportOptions,
): Promise<ImportReport> {
  return summarise([await importOne(db, context, 1, value, options)]);
}

function summarise(lines: readonly LineReport[]): ImportReport {
  const imported = lines.filter((l) => l.status === 'imported').length;
  return { imported, refused: lines.length - imported, lines };
}
