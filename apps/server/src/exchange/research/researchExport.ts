import { installationSecret } from '../../services/deidentifiedImages.js';
import type { ResearchDates } from '../../config.js';
import type { RequestContext } from '../../domain/context.js';
import type { Executor } from '../../repositories/executor.js';
import { recordAccess } from '../../services/auditTrail.js';
import { loadCaseRecords } from '../caseRecords.js';
import { csvHeader, csvRow } from './csvColumns.js';
import { toResearchCase } from './researchCase.js';

// The research export, streamed: the cases are read a page at a time in id order (keyset pagination, never
// OFFSET), each page is turned into lines and handed on before the next is read, so memory does not grow
// with the number of cases. The reader pulls: a slow client slows the reading down.

export const EXPORT_FORMATS = ['ndjson', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ResearchExportOptions {
  readonly format: ExportFormat;
  /** Only the cases with this diagnosis. */
  readonly diagnosis?: string | undefined;
  /** Cases read per query; 200 unless a test says otherwise. */
  readonly pageSize?: number;
}

export async function countExportCases(db: Executor, diagnosis: string | undefined): Promise<number> {
  let query = db.selectFrom('cases');
  if (diagnosis !== undefined) query = query.where('diagnosis', '=', diagnosis);
  const row = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function nextPage(
  db: Executor,
  after: string | undefined,
  options: ResearchExportOptions,
  size: number,
) {
  let query = db.selectFrom('cases').select('id');
  if (options.diagnosis !== undefined) query = query.where('diagnosis', '=', options.diagnosis);
  if (after !== undefined) query = query.where('id', '>', after);
  const rows = await query.orderBy('id').limit(size).execute();
  return rows.map((row) => row.id);
}

/**
 * The export as text chunks (one per page of cases): the CSV header first, then one CSV record or NDJSON line
 * per case. Every case read is in the audit trail (research-case, list), page by page.
 */
export async function* researchExport(
  db: Executor,
  context: RequestContext,
  dates: ResearchDates,
  options: ResearchExportOptions,
): AsyncGenerator<string> {
  const secret = await installationSecret(db);
  const size = options.pageSize ?? 200;
  if (options.format === 'csv') yield csvHeader();
  let after: string | undefined;
  for (;;) {
    const ids = await nextPage(db, after, options, size);
    if (ids.length === 0) return;
    after = ids[ids.length - 1];
    const records = await loadCaseRecords(db, ids, false);
    await db.transaction().execute(async (trx) => {
      for (const record of records) {
        await recordAccess(trx, context, {
          action: 'list',
          resourceType: 'research-case',
          resourceId: record.case.id,
          patientId: record.patient.id,
        });
      }
    });
    let chunk = '';
    for (const record of records) {
      const row = toResearchCase(record, dates, secret);
      chunk += options.format === 'csv' ? csvRow(row) : `${JSON.stringify(row)}\n`;
    }
    yield chunk;
    if (ids.length < size) return;
  }
}
