// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- dcmjs has no types; the dicom package declares them
/// <reference path="../../../packages/dicom/src/part10/dcmjsModule.d.ts" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticDicom } from '../../../packages/dicom/src/test-support/syntheticDicom';
import { SCREENSHOT_DIR, startApp, type RunningApp } from './harness';

// The planning page as a surgeon uses it on the demo case (its SYNTHETIC lateral landmark set): a grade 3
// osteotomy (PSO) at L3 of 30° with the pelvis held fixed adds exactly 30° of lumbar lordosis (rigid
// geometry in the core); auto-plan's first proposal adopted; saved as a named plan with versions, found again
// after a reload; the fusion range picked by clicking vertebrae on the film; unsaved edits kept across a reload.

const DEMO_NAME = 'DEMO — not a real patient';

async function demoCaseId(page: Page): Promise<string> {
  const response = await page.request.get(`/api/v1/cases?q=${encodeURIComponent('DEMO')}`);
  const cases = (await response.json()) as { items: { id: string; patientName: string }[] };
  const demo = cases.items.find((c) => c.patientName === DEMO_NAME);
  if (demo === undefined) throw new Error('no demo case');
  return demo.id;
}

/** The plan draft this browser keeps for a case (planning/planDraftStore.ts), read in the page. */
function storedDraft(
  page: Page,
  caseId: string,
): Promise<{ plan: { boneGraft?: { volumeMl?: number } } } | undefined> {
  return page.evaluate(
    (id) =>
      new Promise<{ plan: { boneGraft?: { volumeMl?: number } } } | undefined>((resolve, reject) => {
        const open = indexedDB.open('spinerecon-plan-drafts', 1);
        // Not made by the app yet: nothing stored (and nothing created here).
        open.onupgradeneeded = () => {
          open.transaction?.abort();
          resolve(undefined);
        };
        open.onerror = () => reject(open.error ?? new Error('IndexedDB'));
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('planDrafts', 'readonly').objectStore('planDrafts').get(id);
          get.onsuccess = () => {
            db.close();
            resolve(get.result as { plan: { boneGraft?: { volumeMl?: number } } } | undefined);
          };
          get.onerror = () => reject(get.error ?? new Error('IndexedDB'));
        };
      }),
    caseId,
  );
}

/** One row of the alignment table: the core's values (6 decimals) from its data attributes. */
async function row(page: Page, parameter: string) {
  const tr = page.locator(`.alignment-table tr[data-parameter="${parameter}"]`);
  const read = async (name: string) => {
    const value = await tr.getAttribute(name);
    return value === null ? undefined : Number(value);
  };
  return {
    preoperative: await read('data-preoperative'),
    predicted: await read('data-predicted'),
    met: await tr.getAttribute('data-met'),
  };
}

describe('the planning page in a real browser', { timeout: 120_000 }, () => {
  let app: RunningApp;
  let page: Page;
  let caseId: string;

  beforeAll(async () => {
    app = await startApp();
    page = await app.newPage({ width: 1440, height: 1000 });
    await app.signIn(page);
    caseId = await demoCaseId(page);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('predicts an L3 PSO of 30° with the pelvis fixed as exactly 30° more lumbar lordosis', async () => {
    await page.goto(`/cases/${caseId}/plans`);
    await page.getByRole('heading', { name: 'Surgical planning' }).waitFor();
    await expect(page.getByRole('note').filter({ hasText: 'Decision support only' }).count()).resolves.toBe(
      1,
    );
    await page
      .locator('.alignment-table tr[data-parameter="lumbarLordosisDeg"][data-preoperative]')
      .waitFor();
    await expect(page.getByLabel('pelvis held fixed').isChecked()).resolves.toBe(true);

    await page.getByRole('button', { name: 'Add osteotomy' }).click();
    const osteotomy = page.locator('[data-osteotomy="0"]');
    await osteotomy.getByLabel('Level').selectOption('L3');
    await osteotomy.getByLabel('Grade').selectOption('3');
    await osteotomy.getByLabel('Correction (°)').fill('30');
    await expect(osteotomy.getByText('Default angle: 30°').count()).resolves.toBe(1);

    const ll = await row(page, 'lumbarLordosisDeg');
    expect(ll.preoperative).toBeDefined();
    expect(ll.predicted).toBeDefined();
    // Both values are the core's output rounded to 6 decimals: their difference is 30 within 1e-6.
    expect(Math.abs((ll.predicted ?? 0) - (ll.preoperative ?? 0) - 30)).toBeLessThanOrEqual(1e-6);
    // PI does not change with the pelvis held fixed.
    const pi = await row(page, 'pelvicIncidenceDeg');
    expect(pi.predicted).toBe(pi.preoperative);

    // The predicted spine is drawn over the film once the image is shown.
    await page
      .locator('.plan-film [data-testid="predicted-vertebrae"] [data-level="L1"][data-kind="predicted"]')
      .first()
      .waitFor({ timeout: 30_000 });
    // The hinge of the PSO, and the targets drawn on the film (SRS-Schwab: SVA band, PT wedge).
    expect(await page.locator('.plan-film [data-testid="osteotomy-hinges"]').textContent()).toMatch(
      /L3 grade 3, 30° wedge/,
    );
    expect(await page.locator('.plan-film [data-testid="film-targets"]').textContent()).toMatch(/SVA target/);

    await page.getByLabel('Title').fill('E2E L3 PSO');
    await page.getByRole('button', { name: 'Save plan' }).click();
    await page.getByText('Saved “E2E L3 PSO” as version 1.').waitFor();
    await page.getByRole('heading', { name: 'Complication risks' }).waitFor();
    // The editor, the table and the film: the first screen of the page (the risk panel has its own picture).
    await page.screenshot({
      path: join(SCREENSHOT_DIR, 'planning-editor.png'),
      fullPage: true,
      clip: { x: 0, y: 0, width: 1440, height: 1450 },
    });
  });

  it('shows the image simulation: the film cut at the osteotomy and its upper part turned', async () => {
    await page.getByLabel(/Simulated film/).check();
    const simulated = page.getByTestId('simulated-film');
    // Two parts of the film (below and above the L3 cut), each clipped to its region and moved.
    await expect.poll(() => simulated.locator('image').count(), { timeout: 15_000 }).toBe(2);
    expect(await simulated.locator('clipPath').count()).toBe(2);
    await page
      .locator('.plan-film')
      .screenshot({ path: join(SCREENSHOT_DIR, 'planning-image-simulation.png') });
    await page.getByLabel(/Simulated film/).uncheck();
  });

  it('runs auto-plan, adopts its first proposal and saves it as a new version', async () => {
    await page.getByRole('button', { name: 'Run auto-plan' }).click();
    const first = page.locator('.proposal[data-rank="1"]');
    await first.waitFor({ timeout: 60_000 });
    await first.getByRole('button', { name: 'Adopt' }).click();
    await page.getByText(/Adopted proposal 1/).waitFor();
    await page.getByRole('button', { name: 'Save new version' }).click();
    await page.getByText('Saved “E2E L3 PSO” as version 2.').waitFor();
    const risks = page.locator('.risk-panel');
    await risks.locator('.risk').first().waitFor();
    // A patient fact entered in the editor reaches the core's risk estimate (unknown until entered).
    expect(await risks.textContent()).toMatch(/smoker: unknown/);
    await page.getByLabel('Smoker').selectOption('yes');
    await expect.poll(() => risks.textContent()).toMatch(/smoker: yes/);
    await risks.screenshot({ path: join(SCREENSHOT_DIR, 'planning-risk-panel.png') });
  });

  it('finds the plan and its versions after a reload, and opens version 1', async () => {
    await page.reload();
    await page.getByRole('heading', { name: 'Surgical planning' }).waitFor();
    const item = page.locator('.plan-list > li').filter({ hasText: 'E2E L3 PSO' });
    await item.waitFor();
    await expect(item.textContent()).resolves.toContain('v2');
    // The smoker answer given after saving v2 was kept in the browser: restored on top of v2, whose versions
    // are shown as for an opened plan.
    await page.getByText(/Unsaved changes restored .*based on version 2/).waitFor();
    await expect(page.getByLabel('Smoker').inputValue()).resolves.toBe('yes');
    await expect(item.getByRole('button', { name: 'Versions' }).getAttribute('aria-expanded')).resolves.toBe(
      'true',
    );
    await item.locator('[data-version="2"]').waitFor();
    await item.locator('[data-version="1"]').waitFor();
    await item.getByRole('button', { name: 'Open v1' }).click();
    await page.getByText('Opened “E2E L3 PSO” version 1.').waitFor();
    await expect(page.locator('[data-osteotomy="0"]').getByLabel('Level').inputValue()).resolves.toBe('L3');
    const ll = await row(page, 'lumbarLordosisDeg');
    expect(Math.abs((ll.predicted ?? 0) - (ll.preoperative ?? 0) - 30)).toBeLessThanOrEqual(1e-6);
  });

  it('switches to the core pelvic compensation model and shows what it applied', async () => {
    await page.getByLabel('pelvic compensation (core model)').check();
    await page.getByText(/Pelvic compensation \(core model:/).waitFor();
    const pi = await row(page, 'pelvicIncidenceDeg');
    expect(pi.predicted).toBeCloseTo(pi.preoperative ?? Number.NaN, 6);
    await page.getByLabel('pelvis held fixed').check();
  });

  it('tells the user when someone else saved a newer version, and loads it', async () => {
    // The page has version 1 open (latest 2): a save on top of 2 by another session first.
    const plans = (await (await page.request.get(`/api/v1/cases/${caseId}/plans`)).json()) as {
      id: string;
      title: string;
    }[];
    const plan = plans.find((p) => p.title === 'E2E L3 PSO');
    if (plan === undefined) throw new Error('the plan was not saved');
    const latest = (await (await page.request.get(`/api/v1/plans/${plan.id}`)).json()) as {
      content: unknown;
    };
    const session = (await (await page.request.get('/api/v1/session')).json()) as { csrfToken: string };
    const put = await page.request.put(`/api/v1/plans/${plan.id}`, {
      headers: { 'x-csrf-token': session.csrfToken, 'if-match': '"2"' },
      data: { title: 'E2E L3 PSO', content: latest.content },
    });
    expect(put.status()).toBe(200);
    await page.getByRole('button', { name: 'Save new version' }).click();
    await page.getByText(/Not saved .* version 3 of “E2E L3 PSO”/).waitFor();
  });
  it('compares two saved plan versions side by side, all values from the core', async () => {
    // A plan with a fusion range and two rods, saved through the API as version 1 (L3 PSO 30°) and 2 (20°).
    const session = (await (await page.request.get('/api/v1/session')).json()) as { csrfToken: string };
    const content = (angleDeg: number) => ({
      format: 'spinerecon.plan/1',
      fusion: { upperInstrumentedVertebra: 'T10', lowerInstrumentedVertebra: 'S1', pelvicFixation: 'none' },
      osteotomies: [{ level: 'L3', grade: 3, angleDeg }],
      cages: [],
      vertebralBodyReplacements: [],
      screws: [],
      rods: [
        { side: 'left', material: 'cobalt-chromium', diameterMm: 5.5, overhangMm: 10 },
        { side: 'right', material: 'cobalt-chromium', diameterMm: 5.5, overhangMm: 10 },
      ],
    });
    const created = await page.request.post(`/api/v1/cases/${caseId}/plans`, {
      headers: { 'x-csrf-token': session.csrfToken },
      data: { title: 'E2E T10–S1 rods', content: content(30) },
    });
    expect(created.status()).toBe(201);
    const plan = (await created.json()) as { id: string };
    const put = await page.request.put(`/api/v1/plans/${plan.id}`, {
      headers: { 'x-csrf-token': session.csrfToken, 'if-match': '"1"' },
      data: { title: 'E2E T10–S1 rods', content: content(20) },
    });
    expect(put.status()).toBe(200);

    await page.goto(`/cases/${caseId}/plans`);
    // Loading the case, its films and landmarks can take a while on a busy machine.
    await page.getByRole('heading', { name: 'Compare plans' }).waitFor({ timeout: 30_000 });
    const compare = page.locator('.plan-compare');
    await compare.locator('option', { hasText: 'E2E T10–S1 rods v2' }).first().waitFor({ state: 'attached' });
    await compare.getByLabel('Plan A').selectOption({ label: 'E2E T10–S1 rods v1' });
    await compare.getByLabel('Plan B').selectOption({ label: 'E2E T10–S1 rods v2' });
    const ll = compare.locator('.plan-compare-table tr[data-parameter="lumbarLordosisDeg"][data-a][data-b]');
    await ll.waitFor();
    const a = Number(await ll.getAttribute('data-a'));
    const b = Number(await ll.getAttribute('data-b'));
    // Pelvis fixed: the PSO adds its angle to LL exactly (rigid geometry), so v1 − v2 = 30° − 20°.
    expect(Math.abs(a - b - 10)).toBeLessThanOrEqual(2e-6);
    await expect(ll.locator('td').nth(0).textContent()).resolves.toContain(a.toFixed(1));
    await expect(ll.locator('td').nth(1).textContent()).resolves.toContain(b.toFixed(1));
    await expect(compare.locator('tr[data-row="fusion"]').textContent()).resolves.toContain('T10–S1');
    await expect(compare.locator('tr[data-row="osteotomies"]').textContent()).resolves.toContain(
      'L3 grade 3, 30.0°',
    );
    await page
      .locator('section.plan-panel')
      .filter({ has: page.getByRole('heading', { name: 'Compare plans' }) })
      .screenshot({ path: join(SCREENSHOT_DIR, 'planning-comparison.png') });
  });

  it('prints the rods as 1:1 templates with a 100 mm scale bar', async () => {
    const item = page.locator('.plan-list > li').filter({ hasText: 'E2E T10–S1 rods' });
    await item.getByRole('link', { name: 'Rod template' }).click();
    await page.getByRole('heading', { name: 'Rod template (1:1)' }).waitFor();
    const bar = page.getByTestId('scale-bar');
    await bar.waitFor();
    expect(await bar.getAttribute('width')).toBe('100mm');
    const width = await bar.evaluate((el) => el.getBoundingClientRect().width);
    expect(Math.abs(width - 377.95)).toBeLessThanOrEqual(0.5);
    await page.getByText('check: this bar measures 100 mm at 100 % print scale').waitFor();
    await expect(page.getByRole('note').filter({ hasText: 'Decision support only' }).count()).resolves.toBe(
      1,
    );
    await expect(page.getByRole('button', { name: 'Print' }).count()).resolves.toBe(1);
    const rods = page.locator('figure.rod-template');
    await expect(rods.count()).resolves.toBe(2);
    // Every instrumented level T10…S1 has its screw-head mark; the SVG is sized in millimetres.
    const svg = page.locator('figure.rod-template[data-side="left"] svg.rod-template-svg');
    expect(await svg.getAttribute('width')).toMatch(/^\d+(\.\d+)?mm$/);
    await expect(svg.locator('g[data-level]').count()).resolves.toBe(9);
    await expect(svg.locator('g[data-level="T10"]').count()).resolves.toBe(1);
    await expect(svg.locator('g[data-level="S1"]').count()).resolves.toBe(1);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'planning-rod-template.png'), fullPage: true });
    // Printed: only the templates (no app chrome, no Print button), the scale bar still 100 mm wide.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.app-header').isVisible()).resolves.toBe(false);
    await expect(page.locator('.safety-banner').isVisible()).resolves.toBe(false);
    await expect(page.getByRole('button', { name: 'Print' }).isVisible()).resolves.toBe(false);
    await expect(bar.evaluate((el) => el.getBoundingClientRect().width)).resolves.toBeCloseTo(377.95, 0);
    await page.emulateMedia({ media: 'screen' });
  });

  it('picks UIV and LIV by clicking vertebrae on the film, and keeps the unsaved edit across a reload', async () => {
    await page.goto(`/cases/${caseId}/plans`);
    await page.getByRole('heading', { name: 'Surgical planning' }).waitFor();
    await page.getByRole('button', { name: 'New plan' }).click();
    const detail = (await (await page.request.get(`/api/v1/cases/${caseId}`)).json()) as {
      radiographs: { id: string; view: string; posture: string }[];
    };
    const film = detail.radiographs.find((r) => r.view === 'lateral' && r.posture === 'standing');
    if (film === undefined) throw new Error('the demo has no standing lateral film');
    const stored = (await (await page.request.get(`/api/v1/radiographs/${film.id}/landmarks`)).json()) as {
      landmarks: { vertebrae: Record<string, Record<string, [number, number]>> };
    };
    /** Page coordinates of the middle of a vertebral body (the mean of its four corners) on the film. */
    const onFilm = async (level: string): Promise<[number, number]> => {
      const corners = Object.entries(stored.landmarks.vertebrae[level] ?? {})
        .filter(([name]) => name !== 'centroid')
        .map(([, p]) => p);
      expect(corners).toHaveLength(4);
      const centre: [number, number] = [
        corners.reduce((sum, p) => sum + p[0], 0) / 4,
        corners.reduce((sum, p) => sum + p[1], 0) / 4,
      ];
      const [sx, sy] = await page.evaluate(
        ([id, p]) => {
          const viewer = window.__spineViewer?.[id];
          if (viewer === undefined) throw new Error('no viewer');
          return viewer.imageToScreen(p);
        },
        [film.id, centre] as const,
      );
      const box = await page.locator('.plan-film .rv-viewport').boundingBox();
      if (box === null) throw new Error('the film is not visible');
      return [box.x + sx, box.y + sy];
    };
    const fusion = page.locator('[data-section="fusion"]');
    // A select's label reads with its value ("UIV T10"): matched by its start.
    const uiv = fusion.getByLabel('UIV');
    const liv = fusion.getByLabel('LIV');
    await page.locator('.plan-film .rv-viewer[data-state="ready"]').waitFor({ timeout: 30_000 });
    await page.locator('.plan-film').scrollIntoViewIfNeeded();
    await page.waitForFunction((id) => window.__spineViewer?.[id] !== undefined, film.id);

    // First click: the UIV (the new fusion keeps its default LIV); second click: the LIV.
    await page.getByRole('button', { name: 'Pick UIV/LIV on the film' }).click();
    await page.mouse.click(...(await onFilm('L1')));
    await expect.poll(() => uiv.inputValue()).toBe('L1');
    await page.getByText('L1 picked: now click the lower instrumented vertebra.').waitFor();
    await page.mouse.click(...(await onFilm('L4')));
    await expect.poll(() => liv.inputValue()).toBe('L4');
    await expect(uiv.inputValue()).resolves.toBe('L1');
    await page.getByRole('button', { name: 'Pick UIV/LIV on the film' }).waitFor();

    // Clicked bottom-up, the two are swapped; the range is drawn on the film.
    await page.getByRole('button', { name: 'Pick UIV/LIV on the film' }).click();
    await page.mouse.click(...(await onFilm('L5')));
    await page.mouse.click(...(await onFilm('T12')));
    await expect.poll(() => uiv.inputValue()).toBe('T12');
    await expect(liv.inputValue()).resolves.toBe('L5');
    const range = page.locator('.plan-film [data-testid="fusion-range"]');
    await range.locator('[data-level="T12"][data-role="uiv"]').waitFor({ state: 'attached' });
    await range.locator('[data-level="L5"][data-role="liv"]').waitFor({ state: 'attached' });
    // L1 to L4 between them.
    await expect(range.locator('[data-role="fused"]').count()).resolves.toBe(4);
    await page.getByLabel('Estimated volume (ml)').fill('40');
    // The draft is written to IndexedDB a moment after the change: reload once it is there.
    await expect
      .poll(() => storedDraft(page, caseId).then((draft) => draft?.plan.boneGraft?.volumeMl))
      .toBe(40);

    // Not saved: the edit is kept in the browser and comes back after a reload.
    await page.reload();
    await page.getByText(/Unsaved changes restored/).waitFor({ timeout: 30_000 });
    await expect(uiv.inputValue()).resolves.toBe('T12');
    await expect(liv.inputValue()).resolves.toBe('L5');
    await expect(page.getByLabel('Estimated volume (ml)').inputValue()).resolves.toBe('40');

    // Saved: the draft is gone, a reload shows no restored changes.
    await page.getByLabel('Title').fill('E2E picked range');
    await page.getByRole('button', { name: 'Save plan' }).click();
    await page.getByText('Saved “E2E picked range” as version 1.').waitFor();
    await expect.poll(() => storedDraft(page, caseId)).toBeUndefined();
    await page.reload();
    await page.getByRole('heading', { name: 'Surgical planning' }).waitFor();
    await page.locator('.plan-list > li').filter({ hasText: 'E2E picked range' }).waitFor();
    await expect(page.getByText(/Unsaved changes restored/).count()).resolves.toBe(0);
    await expect(fusion.getByLabel('Fusion', { exact: true }).isChecked()).resolves.toBe(false);
  });

  it('simulates a DICOM film too: rendered at full size, then cut at the osteotomy', async () => {
    // A patient whose standing lateral film is a synthetic DICOM with the synthetic landmark set.
    const session = await page.request.get('/api/v1/session');
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const headers = { 'x-csrf-token': csrfToken };
    const post = async <T>(path: string, data: unknown): Promise<T> => {
      const response = await page.request.post(`/api/v1${path}`, { headers, data });
      if (!response.ok()) throw new Error(`${path}: ${response.status()} ${await response.text()}`);
      return (await response.json()) as T;
    };
    const patient = await post<{ id: string }>('/patients', {
      mrn: 'E2E-DICOM-PLAN',
      name: 'Synthetic Dicom',
      birthDate: '1960-01-01',
      sex: 'female',
    });
    const dicomCase = await post<{ id: string }>('/cases', { patientId: patient.id, diagnosis: 'kyphosis' });
    const film = await post<{ id: string }>(`/cases/${dicomCase.id}/radiographs`, {
      view: 'lateral',
      anteriorOnImage: 'right',
    });
    const bytes = syntheticDicom({
      rows: 5300,
      columns: 2200,
      bitsAllocated: 8,
      attributes: { PixelSpacing: [0.15, 0.15] },
    });
    const uploaded = await page.request.put(`/api/v1/radiographs/${film.id}/image`, {
      headers,
      multipart: { file: { name: 'lateral.dcm', mimeType: 'application/dicom', buffer: Buffer.from(bytes) } },
    });
    expect(uploaded.status()).toBe(200);
    const landmarks = (
      JSON.parse(
        readFileSync(
          new URL('../../server/seed/synthetic-adult-deformity.case.json', import.meta.url),
          'utf8',
        ),
      ) as {
        radiographs: { view: string; vertebrae: unknown; femoralHeads: unknown }[];
      }
    ).radiographs.find((r) => r.view === 'lateral');
    const saved = await page.request.put(`/api/v1/radiographs/${film.id}/landmarks`, {
      headers,
      data: { vertebrae: landmarks?.vertebrae, femoralHeads: landmarks?.femoralHeads },
    });
    expect(saved.status()).toBe(200);

    await page.goto(`/cases/${dicomCase.id}/plans`);
    await page
      .locator('.alignment-table tr[data-parameter="lumbarLordosisDeg"][data-preoperative]')
      .waitFor();
    await page.getByRole('button', { name: 'Add osteotomy' }).click();
    const osteotomy = page.locator('[data-osteotomy="0"]');
    await osteotomy.getByLabel('Level').selectOption('L3');
    await osteotomy.getByLabel('Grade').selectOption('3');
    await page.getByLabel(/Simulated film/).check();
    const simulated = page.getByTestId('simulated-film');
    await expect.poll(() => simulated.locator('image').count(), { timeout: 60_000 }).toBe(2);
    expect(await simulated.locator('image').first().getAttribute('href')).toMatch(/^blob:/);
  });
});
