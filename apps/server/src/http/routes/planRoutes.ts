import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../access.js';
import { errorBody, idParams, versionEntry, versionParams } from '../schemas/common.js';
import { plan, planCreateBody, planSaveBody, planSummary } from '../schemas/resources.js';
import { etagOf, parseIfMatch } from '../../services/versioning.js';

const audit = (action: 'list' | 'read' | 'create' | 'update') => ({
  resourceType: 'plan' as const,
  action,
  idParam: 'id',
});

export const planRoutes: FastifyPluginAsyncZod = async (app) => {
  const plans = app.services.plans;
  const tags = ['plans'];

  app.get('/cases/:id/plans', {
    config: { access: { permission: 'plan:read', audit: { resourceType: 'plan', action: 'list' } } },
    schema: {
      tags,
      summary: 'The plans of a case',
      params: idParams,
      response: { 200: z.array(planSummary) },
    },
    handler: (request) => plans.listForCase(contextOf(request), request.params.id),
  });

  app.post('/cases/:id/plans', {
    config: { access: { permission: 'plan:write', audit: { resourceType: 'plan', action: 'create' } } },
    schema: {
      tags,
      summary: 'Start a plan (version 1)',
      params: idParams,
      body: planCreateBody,
      response: { 201: plan },
    },
    handler: async (request, reply) => {
      const created = await plans.create(
        contextOf(request),
        request.params.id,
        request.body.title,
        request.body.content,
      );
      return reply.code(201).header('etag', etagOf(created.version)).send(created);
    },
  });

  app.get('/plans/:id', {
    config: { access: { permission: 'plan:read', audit: audit('read') } },
    schema: {
      tags,
      summary: 'The latest version of a plan; ETag = its version',
      params: idParams,
      response: { 200: plan, 404: errorBody },
    },
    handler: async (request, reply) => {
      const latest = await plans.latest(contextOf(request), request.params.id);
      return reply.header('etag', etagOf(latest.version)).send(latest);
    },
  });

  app.put('/plans/:id', {
    config: { access: { permission: 'plan:write', audit: audit('update') } },
    schema: {
      tags,
      summary: 'Save a new version of a plan (If-Match: the ETag you edited)',
      params: idParams,
      headers: z.object({ 'if-match': z.string().optional() }),
      body: planSaveBody,
      response: { 200: plan, 412: errorBody, 428: errorBody },
    },
    handler: async (request, reply) => {
      const expected = parseIfMatch(request.headers['if-match']);
      const saved = await plans.save(
        contextOf(request),
        request.params.id,
        expected,
        request.body.title,
        request.body.content,
      );
      return reply.header('etag', etagOf(saved.version)).send(saved);
    },
  });

  app.get('/plans/:id/versions', {
    config: { access: { permission: 'plan:read', audit: audit('list') } },
    schema: {
      tags,
      summary: 'Every saved version, newest first',
      params: idParams,
      response: { 200: z.array(versionEntry) },
    },
    handler: (request) => plans.versions(contextOf(request), request.params.id),
  });

  app.get('/plans/:id/versions/:version', {
    config: { access: { permission: 'plan:read', audit: audit('read') } },
    schema: {
      tags,
      summary: 'One saved version, as it was',
      params: versionParams,
      response: { 200: plan, 404: errorBody },
    },
    handler: async (request, reply) => {
      const version = await plans.version(contextOf(request), request.params.id, request.params.version);
      return reply.header('etag', etagOf(version.version)).send(version);
    },
  });
};
