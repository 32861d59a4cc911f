import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CASE_FORMAT,
  oswestryDisabilityIndex,
  parseCaseJson,
  planCase,
  validatePlan,
  type LateralRadiograph,
} from '@spinerecon/core';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, startApp, type RunningApp } from './harness';

// Patient-reported outcomes as a clinic uses them on the demo case: staff create an ODI link for the 6-week
// visit and enter a preoperative ODI from paper; the patient answers the link on a phone, one section per
// screen; the same link then says it was answered; staff see the score (the core's ODI of those answers),
// MCID reached, and the point on the chart; the surgeon sees their rates next to the published ones.

const DEMO_NAME = 'DEMO — not a real patient';
const DEMO_PLAN_TITLE = 'Demo plan — L3 PSO 30°';
const SEED_CASE = fileURLToPath(
  new URL('../../server/seed/synthetic-adult-deformity.case.json', import.meta.url),
);
const DEMO_LATERAL_PNG = fileURLToPath(new URL('../../server/seed/demo-lateral.png', import.meta.url));

/** The patient's answers, section by section (0 = first statement … 5 = last). */
const PATIENT_ANSWERS = [1, 2, 1, 2, 1, 1, 2, 0, 1, 1] as const;
/** The paper form before the operation: the third statement of every section. */
const PAPER_ANSWERS = Array.from({ length: 10 }, () => 3);

/** YYYY-MM-DD `days` before today (UTC: the server's clock). */
function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

interface Api {
  get<T>(path: string): Promise<T>;
  send<T>(method: 'POST' | 'PUT' | 'PATCH', path: string, data: unknown): Promise<T>;
  upload(path: string, file: string, mimeType: string): Promise<void>;
}

function apiOf(page: Page): Api {
  const csrf = async () =>
    ((await (await page.request.get('/api/v1/session')).json()) as { csrfToken: string }).csrfToken;
  return {
    async get<T>(path: string) {
      const response = await page.request.get(`/api/v1${path}`);
      if (!response.ok()) throw new Error(`GET ${path}: ${response.status()} ${await response.text()}`);
      return (await response.json()) as T;
    },
    async send<T>(method: 'POST' | 'PUT' | 'PATCH', path: string, data: unknown) {
      const response = await page.request.fetch(`/api/v1${path}`, {
        method,
        headers: { 'x-csrf-token': await csrf() },
        data,
      });
      if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
      return (await response.json()) as T;
    },
    async upload(path: string, file: string, mimeType: string) {
      const response = await page.request.put(`/api/v1${path}`, {
        headers: { 'x-csrf-token': await csrf() },
        multipart: { file: { name: 'film.png', mimeType, buffer: readFileSync(file) } },
      });
      if (!response.ok()) throw new Error(`PUT ${path}: ${response.status()} ${await response.text()}`);
    },
  };
}

/** The demo plan (T10–S1, L3 PSO) with `angleDeg` at L3: its elements, and the film it predicts (the core). */
function demoPlanWith(angleDeg: number) {
  const parsed = parseCaseJson(readFileSync(SEED_CASE, 'utf8'));
  if (!parsed.ok) throw new Error('the seed case cannot be read');
  const lateral = parsed.value.radiographs.find((r): r is LateralRadiograph => r.view === 'lateral');
  if (lateral === undefined) throw new Error('the seed case has no lateral film');
  const performed = {
    fusion: { upperInstrumentedVertebra: 'T10', lowerInstrumentedVertebra: 'S1', pelvicFixation: 'iliac' },
    osteotomies: [{ level: 'L3', grade: 3, angleDeg }],
  };
  const plan = validatePlan({ format: 'spinerecon.plan/1', ...performed });
  if (!plan.ok) throw new Error('the test plan is not valid');
  const result = planCase({ format: CASE_FORMAT, radiographs: [lateral] }, plan.value, 'fixed');
  if (!result.ok) throw new Error(`the test plan cannot be simulated: ${result.reason}`);
  const film = result.value.predictedCase.radiographs.find(
    (r): r is LateralRadiograph => r.view === 'lateral',
  );
  if (film === undefined) throw new Error('no predicted lateral film');
  return { performed, film };
}

describe('patient-reported outcomes in a real browser', { timeout: 180_000 }, () => {
  let app: RunningApp;
  let page: Page;
  let api: Api;
  let caseId: string;
  let link: string;
  let sixWeeksId: string;
  let phone: BrowserContext;
  const operationDate = daysAgo(50);

  beforeAll(async () => {
    app = await startApp();
    page = await app.newPage({ width: 1280, height: 900 });
    await app.signIn(page);
    api = apiOf(page);
    const cases = await api.get<{ items: { id: string; patientName: string }[] }>('/cases?q=DEMO');
    const demo = cases.items.find((c) => c.patientName === DEMO_NAME);
    if (demo === undefined) throw new Error('no demo case');
    caseId = demo.id;

    // The operation (the demo plan, done with 28° at L3), its schedule, and a 6-week film with landmarks.
    const plans = await api.get<{ id: string; title: string; version: number }[]>(`/cases/${caseId}/plans`);
    const plan = plans.find((p) => p.title === DEMO_PLAN_TITLE);
    if (plan === undefined) throw new Error('no demo plan');
    const done = demoPlanWith(28);
    await api.send('PUT', `/cases/${caseId}/operation`, {
      content: {
        format: 'spinerecon.operation/1',
        date: operationDate,
        planId: plan.id,
        planVersion: plan.version,
        performed: done.performed,
      },
    });
    const visits = await api.send<{ id: string; label: string }[]>(
      'POST',
      `/cases/${caseId}/follow-up/schedule`,
      {},
    );
    const sixWeeks = visits.find((v) => v.label === '6 weeks');
    if (sixWeeks === undefined) throw new Error('no 6-week visit');
    sixWeeksId = sixWeeks.id;
    await api.send('PATCH', `/follow-up/visits/${sixWeeks.id}`, { visitDate: daysAgo(8) });
    const film = await api.send<{ id: string }>('POST', `/cases/${caseId}/radiographs`, {
      view: 'lateral',
      anteriorOnImage: done.film.anteriorOnImage,
      takenOn: daysAgo(8),
      visitId: sixWeeks.id,
      pixelSpacingMm: done.film.pixelSpacingMm,
      calibrationMethod: 'manual',
    });
    await api.upload(`/radiographs/${film.id}/image`, DEMO_LATERAL_PNG, 'image/png');
    await api.send('PUT', `/radiographs/${film.id}/landmarks`, {
      vertebrae: done.film.vertebrae,
      femoralHeads: done.film.femoralHeads,
    });
    // A superficial infection, for the surgeon's rates.
    await api.send('POST', `/cases/${caseId}/complications`, {
      type: 'infectionSuperficial',
      onsetDate: daysAgo(44),
      clavienDindo: 'II',
    });
  }, 120_000);

  afterAll(async () => {
    await phone?.close();
    await app?.close();
  });

  it('creates an ODI link for the 6-week visit and shows it once, with its expiry', async () => {
    await page.goto(`/cases/${caseId}/recovery`);
    const section = page.locator('section[aria-labelledby="questionnaires-title"]');
    await section.getByText('No questionnaire link has been sent yet.').waitFor();
    const form = section.getByRole('form', { name: 'New questionnaire link' });
    await form.getByLabel('Questionnaire').selectOption('odi');
    await form.getByLabel('For the visit').selectOption(sixWeeksId);
    await form.getByLabel('Valid for (days)').fill('14');
    await form.getByRole('button', { name: 'Create link' }).click();
    const shown = section.getByLabel('Questionnaire link', { exact: true });
    await shown.waitFor();
    link = await shown.inputValue();
    expect(link).toMatch(new RegExp(`^${app.url}/q/[A-Za-z0-9_-]{20,}$`));
    await expect(section.locator('.link-once').textContent()).resolves.toMatch(
      /shown only now.*until \d+ \w+ \d{4}/,
    );
    // The list says who has not answered.
    const row = section.locator('table.invitations tbody tr');
    await expect.poll(() => row.getAttribute('data-status')).toBe('pending');
    await expect(row.textContent()).resolves.toContain('6 weeks');
    await expect(section.locator('.unanswered-summary').textContent()).resolves.toBe(
      '1 link not answered: 1 pending, 0 expired.',
    );
    // Once dismissed, the link is not shown again.
    await section.getByRole('button', { name: 'Done — the link is sent' }).click();
    await expect.poll(() => section.getByLabel('Questionnaire link', { exact: true }).count()).toBe(0);
  });

  it('records the preoperative ODI from a paper form as the baseline', async () => {
    const section = page.locator('section[aria-labelledby="questionnaires-title"]');
    await section.getByRole('button', { name: 'Enter answers from a paper form' }).click();
    const form = section.getByRole('form', { name: 'Answers from a paper form' });
    await form.getByLabel('Questionnaire').selectOption('odi');
    await form.getByLabel('Filled in on').fill(daysAgo(60));
    const items = form.locator('ol.staff-items select');
    await expect(items.count()).resolves.toBe(10);
    for (let i = 0; i < 10; i++) await items.nth(i).selectOption(String(PAPER_ANSWERS[i]));
    await form.getByRole('button', { name: 'Save the answers' }).click();
    const baseline = section.locator('table.responses tbody tr');
    await baseline.first().waitFor();
    await expect(baseline.locator('.score').textContent()).resolves.toBe('60 %');
    await expect(baseline.textContent()).resolves.toContain('Baseline');
  });

  it('opens the link on a phone: instructions, then one section per screen with its progress', async () => {
    phone = await app.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    const patient = await phone.newPage();
    patient.setDefaultTimeout(15_000);
    await patient.goto(link);
    await patient.getByRole('heading', { name: 'Oswestry Disability Index (version 2.1a)' }).waitFor();
    // No patient data, and no way into the signed-in app.
    const intro = (await patient.locator('main').textContent()) ?? '';
    expect(intro).not.toContain('DEMO');
    expect(intro).toContain('10 questions, one per screen.');
    await expect(patient.getByRole('navigation', { name: 'Main' }).count()).resolves.toBe(0);
    await patient.getByRole('button', { name: 'Start' }).tap();

    for (let section = 0; section < 10; section++) {
      await patient.getByText(`Question ${section + 1} of 10`).waitFor();
      const options = patient.locator('label.q-option');
      expect(await options.count()).toBe(6);
      // Every option is a large touch target across the phone.
      const box = await options.first().boundingBox();
      expect(box?.height).toBeGreaterThanOrEqual(48);
      expect(box?.width).toBeGreaterThan(300);
      if (section === 0) {
        // Skipping is offered, and the answer can be taken back.
        await patient.getByText('You may skip a question').waitFor();
      }
      await options.nth(PATIENT_ANSWERS[section] ?? 0).tap();
      if (section === 2) await app.screenshot(patient, 'questionnaire-phone');
      await patient.getByRole('button', { name: section === 9 ? 'Next: review' : 'Next', exact: true }).tap();
    }
    const overflow = await patient.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    // The review lists every answer; one is changed and changed back through its question.
    await patient.getByRole('heading', { name: 'Check your answers' }).waitFor();
    await expect(patient.locator('ol.q-review li').count()).resolves.toBe(10);
    await expect(patient.locator('.q-review-answer.blank').count()).resolves.toBe(0);
    await patient.getByRole('button', { name: 'Change answer 3' }).tap();
    await patient.getByText('Question 3 of 10').waitFor();
    await patient.getByRole('button', { name: /Clear my answer/ }).tap();
    await patient.getByRole('button', { name: 'Back to the review of all answers' }).tap();
    await expect(patient.locator('.q-review-answer.blank').count()).resolves.toBe(1);
    await patient.getByText('Question 3 is not answered.').waitFor();
    await patient.getByRole('button', { name: 'Change answer 3' }).tap();
    await patient.locator('label.q-option').nth(PATIENT_ANSWERS[2]).tap();
    await patient.getByRole('button', { name: 'Back to the review of all answers' }).tap();
    await expect(patient.locator('.q-review-answer.blank').count()).resolves.toBe(0);

    await patient.getByRole('button', { name: 'Send my answers' }).tap();
    await patient.getByRole('heading', { name: 'Thank you' }).waitFor();
    await patient.getByText('Your answers have been sent to your care team.').waitFor();

    // The same link again: already answered.
    await patient.goto(link);
    await patient.getByRole('heading', { name: 'Already answered' }).waitFor();
    await patient.getByText('This questionnaire has already been answered.').waitFor();
    // A link that was never made.
    await patient.goto(`${app.url}/q/not-a-real-token`);
    await patient.getByRole('heading', { name: 'Link not recognised' }).waitFor();
  });

  it("shows staff the patient's ODI, equal to the core's, with MCID reached and a point on the chart", async () => {
    const expected = oswestryDisabilityIndex([...PATIENT_ANSWERS]).scorePercent;
    expect(expected).toBe(24);
    await page.reload();
    const section = page.locator('section[aria-labelledby="questionnaires-title"]');
    await expect
      .poll(() => section.locator('table.invitations tbody tr').getAttribute('data-status'))
      .toBe('answered');
    await expect(section.locator('.unanswered-summary').textContent()).resolves.toBe(
      'Every link sent has been answered.',
    );
    const latest = section.locator('table.responses tbody tr').first();
    await expect(latest.locator('.score').textContent()).resolves.toBe(`${expected} %`);
    await expect(latest.textContent()).resolves.toContain('patient link');
    await expect(latest.textContent()).resolves.toContain('6 weeks');
    // 60 % → 24 %: 36 points better, the published MCID is 11.
    await expect(latest.locator('.mcid').textContent()).resolves.toBe(
      'MCID reached (improvement 36 %, MCID 11 %)',
    );

    const charts = page.locator('section[aria-labelledby="charts-title"]');
    const odi = charts.locator('figure[data-instrument="odi"]');
    await odi.locator('circle.chart-dot').nth(1).waitFor();
    await expect(
      odi
        .locator('circle.chart-dot')
        .evaluateAll((dots) => dots.map((d) => Number(d.getAttribute('data-value')))),
    ).resolves.toEqual([60, expected]);
    // The MCID line: baseline 60 − 11 = 49 %.
    await expect(odi.locator('.chart-legend').textContent()).resolves.toContain('ODI MCID: ≤ 49 %');
    // Alignment: the preoperative film and the 6-week film, with the target band and the plan.
    const pt = charts.locator('figure[data-parameter="pelvicTiltDeg"]');
    await expect.poll(() => pt.locator('circle.chart-dot').count()).toBe(2);
    await expect(pt.locator('.recharts-reference-area').count()).resolves.toBe(1);
    await expect(pt.locator('figcaption').textContent()).resolves.toContain('target up to 20°');
    await expect(pt.locator('.recharts-label').allTextContents()).resolves.toContain('PT (°)');
    await charts.scrollIntoViewIfNeeded();
    await charts.screenshot({ path: join(SCREENSHOT_DIR, 'outcome-chart.png') });
  });

  it('shows a surgeon their complication and outcome rates next to the published rates', async () => {
    await api.send('POST', '/users', {
      username: 'e2e.surgeon',
      displayName: 'Dr E2E Surgeon',
      role: 'surgeon',
      password: 'e2e-surgeon-password',
    });
    const surgeons = await api.get<{ id: string; displayName: string }[]>('/surgeons');
    const surgeon = surgeons.find((s) => s.displayName === 'Dr E2E Surgeon');
    if (surgeon === undefined) throw new Error('the surgeon was not created');
    await api.send('PATCH', `/cases/${caseId}`, { surgeonId: surgeon.id });

    const own = await app.newPage({ width: 1280, height: 900 });
    await own.goto(`${app.url}/`);
    await own.getByRole('heading', { name: 'Sign in' }).waitFor();
    await own.getByLabel('User name').fill('e2e.surgeon');
    await own.getByLabel('Password').fill('e2e-surgeon-password');
    await own.getByRole('button', { name: 'Sign in' }).click();
    await own.getByRole('heading', { name: 'Worklist' }).waitFor();
    await own.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My outcomes' }).click();
    await own.getByRole('heading', { name: 'My outcomes', level: 1 }).waitFor();

    const any = own.locator('tr[data-type="any"]');
    await any.waitFor();
    await expect(any.locator('td').first().textContent()).resolves.toBe('1 of 1');
    const infection = own.locator('tr[data-type="infectionSuperficial"]');
    await expect(infection.textContent()).resolves.toContain('100 %');
    // The published rate sits next to it, with its source.
    expect(await infection.locator('ul.published-rates li').count()).toBeGreaterThan(0);
    const odi = own.locator('tr[data-outcome="odi"]');
    await expect(odi.locator('td').first().textContent()).resolves.toContain('1 of 1');
    await expect(odi.textContent()).resolves.toContain('Yoshida');
    await app.screenshot(own, 'outcomes-surgeon');
  });
});
