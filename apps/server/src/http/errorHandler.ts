import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isUniqueViolation } from '../db/uniqueViolation.js';
import { Problem, type ErrorDetail, type ProblemKind } from '../domain/errors.js';
import { recordFailure } from './auditHook.js';

const STATUS: Readonly<Record<ProblemKind, number>> = {
  'invalid-input': 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'precondition-failed': 412,
  'precondition-required': 428,
  gone: 410,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'too-many-requests': 429,
  unavailable: 503,
  'bad-gateway': 502,
};

/** The one place where every error becomes an HTTP answer a person can act on. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const problem = toProblem(error);
    if (problem === undefined) {
      request.log.error({ err: { type: error.name, message: error.message, stack: error.stack } }, 'failed');
      await recordFailure(request, 500);
      return reply
        .code(500)
        .send({ error: 'internal-error', message: 'the server failed; the error is in its log' });
    }
    const status = STATUS[problem.kind];
    await recordFailure(request, status);
    return send(reply, status, problem);
  });
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) =>
    send(reply, 404, new Problem('not-found', `no route ${request.method} ${request.url.split('?')[0]}`)),
  );
}

function send(reply: FastifyReply, status: number, problem: Problem): FastifyReply {
  const body: Record<string, unknown> = { error: problem.kind, message: problem.message, ...problem.extra };
  if (problem.details.length > 0) body.details = problem.details;
  return reply.code(status).send(body);
}

function toProblem(error: FastifyError): Problem | undefined {
  if (error instanceof Problem) return error;
  // Two requests raced for the same MRN, user name…: the database's unique constraint decided.
  if (isUniqueViolation(error)) {
    return new Problem(
      'conflict',
      'the same record was being created at the same moment; reload and try again',
    );
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = error.validationContext ?? 'body';
    const details: ErrorDetail[] = error.validation.flatMap((issue) => {
      const path = jsonPath(context, issue.instancePath);
      // One detail per unknown field, at its own path: `$.nickname: unknown field`.
      const keys = (issue.params as { keys?: unknown }).keys;
      if (issue.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
        return keys.map((key) => ({ path: `${path}.${String(key)}`, message: 'unknown field' }));
      }
      return [{ path, message: issue.message ?? 'invalid' }];
    });
    const first = details[0];
    const message = first === undefined ? `invalid ${context}` : `${first.path}: ${first.message}`;
    return new Problem('invalid-input', message, details);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
      return new Problem('payload-too-large', error.message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new Problem('unsupported-media-type', error.message);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new Problem('invalid-input', 'the request body is empty; send a JSON object');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new Problem('invalid-input', 'the request body is not valid JSON');
    default:
      break;
  }
  if (error.statusCode === 429) return new Problem('too-many-requests', error.message);
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    if (error instanceof SyntaxError)
      return new Problem('invalid-input', 'the request body is not valid JSON');
    return new Problem(error.statusCode === 413 ? 'payload-too-large' : 'invalid-input', error.message);
  }
  return undefined;
}

/** `body` + `/vertebrae/L6` → `$.vertebrae.L6`; query and params are named as such. */
function jsonPath(context: string, instancePath: string): string {
  const parts = instancePath.split('/').filter((p) => p !== '');
  const base = context === 'body' ? '$' : context;
  return parts.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : `${path}.${part}`), base);
}
