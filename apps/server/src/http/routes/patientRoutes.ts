import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../access.js';
import { errorBody, idParams, pageOf } from '../schemas/common.js';
import { patient, patientBody, patientPatch, patientQuery } from '../schemas/resources.js';

const audit = (action: 'list' | 'read' | 'create' | 'update' | 'delete') => ({
  resourceType: 'patient' as const,
  action,
  idParam: 'id',
});

export const patientRoutes: FastifyPluginAsyncZod = async (app) => {
  const patients = app.services.patients;
  const tags = ['patients'];

  app.get('/patients', {
    config: { access: { permission: 'patient:read', audit: audit('list') } },
    schema: {
      tags,
      summary: 'Search patients by name or MRN',
      querystring: patientQuery,
      response: { 200: pageOf(patient) },
    },
    handler: (request) => {
      const { q, limit, offset } = request.query;
      return patients.list(contextOf(request), q, { limit, offset });
    },
  });

  app.post('/patients', {
    config: { access: { permission: 'patient:write', audit: audit('create') } },
    schema: { tags, summary: 'Add a patient', body: patientBody, response: { 201: patient, 409: errorBody } },
    handler: async (request, reply) =>
      reply.code(201).send(await patients.create(contextOf(request), request.body)),
  });

  app.get('/patients/:id', {
    config: { access: { permission: 'patient:read', audit: audit('read') } },
    schema: { tags, summary: 'Read a patient', params: idParams, response: { 200: patient, 404: errorBody } },
    handler: (request) => patients.get(contextOf(request), request.params.id),
  });

  app.patch('/patients/:id', {
    config: { access: { permission: 'patient:write', audit: audit('update') } },
    schema: {
      tags,
      summary: 'Change a patient',
      params: idParams,
      body: patientPatch,
      response: { 200: patient },
    },
    handler: (request) => patients.update(contextOf(request), request.params.id, request.body),
  });

  app.delete('/patients/:id', {
    config: { access: { permission: 'patient:delete', audit: audit('delete') } },
    schema: {
      tags,
      summary: 'Delete a patient with all cases, radiographs, landmark sets and plans',
      params: idParams,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await patients.remove(contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  });
};
