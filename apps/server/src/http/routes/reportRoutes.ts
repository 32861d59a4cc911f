import { PELVIS_MODES, TARGET_SET_NAMES } from '@spinerecon/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../access.js';
import { idParams } from '../schemas/common.js';

// The PDF reports (apps/server/src/reports): a plan version for the operating room, a case's follow-up.

const planningQuery = z.strictObject({
  version: z.coerce
    .number()
    .int()
    .min(1)
    .max(1e9)
    .optional()
    .describe('a saved version; the latest when absent'),
  pelvis: z
    .enum(PELVIS_MODES)
    .default('fixed')
    .describe('how the pelvis is simulated (as on the planning page)'),
  targets: z.enum(TARGET_SET_NAMES).default('srs-schwab').describe('the target set of the alignment table'),
});

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const reports = app.services.pdfReports;
  const tags = ['reports'];

  app.get('/plans/:id/report.pdf', {
    config: {
      access: { permission: 'plan:read', audit: { resourceType: 'plan', action: 'read', idParam: 'id' } },
    },
    schema: {
      tags,
      summary:
        'The planning report of a plan version (PDF): patient, films with landmarks and the simulated correction, preoperative | predicted | target, classification, the plan, risks with sources, 1:1 rod templates',
      params: idParams,
      querystring: planningQuery,
    },
    handler: async (request, reply) => {
      const report = await reports.planning(contextOf(request), request.params.id, {
        version: request.query.version,
        pelvis: request.query.pelvis,
        targetSet: request.query.targets,
      });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${report.fileName}"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(report.bytes.buffer, report.bytes.byteOffset, report.bytes.byteLength));
    },
  });

  app.get('/cases/:id/follow-up/report.pdf', {
    config: {
      access: {
        permission: 'recovery:read',
        audit: { resourceType: 'outcomes', action: 'read', idParam: 'id' },
      },
    },
    schema: {
      tags,
      summary:
        'The follow-up report of a case (PDF): alignment over time against the plan (table and charts), the rule flags to confirm, outcome scores over time with MCID, complications',
      params: idParams,
    },
    handler: async (request, reply) => {
      const report = await reports.followUp(contextOf(request), request.params.id);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${report.fileName}"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(report.bytes.buffer, report.bytes.byteOffset, report.bytes.byteLength));
    },
  });
};
