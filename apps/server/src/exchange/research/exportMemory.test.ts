import { randomBytes, randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrations.js';
import type { Storage } from '../../db/database.js';
import type { RequestContext } from '../../domain/context.js';
import { openStorage } from '../../server.js';
import { CORONAL_LANDMARKS, LATERAL_LANDMARKS } from '../../test-support/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/testDatabase.js';
import { researchExport } from './researchExport.js';

// The research export streams: with 5,000 cases of two measured films each, what the process holds (heap after a
// full collection, and resident memory) stays flat while some 48 MB of NDJSON go through. No timing is asserted.

const CASES = 5_000;

// A full garbage collection before each reading, so that what is measured is what is still held, not garbage
// the collector has not come to yet.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const BATCH = 250;

async function seed(storage: Storage, userId: string): Promise<void> {
  const db = storage.db;
  const at = new Date().toISOString();
  const lateral = JSON.stringify(LATERAL_LANDMARKS);
  const coronal = JSON.stringify(CORONAL_LANDMARKS);
  for (let start = 0; start < CASES; start += BATCH) {
    const batch = Array.from({ length: BATCH }, () => ({
      patient: randomUUID(),
      case: randomUUID(),
      lateral: randomUUID(),
      coronal: randomUUID(),
    }));
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('patients')
        .values(
          batch.map((b, i) => ({
            id: b.patient,
            pseudonym: `P-${randomBytes(6).toString('hex')}`,
            mrn: `MEM-${start + i}`,
            name: `Memory Patient ${start + i}`,
            name_search: `memory patient ${start + i}`,
            birth_date: '1955-05-05',
            sex: 'female',
            description: '',
            created_at: at,
            updated_at: at,
          })),
        )
        .execute();
      await trx
        .insertInto('cases')
        .values(
          batch.map((b) => ({
            id: b.case,
            patient_id: b.patient,
            diagnosis: 'scoliosis',
            status: 'assessment',
            surgeon_id: null,
            description: '',
            created_at: at,
            updated_at: at,
          })),
        )
        .execute();
      const film = (id: string, caseId: string, view: 'lateral' | 'coronal') => ({
        id,
        case_id: caseId,
        view,
        posture: 'standing',
        taken_on: '2026-01-05',
        pixel_spacing_mm: '0.15',
        calibration_method: 'manual',
        calibration_note: null,
        anterior_on_image: view === 'lateral' ? 'right' : null,
        patient_right_on_image: view === 'coronal' ? 'left' : null,
        image_sha256: null,
        image_filename: null,
        description: '',
        visit_id: null,
        landmark_version: 1,
        created_at: at,
        updated_at: at,
      });
      await trx
        .insertInto('radiographs')
        .values(
          batch.flatMap((b) => [film(b.lateral, b.case, 'lateral'), film(b.coronal, b.case, 'coronal')]),
        )
        .execute();
      await trx
        .insertInto('landmark_versions')
        .values(
          batch.flatMap((b) => [
            { radiograph_id: b.lateral, version: 1, content: lateral, created_by: userId, created_at: at },
            { radiograph_id: b.coronal, version: 1, content: coronal, created_by: userId, created_at: at },
          ]),
        )
        .execute();
    });
  }
}

describe('research export memory', () => {
  let database: TestDatabase;
  let storage: Storage;
  const context: RequestContext = {
    actor: { userId: randomUUID(), username: 'memory-test', displayName: 'Memory test', role: 'researcher' },
    ip: '127.0.0.1',
    requestId: 'memory-test',
  };

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    storage = openStorage({ databaseUrl: undefined, dataDir: database.dataDir, postgresPoolSize: 1 });
    await migrate(storage.db, storage.engine);
    await storage.db
      .insertInto('users')
      .values({
        id: context.actor.userId,
        username: 'memory-test',
        display_name: 'Memory test',
        role: 'researcher',
        password_hash: null,
        oidc_subject: null,
        disabled: 0,
        created_at: new Date().toISOString(),
      })
      .execute();
    await seed(storage, context.actor.userId);
  }, 300_000);
  afterAll(async () => {
    await storage?.close();
    await database?.drop();
  });

  it.each(['ndjson', 'csv'] as const)(
    'exports 5,000 cases as %s with flat memory: what it holds does not grow with the cases written',
    async (format) => {
      let bytes = 0;
      let lines = 0;
      let pages = 0;
      let baselineRss = 0;
      let peakRss = 0;
      let baselineHeap = 0;
      let peakHeap = 0;
      for await (const chunk of researchExport(storage.db, context, 'off', { format })) {
        bytes += Buffer.byteLength(chunk);
        for (let i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', i + 1)) lines += 1;
        pages += 1;
        collectGarbage();
        const { rss, heapUsed } = process.memoryUsage();
        // After a few pages the code is compiled and the caches are warm: growth from here is what streams.
        if (pages === 3) {
          baselineRss = rss;
          baselineHeap = heapUsed;
        }
        peakRss = Math.max(peakRss, rss);
        peakHeap = Math.max(peakHeap, heapUsed);
      }
      const rssGrowthMb = (peakRss - baselineRss) / 1e6;
      const heapGrowthMb = (peakHeap - baselineHeap) / 1e6;
      console.log(
        `${format}: ${lines} lines, ${(bytes / 1e6).toFixed(1)} MB written; growth after page 3: RSS ${rssGrowthMb.toFixed(1)} MB, heap ${heapGrowthMb.toFixed(1)} MB`,
      );
      expect(lines).toBe(format === 'csv' ? CASES + 1 : CASES);
      // NDJSON writes some 48 MB: holding it would show; CSV (2.4 MB) checks the reading side.
      if (format === 'ndjson') expect(bytes).toBeGreaterThan(40e6);
      expect(heapGrowthMb).toBeLessThan(8);
      expect(rssGrowthMb).toBeLessThan(24);
    },
    600_000,
  );
});
