// The radiograph viewer's time to first pixels: from navigation start to the `spinerecon:first-pixels`
// performance mark (Cornerstone has rendered the image), for a synthetic 3000 × 7000 16-bit uncompressed DICOM
// (42 MB) and for the demo's coronal JPEG, 5 runs each in a fresh browser context (empty HTTP cache).
//
// Build the web app first, then run: `npm run build -w @spinerecon/web && node scripts/bench-web.mjs`.
// Reuses the e2e harness (apps/web/e2e/harness.ts: the real server on SQLite with the demo, Debian's Chromium),
// loaded through Vite's module runner, so nothing is compiled by hand.
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

  console.log(
    `Time to first pixels on the imaging page (${RUNS} cold loads each, ${VIEWPORT.width} × ${VIEWPORT.height},`,
  );
  console.log(`headless Chromium with software WebGL; navigation start → \`spinerecon:first-pixels\`):\n`);
  console.log('| image | median (ms) | p95 (ms) | best (ms) | image download, median (ms) |');
  console.log('| ----- | ----------: | -------: | --------: | --------------------------: |');
  for (const row of rows) console.log(row);
} finally {
  await app.close();
}
