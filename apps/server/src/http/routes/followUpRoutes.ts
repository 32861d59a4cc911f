import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuditAction } from '../../domain/audit.js';
import type { Permission } from '../../domain/roles.js';
import { contextOf } from '../access.js';
import { errorBody, idParams } from '../schemas/common.js';
import {
  alignmentQuery,
  scheduleBody,
  visit,
  visitBody,
  visitDetail,
  visitAlignment,
  visitPatch,
  worklist,
  worklistQuery,
} from '../schemas/recovery.js';

// Follow-up visits: the schedule from the operation date, extra visits, the due and overdue worklist,
// and each visit's alignment (preoperative | planned | achieved). Decision 0016.

const access = (permission: Permission, action: AuditAction, idParam?: string) => ({
  access: {
    permission,
    audit: {
      resourceType: 'follow-up-visit' as const,
      action,
      ...(idParam === undefined ? {} : { idParam }),
    },
  },
});

export const followUpRoutes: FastifyPluginAsyncZod = async (app) => {
  const followUp = app.services.followUp;
  const alignment = app.services.alignment;
  const tags = ['follow-up'];

  app.post('/cases/:id/follow-up/schedule', {
    config: access('followup:write', 'create', 'id'),
    schema: {
      tags,
      summary:
        'Create the follow-up visits from the operation date (default: 2 and 6 weeks, 3, 6, 12, 24 months); visits with the same label are kept; 409 without an operation',
      params: idParams,
      body: scheduleBody,
      response: { 200: z.array(visit), 400: errorBody, 404: errorBody, 409: errorBody },
    },
    handler: (request) => followUp.schedule(contextOf(request), request.params.id, request.body.intervals),
  });

  app.get('/cases/:id/follow-up/visits', {
    config: access('recovery:read', 'list', 'id'),
    schema: {
      tags,
      summary: 'The follow-up visits of a case, by due date, each with its status today',
      params: idParams,
      response: { 200: z.array(visit), 404: errorBody },
    },
    handler: (request) => followUp.list(contextOf(request), request.params.id),
  });

  app.post('/cases/:id/follow-up/visits', {
    config: access('followup:write', 'create', 'id'),
    schema: {
      tags,
      summary: 'Add a visit outside the schedule',
      params: idParams,
      body: visitBody,
      response: { 201: visit, 400: errorBody, 404: errorBody, 409: errorBody },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await followUp.create(contextOf(request), request.params.id, request.body)),
  });

  app.get('/follow-up/visits/:id', {
    config: access('recovery:read', 'read', 'id'),
    schema: {
      tags,
      summary: 'One visit with the radiographs taken at it',
      params: idParams,
      response: { 200: visitDetail, 404: errorBody },
    },
    handler: (request) => followUp.get(contextOf(request), request.params.id),
  });

  app.patch('/follow-up/visits/:id', {
    config: access('followup:write', 'update', 'id'),
    schema: {
      tags,
      summary: 'Change a visit: label, due date, the date the patient was seen, notes',
      params: idParams,
      body: visitPatch,
      response: { 200: visit, 400: errorBody, 404: errorBody, 409: errorBody },
    },
    handler: (request) => followUp.update(contextOf(request), request.params.id, request.body),
  });

  app.get('/follow-up/due', {
    config: access('recovery:read', 'list'),
    schema: {
      tags,
      summary: 'The worklist: visits not yet seen that are due or overdue today, oldest due date first',
      querystring: worklistQuery,
      response: { 200: worklist },
    },
    handler: (request) => {
      const { status, surgeonId, limit, offset } = request.query;
      return followUp.worklist(contextOf(request), status, surgeonId, { limit, offset });
    },
  });

  app.get('/follow-up/visits/:id/alignment', {
    config: access('recovery:read', 'read', 'id'),
    schema: {
      tags,
      summary:
        'Preoperative | planned | achieved for every lateral parameter, targets, and the rule flags (PJK, loss of correction, suspected implant failure, adjacent segment change) for a clinician to confirm',
      params: idParams,
      querystring: alignmentQuery,
      response: { 200: visitAlignment, 404: errorBody },
    },
    handler: (request) => alignment.forVisit(contextOf(request), request.params.id, request.query.pelvis),
  });
};
