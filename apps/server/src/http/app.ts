import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { Problem } from '../domain/errors.js';
import { installAccessControl } from './access.js';
import { installErrorHandler } from './errorHandler.js';
import { adminRoutes } from './routes/adminRoutes.js';
import { caseRoutes } from './routes/caseRoutes.js';
import { landmarkRoutes } from './routes/landmarkRoutes.js';
import { patientRoutes } from './routes/patientRoutes.js';
import { planRoutes } from './routes/planRoutes.js';
import { outcomeRoutes } from './routes/outcomeRoutes.js';
import { followUpRoutes } from './routes/followUpRoutes.js';
import { operationRoutes } from './routes/operationRoutes.js';
import { recoveryRoutes } from './routes/recoveryRoutes.js';
import { questionnaireRoutes } from './routes/questionnaireRoutes.js';
import { radiographRoutes } from './routes/radiographRoutes.js';
import { pacsRoutes } from './routes/pacsRoutes.js';
import { researchRoutes } from './routes/researchRoutes.js';
import { exchangeRoutes } from './routes/exchangeRoutes.js';
import { reportRoutes } from './routes/reportRoutes.js';
import { sessionRoutes } from './routes/sessionRoutes.js';
import { systemRoutes } from './routes/systemRoutes.js';
import type { Services } from './services.js';
import { registerWebApp } from './webApp.js';

export const API_PREFIX = '/api/v1';

export interface AppOptions {
  readonly services: Services;
  readonly logger: FastifyBaseLogger;
  readonly trustProxy: boolean | number | string;
  readonly maxImageBytes: number;
  readonly loginAttemptsPerMinute: number;
  /** Public questionnaire requests per minute per client address. */
  readonly questionnaireRequestsPerMinute: number;
  /** The built web app to serve at `/`; none when undefined. */
  readonly webDir?: string;
}

/** The HTTP API: plugins, access control, error mapping and every route under /api/v1. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const hops = options.trustProxy;
  const app = Fastify({
    loggerInstance: options.logger,
    // A hop count: trust that many proxies in front of us.
    trustProxy: typeof hops === 'number' ? (_address: string, hop: number) => hop < hops : hops,
    bodyLimit: 1024 * 1024,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('services', options.services);

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, {
    throwFileSizeLimit: true,
    // Keep the client's file name as sent, so that a name with a path in it is refused (fileName.ts),
    // not quietly cut to its last part.
    preservePath: true,
    limits: { fileSize: options.maxImageBytes, files: 1, fields: 10, fieldSize: 1024, parts: 20 },
  });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new Problem(
        'too-many-requests',
        `too many sign-in attempts from your address; try again in ${context.after}`,
      ),
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'SpineRecon API',
        version: '1',
        description:
          'Patients, cases, radiographs, landmark sets, measurements (computed by @spinerecon/core) and plans. ' +
          'Sign in with POST /api/v1/session; send the returned csrfToken as X-CSRF-Token on every change.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'spinerecon_session' } },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });

  installErrorHandler(app);
  installAccessControl(app);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  await app.register(
    async (api) => {
      await api.register(systemRoutes);
      await api.register(sessionRoutes, { loginAttemptsPerMinute: options.loginAttemptsPerMinute });
      await api.register(adminRoutes);
      await api.register(patientRoutes);
      await api.register(caseRoutes);
      await api.register(radiographRoutes);
      await api.register(landmarkRoutes);
      await api.register(planRoutes);
      await api.register(researchRoutes);
      await api.register(exchangeRoutes);
      await api.register(pacsRoutes);
      await api.register(reportRoutes);
      await api.register(questionnaireRoutes, {
        publicRequestsPerMinute: options.questionnaireRequestsPerMinute,
      });
      await api.register(outcomeRoutes);
      await api.register(operationRoutes);
      await api.register(recoveryRoutes);
      await api.register(followUpRoutes);
    },
    { prefix: API_PREFIX },
  );
  if (options.webDir !== undefined) await registerWebApp(app, options.webDir);
  return app;
}
