import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../access.js';
import { errorBody, idParams, measurementOutput, pageOf } from '../schemas/common.js';
import { researchCase, researchQuery } from '../schemas/resources.js';

export const researchRoutes: FastifyPluginAsyncZod = async (app) => {
  const research = app.services.research;
  const tags = ['research'];

  app.get('/research/cases', {
    config: {
      access: { permission: 'research:read', audit: { resourceType: 'research-case', action: 'list' } },
    },
    schema: {
      tags,
      summary: 'De-identified cases: pseudonym, age in years, sex, diagnosis, status',
      querystring: researchQuery,
      response: { 200: pageOf(researchCase) },
    },
    handler: (request) => {
      const { diagnosis, limit, offset } = request.query;
      return research.list(contextOf(request), diagnosis, { limit, offset });
    },
  });

  app.get('/research/cases/:id', {
    config: {
      access: {
        permission: 'research:read',
        audit: { resourceType: 'research-case', action: 'read', idParam: 'id' },
      },
    },
    schema: {
      tags,
      summary: 'One de-identified case as a spinerecon.case/1 document, with its measurements',
      params: idParams,
      response: {
        200: researchCase.extend({
          case: z.looseObject({ format: z.literal('spinerecon.case/1') }),
          measurements: measurementOutput,
        }),
        404: errorBody,
      },
    },
    handler: (request) => research.get(contextOf(request), request.params.id),
  });
};
