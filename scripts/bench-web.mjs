// The web app's speed, in headless Chromium against the real server:
// - time to first pixels: from navigation start to the `spinerecon:first-pixels` performance mark (Cornerstone has
//   rendered the image), for a synthetic 3000 × 7000 16-bit uncompressed DICOM (42 MB) and for the demo's coronal
//   JPEG, 5 runs each in a fresh browser context (empty HTTP cache);
// - drag latency: from each pointer move while dragging a landmark (`spinerecon:drag-move`) to the parameter panel
//   rendered with the new values (`spinerecon:panel-updated`), over 200 moves on the demo's lateral film;
// - clicks: how many the sagittal quick protocol needs for its full parameter set;
// - planning: from each change of an osteotomy's angle (an `input` event on the field, marked
//   `spinerecon:plan-change` by a capture listener the script installs) to the ghost redrawn with the new predicted
//   film (`spinerecon:prediction-drawn`, PredictedSpineOverlay), over 50 changes of an L3 PSO; and from the click on
//   "Run auto-plan" to the first proposal in the DOM (a MutationObserver), 5 runs.
//
// Build the web app first, then run: `npm run build -w @spinerecon/web && node scripts/bench-web.mjs`.
// Reuses the e2e harness (apps/web/e2e/harness.ts: the real server on SQLite with the demo, Debian's Chromium),
// loaded through Vite's module runner, so nothing is compiled by hand.
/* global document, Element, HTMLInputElement, MutationObserver -- in page.evaluate */
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const RUNS = 5;
const VIEWPORT = { width: 1440, height: 1000 };
const here = (path) => fileURLToPath(new URL(path, import.meta.url));

const { module: harness } = await runnerImport(here('../apps/web/e2e/harness.ts'));
const { module: synthetic } = await runnerImport(
  here('../packages/dicom/src/test-support/syntheticDicom.ts'),
);

const app = await harness.startApp();
try {
  const setup = await app.browser.newContext({ baseURL: app.url });
  const api = setup.request;
  const session = await api.post('/api/v1/session', {
    data: { username: 'admin', password: app.adminPassword },
  });
  if (!session.ok()) throw new Error(`sign-in failed: ${session.status()}`);
  const { csrfToken } = await session.json();
  const headers = { 'x-csrf-token': csrfToken };
  const cases = await (await api.get('/api/v1/cases')).json();
  const demo = cases.items.find((c) => c.patientName.startsWith('DEMO'));
  const detail = await (await api.get(`/api/v1/cases/${demo.id}`)).json();
  const coronal = detail.radiographs.find((r) => r.view === 'coronal' && r.image !== null);

  const created = await api.post(`/api/v1/cases/${demo.id}/radiographs`, {
    headers,
    data: { view: 'lateral', anteriorOnImage: 'left', posture: 'standing' },
  });
  const big = await created.json();
  const bytes = synthetic.syntheticDicom({ rows: 7000, columns: 3000, bitsAllocated: 16 });
  const upload = await api.put(`/api/v1/radiographs/${big.id}/image`, {
    headers,
    multipart: { file: { name: 'big.dcm', mimeType: 'application/dicom', buffer: Buffer.from(bytes) } },
    timeout: 120_000,
  });
  if (!upload.ok()) throw new Error(`upload failed: ${upload.status()} ${await upload.text()}`);
  await setup.close();

  /** One cold load of the imaging page: ms from navigation start to first pixels, and the image download. */
  async function measure(radiographId) {
    const context = await app.browser.newContext({ viewport: VIEWPORT, baseURL: app.url });
    try {
      const signIn = await context.request.post('/api/v1/session', {
        data: { username: 'admin', password: app.adminPassword },
      });
      if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()}`);
      const page = await context.newPage();
      page.on('pageerror', (error) => process.stderr.write(`[browser] ${error.message}\n`));
      page.on('console', (message) => {
        if (message.type() === 'error') process.stderr.write(`[browser] ${message.text()}\n`);
      });
      await page.goto(`/radiographs/${radiographId}`);
      await page.waitForFunction(
        (id) =>
          performance
            .getEntriesByName('spinerecon:first-pixels')
            .some((entry) => entry.detail?.radiographId === id),
        radiographId,
        { timeout: 60_000 },
      );
      return await page.evaluate((id) => {
        const mark = performance
          .getEntriesByName('spinerecon:first-pixels')
          .find((entry) => entry.detail?.radiographId === id);
        const image = performance
          .getEntriesByType('resource')
          .find((entry) => entry.name.includes(`/radiographs/${id}/image`));
        return { firstPixels: mark.startTime, download: image ? image.responseEnd - image.startTime : NaN };
      }, radiographId);
    } finally {
      await context.close();
    }
  }

  /** Milliseconds from each drag move to the next panel update, dragging L1's anterosuperior corner. */
  async function dragLatency(radiographId) {
    const context = await app.browser.newContext({ viewport: VIEWPORT, baseURL: app.url });
    try {
      await context.request.post('/api/v1/session', {
        data: { username: 'admin', password: app.adminPassword },
      });
      const page = await context.newPage();
      await page.goto(`/radiographs/${radiographId}`);
      await page.waitForFunction(
        (id) =>
          performance.getEntriesByName('spinerecon:first-pixels').some((e) => e.detail?.radiographId === id),
        radiographId,
        { timeout: 60_000 },
      );
      await page.getByTestId('current-step').waitFor();
      const landmarks = await (
        await context.request.get(`/api/v1/radiographs/${radiographId}/landmarks`)
      ).json();
      const point = landmarks.landmarks.vertebrae.L1.superiorAnterior;
      const [sx, sy] = await page.evaluate(
        ([id, p]) => globalThis.__spineViewer[id].imageToScreen(p),
        [radiographId, point],
      );
      const box = await page
        .locator(`.rv-viewer[data-radiograph-id="${radiographId}"] .rv-viewport`)
        .boundingBox();
      await page.mouse.move(box.x + sx, box.y + sy);
      await page.mouse.down();
      for (let i = 1; i <= 200; i++) await page.mouse.move(box.x + sx + (i % 40), box.y + sy + (i % 25));
      await page.mouse.up();
      return await page.evaluate(() => {
        const moves = performance.getEntriesByName('spinerecon:drag-move').map((e) => e.startTime);
        const panels = performance.getEntriesByName('spinerecon:panel-updated').map((e) => e.startTime);
        return moves.flatMap((t) => {
          const next = panels.find((p) => p >= t);
          return next === undefined ? [] : [next - t];
        });
      });
    } finally {
      await context.close();
    }
  }

  /**
   * Opening a film from inside the app, as a surgeon goes from film to film: the app and the imaging code are
   * loaded (another film was opened first), the image is not cached. ms from the click on the film's link on the
   * case page to first pixels.
   */
  async function measureInApp(radiographId, otherId) {
    const context = await app.browser.newContext({ viewport: VIEWPORT, baseURL: app.url });
    try {
      await context.request.post('/api/v1/session', {
        data: { username: 'admin', password: app.adminPassword },
      });
      const page = await context.newPage();
      await page.goto(`/radiographs/${otherId}`);
      await page.waitForFunction(
        (id) =>
          performance.getEntriesByName('spinerecon:first-pixels').some((e) => e.detail?.radiographId === id),
        otherId,
        { timeout: 60_000 },
      );
      await page.getByRole('link', { name: /^Case of/ }).click(); // client-side: the app stays loaded
      await page.locator(`a[href="/radiographs/${radiographId}"]`).first().waitFor();
      await page.evaluate(() => performance.mark('spinerecon:open-film'));
      await page.locator(`a[href="/radiographs/${radiographId}"]`).first().click();
      await page.waitForFunction(
        (id) =>
          performance.getEntriesByName('spinerecon:first-pixels').some((e) => e.detail?.radiographId === id),
        radiographId,
        { timeout: 60_000 },
      );
      return await page.evaluate((id) => {
        const open = performance.getEntriesByName('spinerecon:open-film').at(-1);
        const mark = performance
          .getEntriesByName('spinerecon:first-pixels')
          .find((e) => e.detail?.radiographId === id);
        return mark.startTime - open.startTime;
      }, radiographId);
    } finally {
      await context.close();
    }
  }

  /** The planning page of the demo case, signed in, with the lateral film's prediction drawn at least once. */
  async function planningPage(context) {
    await context.request.post('/api/v1/session', {
      data: { username: 'admin', password: app.adminPassword },
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => process.stderr.write(`[browser] ${error.message}\n`));
    await page.goto(`/cases/${demo.id}/plans`);
    await page.getByRole('heading', { name: 'Surgical planning' }).waitFor({ timeout: 60_000 });
    return page;
  }

  /** ms from each angle change of an L3 grade 3 osteotomy to the ghost drawn with the new prediction. */
  async function planChangeLatency() {
    const context = await app.browser.newContext({ viewport: VIEWPORT, baseURL: app.url });
    try {
      const page = await planningPage(context);
      await page.getByRole('button', { name: 'Add osteotomy' }).click();
      const osteotomy = page.locator('[data-osteotomy="0"]');
      await osteotomy.getByLabel('Level').selectOption('L3');
      await osteotomy.getByLabel('Grade').selectOption('3');
      const field = osteotomy.locator('input[name="osteotomy-angle"]');
      await field.fill('30');
      await page
        .locator('.plan-film [data-testid="predicted-vertebrae"] [data-kind="predicted"]')
        .first()
        .waitFor({ timeout: 60_000 });
      await page.evaluate(() => {
        document.addEventListener(
          'input',
          (event) => {
            if (event.target instanceof HTMLInputElement && event.target.name === 'osteotomy-angle')
              performance.mark('spinerecon:plan-change');
          },
          { capture: true },
        );
      });
      for (let i = 0; i < 50; i++) {
        const drawn = await page.evaluate(
          () => performance.getEntriesByName('spinerecon:prediction-drawn').length,
        );
        await field.fill(String(25 + (i % 10)));
        await page.waitForFunction(
          (n) => performance.getEntriesByName('spinerecon:prediction-drawn').length > n,
          drawn,
          { timeout: 10_000 },
        );
      }
      return await page.evaluate(() => {
        const changes = performance.getEntriesByName('spinerecon:plan-change').map((e) => e.startTime);
        const drawn = performance.getEntriesByName('spinerecon:prediction-drawn').map((e) => e.startTime);
        return changes.flatMap((t) => {
          const next = drawn.find((d) => d >= t);
          return next === undefined ? [] : [next - t];
        });
      });
    } finally {
      await context.close();
    }
  }

  /** ms from the click on "Run auto-plan" to the first proposal row in the DOM, on a fresh page. */
  async function autoPlanLatency() {
    const context = await app.browser.newContext({ viewport: VIEWPORT, baseURL: app.url });
    try {
      const page = await planningPage(context);
      const button = page.getByRole('button', { name: 'Run auto-plan' });
      await button.waitFor();
      await page.evaluate(() => {
        const observer = new MutationObserver(() => {
          if (document.querySelector('.proposals .proposal') !== null) {
            globalThis.__firstProposalAt = performance.now();
            observer.disconnect();
          }
        });
        observer.observe(document.body, { childList: true, subtree: true });
        document.addEventListener(
          'click',
          (event) => {
            if (
              event.target instanceof Element &&
              event.target.closest('button')?.textContent === 'Run auto-plan'
            )
              globalThis.__autoPlanClickAt ??= performance.now();
          },
          { capture: true },
        );
      });
      await button.click();
      await page.locator('.proposals .proposal').first().waitFor({ timeout: 60_000 });
      return await page.evaluate(() => globalThis.__firstProposalAt - globalThis.__autoPlanClickAt);
    } finally {
      await context.close();
    }
  }

  const quantile = (values, q) => {
    const sorted = [...values].sort((a, b) => a - b);
    const index = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
    return sorted[Math.max(0, index)];
  };
  const ms = (value) => (Number.isFinite(value) ? `${Math.round(value)}` : '—');

  const subjects = [
    { label: 'synthetic DICOM 3000 × 7000, 16-bit, uncompressed (42 MB)', id: big.id },
    {
      label: `demo coronal JPEG ${coronal.image.widthPx} × ${coronal.image.heightPx} (${Math.round(coronal.image.sizeBytes / 1024)} KB)`,
      id: coronal.id,
    },
  ];
  const rows = [];
  for (const subject of subjects) {
    await measure(subject.id); // warm-up: the server's file cache, Chromium's compiled code
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await measure(subject.id));
    const first = runs.map((r) => r.firstPixels);
    const download = runs.map((r) => r.download);
    rows.push(
      `| ${subject.label} | ${ms(quantile(first, 0.5))} | ${ms(quantile(first, 0.95))} | ${ms(Math.min(...first))} | ${ms(quantile(download, 0.5))} |`,
    );
    process.stderr.write(`${subject.label}: ${first.map(ms).join(', ')} ms\n`);
  }

  const inApp = [];
  await measureInApp(big.id, coronal.id);
  for (let i = 0; i < RUNS; i++) inApp.push(await measureInApp(big.id, coronal.id));
  process.stderr.write(`in-app: ${inApp.map(ms).join(', ')} ms\n`);
  const lateral = detail.radiographs.find((r) => r.view === 'lateral' && r.image !== null);
  const drag = await dragLatency(lateral.id);
  const planChange = await planChangeLatency();
  process.stderr.write(`plan change → prediction drawn: ${planChange.length} changes\n`);
  await autoPlanLatency(); // warm-up
  const autoPlanRuns = [];
  for (let i = 0; i < RUNS; i++) autoPlanRuns.push(await autoPlanLatency());
  process.stderr.write(`auto-plan: ${autoPlanRuns.map(ms).join(', ')} ms\n`);
  const { module: protocols } = await runnerImport(here('../apps/web/src/protocols/definitions.ts'));
  const quick = protocols.SAGITTAL_QUICK.steps;

  console.log(
    `Time to first pixels on the imaging page (${RUNS} cold loads each, ${VIEWPORT.width} × ${VIEWPORT.height},`,
  );
  console.log(`headless Chromium with software WebGL; navigation start → \`spinerecon:first-pixels\`):\n`);
  console.log('| image | median (ms) | p95 (ms) | best (ms) | image download, median (ms) |');
  console.log('| ----- | ----------: | -------: | --------: | --------------------------: |');
  for (const row of rows) console.log(row);
  console.log(
    `\nOpening the 42 MB DICOM from the case page, the app already loaded (click → first pixels, ${RUNS} runs): ` +
      `median ${ms(quantile(inApp, 0.5))} ms, p95 ${ms(quantile(inApp, 0.95))} ms.`,
  );
  console.log(
    `\nDrag a landmark → parameter panel updated (${drag.length} pointer moves on the demo lateral film, every` +
      ` parameter measured again on every move): median ${drag.length === 0 ? '—' : quantile(drag, 0.5).toFixed(1)} ms, p95 ` +
      `${drag.length === 0 ? '—' : quantile(drag, 0.95).toFixed(1)} ms, max ${drag.length === 0 ? '—' : Math.max(...drag).toFixed(1)} ms.`,
  );
  console.log(
    `\nSagittal quick protocol: ${quick.length} clicks for the full parameter set (${quick.filter((s) => s.target.kind === 'femoralHead').length} of them press-and-drag for a femoral head's radius; the second head is optional when the heads superimpose).`,
  );
  const fixed = (values, q) => (values.length === 0 ? '—' : quantile(values, q).toFixed(1));
  console.log(
    `\nOsteotomy angle changed → predicted spine redrawn (${planChange.length} changes of an L3 grade 3 angle, 25–34°,` +
      ` on the demo case's planning page): median ${fixed(planChange, 0.5)} ms, p95 ${fixed(planChange, 0.95)} ms,` +
      ` max ${planChange.length === 0 ? '—' : Math.max(...planChange).toFixed(1)} ms.`,
  );
  console.log(
    `\nRun auto-plan → first proposal in the DOM (${RUNS} runs, fresh page each): median ` +
      `${ms(quantile(autoPlanRuns, 0.5))} ms, p95 ${ms(quantile(autoPlanRuns, 0.95))} ms, best ${ms(Math.min(...autoPlanRuns))} ms.`,
  );
} finally {
  await app.close();
}
