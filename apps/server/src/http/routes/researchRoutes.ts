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

  app.get('/research/radiographs/:id/image', {
    config: {
      access: {
        permission: 'research:read',
        audit: { resourceType: 'image', action: 'read', idParam: 'id' },
      },
    },
    schema: {
      tags,
      summary:
        'A radiograph of a de-identified case as DICOM, de-identified by the PS3.15 Annex E Basic Profile (pseudonymous UIDs; dates as SPINERECON_RESEARCH_DATES says)',
      params: idParams,
    },
    handler: async (request, reply) => {
      const bytes = await research.image(contextOf(request), request.params.id);
      return reply
        .header('content-type', 'application/dicom')
        .header('content-disposition', 'attachment; filename="deidentified.dcm"')
        .header('cache-control', 'no-store')
        .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    },
  });
};
