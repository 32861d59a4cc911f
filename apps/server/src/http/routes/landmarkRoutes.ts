import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../access.js';
import { errorBody, idParams, versionEntry, versionParams } from '../schemas/common.js';
import { landmarkBody, landmarkSet } from '../schemas/resources.js';
import { etagOf, parseIfMatch } from '../../services/versioning.js';

const audit = (action: 'list' | 'read' | 'update') => ({
  resourceType: 'landmarks' as const,
  action,
  idParam: 'id',
});

export const landmarkRoutes: FastifyPluginAsyncZod = async (app) => {
  const landmarks = app.services.landmarks;
  const tags = ['landmarks'];

  app.get('/radiographs/:id/landmarks', {
    config: { access: { permission: 'imaging:read', audit: audit('read') } },
    schema: {
      tags,
      summary: 'The latest landmark set of a radiograph with its measurements; ETag = its version',
      params: idParams,
      response: { 200: landmarkSet, 404: errorBody },
    },
    handler: async (request, reply) => {
      const set = await landmarks.latest(contextOf(request), request.params.id);
      return reply.header('etag', etagOf(set.version)).send(set);
    },
  });

  app.put('/radiographs/:id/landmarks', {
    config: { access: { permission: 'imaging:write', audit: audit('update') } },
    schema: {
      tags,
      summary: 'Save the landmarks as a new version (If-Match: the ETag you edited; none for the first)',
      params: idParams,
      headers: z.object({ 'if-match': z.string().optional() }),
      body: landmarkBody,
      response: { 200: landmarkSet, 400: errorBody, 412: errorBody, 428: errorBody },
    },
    handler: async (request, reply) => {
      const expected = parseIfMatch(request.headers['if-match']);
      const set = await landmarks.save(contextOf(request), request.params.id, expected, request.body);
      return reply.header('etag', etagOf(set.version)).send(set);
    },
  });

  app.get('/radiographs/:id/landmarks/versions', {
    config: { access: { permission: 'imaging:read', audit: audit('list') } },
    schema: {
      tags,
      summary: 'Every saved version, newest first',
      params: idParams,
      response: { 200: z.array(versionEntry) },
    },
    handler: (request) => landmarks.versions(contextOf(request), request.params.id),
  });

  app.get('/radiographs/:id/landmarks/versions/:version', {
    config: { access: { permission: 'imaging:read', audit: audit('read') } },
    schema: {
      tags,
      summary: 'One saved version, as it was',
      params: versionParams,
      response: { 200: landmarkSet, 404: errorBody },
    },
    handler: async (request, reply) => {
      const set = await landmarks.version(contextOf(request), request.params.id, request.params.version);
      return reply.header('etag', etagOf(set.version)).send(set);
    },
  });
};
