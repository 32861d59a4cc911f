import type { ResearchDates } from '../config.js';
import type { RequestContext } from '../domain/context.js';
import { invalidInput, notFound } from '../domain/errors.js';
import { now, type Executor } from '../repositories/executor.js';
import { findPatient } from '../repositories/patientRepository.js';
import { recordAccess } from '../services/auditTrail.js';
import { loadCaseRecords } from './caseRecords.js';
import { caseBundle } from './fhir/caseBundle.js';
import type { Bundle } from './fhir/fhirTypes.js';
import { importDocument, importLines, type ImportReport } from './import/importReport.js';
import type { ImportOptions } from './import/importLine.js';
import { dataDictionary } from './research/dictionary.js';
import { countExportCases, researchExport, type ResearchExportOptions } from './research/researchExport.js';

/** Data exchange (docs/decisions/0017): a case as FHIR R4, the de-identified research export, import. */
export function createExchangeService(db: Executor, dates: ResearchDates) {
  async function checkImportTarget(options: ImportOptions): Promise<void> {
    if (options.patientId !== undefined && (await findPatient(db, options.patientId)) === undefined) {
      throw invalidInput('patientId: no patient has this id', [
        { path: 'patientId', message: 'no patient has this id' },
      ]);
    }
  }

  return {
    /** The case as a FHIR R4 Bundle (type collection). */
    async fhirBundle(context: RequestContext, caseId: string): Promise<Bundle> {
      const [record] = await loadCaseRecords(db, [caseId], true);
      if (record === undefined) throw notFound('case');
      await recordAccess(db, context, {
        action: 'read',
        resourceType: 'case',
        resourceId: caseId,
        patientId: record.patient.id,
      });
      return caseBundle(record, now());
    },

    /** The number of cases first (for progress), then the export as text chunks, read as they are pulled. */
    async researchExport(context: RequestContext, options: ResearchExportOptions) {
      const total = await countExportCases(db, options.diagnosis);
      return { total, chunks: researchExport(db, context, dates, options) };
    },

    dictionary: () => dataDictionary(dates),

    async importLines(
      context: RequestContext,
      lines: AsyncIterable<string>,
      options: ImportOptions,
    ): Promise<ImportReport> {
      await checkImportTarget(options);
      return importLines(db, context, lines, options);
    },

    async importDocument(
      context: RequestContext,
      value: unknown,
      options: ImportOptions,
    ): Promise<ImportReport> {
      await checkImportTarget(options);
      return importDocument(db, context, value, options);
    },
  };
}

export type ExchangeService = ReturnType<typeof createExchangeService>;
