import { mkdir, writeFile } from 'node:fs/promises';
import {
  CASE_FORMAT,
  MCID,
  planCase,
  validateCase,
  validatePlan,
  type LateralOutput,
  type LateralRadiograph,
} from '@spinerecon/core';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATERAL_LANDMARKS, createCase, createPatient } from '../test-support/fixtures.js';
import { fetchBytes, inkStatistics, pageTexts, rasterize } from '../test-support/pdfPages.js';
import { ENGINES } from '../test-support/testDatabase.js';
import { startTestServer, type TestServer } from '../test-support/testServer.js';
import type { AuditEvent, Page, Plan } from '../test-support/types.js';

// The follow-up report through the API: a case operated on 2026-03-10 after its plan, films at 6 weeks
// (as planned) and 6 months (the upper spine drifted forward), ODI and pain answers before and after, and
// two complications. Pages rendered by pdftoppm, text read by pdftotext.

const SCREENSHOT = new URL('../../../../docs/screenshots/report-follow-up.png', import.meta.url);
const TODAY = new Date('2027-01-15T12:00:00.000Z');
const NAME = 'Bartholomew Followup-Report';
const MRN = 'MRN-FU-2207';
const LEVELS = ['T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5', 'S1'] as const;

const PLAN = {
  format: 'spinerecon.plan/1',
  fusion: { upperInstrumentedVertebra: 'T10', lowerInstrumentedVertebra: 'S1', pelvicFixation: 'iliac' },
  osteotomies: [{ level: 'L3', grade: 3, angleDeg: 25 }],
  cages: [],
  vertebralBodyReplacements: [],
  screws: LEVELS.flatMap((level) =>
    (['left', 'right'] as const).map((side) => ({ level, side, diameterMm: 6.5, lengthMm: 45 })),
  ),
  rods: [{ side: 'left', material: 'cobalt-chromium', diameterMm: 5.5 }],
};
const { format: _format, ...PERFORMED } = PLAN;

/** The plan's predicted lateral film (the core's simulation) as the 6-week film's landmarks. */
function predictedFilm(): LateralRadiograph {
  const read = validateCase({
    format: CASE_FORMAT,
    radiographs: [
      {
        id: 'pre',
        view: 'lateral',
        posture: 'standing',
        pixelSpacingMm: 0.15,
        anteriorOnImage: 'right',
        ...LATERAL_LANDMARKS,
      },
    ],
  });
  const plan = validatePlan(PLAN);
  if (!read.ok || !plan.ok) throw new Error('fixture');
  const result = planCase(read.value, plan.value, 'fixed');
  if (!result.ok) throw new Error(result.reason);
  const film = result.value.predictedCase.radiographs[0];
  if (film?.view !== 'lateral') throw new Error('no predicted film');
  return film;
}

/** The same film with every vertebra above T10 moved `dxPx` forward: the upper spine has drifted. */
function drifted(film: LateralRadiograph, dxPx: number): LateralRadiograph {
  const above = new Set([
    'C2',
    'C3',
    'C4',
    'C5',
    'C6',
    'C7',
    'T1',
    'T2',
    'T3',
    'T4',
    'T5',
    'T6',
    'T7',
    'T8',
    'T9',
  ]);
  return {
    ...film,
    vertebrae: Object.fromEntries(
      Object.entries(film.vertebrae).map(([level, v]) => [
        level,
        above.has(level)
          ? Object.fromEntries(Object.entries(v ?? {}).map(([k, p]) => [k, [p[0] + dxPx, p[1]]]))
          : v,
      ]),
    ),
  };
}

const ODI = (section: number) => Array.from({ length: 10 }, () => section);

describe.each(ENGINES)('the follow-up report (PDF) on %s', (engine) => {
  let t: TestServer;
  let caseId: string;
  let patientId: string;
  let pdf: Uint8Array;
  let texts: string[];
  let flowing: string;

  async function ok(response: Promise<{ status: number; text: string }>, status = 200) {
    const r = await response;
    expect(r.status, r.text).toBe(status);
    return r;
  }

  async function film(visitId: string | null, takenOn: string, landmarks: LateralRadiograph) {
    const created = await ok(
      t.admin.post(`/api/v1/cases/${caseId}/radiographs`, {
        view: 'lateral',
        anteriorOnImage: 'right',
        pixelSpacingMm: 0.15,
        calibrationMethod: 'manual',
        takenOn,
        ...(visitId === null ? {} : { visitId }),
      }),
      201,
    );
    const id = JSON.parse(created.text).id as string;
    await ok(
      t.admin.put(`/api/v1/radiographs/${id}/landmarks`, {
        vertebrae: landmarks.vertebrae,
        femoralHeads: landmarks.femoralHeads,
      }),
    );
  }

  beforeAll(async () => {
    t = await startTestServer(engine, {}, { clock: () => TODAY });
    const patient = await createPatient(t.admin, {
      name: NAME,
      mrn: MRN,
      birthDate: '1956-09-30',
      sex: 'male',
    });
    patientId = patient.id;
    caseId = (await createCase(t.admin, patient.id, { diagnosis: 'kyphosis' })).id;
    const pre = await ok(
      t.admin.post(`/api/v1/cases/${caseId}/radiographs`, {
        view: 'lateral',
        anteriorOnImage: 'right',
        pixelSpacingMm: 0.15,
        calibrationMethod: 'manual',
        takenOn: '2026-03-01',
      }),
      201,
    );
    await ok(
      t.admin.put(`/api/v1/radiographs/${JSON.parse(pre.text).id as string}/landmarks`, LATERAL_LANDMARKS),
    );
    const plan = (
      await ok(t.admin.post(`/api/v1/cases/${caseId}/plans`, { title: 'L3 PSO', content: PLAN }), 201)
    ).text;
    const planId = (JSON.parse(plan) as Plan).id;
    await ok(
      t.admin.put(`/api/v1/cases/${caseId}/operation`, {
        content: {
          format: 'spinerecon.operation/1',
          date: '2026-03-10',
          planId,
          planVersion: 1,
          performed: PERFORMED,
        },
      }),
    );
    const visits = JSON.parse(
      (
        await ok(
          t.admin.post(`/api/v1/cases/${caseId}/follow-up/schedule`, {
            intervals: [
              { label: '6 weeks', days: 42 },
              { label: '6 months', months: 6 },
              { label: '1 year', months: 12 },
            ],
          }),
        )
      ).text,
    ) as { id: string; label: string; dueDate: string }[];
    const [sixWeeks, sixMonths] = visits;
    if (sixWeeks === undefined || sixMonths === undefined) throw new Error('no visits');
    await ok(t.admin.patch(`/api/v1/follow-up/visits/${sixWeeks.id}`, { visitDate: '2026-04-21' }));
    await ok(t.admin.patch(`/api/v1/follow-up/visits/${sixMonths.id}`, { visitDate: '2026-09-10' }));
    const planned = predictedFilm();
    await film(sixWeeks.id, '2026-04-21', planned);
    await film(sixMonths.id, '2026-09-10', drifted(planned, 400));
    const answer = (instrument: string, answers: number[], answeredOn: string, visitId?: string) =>
      ok(
        t.admin.post(`/api/v1/cases/${caseId}/questionnaires/responses`, {
          instrument,
          answers,
          answeredOn,
          ...(visitId === undefined ? {} : { visitId }),
        }),
        201,
      );
    await answer('odi', ODI(3), '2026-03-01');
    await answer('odi', ODI(2), '2026-04-21', sixWeeks.id);
    await answer('odi', ODI(1), '2026-09-10', sixMonths.id);
    await answer('pain', [7, 6], '2026-03-01');
    await answer('pain', [6, 2], '2026-09-10', sixMonths.id);
    await ok(
      t.admin.post(`/api/v1/cases/${caseId}/complications`, {
        type: 'infectionSuperficial',
        onsetDate: '2026-03-20',
        clavienDindo: 'II',
        description: 'Wound redness at the lower end of the incision.',
        treatment: 'Oral antibiotics.',
        resolution: 'Healed.',
        resolvedDate: '2026-04-02',
      }),
      201,
    );
    await ok(
      t.admin.post(`/api/v1/cases/${caseId}/complications`, {
        type: 'proximalJunctionalKyphosis',
        onsetDate: '2026-09-10',
        clavienDindo: 'IIIb',
        visitId: sixMonths.id,
        description: 'Kyphosis above T10 on the 6-month film.',
      }),
      201,
    );
    const response = await fetchBytes(t.admin, `/api/v1/cases/${caseId}/follow-up/report.pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    pdf = response.bytes;
    texts = await pageTexts(pdf);
    flowing = (await pageTexts(pdf, 'raw')).join(' ').replace(/\s+/g, ' ');
  }, 180_000);
  afterAll(() => t.close());

  it('has as many PNG pages as PDF pages, none blank, each naming the patient and the decision-support notice', async () => {
    const document = await PDFDocument.load(pdf);
    const pages = await rasterize(pdf, 50);
    expect(pages).toHaveLength(document.getPageCount());
    expect(document.getPageCount()).toBeGreaterThanOrEqual(2);
    for (const page of pages) {
      const { inkShare, standardDeviation } = inkStatistics(page.raster);
      expect(inkShare, `page ${page.pageNumber}`).toBeGreaterThan(0.01);
      expect(standardDeviation, `page ${page.pageNumber}`).toBeGreaterThan(10);
    }
    for (const [i, text] of texts.entries()) {
      expect(text, `page ${i + 1}`).toContain(NAME);
      expect(text, `page ${i + 1}`).toContain(MRN);
      expect(text, `page ${i + 1}`).toContain('Decision support: the surgeon decides.');
    }
  }, 60_000);

  it('names the operation, the plan it followed and the visits', () => {
    expect(flowing).toContain('2026-03-10; fused T10 to S1, pelvic fixation iliac');
    expect(flowing).toContain('“L3 PSO”, version 1 (named by the operation record)');
    expect(flowing).toMatch(/6 weeks 2026-04-21 2026-04-21 standing lateral, 2026-04-21 odi/);
    expect(flowing).toMatch(/1 year \d{4}-\d{2}-\d{2} not seen yet no lateral film with landmarks/);
  });

  it('tracks the alignment against the plan: planned, then achieved at each visit', () => {
    const planned = predictedFilm();
    const lateralValues = (film: LateralRadiograph) => {
      const read = validateCase({ format: CASE_FORMAT, radiographs: [film] });
      if (!read.ok) throw new Error('film');
      const result = planCase(
        read.value,
        {
          format: 'spinerecon.plan/1',
          osteotomies: [],
          cages: [],
          vertebralBodyReplacements: [],
          screws: [],
          rods: [],
        },
        'fixed',
      );
      if (!result.ok) throw new Error(result.reason);
      return (
        result.value.preoperative.radiographs.find((r): r is LateralOutput => r.view === 'lateral')?.values ??
        {}
      );
    };
    const atSixWeeks = lateralValues(planned);
    const atSixMonths = lateralValues(drifted(planned, 400));
    const sva = texts.flatMap((text) => text.split('\n')).find((line) => /^\s*SVA\s/.test(line)) ?? '';
    expect(sva).toContain(`${(atSixWeeks.sagittalVerticalAxisMm ?? NaN).toFixed(1)} mm`);
    expect(sva).toContain(`${(atSixMonths.sagittalVerticalAxisMm ?? NaN).toFixed(1)} mm`);
    // 400 px × 0.15 mm = 60 mm further forward at 6 months.
    expect((atSixMonths.sagittalVerticalAxisMm ?? 0) - (atSixWeeks.sagittalVerticalAxisMm ?? 0)).toBeCloseTo(
      60,
      6,
    );
    expect(flowing).toContain('Alignment over time against the plan');
    expect(flowing).toMatch(/SVA \+60\.0 mm \(from the first postoperative film\)|SVA \+[\d.]+ mm/);
    expect(flowing).toContain('Proximal junctional kyphosis');
    expect(flowing).toContain('days after the operation');
  });

  it('gives the outcome scores over time with the MCID reached or not, and its source', () => {
    expect(flowing).toMatch(/2026-03-01 — Oswestry Disability Index ODI 60\.0 baseline \(first answers\)/);
    expect(flowing).toMatch(
      /2026-04-21 6 weeks Oswestry Disability Index ODI 40\.0 ODI: reached \(improved 20\.00\)/,
    );
    expect(flowing).toMatch(
      /NRS back pain: not reached \(improved 1\.00\); NRS leg pain: reached \(improved 4\.00\)/,
    );
    expect(flowing).toContain(`ODI: MCID ${MCID.odi?.value}`);
    expect(flowing).toContain('Yoshida');
  });

  it('lists the complications with their Clavien–Dindo grade and source', () => {
    expect(flowing).toMatch(/2026-03-20 Infection, superficial II: Requiring pharmacological treatment/);
    expect(flowing).toContain('Treatment: Oral antibiotics.');
    expect(flowing).toContain('Healed. (2026-04-02)');
    expect(flowing).toMatch(/Proximal junctional kyphosis IIIb: Requiring surgical/);
    expect(flowing).toContain('not resolved');
    expect(flowing).toContain('Dindo D, Demartines N, Clavien PA');
  });

  it('draws the charts, and keeps a page as a screenshot', async () => {
    const index = texts.findIndex((text) => text.includes('days after the operation'));
    expect(index).toBeGreaterThanOrEqual(0);
    const [page] = await rasterize(pdf, 90, index + 1);
    if (page === undefined) throw new Error('no page');
    expect(inkStatistics(page.raster).inkShare).toBeGreaterThan(0.03);
    if (engine === 'sqlite') {
      await mkdir(new URL('.', SCREENSHOT), { recursive: true });
      await writeFile(SCREENSHOT, page.png);
    }
  }, 60_000);

  it('is audited as a read of the case’s outcomes; a case without an operation still gets a report', async () => {
    const trail = (await t.admin.get(`/api/v1/audit?resourceType=outcomes&limit=200`)).json<
      Page<AuditEvent>
    >();
    const reads = trail.items.filter(
      (e) => e.resourceId === caseId && e.action === 'read' && e.outcome === 'success',
    );
    expect(reads.length).toBeGreaterThan(0);
    expect(reads[0]?.patientId).toBe(patientId);
    const other = await createCase(t.admin, patientId);
    const bare = await fetchBytes(t.admin, `/api/v1/cases/${other.id}/follow-up/report.pdf`);
    expect(bare.status).toBe(200);
    const text = (await pageTexts(bare.bytes, 'raw')).join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('no operation recorded');
    expect(text).toContain('No follow-up visit scheduled.');
    expect(text).toContain('No complication recorded.');
    const missing = await t.admin.get(
      `/api/v1/cases/00000000-0000-4000-8000-000000000000/follow-up/report.pdf`,
    );
    expect(missing.status).toBe(404);
  }, 60_000);

  it('is refused to a researcher', async () => {
    const researcher = await t.userWithRole('researcher');
    const response = await researcher.get(`/api/v1/cases/${caseId}/follow-up/report.pdf`);
    expect(response.status).toBe(403);
  });
});
