import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

export const systemRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/health', {
    config: { access: { public: true } },
    schema: {
      tags: ['system'],
      summary: 'For load balancers: 200 when the database answers',
      security: [],
      response: { 200: z.object({ status: z.literal('ok'), engine: z.string() }) },
    },
    handler: async () => {
      await app.services.users.list({ limit: 1, offset: 0 });
      return { status: 'ok' as const, engine: app.services.storage.engine };
    },
  });

  app.get('/openapi.json', {
    config: { access: { public: true } },
    schema: { hide: true },
    handler: () => app.swagger(),
  });
};
