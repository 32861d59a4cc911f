import { mkdir, writeFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import {
  CASE_FORMAT,
  planCase,
  validateCase,
  validatePlan,
  type LateralOutput,
  type PlanOutput,
  type RodGeometry,
} from '@spinerecon/core';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bluePixels,
  darkRunAt,
  fetchBytes,
  inkStatistics,
  pageTexts,
  pdfFonts,
  rasterize,
} from '../test-support/pdfPages.js';
import { ENGINES } from '../test-support/testDatabase.js';
import { startTestServer, type TestServer } from '../test-support/testServer.js';
import type { AuditEvent, CaseDetail, CaseListItem, LandmarkSet, Page, Plan } from '../test-support/types.js';
import { PT_PER_MM } from './pdfWriter.js';
import { SCALE_BAR, scaleBarRect } from './rodTemplatePages.js';

// The planning report through the API, on the demo case (a real coronal film, JPEG, and a drawing of the
// synthetic lateral landmark set, PNG 2200 × 5300): pages rendered by pdftoppm, text read by pdftotext.

const SCREENSHOT = new URL('../../../../docs/screenshots/report-planning.png', import.meta.url);
const INSTRUMENTED = ['T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5', 'S1'] as const;
// Polish, Czech and German letters: the report's font (DejaVu Sans) prints them as written.
const NAME = 'Łucja Żółć-Dvořák Weiß';
const MRN = 'MRN-REPORT-4711';

const PLAN = {
  format: 'spinerecon.plan/1',
  fusion: { upperInstrumentedVertebra: 'T10', lowerInstrumentedVertebra: 'S1', pelvicFixation: 'iliac' },
  osteotomies: [{ level: 'L3', grade: 3, angleDeg: 25 }],
  cages: [{ disc: 'L4', approach: 'TLIF', heightMm: 11, lordoticAngleDeg: 8 }],
  vertebralBodyReplacements: [],
  screws: INSTRUMENTED.flatMap((level) =>
    (['left', 'right'] as const).map((side) => ({
      level,
      side,
      diameterMm: level === 'S1' ? 7.5 : 6.5,
      lengthMm: level === 'S1' ? 40 : 45,
      ...(level === 'L4' ? { pedicleWidthMm: 9 } : {}),
    })),
  ),
  rods: [
    { side: 'left', material: 'cobalt-chromium', diameterMm: 5.5, overhangMm: 5 },
    { side: 'right', material: 'titanium-alloy', diameterMm: 5.5, overhangMm: 5 },
  ],
  boneGraft: { types: ['local-autograft', 'allograft'], volumeMl: 30 },
  riskFactors: { smoker: false, bmiKgM2: 27 },
};

const lateralOf = (output: PlanOutput['preoperative']) =>
  output.radiographs.find((r): r is LateralOutput => r.view === 'lateral')?.values ?? {};

describe.each(ENGINES)('the planning report (PDF) on %s', (engine) => {
  let t: TestServer;
  let detail: CaseDetail;
  let plan: Plan;
  let pdf: Uint8Array;
  let texts: string[];
  /** Every page's text in drawing order, white space as single spaces. */
  let flowing: string;
  const log: string[] = [];

  beforeAll(async () => {
    const capture = new Writable({
      write(chunk: Buffer, _encoding, done) {
        log.push(chunk.toString('utf8'));
        done();
      },
    });
    t = await startTestServer(
      engine,
      { SPINERECON_DEMO: 'true', SPINERECON_LOG_LEVEL: 'trace' },
      { logDestination: capture },
    );
    const cases = (await t.admin.get('/api/v1/cases')).json<Page<CaseListItem>>();
    const demo = cases.items[0];
    if (demo === undefined) throw new Error('no demo case');
    detail = (await t.admin.get(`/api/v1/cases/${demo.id}`)).json<CaseDetail>();
    const renamed = await t.admin.patch(`/api/v1/patients/${detail.patient.id}`, {
      name: NAME,
      mrn: MRN,
      birthDate: '1958-04-02',
      sex: 'female',
    });
    expect(renamed.status, renamed.text).toBe(200);
    const created = await t.admin.post(`/api/v1/cases/${demo.id}/plans`, {
      title: 'L3 PSO, T10–pelvis',
      content: PLAN,
    });
    expect(created.status, created.text).toBe(201);
    plan = created.json<Plan>();
    const response = await fetchBytes(t.admin, `/api/v1/plans/${plan.id}/report.pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(
      `inline; filename="planning-report-${plan.id}-v1.pdf"`,
    );
    pdf = response.bytes;
    texts = await pageTexts(pdf);
    flowing = (await pageTexts(pdf, 'raw')).join(' ').replace(/\s+/g, ' ');
  }, 120_000);
  afterAll(() => t.close());

  /** The core's output for the demo's lateral film and the plan, as the report must show it. */
  async function expected(): Promise<PlanOutput> {
    const film = detail.radiographs.find((r) => r.view === 'lateral');
    if (film === undefined) throw new Error('no lateral film');
    const set = (await t.admin.get(`/api/v1/radiographs/${film.id}/landmarks`)).json<LandmarkSet>();
    const read = validateCase({
      format: CASE_FORMAT,
      radiographs: [
        {
          id: film.id,
          view: 'lateral',
          posture: film.posture,
          pixelSpacingMm: film.pixelSpacingMm,
          anteriorOnImage: film.anteriorOnImage,
          ...set.landmarks,
        },
      ],
    });
    const checked = validatePlan(PLAN);
    if (!read.ok || !checked.ok) throw new Error('fixture');
    const result = planCase(read.value, checked.value, 'fixed');
    if (!result.ok) throw new Error(result.reason);
    return result.value;
  }

  it('has as many PNG pages as PDF pages, none blank, each naming the patient and the decision-support notice', async () => {
    const document = await PDFDocument.load(pdf);
    const pages = await rasterize(pdf, 50);
    expect(pages).toHaveLength(document.getPageCount());
    expect(texts).toHaveLength(document.getPageCount());
    expect(document.getPageCount()).toBeGreaterThanOrEqual(5);
    for (const page of pages) {
      const { inkShare, standardDeviation } = inkStatistics(page.raster);
      expect(inkShare, `page ${page.pageNumber}`).toBeGreaterThan(0.01);
      expect(standardDeviation, `page ${page.pageNumber}`).toBeGreaterThan(10);
    }
    for (const [i, text] of texts.entries()) {
      expect(text, `page ${i + 1}`).toContain(`${NAME} · MRN ${MRN} · born 1958-04-02 · female`);
      expect(text, `page ${i + 1}`).toContain(MRN);
      expect(text, `page ${i + 1}`).toContain('born 1958');
      expect(text, `page ${i + 1}`).toContain('Decision support: the surgeon decides.');
    }
    expect(flowing).toContain(`Patient ${NAME} MRN ${MRN}`);
    // Nothing was replaced, so no note about it.
    expect(texts[0]).not.toContain('Identify the patient by the MRN');
    expect(texts.join('\n')).not.toMatch(/Lucja|Zolc|Zólc|Dvorak/);
    expect(pdf.byteLength).toBeLessThan(3_000_000);
  }, 60_000);

  it('embeds its fonts (DejaVu Sans, subsets with a Unicode table) and uses no standard font', async () => {
    const fonts = await pdfFonts(pdf);
    expect(new Set(fonts.map((f) => f.name.replace(/-\d+$/, '')))).toEqual(
      new Set(['DejaVuSans', 'DejaVuSans-Bold']),
    );
    for (const font of fonts) expect(font.embedded && font.unicode, font.name).toBe(true);
  }, 60_000);

  it('states the patient, the diagnosis and the plan version', () => {
    const first = texts[0] ?? '';
    expect(first).toContain('Surgical planning report');
    expect(first).toContain(`born 1958-04-02`);
    expect(first).toMatch(/Sex\s+female/);
    expect(first).toMatch(/Diagnosis\s+\S+/);
    expect(first).toContain('version 1 (latest)');
  });

  it('shows preoperative | predicted | target as the core computes them', async () => {
    const output = await expected();
    const table = texts[0] ?? '';
    const pre = lateralOf(output.preoperative);
    const post = lateralOf(output.predicted);
    for (const [parameter, name] of [
      ['lumbarLordosisDeg', 'LL (L1–S1)'],
      ['pelvicTiltDeg', 'PT'],
    ] as const) {
      const row = table.split('\n').find((line) => line.trimStart().startsWith(name)) ?? '';
      expect(row, name).toContain(`${(pre[parameter] ?? NaN).toFixed(1)}°`);
      expect(row, name).toContain(`${(post[parameter] ?? NaN).toFixed(1)}°`);
    }
    const sva = table.split('\n').find((line) => line.trimStart().startsWith('SVA')) ?? '';
    expect(sva).toContain(`${(post.sagittalVerticalAxisMm ?? NaN).toFixed(1)} mm`);
    expect(sva).toMatch(/< 40\.0 mm/);
  });

  it('lists the plan: osteotomy with its angle, cage, screws per level and side, rods with length and bends, graft', async () => {
    const output = await expected();
    const all = flowing;
    expect(all).toMatch(/grade 3 pedicle subtraction osteotomy at L3 25\.0° plan/);
    expect(all).toMatch(/interbody cage L4–L5 \(TLIF\), 11 mm 8\.0° plan/);
    expect(all).toMatch(/S1 7\.5 × 40 mm 7\.5 × 40 mm/);
    expect(all).toMatch(/L4 6\.5 × 45 mm 6\.5 × 45 mm [\d.]+ mm within 80 % of pedicle width/);
    const rods = output.implants.rods.filter((r): r is RodGeometry => 'lengthMm' in r);
    expect(rods).toHaveLength(2);
    for (const rod of rods) {
      expect(all).toContain(`${rod.lengthMm.toFixed(1)} mm (overhang 5.0 mm each end)`);
      const bend = rod.bends.find((b) => b.level === 'L3');
      expect(all).toContain(`L3 ${bend?.bendDeg.toFixed(1)}°`);
    }
    expect(all).toContain('local autograft, allograft, 30 ml');
  });

  it('gives the classification and the risks with their sources', () => {
    const all = flowing;
    expect(all).toMatch(/SRS–Schwab: curve type/);
    expect(all).toContain('Complication risks, with their sources');
    expect(all).toMatch(/Rod fracture/);
    expect(all).toMatch(/Barton/);
    expect(all).toContain('never multiplied into a personal number');
  });

  it('draws both films with the landmarks and the predicted spine in blue', async () => {
    const index = texts.findIndex((text) => /^\s*Films\s*$/m.test(text));
    expect(index).toBeGreaterThan(0);
    expect(texts[index]).toContain('with the simulated correction');
    expect(texts[index]).toMatch(/coronal film/);
    const [page] = await rasterize(pdf, 90, index + 1);
    if (page === undefined) throw new Error('no page');
    expect(inkStatistics(page.raster).inkShare).toBeGreaterThan(0.25);
    expect(bluePixels(page.raster)).toBeGreaterThan(500);
    if (engine === 'sqlite') {
      await mkdir(new URL('.', SCREENSHOT), { recursive: true });
      await writeFile(SCREENSHOT, page.png);
    }
  }, 60_000);

  it('prints each rod 1:1 with a bar that measures 100 mm on the page and in a 100 dpi raster', async () => {
    const indexes = texts.flatMap((text, i) => (text.includes('Rod templates, 1:1') ? [i] : []));
    expect(indexes.length).toBeGreaterThan(0);
    const document = await PDFDocument.load(pdf);
    for (const index of indexes) {
      expect(texts[index]).toContain('this bar measures 100 mm');
      const { width, height } = document.getPage(index).getSize();
      // A4 landscape takes these rods: 297 × 210 mm.
      expect(width / PT_PER_MM).toBeCloseTo(297, 1);
      expect(height / PT_PER_MM).toBeCloseTo(210, 1);
      const bar = scaleBarRect({ widthPt: width, heightPt: height });
      expect(bar.width / PT_PER_MM).toBeCloseTo(SCALE_BAR.lengthMm, 6);
      const dpi = 100;
      const [page] = await rasterize(pdf, dpi, index + 1);
      if (page === undefined) throw new Error('no page');
      expect(Math.abs(page.raster.widthPx - (width / 72) * dpi)).toBeLessThanOrEqual(1);
      expect(Math.abs(page.raster.heightPx - (height / 72) * dpi)).toBeLessThanOrEqual(1);
      const middle = Math.round(((bar.top + bar.height / 2) / 72) * dpi);
      const run = darkRunAt(page.raster, middle, Math.floor((bar.x / 72) * dpi) - 3);
      expect(Math.abs(run.startX - (bar.x / 72) * dpi)).toBeLessThanOrEqual(1);
      expect(Math.abs(run.lengthPx - (100 / 25.4) * dpi)).toBeLessThanOrEqual(1);
    }
    const all = texts.join('\n');
    expect(all).toContain('Left rod — 5.5 mm cobalt-chromium');
    expect(all).toContain('Right rod — 5.5 mm titanium alloy');
  }, 60_000);

  it('gives an older version on ?version= and says that it is not the latest', async () => {
    const saved = await t.admin.put(
      `/api/v1/plans/${plan.id}`,
      { content: { ...PLAN, osteotomies: [{ level: 'L3', grade: 3, angleDeg: 30 }] } },
      { 'if-match': '"1"' },
    );
    expect(saved.status, saved.text).toBe(200);
    const older = await fetchBytes(t.admin, `/api/v1/plans/${plan.id}/report.pdf?version=1`);
    expect(older.status).toBe(200);
    const first = (await pageTexts(older.bytes))[0] ?? '';
    expect(first).toContain('version 1 — NOT the latest: version 2 exists');
    const latest = await pageTexts((await fetchBytes(t.admin, `/api/v1/plans/${plan.id}/report.pdf`)).bytes);
    expect(latest.join('\n')).toMatch(/at L3\s+30\.0°/);
  }, 60_000);

  it('takes the pelvis model and the target set of the planning page', async () => {
    const response = await fetchBytes(
      t.admin,
      `/api/v1/plans/${plan.id}/report.pdf?pelvis=compensating&targets=gap-proportional`,
    );
    expect(response.status).toBe(200);
    const first = (await pageTexts(response.bytes))[0] ?? '';
    expect(first).toContain('pelvis compensating');
    expect(first).toMatch(/Target \(GAP/);
    const wrong = await t.admin.get(`/api/v1/plans/${plan.id}/report.pdf?targets=mine`);
    expect(wrong.status).toBe(400);
  }, 60_000);

  it('is audited as a read of the plan, and a missing plan or version is a 404', async () => {
    const trail = await t.admin.get(`/api/v1/audit?resourceType=plan&limit=200`);
    const reads = trail
      .json<Page<AuditEvent>>()
      .items.filter((e) => e.action === 'read' && e.resourceId === plan.id && e.outcome === 'success');
    expect(reads.length).toBeGreaterThan(0);
    expect(reads[0]?.patientId).toBe(detail.patient.id);
    const missing = await t.admin.get(`/api/v1/plans/00000000-0000-4000-8000-000000000000/report.pdf`);
    expect(missing.status).toBe(404);
    const noVersion = await t.admin.get(`/api/v1/plans/${plan.id}/report.pdf?version=99`);
    expect(noVersion.status).toBe(404);
    const failed = (await t.admin.get(`/api/v1/audit?resourceType=plan&outcome=failed&limit=200`))
      .json<Page<AuditEvent>>()
      .items.filter((e) => e.resourceId === plan.id);
    expect(failed.some((e) => e.statusCode === 404)).toBe(true);
  }, 60_000);

  it('keeps patient data out of the log', () => {
    const text = log.join('');
    expect(text.length).toBeGreaterThan(0);
    for (const secret of [NAME, 'Łucja', 'Żółć', 'Dvořák', MRN, '1958-04-02'])
      expect(text).not.toContain(secret);
  });
});
