import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filmPng } from './fixtures';
import { startApp, type RunningApp } from './harness';

// The shell, as a surgeon uses it: sign in, find the demo case, open it, add a film, sign out.

const DEMO_NAME = 'DEMO — not a real patient';

describe('the worklist and the case page in a real browser', { timeout: 60_000 }, () => {
  let app: RunningApp;
  let page: Page;

  beforeAll(async () => {
    app = await startApp();
    page = await app.newPage();
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('sends a visitor without a session to the sign-in page, with the safety banner', async () => {
    await page.goto(`${app.url}/cases/anything`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await expect(page.getByRole('note').textContent()).resolves.toContain(
      'Decision support — verify before clinical use. The surgeon decides.',
    );
    await app.screenshot(page, 'sign-in');
  });

  it("shows the server's message for a wrong password", async () => {
    await page.getByLabel('User name').fill('admin');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect((await alert.textContent())?.length).toBeGreaterThan(5);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('signs in as admin and finds the demo case by name', async () => {
    await app.signIn(page);
    await page.getByLabel('Patient or MRN').fill('DEMO');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\?q=DEMO/);
    const row = page.getByRole('row').filter({ hasText: DEMO_NAME });
    await row.waitFor();
    expect(await row.textContent()).toContain('DEMO-0001');
    expect(await row.textContent()).toContain('Scoliosis');
    await app.screenshot(page, 'worklist');
  });

  it('narrows the worklist with the filters and says when nothing matches', async () => {
    await page.getByLabel('Diagnosis').selectOption('fracture');
    await page.getByText('No case matches').waitFor();
    await page.getByLabel('Diagnosis').selectOption('');
    await page.getByRole('row').filter({ hasText: DEMO_NAME }).waitFor();
  });

  it('opens the case with its timeline and the thumbnails of the demo films', async () => {
    await page.getByRole('link', { name: DEMO_NAME }).click();
    await page.getByRole('heading', { level: 1, name: DEMO_NAME }).waitFor();
    const steps = page.locator('.timeline .step');
    expect(
      await steps.evaluateAll((items) =>
        items.map((item) => `${item.getAttribute('data-step')}:${item.className}`),
      ),
    ).toEqual([
      'diagnosis:step done',
      'imaging:step done',
      // The demo case comes with a plan ("Demo plan — L3 PSO 30°"), so planning is done; nothing is operated yet.
      'plan:step done',
      'surgery:step pending',
      'follow-up:step pending',
    ]);
    const coronal = page.getByRole('img', { name: 'Coronal radiograph' });
    await coronal.waitFor();
    await expect
      .poll(() => coronal.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0))
      .toBe(true);
    // The synthetic lateral landmark set comes with a drawing made from it (not a radiograph).
    const tiles = page.locator('.film');
    expect(await tiles.count()).toBe(2);
    const lateral = page.getByRole('img', { name: 'Lateral radiograph' });
    await expect
      .poll(() => lateral.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0))
      .toBe(true);
    expect(await page.locator('.film a.thumb').first().getAttribute('href')).toMatch(
      /^\/radiographs\/[0-9a-f-]{36}$/,
    );
    await expect(page.getByText('No PACS configured on this server.').isVisible()).resolves.toBe(true);
    await app.screenshot(page, 'case-page');
  });

  it('adds a lateral film and uploads its PNG with the progress bar reaching 100 %', async () => {
    await page.getByRole('button', { name: 'Add radiograph' }).click();
    const upload = page.locator('.add-film');
    await upload.getByText('Drop the image here').waitFor();
    await upload.locator('input[type=file]').setInputFiles({
      name: 'lateral.png',
      mimeType: 'image/png',
      buffer: filmPng(),
    });
    await upload.getByText('Image stored').waitFor();
    expect(await upload.locator('progress').evaluate((bar: HTMLProgressElement) => bar.value)).toBe(100);
    expect(await upload.locator('output.percent').textContent()).toBe('100 %');
    await expect.poll(() => page.locator('.film').count()).toBe(3);
    await expect.poll(() => page.getByRole('img', { name: 'Lateral radiograph' }).count()).toBe(2);
  });

  it("shows the server's 415 message for a PNG renamed .dcm", async () => {
    await page.getByRole('button', { name: 'Add another radiograph' }).click();
    await page.getByRole('button', { name: 'Add radiograph' }).click();
    const upload = page.locator('.add-film');
    await upload.locator('input[type=file]').setInputFiles({
      name: 'renamed.dcm',
      mimeType: 'application/dicom',
      buffer: filmPng(),
    });
    const alert = upload.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/named as a DICOM file but its content is a PNG image/);
    expect(await upload.getByText('Image stored').count()).toBe(0);
  });

  it('fits a 768×1024 tablet without sideways scrolling', async () => {
    const tablet = await app.newPage({ width: 768, height: 1024 });
    await app.signIn(tablet);
    await tablet.getByRole('link', { name: DEMO_NAME }).click();
    await tablet.getByRole('heading', { name: 'Timeline' }).waitFor();
    const overflow = await tablet.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await app.screenshot(tablet, 'case-page-tablet');
  });

  it('signs out and goes back to the sign-in page', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.goto(app.url);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const session = await page.evaluate(async () => (await fetch('/api/v1/session')).status);
    expect(session).toBe(401);
  });
});
