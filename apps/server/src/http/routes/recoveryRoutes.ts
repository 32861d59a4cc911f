import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuditAction, ResourceType } from '../../domain/audit.js';
import type { Permission } from '../../domain/roles.js';
import { contextOf } from '../access.js';
import { errorBody, idParams } from '../schemas/common.js';
import {
  complication,
  complicationBody,
  complicationPatch,
  hospitalStay,
  hospitalStaySaveBody,
  rehabilitation,
  rehabilitationSaveBody,
  therapySession,
  therapySessionBody,
} from '../schemas/recovery.js';
import { etagOf, parseIfMatch } from '../../services/versioning.js';

// Hospital stay, rehabilitation programme, therapy sessions (rehab:write: the therapist too) and
// complications (followup:write: the surgical team only). Decision 0016.

const access = (permission: Permission, resourceType: ResourceType, action: AuditAction) => ({
  access: { permission, audit: { resourceType, action, idParam: 'id' } },
});

const ifMatch = z.object({ 'if-match': z.string().optional() });

export const recoveryRoutes: FastifyPluginAsyncZod = async (app) => {
  const documents = app.services.recoveryDocuments;
  const sessions = app.services.therapySessions;
  const complications = app.services.complications;
  const tags = ['recovery'];

  app.get('/cases/:id/hospital-stay', {
    config: access('recovery:read', 'hospital-stay', 'read'),
    schema: {
      tags,
      summary: 'The hospital stay (latest version; ETag) with its length against the expected range',
      params: idParams,
      response: { 200: hospitalStay, 404: errorBody },
    },
    handler: async (request, reply) => {
      const stay = await documents.getHospitalStay(contextOf(request), request.params.id);
      return reply.header('etag', etagOf(stay.version)).send(stay);
    },
  });

  app.put('/cases/:id/hospital-stay', {
    config: access('rehab:write', 'hospital-stay', 'update'),
    schema: {
      tags,
      summary: 'Save the hospital stay (no If-Match: version 1; then If-Match: the ETag you edited)',
      params: idParams,
      headers: ifMatch,
      body: hospitalStaySaveBody,
      response: { 200: hospitalStay, 400: errorBody, 412: errorBody, 428: errorBody },
    },
    handler: async (request, reply) => {
      const saved = await documents.saveHospitalStay(
        contextOf(request),
        request.params.id,
        parseIfMatch(request.headers['if-match']),
        request.body.content,
      );
      return reply.header('etag', etagOf(saved.version)).send(saved);
    },
  });

  app.get('/cases/:id/rehabilitation', {
    config: access('recovery:read', 'rehabilitation', 'read'),
    schema: {
      tags,
      summary: 'The rehabilitation programme (latest version; ETag)',
      params: idParams,
      response: { 200: rehabilitation, 404: errorBody },
    },
    handler: async (request, reply) => {
      const programme = await documents.getRehabilitation(contextOf(request), request.params.id);
      return reply.header('etag', etagOf(programme.version)).send(programme);
    },
  });

  app.put('/cases/:id/rehabilitation', {
    config: access('rehab:write', 'rehabilitation', 'update'),
    schema: {
      tags,
      summary:
        'Save the rehabilitation programme (no If-Match: version 1; then If-Match: the ETag you edited)',
      params: idParams,
      headers: ifMatch,
      body: rehabilitationSaveBody,
      response: { 200: rehabilitation, 400: errorBody, 412: errorBody, 428: errorBody },
    },
    handler: async (request, reply) => {
      const saved = await documents.saveRehabilitation(
        contextOf(request),
        request.params.id,
        parseIfMatch(request.headers['if-match']),
        request.body.content,
      );
      return reply.header('etag', etagOf(saved.version)).send(saved);
    },
  });

  app.get('/cases/:id/therapy-sessions', {
    config: access('recovery:read', 'therapy-session', 'list'),
    schema: {
      tags,
      summary: 'The therapy sessions of a case, oldest first',
      params: idParams,
      response: { 200: z.array(therapySession), 404: errorBody },
    },
    handler: (request) => sessions.list(contextOf(request), request.params.id),
  });

  app.post('/cases/:id/therapy-sessions', {
    config: access('rehab:write', 'therapy-session', 'create'),
    schema: {
      tags,
      summary: 'Record a therapy session (date, phase, notes, progress)',
      params: idParams,
      body: therapySessionBody,
      response: { 201: therapySession, 400: errorBody, 404: errorBody },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await sessions.create(contextOf(request), request.params.id, request.body)),
  });

  app.get('/cases/:id/complications', {
    config: access('recovery:read', 'complication', 'list'),
    schema: {
      tags,
      summary: 'The complications of a case, by onset date',
      params: idParams,
      response: { 200: z.array(complication), 404: errorBody },
    },
    handler: (request) => complications.list(contextOf(request), request.params.id),
  });

  app.post('/cases/:id/complications', {
    config: access('followup:write', 'complication', 'create'),
    schema: {
      tags,
      summary: 'Record a complication (type, onset, Clavien–Dindo grade, treatment, resolution)',
      params: idParams,
      body: complicationBody,
      response: { 201: complication, 400: errorBody, 404: errorBody },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await complications.create(contextOf(request), request.params.id, request.body)),
  });

  app.patch('/complications/:id', {
    config: access('followup:write', 'complication', 'update'),
    schema: {
      tags,
      summary: 'Change a complication (grade, treatment, resolution…)',
      params: idParams,
      body: complicationPatch,
      response: { 200: complication, 400: errorBody, 404: errorBody },
    },
    handler: (request) => complications.update(contextOf(request), request.params.id, request.body),
  });
};
