import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './harness';

// The imaging workspace as a surgeon uses it: the sagittal quick protocol placed by clicking, the live panel
// equal to `spinerecon measure` for the same landmarks, autosave across a reload, an offline edit that reaches
// the server when it is back, and a conflict with a second session that asks which version to keep.

const DEMO_NAME = 'DEMO — not a real patient';
const ROOT = new URL('../../../', import.meta.url);
const DRAWING = readFileSync(new URL('apps/server/seed/demo-lateral.png', ROOT));
const CLI = fileURLToPath(new URL('apps/cli/dist/bin.js', ROOT));

type Point = [number, number];

interface SyntheticFilm {
  view: string;
  pixelSpacingMm: number;
  vertebrae: Record<string, Record<string, Point>>;
  femoralHeads: { center: Point; radiusPx: number }[];
}
const synthetic = (
  JSON.parse(readFileSync(new URL('apps/server/seed/synthetic-adult-deformity.case.json', ROOT), 'utf8')) as {
    radiographs: SyntheticFilm[];
  }
).radiographs.find((r) => r.view === 'lateral') as SyntheticFilm;

const corner = (level: string, name: string): Point => {
  const p = synthetic.vertebrae[level]?.[name];
  if (p === undefined) throw new Error(`the synthetic film has no ${level}.${name}`);
  return p;
};
const centre = (level: string): Point => {
  const points = Object.values(synthetic.vertebrae[level] ?? {});
  return [
    points.reduce((s, p) => s + p[0], 0) / points.length,
    points.reduce((s, p) => s + p[1], 0) / points.length,
  ];
};

/** The sagittal quick protocol's points, in its order, where the synthetic landmarks are. */
const QUICK_POINTS: readonly Point[] = [
  corner('S1', 'superiorPosterior'),
  corner('S1', 'superiorAnterior'),
  corner('L4', 'superiorPosterior'),
  corner('L4', 'superiorAnterior'),
  corner('L1', 'superiorPosterior'),
  corner('L1', 'superiorAnterior'),
  corner('T12', 'inferiorPosterior'),
  corner('T12', 'inferiorAnterior'),
  corner('T4', 'superiorPosterior'),
  corner('T4', 'superiorAnterior'),
  corner('T1', 'superiorPosterior'),
  corner('T1', 'superiorAnterior'),
  centre('T1'),
  centre('C7'),
  corner('C7', 'superiorPosterior'),
  centre('C2'),
];

async function api<T>(page: Page, method: string, path: string, data?: unknown): Promise<T> {
  const session = await page.request.get('/api/v1/session');
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const response = await page.request.fetch(`/api/v1${path}`, {
    method,
    headers: { 'x-csrf-token': csrfToken },
    ...(data === undefined ? {} : { data }),
  });
  if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

async function newLateralFilm(page: Page, takenOn = '2026-03-01'): Promise<string> {
  const cases = await api<{ items: { id: string; patientName: string }[] }>(
    page,
    'GET',
    `/cases?q=${encodeURIComponent('DEMO')}`,
  );
  const demo = cases.items.find((c) => c.patientName === DEMO_NAME);
  if (demo === undefined) throw new Error('no demo case');
  const film = await api<{ id: string }>(page, 'POST', `/cases/${demo.id}/radiographs`, {
    view: 'lateral',
    anteriorOnImage: 'right',
    pixelSpacingMm: synthetic.pixelSpacingMm,
    calibrationMethod: 'manual',
    takenOn,
  });
  const session = await page.request.get('/api/v1/session');
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const uploaded = await page.request.put(`/api/v1/radiographs/${film.id}/image`, {
    headers: { 'x-csrf-token': csrfToken },
    multipart: { file: { name: 'demo-lateral.png', mimeType: 'image/png', buffer: DRAWING } },
  });
  if (!uploaded.ok()) throw new Error(`upload: ${uploaded.status()} ${await uploaded.text()}`);
  return film.id;
}

async function openFilm(page: Page, id: string): Promise<void> {
  await page.goto(`/radiographs/${id}`);
  await page.waitForFunction(
    (rid) =>
      performance
        .getEntriesByName('spinerecon:first-pixels')
        .some((e) => (e as PerformanceMark).detail?.radiographId === rid),
    id,
    { timeout: 30_000 },
  );
  await page.getByTestId('current-step').waitFor();
}

/** Page coordinates of an image point in the viewer of radiograph `id`. */
async function onPage(page: Page, id: string, p: Point): Promise<Point> {
  const [sx, sy] = await page.evaluate(
    ([rid, point]) => {
      const viewer = window.__spineViewer?.[rid];
      if (viewer === undefined) throw new Error('no viewer');
      return viewer.imageToScreen(point);
    },
    [id, p] as const,
  );
  const box = await page.locator(`.rv-viewer[data-radiograph-id="${id}"] .rv-viewport`).boundingBox();
  if (box === null) throw new Error('the viewer is not visible');
  if (sx < 0 || sy < 0 || sx > box.width || sy > box.height) throw new Error(`${p.join(', ')} is off screen`);
  return [box.x + sx, box.y + sy];
}

/** The panel's values as `spinerecon measure` keys them (6 decimals), available ones only. */
async function panelValues(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll<HTMLElement>('.parameter[data-key]')]
        .filter((row) => row.dataset.value !== '')
        .map((row) => [row.dataset.key, Number(row.dataset.value)]),
    ),
  );
}

async function savedStatus(page: Page): Promise<number> {
  const indicator = page.getByTestId('autosave');
  await expect.poll(() => indicator.getAttribute('data-status'), { timeout: 15_000 }).toBe('saved');
  const text = (await indicator.textContent()) ?? '';
  return Number(/version (\d+)/.exec(text)?.[1] ?? Number.NaN);
}

describe('the imaging workspace', { timeout: 180_000 }, () => {
  let app: RunningApp;
  let page: Page;
  let filmId: string;

  beforeAll(async () => {
    app = await startApp();
    page = await app.newPage({ width: 1440, height: 1000 });
    await app.signIn(page);
    filmId = await newLateralFilm(page);
  }, 120_000);
  afterAll(async () => {
    await app.close();
  });

  it('places the sagittal quick protocol by clicking, and the panel shows exactly what `spinerecon measure` gives', async () => {
    await openFilm(page, filmId);
    let clicks = 0;
    // Femoral heads: press at the centre, drag to the edge (one interaction each).
    for (const head of synthetic.femoralHeads) {
      const [cx, cy] = await onPage(page, filmId, head.center);
      const [ex, ey] = await onPage(page, filmId, [head.center[0] + head.radiusPx, head.center[1]]);
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      await page.mouse.move(ex, ey, { steps: 4 });
      await page.mouse.up();
      clicks += 1;
    }
    await app.screenshot(page, 'protocol-sagittal-quick-start');
    for (const point of QUICK_POINTS) {
      const [x, y] = await onPage(page, filmId, point);
      await page.mouse.click(x, y);
      clicks += 1;
    }
    expect(await page.getByTestId('current-step').textContent()).toMatch(/All 18 steps done/);
    expect(clicks).toBe(18);
    const version = await savedStatus(page);
    expect(version).toBeGreaterThanOrEqual(1);

    // The same landmarks through the command line: every value equal, every missing one missing.
    const saved = await api<{ landmarks: { vertebrae: unknown; femoralHeads: unknown } }>(
      page,
      'GET',
      `/radiographs/${filmId}/landmarks`,
    );
    const caseFile = {
      format: 'spinerecon.case/1',
      radiographs: [
        {
          id: filmId,
          view: 'lateral',
          pixelSpacingMm: synthetic.pixelSpacingMm,
          anteriorOnImage: 'right',
          ...saved.landmarks,
        },
      ],
    };
    const measured = JSON.parse(
      execFileSync('node', [CLI, 'measure', '-'], { input: JSON.stringify(caseFile) }).toString(),
    ) as {
      radiographs: { values: Record<string, number> }[];
    };
    const fromCli = measured.radiographs[0]?.values ?? {};
    // Every click landed on its own step: each saved point lies within a screen pixel or two of where it was clicked.
    const [a, b] = [await onPage(page, filmId, [0, 0]), await onPage(page, filmId, [1000, 0])];
    const tolerance = (2 * 1000) / (b[0] - a[0]);
    const points = saved.landmarks as {
      vertebrae: Record<string, Record<string, Point>>;
      femoralHeads: { center: Point }[];
    };
    const stepKeys = [
      'S1.superiorPosterior',
      'S1.superiorAnterior',
      'L4.superiorPosterior',
      'L4.superiorAnterior',
      'L1.superiorPosterior',
      'L1.superiorAnterior',
      'T12.inferiorPosterior',
      'T12.inferiorAnterior',
      'T4.superiorPosterior',
      'T4.superiorAnterior',
      'T1.superiorPosterior',
      'T1.superiorAnterior',
      'T1.centroid',
      'C7.centroid',
      'C7.superiorPosterior',
      'C2.centroid',
    ];
    stepKeys.forEach((key, i) => {
      const [level = '', name = ''] = key.split('.');
      const placed = points.vertebrae[level]?.[name];
      const intended = QUICK_POINTS[i] as Point;
      expect(
        Math.hypot((placed?.[0] ?? Infinity) - intended[0], (placed?.[1] ?? Infinity) - intended[1]),
        key,
      ).toBeLessThan(tolerance);
    });
    expect(await panelValues(page)).toEqual(fromCli);
    for (const key of [
      'pelvicIncidenceDeg',
      'pelvicTiltDeg',
      'lumbarLordosisDeg',
      'thoracicKyphosisT4T12Deg',
      'sagittalVerticalAxisMm',
      't1PelvicAngleDeg',
      't1SlopeDeg',
      'cervicalSvaMm',
    ]) {
      expect(fromCli[key], key).toEqual(expect.any(Number));
    }
    await app.screenshot(page, 'parameter-panel');
  });

  it('finds everything saved after a reload', async () => {
    const before = await panelValues(page);
    await page.reload();
    await openFilm(page, filmId);
    expect(await panelValues(page)).toEqual(before);
    expect(await page.getByTestId('current-step').textContent()).toMatch(/All 18 steps done/);
  });

  it('keeps an edit made offline and saves it when the server is back', async () => {
    const version = await savedStatus(page);
    const [x, y] = await onPage(page, filmId, corner('L1', 'superiorAnterior'));
    await page.mouse.click(x, y); // grabs and selects the point (no move)
    await page.context().setOffline(true);
    await page.keyboard.press('Shift+ArrowRight'); // 5 px anteriorly
    await expect
      .poll(() => page.getByTestId('autosave').getAttribute('data-status'), { timeout: 15_000 })
      .toBe('offline');
    await app.screenshot(page, 'autosave-offline');
    await page.context().setOffline(false);
    expect(await savedStatus(page)).toBe(version + 1);
    const saved = await api<{ landmarks: { vertebrae: Record<string, Record<string, Point>> } }>(
      page,
      'GET',
      `/radiographs/${filmId}/landmarks`,
    );
    const placed = saved.landmarks.vertebrae.L1?.superiorAnterior;
    const previous = await api<{ landmarks: { vertebrae: Record<string, Record<string, Point>> } }>(
      page,
      'GET',
      `/radiographs/${filmId}/landmarks/versions/${version}`,
    );
    expect(placed?.[0]).toBeCloseTo(
      (previous.landmarks.vertebrae.L1?.superiorAnterior?.[0] ?? Number.NaN) + 5,
      9,
    );
  });

  it('shows both versions when a second session saved first, and keeps mine on top when asked', async () => {
    const version = await savedStatus(page);
    // A colleague saves on the same film from another browser session.
    const other = await app.newPage();
    await app.signIn(other);
    const theirs = await api<{ landmarks: { vertebrae: Record<string, unknown>; femoralHeads: unknown } }>(
      other,
      'GET',
      `/radiographs/${filmId}/landmarks`,
    );
    const { C2: _c2, ...withoutC2 } = theirs.landmarks.vertebrae;
    const session = await other.request.get('/api/v1/session');
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const put = await other.request.put(`/api/v1/radiographs/${filmId}/landmarks`, {
      headers: { 'x-csrf-token': csrfToken, 'if-match': `"${version}"` },
      data: { vertebrae: withoutC2, femoralHeads: theirs.landmarks.femoralHeads },
    });
    expect(put.status()).toBe(200);
    await other.close();

    // Meanwhile I nudge a point: my save meets their version.
    await page.keyboard.press('ArrowDown');
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor({ timeout: 15_000 });
    expect(await dialog.textContent()).toMatch(new RegExp(`Saved version ${version + 1}`));
    await app.screenshot(page, 'autosave-conflict');
    await dialog.getByRole('button', { name: /Keep mine/ }).click();
    expect(await savedStatus(page)).toBe(version + 2);
    const saved = await api<{ landmarks: { vertebrae: Record<string, unknown> } }>(
      page,
      'GET',
      `/radiographs/${filmId}/landmarks`,
    );
    expect(saved.landmarks.vertebrae.C2).toBeDefined(); // mine kept C2; theirs stays readable as version n + 1
  });

  it('calibrates from a ball of known size marked by three points on its edge', async () => {
    await openFilm(page, filmId);
    const svaBefore = (await panelValues(page)).sagittalVerticalAxisMm ?? Number.NaN;
    await page.getByRole('button', { name: 'Calibrate with a marker…' }).click();
    // The drawn femoral head (radius 160 px) stands in for a 48 mm calibration ball: 0.15 mm per pixel.
    const head = synthetic.femoralHeads[0] as { center: Point; radiusPx: number };
    await page.getByLabel('Diameter (mm)').fill('48');
    for (const angle of [0, 120, 240]) {
      const radians = (angle * Math.PI) / 180;
      const [x, y] = await onPage(page, filmId, [
        head.center[0] + head.radiusPx * Math.cos(radians),
        head.center[1] + head.radiusPx * Math.sin(radians),
      ]);
      await page.mouse.click(x, y);
    }
    const preview = (await page.getByTestId('calibration-preview').textContent()) ?? '';
    const mmPerPixel = Number(/([0-9.]+) mm per pixel/.exec(preview)?.[1]);
    expect(mmPerPixel).toBeGreaterThan(0.14);
    expect(mmPerPixel).toBeLessThan(0.16);
    await app.screenshot(page, 'calibration-marker');
    await page.getByRole('button', { name: 'Apply calibration' }).click();
    await expect.poll(() => page.getByTestId('panel-calibration-note').textContent()).toMatch(/48 mm ball/);
    const film = await api<{ calibrationMethod: string; pixelSpacingMm: number }>(
      page,
      'GET',
      `/radiographs/${filmId}`,
    );
    expect(film.calibrationMethod).toBe('marker');
    expect(film.pixelSpacingMm).toBeCloseTo(mmPerPixel, 4);
    // Distances follow the new spacing; angles do not change.
    const after = await panelValues(page);
    expect(after.sagittalVerticalAxisMm).toBeCloseTo(
      (svaBefore * film.pixelSpacingMm) / synthetic.pixelSpacingMm,
      4,
    );
  });

  it("shows the previous visit's film of the same view beside the current one", async () => {
    const earlier = await newLateralFilm(page, '2025-09-01');
    await openFilm(page, filmId);
    await page.keyboard.press('v');
    const second = page.locator('figure.imaging-film').nth(1);
    await second.waitFor();
    expect(await second.getAttribute('data-radiograph-id')).toBe(earlier);
    expect(await second.locator('figcaption').textContent()).toMatch(/1 Sept? 2025/);
    await page.waitForFunction(
      (id) =>
        performance
          .getEntriesByName('spinerecon:first-pixels')
          .some((e) => (e as PerformanceMark).detail?.radiographId === id),
      earlier,
      { timeout: 30_000 },
    );
    await app.screenshot(page, 'viewer-previous-visit');
  });

  it('fits a tablet-sized screen, with the panel below the film', async () => {
    const tablet = await app.newPage({ width: 768, height: 1024 });
    await app.signIn(tablet);
    await openFilm(tablet, filmId);
    const overflow = await tablet.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const film = await tablet.locator('figure.imaging-film').first().boundingBox();
    const panel = await tablet.locator('.imaging-side').boundingBox();
    expect(panel?.y ?? 0).toBeGreaterThanOrEqual((film?.y ?? 0) + (film?.height ?? 0) - 1);
    await app.screenshot(tablet, 'imaging-tablet');
    await tablet.close();
  });

  it('runs the coronal full protocol on the demo film with its proposed next vertebra', async () => {
    const cases = await api<{ items: { id: string; patientName: string }[] }>(page, 'GET', '/cases?q=DEMO');
    const demo = await api<{ radiographs: { id: string; view: string }[] }>(
      page,
      'GET',
      `/cases/${cases.items[0]?.id ?? ''}`,
    );
    const coronal = demo.radiographs.find((r) => r.view === 'coronal');
    await openFilm(page, coronal?.id ?? '');
    // The clinicians' T1…L5 are there; the protocol asks for what is missing (S1 first).
    expect(await page.getByTestId('current-step').textContent()).toMatch(
      /S1 superior endplate: right corner/,
    );
    await app.screenshot(page, 'protocol-coronal-full');
  });
});
