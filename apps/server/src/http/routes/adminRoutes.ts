import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../access.js';
import { errorBody, idParams, pageOf } from '../schemas/common.js';
import { auditEvent, auditQuery, user, userBody, userPatch, userQuery } from '../schemas/resources.js';

export const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  const users = app.services.users;

  app.get('/users', {
    config: { access: { permission: 'user:manage' } },
    schema: { tags: ['users'], summary: 'Accounts', querystring: userQuery, response: { 200: pageOf(user) } },
    handler: (request) => {
      const { role, limit, offset } = request.query;
      return users.list({ limit, offset }, role);
    },
  });

  app.post('/users', {
    config: { access: { permission: 'user:manage' } },
    schema: {
      tags: ['users'],
      summary: 'Create an account',
      body: userBody,
      response: { 201: user, 409: errorBody },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await users.create(contextOf(request), request.body)),
  });

  app.patch('/users/:id', {
    config: { access: { permission: 'user:manage' } },
    schema: {
      tags: ['users'],
      summary: 'Change name, role or password, or disable an account (its sessions end)',
      params: idParams,
      body: userPatch,
      response: { 200: user, 404: errorBody },
    },
    handler: (request) => users.update(contextOf(request), request.params.id, request.body),
  });

  app.get('/surgeons', {
    config: { access: { permission: 'surgeon:list' } },
    schema: {
      tags: ['users'],
      summary: 'Surgeons a case can be assigned to',
      response: { 200: z.array(z.object({ id: z.string(), displayName: z.string() })) },
    },
    handler: () => users.surgeons(),
  });

  app.get('/audit', {
    config: { access: { permission: 'audit:read' } },
    schema: {
      tags: ['audit'],
      summary: 'The audit trail, newest first: who touched which record, how, when, from where, outcome',
      querystring: auditQuery,
      response: { 200: pageOf(auditEvent) },
    },
    handler: (request) => {
      const { limit, offset, ...filter } = request.query;
      return users.audit(filter, { limit, offset });
    },
  });
};
