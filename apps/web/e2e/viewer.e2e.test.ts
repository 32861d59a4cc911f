// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- dcmjs has no types; the dicom package declares them
/// <reference path="../../../packages/dicom/src/part10/dcmjsModule.d.ts" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticDicom } from '../../../packages/dicom/src/test-support/syntheticDicom';
import { startApp, type RunningApp } from './harness';

// The radiograph viewer (Cornerstone3D) in a real browser: the demo's coronal JPEG and an uploaded synthetic
// DICOM render, and screen ↔ image pixel conversion is right (corner convention: (0, 0) is the top-left corner
// of the image, pixel centres at +0.5), before and after zooming.

const DEMO_NAME = 'DEMO — not a real patient';
const VIEWPORT = { width: 1440, height: 1000 };

type Point = [number, number];

interface RadiographJson {
  id: string;
  view: string;
  image: { mediaType: string; widthPx: number | null; heightPx: number | null } | null;
}

/** An API call with the page's session cookie (and its CSRF token for changes). */
async function api<T>(
  page: Page,
  method: string,
  path: string,
  options: { data?: unknown } = {},
): Promise<T> {
  const session = await page.request.get('/api/v1/session');
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const response = await page.request.fetch(`/api/v1${path}`, {
    method,
    headers: { 'x-csrf-token': csrfToken },
    ...(options.data === undefined ? {} : { data: options.data }),
  });
  if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

async function waitForFirstPixels(page: Page, radiographId: string): Promise<void> {
  await page.waitForFunction(
    (id) =>
      performance
        .getEntriesByName('spinerecon:first-pixels')
        .some((entry) => (entry as PerformanceMark).detail?.radiographId === id),
    radiographId,
    { timeout: 30_000 },
  );
  // One more frame, so that the canvas holds what was rendered.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined))));
}

/** Grey-level statistics of the viewer's canvas. */
function canvasStats(page: Page, radiographId: string) {
  return page.evaluate((id) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`.rv-viewer[data-radiograph-id="${id}"] canvas`);
    if (canvas === null) throw new Error('no viewer canvas');
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('the viewer canvas is not a 2D canvas');
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let sum = 0;
    let sumSquares = 0;
    let lit = 0;
    const n = data.length / 4;
    for (let i = 0; i < data.length; i += 4) {
      const grey = ((data[i] ?? 0) + (data[i + 1] ?? 0) + (data[i + 2] ?? 0)) / 3;
      sum += grey;
      sumSquares += grey * grey;
      if (grey > 16) lit += 1;
    }
    const mean = sum / n;
    return { mean, std: Math.sqrt(sumSquares / n - mean * mean), litFraction: lit / n };
  }, radiographId);
}

/** Calls the viewer's handle (window.__spineViewer, set under browser automation) in the page. */
function viewerCall<R>(
  page: Page,
  radiographId: string,
  method: 'imageToScreen' | 'screenToImage' | 'cornerstoneScreenToImage',
  p: Point,
): Promise<R> {
  return page.evaluate(
    ([id, name, point]) => {
      const viewer = window.__spineViewer?.[id];
      if (viewer === undefined) throw new Error(`no viewer for radiograph ${id}`);
      return viewer[name](point) as R;
    },
    [radiographId, method, p] as const,
  );
}

const imageToScreen = (page: Page, id: string, p: Point) => viewerCall<Point>(page, id, 'imageToScreen', p);
const screenToImage = (page: Page, id: string, p: Point) => viewerCall<Point>(page, id, 'screenToImage', p);

/** The viewer element's top-left corner in the page (CSS px). */
async function viewerOrigin(page: Page, radiographId: string): Promise<Point> {
  const box = await page
    .locator(`.rv-viewer[data-radiograph-id="${radiographId}"] .rv-viewport`)
    .boundingBox();
  if (box === null) throw new Error('the viewer is not visible');
  return [box.x, box.y];
}

/** Clicks at an image point and returns the image point the viewer reported for the click. */
async function clickImagePoint(page: Page, radiographId: string, p: Point): Promise<Point> {
  const [sx, sy] = await imageToScreen(page, radiographId, p);
  const box = await page
    .locator(`.rv-viewer[data-radiograph-id="${radiographId}"] .rv-viewport`)
    .boundingBox();
  if (box === null || sx < 0 || sy < 0 || sx > box.width || sy > box.height) {
    throw new Error(`image point ${p.join(', ')} is not on screen`);
  }
  const [ox, oy] = [box.x, box.y];
  await page.mouse.click(ox + sx, oy + sy);
  const down = await page.getByTestId('cursor-readout').getAttribute('data-down');
  if (down === null) throw new Error('the viewer reported no pointer event');
  return JSON.parse(down) as Point;
}

/** Waits until the toolbar button named `name` is pressed (or not). */
async function waitPressed(page: Page, name: RegExp, pressed = true): Promise<void> {
  await page
    .getByRole('button', { name, pressed })
    .and(page.locator(`button[aria-pressed="${pressed}"]`))
    .waitFor();
}

/** Image pixels per screen pixel along x, at the current zoom. */
async function imagePixelsPerScreenPixel(page: Page, radiographId: string): Promise<number> {
  const a = await imageToScreen(page, radiographId, [0, 0]);
  const b = await imageToScreen(page, radiographId, [100, 0]);
  return 100 / Math.abs(b[0] - a[0]);
}

describe('the radiograph viewer in a real browser', { timeout: 90_000 }, () => {
  let app: RunningApp;
  let page: Page;
  let caseId: string;
  let coronal: RadiographJson;
  let dicomId: string;
  const DICOM_ROWS = 64;
  const DICOM_COLUMNS = 32;

  beforeAll(async () => {
    app = await startApp();
    page = await app.newPage(VIEWPORT);
    await app.signIn(page);
    const cases = await api<{ items: { id: string; patientName: string }[] }>(page, 'GET', '/cases');
    const demo = cases.items.find((c) => c.patientName === DEMO_NAME);
    if (demo === undefined) throw new Error('no demo case');
    caseId = demo.id;
    const detail = await api<{ radiographs: RadiographJson[] }>(page, 'GET', `/cases/${caseId}`);
    const film = detail.radiographs.find((r) => r.view === 'coronal' && r.image?.mediaType === 'image/jpeg');
    if (film === undefined) throw new Error('the demo case has no coronal JPEG');
    coronal = film;
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  /** The case's lateral films with an image. */
  async function lateralIds(): Promise<string[]> {
    const detail = await api<{ radiographs: RadiographJson[] }>(page, 'GET', `/cases/${caseId}`);
    return detail.radiographs.filter((r) => r.view === 'lateral' && r.image !== null).map((r) => r.id);
  }

  it('renders the demo coronal JPEG and marks the first pixels', async () => {
    await page.goto(`${app.url}/radiographs/${coronal.id}`);
    await waitForFirstPixels(page, coronal.id);
    await expect(
      page.locator(`.rv-viewer[data-radiograph-id="${coronal.id}"]`).getAttribute('data-state'),
    ).resolves.toBe('ready');
    const stats = await canvasStats(page, coronal.id);
    expect(stats.std).toBeGreaterThan(20);
    expect(stats.litFraction).toBeGreaterThan(0.15);
    await expect(page.getByTestId('calibration-note').textContent()).resolves.toMatch(/calibrate/i);
    // A film opens ready to place landmarks (the Point tool).
    await waitPressed(page, /Point/);
    await app.screenshot(page, 'viewer-coronal');
  });

  it('converts a click back to the image point it was aimed at, before and after zooming with the wheel', async () => {
    const width = coronal.image?.widthPx ?? 0;
    const height = coronal.image?.heightPx ?? 0;
    // With the Pan tool: these clicks must not place landmarks on the demo film.
    await page.keyboard.press('p');
    await waitPressed(page, /Pan/);
    // Near the middle, where the wheel zooms in: on screen before and after.
    const targets: Point[] = [
      [width * 0.45, height * 0.42],
      [width * 0.58, height * 0.6],
    ];
    const checkClicks = async () => {
      const tolerance = await imagePixelsPerScreenPixel(page, coronal.id);
      for (const target of targets) {
        const reported = await clickImagePoint(page, coronal.id, target);
        expect(Math.abs(reported[0] - target[0])).toBeLessThanOrEqual(tolerance);
        expect(Math.abs(reported[1] - target[1])).toBeLessThanOrEqual(tolerance);
        // The exact round trip, and agreement with Cornerstone's own utilities.worldToImageCoords.
        const screen = await imageToScreen(page, coronal.id, target);
        const back = await screenToImage(page, coronal.id, screen);
        expect(back[0]).toBeCloseTo(target[0], 6);
        expect(back[1]).toBeCloseTo(target[1], 6);
        const theirs = await viewerCall<Point | null>(page, coronal.id, 'cornerstoneScreenToImage', screen);
        // (Cornerstone computes in float32: agreement to a thousandth of a pixel.)
        expect(theirs?.[0]).toBeCloseTo(target[0], 3);
        expect(theirs?.[1]).toBeCloseTo(target[1], 3);
      }
      return tolerance;
    };
    const before = await checkClicks();

    const [ox, oy] = await viewerOrigin(page, coronal.id);
    const [cx, cy] = await imageToScreen(page, coronal.id, [width / 2, height / 2]);
    await page.mouse.move(ox + cx, oy + cy);
    for (let i = 0; i < 5; i++) {
      await page.mouse.wheel(0, -120);
      await page.waitForTimeout(50);
    }
    await page.waitForTimeout(200);
    const after = await checkClicks();
    expect(after).toBeLessThan(before * 0.8); // it did zoom in
  });

  it('points at pixels with a magnifying loupe in the Point tool (M)', async () => {
    await page.keyboard.press('m');
    await waitPressed(page, /Point/);
    await page.locator('.rv-viewer[data-mode="place"]').waitFor();
    const width = coronal.image?.widthPx ?? 0;
    const height = coronal.image?.heightPx ?? 0;
    const target: Point = [width * 0.5, height * 0.45];
    const before = await imageToScreen(page, coronal.id, target);
    const [ox, oy] = await viewerOrigin(page, coronal.id);
    await page.mouse.move(ox + before[0] - 30, oy + before[1] - 30);
    await page.mouse.move(ox + before[0], oy + before[1], { steps: 3 });
    const loupe = page.locator('.rv-loupe');
    await loupe.waitFor({ state: 'visible' });
    const loupeStats = await loupe.evaluate((canvas: HTMLCanvasElement) => {
      const context = canvas.getContext('2d');
      if (context === null) throw new Error('the loupe is not a 2D canvas');
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let lit = 0;
      for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 0) > 16) lit += 1;
      return { lit: lit / (data.length / 4), size: canvas.getBoundingClientRect().width };
    });
    expect(loupeStats.size).toBe(160);
    expect(loupeStats.lit).toBeGreaterThan(0.3);
    // In the Point tool a left drag does not pan: the image stays where it was.
    await page.mouse.down();
    await page.mouse.move(ox + before[0] + 80, oy + before[1] + 40, { steps: 4 });
    await page.mouse.up();
    const after = await imageToScreen(page, coronal.id, target);
    expect(after[0]).toBeCloseTo(before[0], 6);
    expect(after[1]).toBeCloseTo(before[1], 6);
    const down = JSON.parse(
      (await page.getByTestId('cursor-readout').getAttribute('data-down')) ?? '[]',
    ) as Point;
    expect(Math.abs(down[0] - target[0])).toBeLessThanOrEqual(
      await imagePixelsPerScreenPixel(page, coronal.id),
    );
    await page.mouse.move(ox + before[0] + 40, oy + before[1] + 20);
    await app.screenshot(page, 'viewer-loupe');
    await page.keyboard.press('p');
    await page.locator('.rv-viewer[data-mode="navigate"]').waitFor();
    // The press placed the protocol's next landmark on the demo film: undone, so the film stays as seeded.
    await page.keyboard.press('Control+z');
    await expect
      .poll(() => page.getByTestId('autosave').getAttribute('data-status'), { timeout: 15_000 })
      .toBe('saved');
  });

  it('renders an uploaded DICOM, with image pixel (0, 0) at the corner of the first pixel', async () => {
    const created = await api<{ id: string }>(page, 'POST', `/cases/${caseId}/radiographs`, {
      data: { view: 'lateral', anteriorOnImage: 'left', posture: 'standing', takenOn: '2026-03-01' },
    });
    dicomId = created.id;
    const session = (await (await page.request.get('/api/v1/session')).json()) as { csrfToken: string };
    const bytes = syntheticDicom({ rows: DICOM_ROWS, columns: DICOM_COLUMNS });
    const upload = await page.request.put(`/api/v1/radiographs/${dicomId}/image`, {
      headers: { 'x-csrf-token': session.csrfToken },
      multipart: {
        file: { name: 'synthetic.dcm', mimeType: 'application/dicom', buffer: Buffer.from(bytes) },
      },
    });
    expect(upload.status()).toBeLessThan(300);

    await page.goto(`${app.url}/radiographs/${dicomId}`);
    await waitForFirstPixels(page, dicomId);
    const stats = await canvasStats(page, dicomId);
    expect(stats.std).toBeGreaterThan(10);
    expect(stats.litFraction).toBeGreaterThan(0.1);

    // The synthetic image has a bright vertical band over columns 13–19 (|x − 16| < 4). With linear
    // interpolation between pixel centres, the screen position where the grey level crosses half-way between
    // background and band is the boundary between columns 12 and 13: image x = 13 in the corner convention.
    // (A centre convention would put it half a pixel — here several screen pixels — away.)
    const row: Point = [DICOM_COLUMNS / 2, DICOM_ROWS / 2 + 0.5];
    const [, rowY] = await imageToScreen(page, dicomId, row);
    const [edgeX] = await imageToScreen(page, dicomId, [13, row[1]]);
    const [insideX] = await imageToScreen(page, dicomId, [16.5, row[1]]);
    const [outsideX] = await imageToScreen(page, dicomId, [6.5, row[1]]);
    const crossing = await page.evaluate(
      ([id, y, from, to, inside, outside]) => {
        const canvas = document.querySelector<HTMLCanvasElement>(
          `.rv-viewer[data-radiograph-id="${id}"] canvas`,
        );
        const context = canvas?.getContext('2d');
        if (!canvas || !context) throw new Error('no canvas');
        const ratio = canvas.width / canvas.clientWidth;
        const grey = (x: number) => {
          const d = context.getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data;
          return ((d[0] ?? 0) + (d[1] ?? 0) + (d[2] ?? 0)) / 3;
        };
        const half = (grey(inside) + grey(outside)) / 2;
        for (let x = from; x < to; x += 1 / ratio) {
          const a = grey(x);
          const b = grey(x + 1 / ratio);
          if (a < half && b >= half) return { at: x + (half - a) / (b - a) / ratio + 0.5 / ratio, half };
        }
        return null;
      },
      [dicomId, rowY, outsideX, insideX, insideX, outsideX] as const,
    );
    expect(crossing).not.toBeNull();
    const pixelOnScreen = 1 / (await imagePixelsPerScreenPixel(page, dicomId));
    expect(pixelOnScreen).toBeGreaterThan(6); // a pixel is big enough on screen for half a pixel to show
    expect(Math.abs((crossing?.at ?? 0) - edgeX)).toBeLessThan(1.5);

    // A click converts back as on the JPEG.
    const reported = await clickImagePoint(page, dicomId, [10.25, 40.75]);
    expect(Math.abs(reported[0] - 10.25)).toBeLessThanOrEqual(1 / pixelOnScreen);
    expect(Math.abs(reported[1] - 40.75)).toBeLessThanOrEqual(1 / pixelOnScreen);
    await app.screenshot(page, 'viewer-dicom');
  });

  it('shows the lateral film next to the coronal one', async () => {
    await page.goto(`${app.url}/radiographs/${coronal.id}`);
    await waitForFirstPixels(page, coronal.id);
    await waitPressed(page, /Side by side/, false);
    await page.getByRole('button', { name: /Side by side/ }).click();
    // The lateral film closest in date to the coronal one (the demo's own drawing, or the uploaded DICOM).
    const second = page.locator('figure.imaging-film').nth(1);
    await second.waitFor();
    const otherId = (await second.getAttribute('data-radiograph-id')) ?? '';
    expect([dicomId, ...(await lateralIds())]).toContain(otherId);
    await waitForFirstPixels(page, otherId);
    await waitPressed(page, /Side by side/);
    expect((await canvasStats(page, otherId)).std).toBeGreaterThan(10);
    expect((await canvasStats(page, coronal.id)).std).toBeGreaterThan(20);
    // The keyboard toggles the tools: W selects window/level, I inverts both films.
    await page.keyboard.press('w');
    await waitPressed(page, /Window\/level/);
    await page.keyboard.press('p');
    await waitPressed(page, /Pan/);
    await app.screenshot(page, 'viewer-side-by-side');
  });
});
