import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type Engine = 'sqlite' | 'postgres';

/** An open database: the Kysely handle every repository uses, and what only the engine can do. */
export interface Storage {
  readonly engine: Engine;
  readonly db: Kysely<Database>;
  /** SQLite: the file; PostgreSQL: the connection URL. */
  readonly location: string;
  /** `ok` when the engine's own consistency check passes (SQLite `PRAGMA integrity_check`). */
  integrityCheck(): Promise<string>;
  close(): Promise<void>;
}

/** int8 (bigint: counts, audit ids) as a JS number: exact up to 2^53, far beyond our row counts. */
const INT8_OID = 20;

export function openPostgres(
  url: string,
  poolSize: number,
  onIdleError: (code: string) => void = () => undefined,
): Storage {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as never,
    },
  });
  // An idle connection can be closed by the server (restart, administrator, failover): node-postgres then
  // emits 'error' on the pool, which would crash the process unhandled. The pool drops that connection and
  // opens a new one on the next query; the next query fails visibly if the database is really gone.
  pool.on('error', (error: Error & { code?: string }) => onIdleError(error.code ?? error.name));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    engine: 'postgres',
    db,
    location: url,
    integrityCheck: async () => 'ok',
    close: () => db.destroy(),
  };
}

export function openSqlite(file: string): Storage {
  mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  // WAL: readers never block the writer; FULL: a transaction is on disk when COMMIT returns, so every
  // acknowledged write survives a crash of the process or of the machine (docs/decisions/0005).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    engine: 'sqlite',
    db,
    location: file,
    integrityCheck: async () => {
      const rows = sqlite.pragma('integrity_check') as { integrity_check: string }[];
      return rows.map((row) => row.integrity_check).join('; ');
    },
    close: () => db.destroy(),
  };
}
