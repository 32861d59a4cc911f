import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Problem } from '../../domain/errors.js';
import { CASE_DIAGNOSES } from '../../domain/clinicalLists.js';
import { textLines } from '../../exchange/import/textLines.js';
import { EXPORT_FORMATS } from '../../exchange/research/researchExport.js';
import { contextOf } from '../access.js';
import { errorBody, idParams } from '../schemas/common.js';

// Data exchange (docs/decisions/0017): a case as a FHIR R4 Bundle, the de-identified research export
// (streamed NDJSON or CSV) with its data dictionary, and the import of case files and exports.

const NDJSON = 'application/x-ndjson';
/** The largest single JSON document an import takes (NDJSON is streamed line by line instead). */
const MAX_IMPORT_JSON_BYTES = 16 * 1024 * 1024;

const importReport = z.object({
  imported: z.number(),
  refused: z.number(),
  lines: z
    .array(
      z.union([
        z.object({
          line: z.number(),
          status: z.literal('imported'),
          patientId: z.string(),
          createdPatient: z.boolean(),
          caseId: z.string(),
          radiographIds: z.array(z.string()).readonly(),
          notes: z.array(z.string()).readonly(),
        }),
        z.object({
          line: z.number(),
          status: z.literal('refused'),
          reason: z.string(),
          details: z.array(z.string()).readonly().optional(),
        }),
      ]),
    )
    .readonly(),
});

export const exchangeRoutes: FastifyPluginAsyncZod = async (app) => {
  const exchange = app.services.exchange;

  // NDJSON uploads reach the handler as the raw stream: read line by line, never held whole.
  app.addContentTypeParser(NDJSON, (_request, payload, done) => done(null, payload));

  app.get('/cases/:id/fhir', {
    config: {
      access: { permission: 'case:read', audit: { resourceType: 'case', action: 'read', idParam: 'id' } },
    },
    schema: {
      tags: ['exchange'],
      summary:
        'The case as a FHIR R4 Bundle (collection): Patient, Condition, ImagingStudy per radiograph, Observation per measurement, Procedure, CarePlan, QuestionnaireResponse',
      params: idParams,
      response: { 200: z.looseObject({ resourceType: z.literal('Bundle') }), 404: errorBody },
    },
    handler: async (request, reply) => {
      const bundle = await exchange.fhirBundle(contextOf(request), request.params.id);
      return reply.type('application/fhir+json; charset=utf-8').send(bundle);
    },
  });

  app.get('/research/export', {
    config: {
      access: { permission: 'research:read', audit: { resourceType: 'research-case', action: 'list' } },
    },
    schema: {
      tags: ['research'],
      summary:
        'Every case de-identified, streamed: NDJSON (one spinerecon.research-case/1 per line) or CSV (one row per case); X-Total-Count says how many cases follow',
      querystring: z.strictObject({
        format: z.enum(EXPORT_FORMATS).default('ndjson'),
        diagnosis: z.enum(CASE_DIAGNOSES).optional(),
      }),
    },
    handler: async (request, reply) => {
      const { format, diagnosis } = request.query;
      const { total, chunks } = await exchange.researchExport(contextOf(request), { format, diagnosis });
      const stream = Readable.from(chunks, { objectMode: false });
      // A failure after the first bytes cannot change the status any more: the connection is cut, and the
      // count in X-Total-Count shows the client the export is incomplete.
      stream.on('error', (error) =>
        request.log.error({ err: { message: error.message } }, 'research export failed'),
      );
      return reply
        .header('x-total-count', String(total))
        .header(
          'content-disposition',
          `attachment; filename="spinerecon-research-export.${format === 'csv' ? 'csv' : 'ndjson'}"`,
        )
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : `${NDJSON}; charset=utf-8`)
        .send(stream);
    },
  });

  app.get('/research/export/dictionary', {
    config: { access: { permission: 'research:read' } },
    schema: {
      tags: ['research'],
      summary:
        'The data dictionary of the research export: every NDJSON field and CSV column with type, unit, meaning',
      response: { 200: z.looseObject({ format: z.string() }) },
    },
    handler: () => exchange.dictionary(),
  });

  app.post('/import', {
    bodyLimit: MAX_IMPORT_JSON_BYTES,
    config: { access: { permission: 'case:write', audit: { resourceType: 'case', action: 'create' } } },
    schema: {
      tags: ['exchange'],
      summary:
        'Import a spinerecon.case/1 document or an export line (application/json), or a whole NDJSON export (application/x-ndjson): each case whole or not at all, a report per line',
      querystring: z.strictObject({
        patientId: z
          .uuid()
          .optional()
          .describe('import every case into this patient (required for spinerecon.case/1 files)'),
        diagnosis: z.enum(CASE_DIAGNOSES).optional().describe('the diagnosis of cases that do not give one'),
      }),
      response: { 200: importReport, 400: errorBody, 413: errorBody, 415: errorBody },
    },
    handler: async (request) => {
      const options = { patientId: request.query.patientId, diagnosis: request.query.diagnosis };
      const context = contextOf(request);
      if (request.body instanceof Readable)
        return exchange.importLines(context, textLines(request.body), options);
      if (request.body === undefined)
        throw new Problem('invalid-input', 'send a spinerecon.case/1 document, or an NDJSON export');
      return exchange.importDocument(context, request.body, options);
    },
  });
};
