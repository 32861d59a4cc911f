import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Problem } from '../../domain/errors.js';
import type { PendingLogin } from '../../oidc/oidcLogin.js';
import type { OpenedSession } from '../../services/authService.js';
import { errorBody } from '../schemas/common.js';
import { passwordChangeBody, session, sessionBody } from '../schemas/resources.js';
import { clearSessionCookie, setSessionCookie } from '../sessionCookie.js';

const OIDC_COOKIE = 'spinerecon_oidc';
const OIDC_COOKIE_PATH = '/api/v1/session/oidc';

const sessionView = (opened: { actor: OpenedSession['actor']; csrfToken: string }) => ({
  user: {
    id: opened.actor.userId,
    username: opened.actor.username,
    displayName: opened.actor.displayName,
    role: opened.actor.role,
  },
  csrfToken: opened.csrfToken,
});

export interface SessionRouteOptions {
  readonly loginAttemptsPerMinute: number;
}

export const sessionRoutes: FastifyPluginAsyncZod<SessionRouteOptions> = async (app, options) => {
  const auth = app.services.auth;
  const tags = ['session'];

  app.post('/session', {
    config: {
      access: { public: true },
      rateLimit: { max: options.loginAttemptsPerMinute, timeWindow: 60_000 },
    },
    schema: {
      tags,
      summary: 'Sign in with user name and password; sets the session cookie',
      body: sessionBody,
      response: { 200: session, 401: errorBody, 429: errorBody },
    },
    handler: async (request, reply) => {
      const opened = await auth.login(request.body.username, request.body.password, {
        ip: request.ip,
        requestId: request.id,
      });
      setSessionCookie(request, reply, opened.token, opened.expiresAt);
      return sessionView(opened);
    },
  });

  app.get('/session', {
    schema: {
      tags,
      summary: 'Who is signed in, and the CSRF token',
      response: { 200: session, 401: errorBody },
    },
    handler: async (request) => {
      // access.ts has just checked the session.
      if (request.actor === undefined || request.csrfToken === undefined) {
        throw new Problem('unauthenticated', 'your session has ended');
      }
      return sessionView({ actor: request.actor, csrfToken: request.csrfToken });
    },
  });

  app.delete('/session', {
    schema: { tags, summary: 'Sign out', response: { 204: z.null() } },
    handler: async (request, reply) => {
      if (request.sessionToken !== undefined && request.actor !== undefined) {
        await auth.logout(request.sessionToken, request.actor, { ip: request.ip, requestId: request.id });
      }
      clearSessionCookie(request, reply);
      return reply.code(204).send(null);
    },
  });

  app.put('/session/password', {
    schema: {
      tags,
      summary: 'Change your own password (your other sessions end)',
      body: passwordChangeBody,
      response: { 204: z.null(), 403: errorBody },
    },
    handler: async (request, reply) => {
      if (request.actor === undefined || request.sessionToken === undefined) {
        throw new Problem('unauthenticated', 'your session has ended');
      }
      const { currentPassword, newPassword } = request.body;
      await auth.changePassword(request.sessionToken, request.actor, currentPassword, newPassword, {
        ip: request.ip,
        requestId: request.id,
      });
      return reply.code(204).send(null);
    },
  });

  app.get('/session/oidc/login', {
    config: { access: { public: true } },
    schema: {
      tags,
      summary: 'Single sign-on: redirects to the hospital identity provider (when configured)',
    },
    handler: async (request, reply) => {
      const oidc = app.services.oidc;
      if (oidc === undefined)
        throw new Problem('not-found', 'single sign-on is not configured on this server');
      const { url, pending } = await oidc.start();
      reply.setCookie(OIDC_COOKIE, Buffer.from(JSON.stringify(pending)).toString('base64url'), {
        path: OIDC_COOKIE_PATH,
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        maxAge: 600,
      });
      return reply.redirect(url, 303);
    },
  });

  app.get('/session/oidc/callback', {
    config: { access: { public: true } },
    schema: { tags, summary: 'Single sign-on: the identity provider sends the browser back here' },
    handler: async (request, reply) => {
      const oidc = app.services.oidc;
      if (oidc === undefined)
        throw new Problem('not-found', 'single sign-on is not configured on this server');
      const pending = readPending(request.cookies[OIDC_COOKIE]);
      const user = await oidc.finish(request.url.split('?')[1] ?? '', pending);
      const opened = await auth.openSession(user, { ip: request.ip, requestId: request.id });
      reply.clearCookie(OIDC_COOKIE, { path: OIDC_COOKIE_PATH });
      setSessionCookie(request, reply, opened.token, opened.expiresAt);
      return reply.redirect('/', 303);
    },
  });
};

function readPending(cookie: string | undefined): PendingLogin {
  const expired = new Problem(
    'unauthenticated',
    'the sign-in took too long or was started elsewhere: start again',
  );
  if (cookie === undefined) throw expired;
  try {
    const value = JSON.parse(Buffer.from(cookie, 'base64url').toString('utf8')) as Partial<PendingLogin>;
    if (
      typeof value.state === 'string' &&
      typeof value.nonce === 'string' &&
      typeof value.codeVerifier === 'string'
    ) {
      return { state: value.state, nonce: value.nonce, codeVerifier: value.codeVerifier };
    }
  } catch {
    // fall through
  }
  throw expired;
}
