import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../access.js';
import { errorBody, idParams, pageOf } from '../schemas/common.js';
import {
  caseBody,
  caseDetail,
  caseListItem,
  casePatch,
  caseQuery,
  caseRecord,
} from '../schemas/resources.js';

const audit = (action: 'list' | 'read' | 'create' | 'update' | 'delete') => ({
  resourceType: 'case' as const,
  action,
  idParam: 'id',
});

export const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  const cases = app.services.cases;
  const tags = ['cases'];

  app.get('/cases', {
    config: { access: { permission: 'case:read', audit: audit('list') } },
    schema: {
      tags,
      summary: 'Search cases by patient name or MRN, diagnosis, status, surgeon or patient',
      querystring: caseQuery,
      response: { 200: pageOf(caseListItem) },
    },
    handler: (request) => {
      const { limit, offset, q, ...filter } = request.query;
      return cases.list(
        contextOf(request),
        { ...filter, ...(q === undefined ? {} : { search: q }) },
        { limit, offset },
      );
    },
  });

  app.post('/cases', {
    config: { access: { permission: 'case:write', audit: audit('create') } },
    schema: {
      tags,
      summary: 'Open a case for a patient',
      body: caseBody,
      response: { 201: caseRecord, 400: errorBody },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await cases.create(contextOf(request), request.body)),
  });

  app.get('/cases/:id', {
    config: { access: { permission: 'case:read', audit: audit('read') } },
    schema: {
      tags,
      summary: 'A case with its patient, radiographs, plans and the measurements of its latest landmark sets',
      params: idParams,
      response: { 200: caseDetail, 404: errorBody },
    },
    handler: (request) => cases.get(contextOf(request), request.params.id),
  });

  app.patch('/cases/:id', {
    config: { access: { permission: 'case:write', audit: audit('update') } },
    schema: {
      tags,
      summary: 'Change a case',
      params: idParams,
      body: casePatch,
      response: { 200: caseRecord },
    },
    handler: (request) => cases.update(contextOf(request), request.params.id, request.body),
  });

  app.delete('/cases/:id', {
    config: { access: { permission: 'case:delete', audit: audit('delete') } },
    schema: {
      tags,
      summary: 'Delete a case with its radiographs, landmark sets and plans',
      params: idParams,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await cases.remove(contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  });
};
