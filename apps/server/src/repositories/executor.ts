import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';

/** The database or a transaction on it: repositories take either, services choose. */
export type Executor = Kysely<Database>;

export const now = (): string => new Date().toISOString();

export interface Page {
  readonly limit: number;
  readonly offset: number;
}

/**
 * `column LIKE '%text%'` on the lower-cased column, with `%`, `_` and `\` in the text matching themselves
 * (SQLite has no default LIKE escape character, so it is named).
 */
export function containsText(columns: readonly string[], text: string): RawBuilder<boolean> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const tests = columns.map((column) => sql`lower(${sql.ref(column)}) like ${pattern} escape '\\'`);
  return sql<boolean>`(${sql.join(tests, sql` or `)})`;
}
