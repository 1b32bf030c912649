import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { usePreparedStatements } from './prepared-statements.js';
import type { Database } from './types.js';

export type DialectName = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  close(): Promise<void>;
}

// int8 (bigint: sizes, sequence numbers) comes back from pg as a string by default; the values
// we store fit a double comfortably.
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * Opens Postgres when a URL is given, otherwise the embedded PGlite database under dataDir,
 * which needs nothing installed and keeps its files between runs.
 */
export async function openDatabase(opts: { databaseUrl?: string; dataDir: string; onIdleError?: (err: Error) => void }): Promise<DatabaseHandle> {
  if (opts.databaseUrl) {
    // Repeated SQL runs as named prepared statements: parsed and planned once per connection.
    const pool = usePreparedStatements(new pg.Pool({ connectionString: opts.databaseUrl, max: 10 }));
    // A pooled connection the database closes while idle (a Postgres restart, an administrator)
    // is an 'error' event on the pool; unheard, it would end the process. The pool replaces it.
    pool.on('error', (err) => opts.onIdleError?.(err));
    // Fail at start with the server's own words rather than at the first request.
    const client = await pool.connect();
    client.release();
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const dir = path.join(opts.dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir, {
    parsers: { 20: (v: string) => Number(v) },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  return { db, dialect: 'pglite', close: () => db.destroy() };
}

/** The cheapest round trip: the database answers at all. */
export async function ping(db: Kysely<Database>): Promise<true> {
  await sql`select 1`.execute(db);
  return true;
}
