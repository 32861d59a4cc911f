import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { readConfig } from '../../server/src/config';
import { startServer, type RunningServer } from '../../server/src/server';

// The end-to-end harness: the real server (SQLite in a fresh folder, demo seeded) serving the built web
// app (apps/web/dist; `npm test` builds it first), and Debian's Chromium driven by playwright-core.

export const ADMIN_PASSWORD = 'e2e-admin-password';
export const WEB_DIST = fileURLToPath(new URL('../dist', import.meta.url));
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../../docs/screenshots', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';

export interface Viewport {
  readonly width: number;
  readonly height: number;
}

export interface RunningApp {
  /** `http://127.0.0.1:<port>`: the app at `/`, the API at `/api/v1`. */
  readonly url: string;
  /** The password of `admin`. */
  readonly adminPassword: string;
  readonly browser: Browser;
  /** A page in a fresh browser context (own cookies), 1280×800 unless given. */
  newPage(viewport?: Viewport): Promise<Page>;
  /** Signs in as admin through the sign-in page (from a signed-out page) and waits for the worklist. */
  signIn(page: Page): Promise<void>;
  /** A full-page screenshot at docs/screenshots/<name>.png; returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
  /** Closes the browser, stops the server, removes its data folder. */
  close(): Promise<void>;
}

export async function startApp(options: { env?: Record<string, string> } = {}): Promise<RunningApp> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error(
      `the web app is not built (${WEB_DIST}/index.html is missing): run \`npm run build -w @spinerecon/web\` ` +
        '(`npm test` builds it before the tests)',
    );
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium; .ci/run does)`,
    );
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'spinerecon-e2e-'));
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startServer(
      readConfig({
        HOST: '127.0.0.1',
        PORT: '0',
        SPINERECON_DATA_DIR: dataDir,
        SPINERECON_ADMIN_PASSWORD: ADMIN_PASSWORD,
        SPINERECON_DEMO: 'true',
        SPINERECON_LOG_LEVEL: 'silent',
        SPINERECON_LOGIN_RATE_LIMIT: '1000',
        SPINERECON_WEB_DIR: WEB_DIST,
        ...options.env,
      }),
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
  } catch (error) {
    await browser?.close();
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const running = server;
  const launched = browser;
  const contexts: BrowserContext[] = [];

  return {
    url: running.url,
    adminPassword: ADMIN_PASSWORD,
    browser: launched,
    async newPage(viewport = { width: 1280, height: 800 }) {
      const context = await launched.newContext({ viewport, baseURL: running.url });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      page.on('pageerror', (error) => process.stderr.write(`[browser] page error: ${error.message}\n`));
      return page;
    },
    async signIn(page) {
      // Through `/`, so that the sign-in page leads to the worklist whatever page came before.
      await page.goto(`${running.url}/`);
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.getByLabel('User name').fill('admin');
      await page.getByLabel('Password').fill(ADMIN_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Worklist' }).waitFor();
    },
    async screenshot(page, name) {
      await mkdir(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await launched.close();
      await running.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
