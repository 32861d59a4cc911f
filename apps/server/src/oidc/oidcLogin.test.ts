import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../test-support/apiClient.js';
import { ENGINES } from '../test-support/testDatabase.js';
import { startTestServer, type TestServer } from '../test-support/testServer.js';
import type { Page, User } from '../test-support/types.js';

// A real OpenID Connect provider (oidc-provider, with its development sign-in pages) on loopback, and
// the whole authorization code flow done by hand with fetch, as a browser would.

const ACCOUNTS: Record<string, { name: string; groups: string[] }> = {
  alice: { name: 'Alice Surgeon', groups: ['spine-surgeons', 'staff'] },
  mallory: { name: 'Mallory Visitor', groups: ['cafeteria'] },
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A cookie jar good enough for one provider on one host: every cookie goes back on every request. */
class Browser {
  private readonly cookies = new Map<string, string>();
  async go(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0)
      headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const index = pair?.indexOf('=') ?? -1;
      if (pair !== undefined && index > 0) this.cookies.set(pair.slice(0, index), pair.slice(index + 1));
    }
    return response;
  }
  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

/** Follows redirects and signs in / consents on the provider's pages until the browser is sent to `until`. */
async function signInAt(browser: Browser, start: string, login: string, until: string): Promise<Response> {
  let url = start;
  for (let step = 0; step < 12; step++) {
    const response = await browser.go(url);
    const location = response.headers.get('location');
    if (response.status === 200 && url.includes('/interaction/')) {
      const html = await response.text();
      const prompt = html.includes('name="login"') ? 'login' : 'consent';
      const body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
      const submitted = await browser.go(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: body.toString(),
      });
      url = new URL(submitted.headers.get('location') ?? '', url).href;
      continue;
    }
    if (location === null) throw new Error(`stuck at ${url}: ${response.status} ${await response.text()}`);
    url = new URL(location, url).href;
    if (url.startsWith(until)) return browser.go(url);
  }
  throw new Error('too many redirects');
}

describe.each(ENGINES)('single sign-on with OpenID Connect on %s', (engine) => {
  let issuer: Server;
  let t: TestServer;
  let serverUrl: string;

  beforeAll(async () => {
    const [issuerPort, serverPort] = [await freePort(), await freePort()];
    const issuerUrl = `http://127.0.0.1:${issuerPort}`;
    serverUrl = `http://127.0.0.1:${serverPort}`;
    const redirectUrl = `${serverUrl}/api/v1/session/oidc/callback`;
    const provider = new Provider(issuerUrl, {
      clients: [
        {
          client_id: 'spinerecon',
          client_secret: 'a-client-secret-for-tests',
          redirect_uris: [redirectUrl],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      claims: { openid: ['sub'], profile: ['name', 'preferred_username'], groups: ['groups'] },
      cookies: { keys: ['cookie-key-for-tests'] },
      findAccount: (_context, id) => {
        const account = ACCOUNTS[id];
        return {
          accountId: id,
          claims: () => ({
            sub: id,
            name: account?.name,
            preferred_username: id,
            groups: account?.groups ?? [],
          }),
        };
      },
    });
    issuer = createServer(provider.callback());
    await new Promise<void>((resolve) => issuer.listen(issuerPort, '127.0.0.1', resolve));
    t = await startTestServer(engine, {
      PORT: String(serverPort),
      OIDC_ISSUER_URL: issuerUrl,
      OIDC_CLIENT_ID: 'spinerecon',
      OIDC_CLIENT_SECRET: 'a-client-secret-for-tests',
      OIDC_REDIRECT_URL: redirectUrl,
      OIDC_SCOPES: 'openid profile groups',
      OIDC_ROLE_CLAIM: 'groups',
      OIDC_ROLE_MAP: 'spine-surgeons=surgeon',
      OIDC_ALLOW_INSECURE_HTTP: 'true',
    });
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => issuer.close(resolve));
  });

  it('signs a user in through the provider, with the role mapped from a claim, and opens a session', async () => {
    const browser = new Browser();
    const back = await signInAt(
      browser,
      `${serverUrl}/api/v1/session/oidc/login`,
      'alice',
      `${serverUrl}/api/v1/session/oidc/callback`,
    );
    expect(back.status, await back.clone().text()).toBe(303);
    expect(back.headers.get('location')).toBe('/');
    expect(back.headers.getSetCookie().join()).toMatch(/spinerecon_session=.*HttpOnly.*SameSite=Lax/i);

    const session = await browser.go(`${serverUrl}/api/v1/session`);
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({
      user: { username: 'alice', displayName: 'Alice Surgeon', role: 'surgeon' },
    });
    const users = (await t.admin.get('/api/v1/users?role=surgeon')).json<Page<User>>();
    expect(users.items.find((u) => u.username === 'alice')).toMatchObject({
      singleSignOn: true,
      hasPassword: false,
    });
    // The account has no password: it cannot sign in with one.
    const withPassword = await new ApiClient(t.url).post('/api/v1/session', {
      username: 'alice',
      password: '',
    });
    expect(withPassword.status).toBe(401);

    // A second sign-in finds the same account.
    const again = new Browser();
    await signInAt(
      again,
      `${serverUrl}/api/v1/session/oidc/login`,
      'alice',
      `${serverUrl}/api/v1/session/oidc/callback`,
    );
    const count = (await t.admin.get('/api/v1/users?role=surgeon'))
      .json<Page<User>>()
      .items.filter((u) => u.username.startsWith('alice'));
    expect(count).toHaveLength(1);
  });

  it('refuses a user whose claims map to no SpineRecon role', async () => {
    const browser = new Browser();
    const back = await signInAt(
      browser,
      `${serverUrl}/api/v1/session/oidc/login`,
      'mallory',
      `${serverUrl}/api/v1/session/oidc/callback`,
    );
    expect(back.status).toBe(403);
    expect(((await back.json()) as { message: string }).message).toMatch(/no SpineRecon role/);
    expect(browser.cookie('spinerecon_session')).toBeUndefined();
  });

  it('refuses a callback that was not started here (state and PKCE)', async () => {
    const response = await fetch(`${serverUrl}/api/v1/session/oidc/callback?code=forged&state=forged`);
    expect(response.status).toBe(401);
  });
});
