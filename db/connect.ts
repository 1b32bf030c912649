import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, sql, type Dialect } from 'kysely';
import pg from 'pg';
import { INT8_OID, int8AsNumber } from './int8.js';
import { PGliteThread } from './pglite-thread.js';
import { PGliteThreadDialect } from './pglite-thread-dialect.js';
import { usePreparedStatements } from './prepared-statements.js';
import type { Database } from './types.js';

export type DialectName = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  close(): Promise<void>;
}

pg.types.setTypeParser(INT8_OID, int8AsNumber);

export interface OpenOptions {
  databaseUrl?: string;
  dataDir: string;
  /** false: PGlite in this thread, as before it had one of its own (see embeddedDialect). */
  pgliteThread?: boolean;
  /** Postgres closed an idle pooled connection (the pool replaces it). */
  onIdleError?: (err: Error) => void;
  /** The embedded database's thread died: every query fails from then on. */
  onEmbeddedDeath?: (err: Error) => void;
}

/**
 * Opens Postgres when a URL is given, otherwise the embedded PGlite database under dataDir,
 * which needs nothing installed and keeps its files between runs. PGlite runs in a worker
 * thread: its WASM is synchronous, and in the server's thread every query would stall the event
 * loop (WebSockets, timers, media signalling) for as long as it runs.
 */
export async function openDatabase(opts: OpenOptions): Promise<DatabaseHandle> {
  if (opts.databaseUrl) {
    // Repeated SQL runs as named prepared statements: parsed and planned once per connection.
    const pool = usePreparedStatements(new pg.Pool({ connectionString: opts.databaseUrl, max: 10 }));
    // A pooled connection the database closes while idle (a Postgres restart, an administrator)
    // is an 'error' event on the pool; unheard, it would end the process. The pool replaces it.
    pool.on('error', (err) => opts.onIdleError?.(err));
    // The pool stops listening to a connection while it is checked out (in a transaction, or
    // between taking it and querying). Closed then, the connection fails its queries — which
    // their callers see — and also emits 'error', which, unheard, would end the process.
    pool.on('connect', (client) => client.on('error', () => {}));
    // Fail at start with the server's own words rather than at the first request.
    const client = await pool.connect();
    client.release();
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const dir = path.join(opts.dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const db = new Kysely<Database>({ dialect: await embeddedDialect(dir, opts) });
  return { db, dialect: 'pglite', close: () => db.destroy() };
}

/**
 * In its own thread by default. In the server's thread a statement costs no crossing to the thread
 * and back (about 0.1 ms on a free core, more on a busy one), which a database-bound script, or a
 * machine too small to run two threads, may prefer to a responsive event loop.
 */
async function embeddedDialect(dir: string, opts: OpenOptions): Promise<Dialect> {
  if (opts.pgliteThread !== false) return new PGliteThreadDialect(await PGliteThread.start(dir, opts.onEmbeddedDeath));
  const [{ PGlite }, { PGliteDialect }] = await Promise.all([import('@electric-sql/pglite'), import('kysely-pglite-dialect')]);
  return new PGliteDialect(await PGlite.create(dir, { parsers: { [INT8_OID]: int8AsNumber } }));
}

/** The cheapest round trip: the database answers at all. */
export async function ping(db: Kysely<Database>): Promise<true> {
  await sql`select 1`.execute(db);
  return true;
}
