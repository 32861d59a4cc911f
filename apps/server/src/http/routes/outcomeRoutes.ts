import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../access.js';
import { errorBody, idParams } from '../schemas/common.js';
import { recoveryTimeline, surgeonOutcomes } from '../schemas/questionnaires.js';

export const outcomeRoutes: FastifyPluginAsyncZod = async (app) => {
  const outcomes = app.services.outcomes;
  const tags = ['outcomes'];

  app.get('/cases/:id/recovery/timeline', {
    config: {
      access: {
        permission: 'recovery:read',
        audit: { resourceType: 'outcomes', action: 'read', idParam: 'id' },
      },
    },
    schema: {
      tags,
      summary: "Alignment per visit and outcome scores over time, with the plan's targets as bands",
      params: idParams,
      response: { 200: recoveryTimeline, 404: errorBody },
    },
    handler: (request) => outcomes.timeline(contextOf(request), request.params.id),
  });

  app.get('/outcomes/mine', {
    config: { access: { permission: 'recovery:read' } },
    schema: {
      tags,
      summary: 'Your complication and outcome rates across your cases, next to the published rates',
      response: { 200: surgeonOutcomes },
    },
    handler: (request) => outcomes.mine(contextOf(request)),
  });
};
