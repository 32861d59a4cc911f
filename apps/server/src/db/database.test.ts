import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_ADMIN_URL, createTestDatabase, type TestDatabase } from '../test-support/testDatabase.js';
import { openPostgres, type Storage } from './database.js';

describe('a PostgreSQL pool whose idle connections the database server closes', () => {
  let database: TestDatabase;
  let storage: Storage;
  const closed: string[] = [];
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    storage = openPostgres(database.databaseUrl ?? '', 4, (code) => closed.push(code));
  });
  afterAll(async () => {
    await storage.close();
    await database.drop();
  });

  it('reports the closure instead of crashing, and serves the next query on a new connection', async () => {
    await sql`select 1`.execute(storage.db);
    // An administrator (or a restart) ends every connection to the database.
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    try {
      await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [new URL(database.databaseUrl ?? '').pathname.slice(1)],
      );
    } finally {
      await admin.end();
    }
    for (let i = 0; i < 50 && closed.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(closed).toEqual(['57P01']); // admin_shutdown: "terminating connection due to administrator command"
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(storage.db);
    expect(rows).toEqual([{ one: 1 }]);
  });
});
