import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../domain/roles.js';
import { contextOf } from '../access.js';
import { errorBody, idParams } from '../schemas/common.js';
import {
  pacsImportBody,
  pacsInstance,
  pacsSeries,
  pacsStudy,
  pacsStudyQuery,
  seriesParams,
  storedReport,
  studyParams,
} from '../schemas/pacs.js';
import { radiograph } from '../schemas/resources.js';

// The hospital PACS over DICOMweb (QIDO-RS search, WADO-RS import, STOW-RS of our reports). 503 when no
// PACS is configured (DICOMWEB_URL), 502 when the PACS fails.

const pacsErrors = { 400: errorBody, 502: errorBody, 503: errorBody };

export const pacsRoutes: FastifyPluginAsyncZod = async (app) => {
  const pacs = app.services.pacs;
  const tags = ['pacs'];
  const listed = { resourceType: 'pacs', action: 'list' } as const;

  app.get('/pacs/status', {
    config: { access: {} },
    schema: {
      tags,
      summary: 'Whether a PACS is configured, and whether the signed-in user may search and import from it',
      response: { 200: z.object({ configured: z.boolean(), mayUse: z.boolean() }) },
    },
    handler: (request) => ({
      configured: pacs.configured,
      mayUse: request.actor !== undefined && can(request.actor.role, 'imaging:write'),
    }),
  });

  app.get('/pacs/studies', {
    config: { access: { permission: 'imaging:write', audit: listed } },
    schema: {
      tags,
      summary: 'Search the PACS for studies (QIDO-RS) by patient id, patient name and study date range',
      querystring: pacsStudyQuery,
      response: { 200: z.object({ items: z.array(pacsStudy) }), ...pacsErrors },
    },
    handler: async (request) => ({ items: await pacs.searchStudies(contextOf(request), request.query) }),
  });

  app.get('/pacs/studies/:studyInstanceUid/series', {
    config: { access: { permission: 'imaging:write', audit: listed } },
    schema: {
      tags,
      summary: 'The series of a PACS study',
      params: studyParams,
      response: { 200: z.object({ items: z.array(pacsSeries) }), ...pacsErrors },
    },
    handler: async (request) => ({
      items: await pacs.searchSeries(contextOf(request), request.params.studyInstanceUid),
    }),
  });

  app.get('/pacs/studies/:studyInstanceUid/series/:seriesInstanceUid/instances', {
    config: { access: { permission: 'imaging:write', audit: listed } },
    schema: {
      tags,
      summary: 'The instances (images) of a PACS series',
      params: seriesParams,
      response: { 200: z.object({ items: z.array(pacsInstance) }), ...pacsErrors },
    },
    handler: async (request) => ({
      items: await pacs.searchInstances(
        contextOf(request),
        request.params.studyInstanceUid,
        request.params.seriesInstanceUid,
      ),
    }),
  });

  app.post('/cases/:id/radiographs/from-pacs', {
    config: {
      access: { permission: 'imaging:write', audit: { resourceType: 'radiograph', action: 'create' } },
    },
    schema: {
      tags,
      summary:
        'Import one film from the PACS (WADO-RS) as a new radiograph of the case, with its DICOM calibration',
      params: idParams,
      body: pacsImportBody,
      response: { 201: radiograph, 404: errorBody, 413: errorBody, 415: errorBody, ...pacsErrors },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await pacs.importInstance(contextOf(request), request.params.id, request.body)),
  });

  app.post('/radiographs/:id/report/pacs', {
    config: {
      access: {
        permission: 'imaging:write',
        audit: { resourceType: 'measurement-report', action: 'create', idParam: 'id' },
      },
    },
    schema: {
      tags,
      summary: "Store the radiograph's measurement report (DICOM SR, TID 1500) in the PACS (STOW-RS)",
      params: idParams,
      response: { 201: storedReport, 404: errorBody, 409: errorBody, ...pacsErrors },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await pacs.storeReport(contextOf(request), request.params.id)),
  });
};
