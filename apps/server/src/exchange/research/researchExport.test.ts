import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { scoreQuestionnaire } from '@spinerecon/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../test-support/apiClient.js';
import {
  CORONAL_LANDMARKS,
  DICOM_BYTES,
  LATERAL_LANDMARKS,
  createCase,
  createPatient,
  createRadiograph,
  imageForm,
} from '../../test-support/fixtures.js';
import { ENGINES } from '../../test-support/testDatabase.js';
import { startTestServer, type TestServer } from '../../test-support/testServer.js';
import type { AuditEvent, Page } from '../../test-support/types.js';
import { patientDateShiftDays } from '../../services/deidentifiedImages.js';
import { CSV_COLUMNS } from './csvColumns.js';
import { NDJSON_FIELDS } from './dictionary.js';
import type { ResearchCase } from './researchCase.js';

// The research export leaves no identifier behind: patients whose names and MRNs are in a list, written into
// every free-text field there is, are exported in both formats and every byte is searched for them.

const ODI_ANSWERS = [2, 3, 1, 2, 1, 2, 1, 0, 2, 3];

const PEOPLE = [
  { name: 'Zoë Quarantotto', mrn: 'QX-771-204', birthDate: '1961-07-19', sex: 'female' },
  { name: 'Bartholomew Ngata-Flintoff', mrn: 'MRN-58813-ZZ', birthDate: '1949-11-02', sex: 'male' },
  { name: 'Inés Wojciechowska', mrn: 'H0099812', birthDate: '1975-02-28', sex: 'female' },
] as const;

interface Seeded {
  readonly identifiers: string[];
  readonly caseIds: string[];
  readonly patientIds: string[];
  readonly filmDates: Map<string, string[]>;
}

/** Patients of PEOPLE with a case each: films, landmarks, a plan, an operation, complications, notes — all naming them. */
async function seedIdentifiable(t: TestServer, client: ApiClient): Promise<Seeded> {
  const db = t.server.services.storage.db;
  const seeded: Seeded = { identifiers: [], caseIds: [], patientIds: [], filmDates: new Map() };
  const userId = (await client.get('/api/v1/session')).json<{ user: { id: string } }>().user.id;
  for (const person of PEOPLE) {
    const tag = `${person.name} (${person.mrn}, born ${person.birthDate})`;
    const patient = await createPatient(client, { ...person, description: `Patient ${tag}` });
    const spineCase = await createCase(client, patient.id, {
      diagnosis: 'scoliosis',
      description: `Referred for ${tag}`,
    });
    const lateral = await createRadiograph(client, spineCase.id, 'lateral');
    const coronal = await createRadiograph(client, spineCase.id, 'coronal');
    await client.patch(`/api/v1/radiographs/${lateral.id}`, {
      description: `lateral of ${tag}`,
      takenOn: '2026-01-05',
    });
    await client.patch(`/api/v1/radiographs/${coronal.id}`, {
      description: `AP of ${tag}`,
      takenOn: '2026-01-07',
    });
    const fileName = `${person.name.replace(/\s/g, '_')}_${person.mrn}.dcm`;
    expect(
      (await client.put(`/api/v1/radiographs/${lateral.id}/image`, imageForm(DICOM_BYTES, fileName))).status,
    ).toBe(200);
    expect((await client.put(`/api/v1/radiographs/${lateral.id}/landmarks`, LATERAL_LANDMARKS)).status).toBe(
      200,
    );
    expect((await client.put(`/api/v1/radiographs/${coronal.id}/landmarks`, CORONAL_LANDMARKS)).status).toBe(
      200,
    );
    const plan = await client.post(`/api/v1/cases/${spineCase.id}/plans`, {
      title: `Plan for ${tag}`,
      content: {
        format: 'spinerecon.plan/1',
        fusion: { upperInstrumentedVertebra: 'T4', lowerInstrumentedVertebra: 'L3', pelvicFixation: 'none' },
        osteotomies: [{ level: 'T12', grade: 2, angleDeg: 10 }],
      },
    });
    expect(plan.status).toBe(201);
    const at = new Date().toISOString();
    const operation = {
      format: 'spinerecon.operation/1',
      date: '2026-02-01',
      durationMin: 280,
      neuromonitoringAlerts: [{ description: `alert during ${tag}`, action: 'none' }],
      intraoperativeComplications: [`bleeding in ${tag}`],
      implants: [{ description: `rod for ${person.name}`, udi: person.mrn }],
      notes: `Operation notes of ${tag}`,
    };
    await db
      .insertInto('operations')
      .values({ case_id: spineCase.id, version: 1, created_at: at, updated_at: at })
      .execute();
    await db
      .insertInto('operation_versions')
      .values({
        case_id: spineCase.id,
        version: 1,
        content: JSON.stringify(operation),
        created_by: userId,
        created_at: at,
      })
      .execute();
    const rehab = {
      phases: [{ name: `Phase of ${tag}`, goals: [`goal of ${person.name}`], restrictions: [] }],
    };
    await db
      .insertInto('rehab_programmes')
      .values({ case_id: spineCase.id, version: 1, created_at: at, updated_at: at })
      .execute();
    await db
      .insertInto('rehab_programme_versions')
      .values({
        case_id: spineCase.id,
        version: 1,
        content: JSON.stringify(rehab),
        created_by: userId,
        created_at: at,
      })
      .execute();
    const visitId = randomUUID();
    await db
      .insertInto('follow_up_visits')
      .values({
        id: visitId,
        case_id: spineCase.id,
        label: `visit of ${tag}`,
        due_date: '2026-03-01',
        visit_date: '2026-03-02',
        notes: `seen: ${tag}`,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await db
      .insertInto('complications')
      .values({
        id: randomUUID(),
        case_id: spineCase.id,
        visit_id: visitId,
        type: 'infectionSuperficial',
        onset_date: '2026-02-10',
        clavien_dindo: 'II',
        description: `infection in ${tag}`,
        treatment: `antibiotics for ${person.name}`,
        resolution: `resolved, ${person.mrn}`,
        resolved_date: '2026-02-20',
        recorded_by: userId,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await db
      .insertInto('therapy_sessions')
      .values({
        id: randomUUID(),
        case_id: spineCase.id,
        session_date: '2026-02-05',
        phase: 'early',
        notes: `session with ${tag}`,
        progress: `${person.name} walks`,
        recorded_by: userId,
        created_at: at,
      })
      .execute();
    // ODI 2,3,1,2,1,2,1,0,2,3 = 17 of 50 → 34 % (Fairbank 2000), answered 32 days after the operation.
    await db
      .insertInto('questionnaire_responses')
      .values({
        id: randomUUID(),
        case_id: spineCase.id,
        visit_id: visitId,
        invitation_id: null,
        instrument: 'odi',
        answers: JSON.stringify(ODI_ANSWERS),
        score: JSON.stringify(scoreQuestionnaire('odi', ODI_ANSWERS)),
        answered_at: '2026-03-05T10:00:00.000Z',
        source: 'staff',
        recorded_by: userId,
      })
      .execute();
    seeded.identifiers.push(
      person.name,
      person.mrn,
      person.birthDate,
      patient.id,
      spineCase.id,
      lateral.id,
      coronal.id,
    );
    seeded.identifiers.push(...person.name.split(/[\s-]/).filter((part) => part.length >= 4));
    seeded.caseIds.push(spineCase.id);
    seeded.patientIds.push(patient.id);
    seeded.filmDates.set(patient.id, ['2026-01-05', '2026-01-07']);
  }
  return seeded;
}

/** Every identifier that occurs anywhere in the bytes (as UTF-8, and case-insensitively in the text). */
function identifiersIn(bytes: Buffer, identifiers: readonly string[]): string[] {
  const text = bytes.toString('utf8').normalize('NFC').toLowerCase();
  return identifiers.filter(
    (id) => bytes.includes(Buffer.from(id, 'utf8')) || text.includes(id.normalize('NFC').toLowerCase()),
  );
}

async function download(client: ApiClient, format: 'ndjson' | 'csv') {
  const response = await fetch(`${client.baseUrl}/api/v1/research/export?format=${format}`, {
    headers: { cookie: client.cookieHeader },
  });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe.each(ENGINES)('research export on %s (dates off)', (engine) => {
  let t: TestServer;
  let researcher: ApiClient;
  let seeded: Seeded;

  beforeAll(async () => {
    t = await startTestServer(engine);
    seeded = await seedIdentifiable(t, t.admin);
    researcher = await t.userWithRole('researcher', 'export-researcher');
  }, 120_000);
  afterAll(() => t?.close());

  it.each(['ndjson', 'csv'] as const)(
    'contains no name, MRN, birth date or record id anywhere in its %s bytes',
    async (format) => {
      const { response, bytes } = await download(researcher, format);
      expect(response.status).toBe(200);
      expect(bytes.length).toBeGreaterThan(1000);
      expect(identifiersIn(bytes, seeded.identifiers)).toEqual([]);
      // Dates are off: no calendar date at all.
      expect(bytes.toString('utf8')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    },
  );

  it('finds an identifier when one is there (the scan can fail)', () => {
    const bytes = Buffer.from(`{"note":"${PEOPLE[0].name.toUpperCase()}"}`);
    expect(identifiersIn(bytes, seeded.identifiers)).toContain(PEOPLE[0].name);
  });

  it('says how many cases follow, and gives one NDJSON line per case with measurements, plan, operation and outcomes', async () => {
    const { response, bytes } = await download(researcher, 'ndjson');
    expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = bytes.toString('utf8').trim().split('\n');
    expect(response.headers.get('x-total-count')).toBe(String(seeded.caseIds.length));
    expect(lines).toHaveLength(seeded.caseIds.length);
    const rows = lines.map((line) => JSON.parse(line) as ResearchCase);
    for (const row of rows) {
      expect(row.caseId).toMatch(/^C-[0-9a-f]{16}$/);
      expect(row.dayZero).toBe('operation');
      expect(row.radiographs.map((r) => r.day)).toEqual([-27, -25]);
      expect(row.radiographs[0]?.measurements).not.toBeNull();
      expect(row.classification?.srsSchwab).toBeDefined();
      expect(row.plan?.osteotomies).toEqual([{ level: 'T12', grade: 2, angleDeg: 10 }]);
      expect(row.operation).toMatchObject({
        day: 0,
        date: null,
        durationMin: 280,
        neuromonitoringAlertCount: 1,
        implantCount: 1,
      });
      expect(row.complications).toEqual([
        {
          type: 'infectionSuperficial',
          clavienDindo: 'II',
          onsetDay: 9,
          onsetOn: null,
          resolved: true,
          resolvedDay: 19,
        },
      ]);
      expect(row.case.radiographs.map((r) => r.id)).toEqual(row.radiographs.map((r) => r.id));
      expect(row.outcomes).toEqual([
        {
          instrument: 'odi',
          day: 32,
          answeredOn: null,
          source: 'staff',
          answers: ODI_ANSWERS,
          scores: { scorePercent: 34, band: 'moderate', answeredSections: 10 },
        },
      ]);
    }
    expect(new Set(rows.map((r) => r.patientPseudonym)).size).toBe(PEOPLE.length);
  });

  it('gives the same pseudonyms in a second export', async () => {
    const first = (await download(researcher, 'ndjson')).bytes.toString('utf8');
    const second = (await download(researcher, 'ndjson')).bytes.toString('utf8');
    const ids = (text: string) =>
      text
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as ResearchCase).caseId)
        .sort();
    expect(ids(second)).toEqual(ids(first));
  });

  it('writes CSV with the dictionary columns, one row per case, every row as wide as the header', async () => {
    const { response, bytes } = await download(researcher, 'csv');
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const records = bytes
      .toString('utf8')
      .split('\r\n')
      .filter((l) => l !== '');
    expect(records[0]).toBe(CSV_COLUMNS.map((c) => c.name).join(','));
    expect(records).toHaveLength(1 + seeded.caseIds.length);
    for (const record of records) expect(record.split(',')).toHaveLength(CSV_COLUMNS.length);
    const header = records[0]?.split(',') ?? [];
    const first = records[1]?.split(',') ?? [];
    expect(Number(first[header.indexOf('lateral.pelvicIncidenceDeg')])).toBeGreaterThan(0);
    expect(first[header.indexOf('plan.maxOsteotomyGrade')]).toBe('2');
    expect(first[header.indexOf('maxClavienDindo')]).toBe('II');
    expect(first[header.indexOf('odi.first.day')]).toBe('32');
    expect(first[header.indexOf('odi.last.scorePercent')]).toBe('34');
  });

  it('records every exported case in the audit trail under the researcher', async () => {
    await download(researcher, 'csv');
    const trail = (await t.admin.get('/api/v1/audit?resourceType=research-case&limit=200')).json<
      Page<AuditEvent>
    >();
    const mine = trail.items.filter((e) => e.username === 'export-researcher' && e.action === 'list');
    expect(new Set(mine.map((e) => e.patientId))).toEqual(new Set(seeded.patientIds));
  });

  it('is refused to a therapist, and the dictionary lists every CSV column', async () => {
    const therapist = await t.userWithRole('therapist');
    expect((await therapist.get('/api/v1/research/export')).status).toBe(403);
    const dictionary = (await researcher.get('/api/v1/research/export/dictionary')).json<{
      dates: string;
      csv: { columns: { name: string }[] };
    }>();
    expect(dictionary.dates).toBe('off');
    expect(dictionary.csv.columns.map((c) => c.name)).toEqual(CSV_COLUMNS.map((c) => c.name));
  }, 60_000);
});

describe('research export with dates shifted per patient', () => {
  let t: TestServer;
  let seeded: Seeded;

  beforeAll(async () => {
    t = await startTestServer('sqlite', { SPINERECON_RESEARCH_DATES: 'shift' });
    seeded = await seedIdentifiable(t, t.admin);
  }, 120_000);
  afterAll(() => t?.close());

  it("shifts every date of a patient by that patient's days (the same as the de-identified DICOM)", async () => {
    const { bytes } = await download(t.admin, 'ndjson');
    // The export made the installation's key on first use.
    const secret = await t.server.services.storage.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'deidentify-secret')
      .executeTakeFirstOrThrow();
    expect(
      identifiersIn(
        bytes,
        seeded.identifiers.filter((id) => !/^\d{4}-/.test(id)),
      ),
    ).toEqual([]);
    const rows = bytes
      .toString('utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ResearchCase);
    const patients = await t.server.services.storage.db
      .selectFrom('patients')
      .select(['id', 'pseudonym'])
      .execute();
    for (const row of rows) {
      const patient = patients.find((p) => p.pseudonym === row.patientPseudonym);
      if (patient === undefined) throw new Error('unknown pseudonym');
      const shift = patientDateShiftDays(secret.value, patient.id);
      const moved = (date: string) =>
        new Date(Date.parse(`${date}T00:00:00Z`) + shift * 86_400_000).toISOString().slice(0, 10);
      expect(row.radiographs.map((r) => r.takenOn)).toEqual(seeded.filmDates.get(patient.id)?.map(moved));
      expect(row.operation?.date).toBe(moved('2026-02-01'));
      expect(row.complications[0]?.onsetOn).toBe(moved('2026-02-10'));
      expect(row.radiographs.map((r) => r.day)).toEqual([-27, -25]);
    }
  });
});

describe('the data dictionary document', () => {
  it('names every CSV column and every NDJSON field', () => {
    const doc = readFileSync(
      new URL('../../../../../docs/formats/research-export.md', import.meta.url),
      'utf8',
    );
    const missing = [...CSV_COLUMNS.map((c) => c.name), ...NDJSON_FIELDS.map((f) => f.name)].filter(
      (name) => !doc.includes(`\`${name}\``),
    );
    expect(missing).toEqual([]);
  });
});
