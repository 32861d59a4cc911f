import { randomUUID } from 'node:crypto';
import * as client from 'openid-client';
import type { OidcConfig } from '../config.js';
import { Problem } from '../domain/errors.js';
import { isRole, type Role } from '../domain/roles.js';
import type { Executor } from '../repositories/executor.js';
import {
  findUserByOidcSubject,
  findUserByUsername,
  insertUser,
  updateUser,
  type UserRow,
} from '../repositories/userRepository.js';

/** What the browser keeps between the redirect to the identity provider and the way back. */
export interface PendingLogin {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

export interface OidcLogin {
  /** Where to send the browser, and what to remember until it comes back. */
  start(): Promise<{ url: string; pending: PendingLogin }>;
  /** Checks the provider's answer (state, nonce, PKCE, ID token) and returns the local user. */
  finish(callbackQuery: string, pending: PendingLogin): Promise<UserRow>;
}

/**
 * Single sign-on with a hospital's OpenID Connect provider (authorization code flow with PKCE).
 * The user's role comes from a claim (OIDC_ROLE_CLAIM), mapped by OIDC_ROLE_MAP; a user without a
 * mapped role is refused. The first sign-in creates the local account; later ones update its role.
 */
export function createOidcLogin(config: OidcConfig, db: Executor): OidcLogin {
  let discovered: Promise<client.Configuration> | undefined;
  const configuration = (): Promise<client.Configuration> => {
    discovered ??= client
      .discovery(
        new URL(config.issuerUrl),
        config.clientId,
        config.clientSecret,
        undefined,
        config.allowInsecureHttp ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        discovered = undefined;
        throw new Problem(
          'unavailable',
          `the sign-in provider cannot be reached (${(error as Error).message})`,
        );
      });
    return discovered;
  };

  function roleOf(claims: Record<string, unknown>): Role | undefined {
    const value = claims[config.roleClaim];
    const values = Array.isArray(value) ? value : [value];
    for (const candidate of values) {
      if (typeof candidate !== 'string') continue;
      const mapped = config.roleMap.get(candidate) ?? candidate;
      if (isRole(mapped)) return mapped;
    }
    return undefined;
  }

  async function localUser(subject: string, claims: Record<string, unknown>, role: Role): Promise<UserRow> {
    const existing = await findUserByOidcSubject(db, subject);
    if (existing !== undefined) {
      if (existing.disabled !== 0) throw new Problem('forbidden', 'this account is disabled in SpineRecon');
      if (existing.role !== role) await updateUser(db, existing.id, { role });
      return { ...existing, role };
    }
    const wanted = String(claims.preferred_username ?? claims.email ?? claims.sub ?? 'user')
      .toLowerCase()
      .replace(/[^a-z0-9._-]/g, '-')
      .slice(0, 50);
    const taken = (await findUserByUsername(db, wanted)) !== undefined;
    return insertUser(db, {
      id: randomUUID(),
      username: taken ? `${wanted}-${randomUUID().slice(0, 8)}` : wanted,
      displayName: String(claims.name ?? wanted),
      role,
      passwordHash: null,
      oidcSubject: subject,
    });
  }

  return {
    async start() {
      const pending: PendingLogin = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        codeVerifier: client.randomPKCECodeVerifier(),
      };
      const url = client.buildAuthorizationUrl(await configuration(), {
        redirect_uri: config.redirectUrl,
        scope: config.scopes,
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url: url.href, pending };
    },

    async finish(callbackQuery, pending) {
      const currentUrl = new URL(config.redirectUrl);
      currentUrl.search = callbackQuery;
      let claims: Record<string, unknown> | undefined;
      try {
        const settings = await configuration();
        const tokens = await client.authorizationCodeGrant(settings, currentUrl, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
        claims = tokens.claims();
        // Providers often keep custom claims (the role) out of the ID token: ask the userinfo endpoint.
        const subject = claims?.sub;
        if (claims !== undefined && typeof subject === 'string' && claims[config.roleClaim] === undefined) {
          const userinfo = await client.fetchUserInfo(settings, tokens.access_token, subject);
          claims = { ...userinfo, ...claims };
        }
      } catch (error) {
        if (error instanceof Problem) throw error;
        throw new Problem('unauthenticated', `single sign-on failed: ${(error as Error).message}`);
      }
      if (claims === undefined || typeof claims.sub !== 'string') {
        throw new Problem('unauthenticated', 'single sign-on failed: no ID token subject');
      }
      const role = roleOf(claims);
      if (role === undefined) {
        throw new Problem('forbidden', `your account has no SpineRecon role (claim '${config.roleClaim}')`);
      }
      return localUser(`${String(claims.iss)}|${claims.sub}`, claims, role);
    },
  };
}
