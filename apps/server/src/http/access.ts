import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditAction, ResourceType } from '../domain/audit.js';
import type { Actor, RequestContext } from '../domain/context.js';
import { Problem } from '../domain/errors.js';
import { can, type Permission } from '../domain/roles.js';
import type { Services } from './services.js';
import { SESSION_COOKIE } from './sessionCookie.js';

/** What a route declares about who may call it, and what the audit trail calls it. */
export type RouteAccess =
  | { readonly public: true }
  | {
      readonly permission?: Permission;
      /** Patient data: failures and denials are recorded under this name (successes by the service). */
      readonly audit?: {
        readonly resourceType: ResourceType;
        readonly action: AuditAction;
        readonly idParam?: string;
      };
    };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor?: Actor;
    sessionToken?: string;
    csrfToken?: string;
  }
  interface FastifyInstance {
    services: Services;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every request but the public ones needs a live session (401), a state-changing one also the
 * session's CSRF token in X-CSRF-Token (403), and the route's permission for the user's role (403).
 * Runs before the body is read, so a refused upload is refused before its first byte is stored.
 */
export function installAccessControl(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (access !== undefined && 'public' in access) return;
    const token = request.cookies[SESSION_COOKIE];
    const session = token === undefined ? undefined : await app.services.auth.resume(token);
    if (session === undefined || token === undefined) {
      throw new Problem('unauthenticated', 'sign in first (POST /api/v1/session), or your session has ended');
    }
    request.actor = session.actor;
    request.sessionToken = token;
    request.csrfToken = session.csrfToken;
    if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== session.csrfToken) {
      throw new Problem(
        'forbidden',
        'missing or wrong X-CSRF-Token header: send the csrfToken from POST or GET /api/v1/session',
      );
    }
    const permission = access?.permission;
    if (permission !== undefined && !can(session.actor.role, permission)) {
      throw new Problem('forbidden', `the ${session.actor.role} role may not do this (${permission})`);
    }
  });
}

/** The audit context of a request that passed access control. */
export function contextOf(request: FastifyRequest): RequestContext {
  if (request.actor === undefined) throw new Error('contextOf: the route has no access control');
  return { actor: request.actor, ip: request.ip, requestId: request.id };
}
