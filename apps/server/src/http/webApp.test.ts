import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/testServer.js';

const INDEX = '<!doctype html><html><body><div id="root"></div><script src="/assets/app-1234.js"></script>';
const SCRIPT = 'console.log("app");';
const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

describe('the built web app', () => {
  let webDir: string;
  let server: TestServer;

  beforeAll(async () => {
    webDir = await mkdtemp(join(tmpdir(), 'spinerecon-web-'));
    await mkdir(join(webDir, 'assets'));
    await writeFile(join(webDir, 'index.html'), INDEX);
    await writeFile(join(webDir, 'assets', 'app-1234.js'), SCRIPT);
    await writeFile(join(webDir, 'assets', 'codec.wasm'), new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
    server = await startTestServer('sqlite', { SPINERECON_WEB_DIR: webDir });
  });

  afterAll(async () => {
    await server?.close();
    await rm(webDir, { recursive: true, force: true });
  });

  it('serves index.html at / with a strict content security policy', async () => {
    const response = await fetch(`${server.url}/`, { headers: html });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toBe(INDEX);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(policy).toContain("worker-src 'self' blob:");
    expect(policy).toContain("img-src 'self' blob: data:");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('answers the app routes (a case page) with index.html, without a session', async () => {
    const response = await fetch(`${server.url}/cases/x`, { headers: html });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(INDEX);
  });

  it('keeps the JSON 404 for an unknown API route, also for a browser', async () => {
    for (const headers of [html, { ...html, cookie: server.admin.cookieHeader }]) {
      const response = await fetch(`${server.url}/api/v1/unknown`, { headers });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: 'not-found' });
    }
  });

  it('serves the assets with their media type and a long cache for hashed files', async () => {
    const script = await fetch(`${server.url}/assets/app-1234.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(script.headers.get('cache-control')).toContain('immutable');
    expect(await script.text()).toBe(SCRIPT);
    const wasm = await fetch(`${server.url}/assets/codec.wasm`);
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
  });

  it('answers a missing asset with a JSON 404, not with the app', async () => {
    const response = await fetch(`${server.url}/assets/missing.js`, { headers: { accept: '*/*' } });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'not-found' });
  });

  it('does not serve files outside the web folder', async () => {
    const response = await fetch(`${server.url}/assets/%2e%2e/%2e%2e/etc/passwd`, {
      headers: { accept: '*/*' },
    });
    expect(response.status).toBe(404);
  });
});

describe('a server without a built web app', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('sqlite', {
      SPINERECON_WEB_DIR: join(tmpdir(), 'spinerecon-no-such-dir'),
    });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('still starts and says at / how to build the web app', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/npm run build/);
    const health = await fetch(`${server.url}/api/v1/health`);
    expect(health.status).toBe(200);
  });
});
