import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../access.js';
import { errorBody, idParams } from '../schemas/common.js';
import { operationRecord, operationSaveBody } from '../schemas/recovery.js';
import { etagOf, parseIfMatch } from '../../services/versioning.js';

export const operationRoutes: FastifyPluginAsyncZod = async (app) => {
  const operations = app.services.operations;
  const tags = ['recovery'];

  app.get('/cases/:id/operation', {
    config: {
      access: {
        permission: 'recovery:read',
        audit: { resourceType: 'operation', action: 'read', idParam: 'id' },
      },
    },
    schema: {
      tags,
      summary: 'The operation record of a case (latest version; ETag = its version); 404 until recorded',
      params: idParams,
      response: { 200: operationRecord, 404: errorBody },
    },
    handler: async (request, reply) => {
      const record = await operations.get(contextOf(request), request.params.id);
      return reply.header('etag', etagOf(record.version)).send(record);
    },
  });

  app.put('/cases/:id/operation', {
    config: {
      access: {
        permission: 'operation:write',
        audit: { resourceType: 'operation', action: 'update', idParam: 'id' },
      },
    },
    schema: {
      tags,
      summary:
        'Record the operation (no If-Match: version 1) or save a new version (If-Match: the ETag you edited)',
      params: idParams,
      headers: z.object({ 'if-match': z.string().optional() }),
      body: operationSaveBody,
      response: { 200: operationRecord, 400: errorBody, 412: errorBody, 428: errorBody },
    },
    handler: async (request, reply) => {
      const saved = await operations.save(
        contextOf(request),
        request.params.id,
        parseIfMatch(request.headers['if-match']),
        request.body.content,
      );
      return reply.header('etag', etagOf(saved.version)).send(saved);
    },
  });
};
