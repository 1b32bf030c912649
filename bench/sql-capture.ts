import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { PGliteThread } from '../db/pglite-thread.js';

// The SQL one API operation sends, caught at the driver (below kysely, so `begin` and `commit`
// are in it too) and replayed straight on the database: the floor the operation's own cost is
// measured against. Patching the drivers' prototypes reaches the connections the server made
// without anything in the server knowing about the bench.

export interface Statement {
  text: string;
  values: unknown[];
}

let recording: Statement[] | undefined;
/** The server's embedded database: PGlite itself, or the thread that runs it (the default). */
let pgliteSeen: { query(text: string, values: unknown[]): Promise<unknown> } | undefined;

type QueryFn = (this: unknown, ...args: unknown[]) => unknown;

function record(first: unknown, second: unknown): void {
  if (!recording) return;
  // pg takes (text, values) or a config object (what named prepared statements use).
  if (typeof first === 'string') recording.push({ text: first, values: (second as unknown[] | undefined) ?? [] });
  else if (first && typeof first === 'object' && 'text' in first) {
    const config = first as { text: string; values?: unknown[] };
    recording.push({ text: config.text, values: config.values ?? [] });
  }
}

function patch(proto: { query: unknown }, onCall?: (self: unknown) => void): void {
  const original = proto.query as QueryFn;
  proto.query = function (this: unknown, ...args: unknown[]) {
    record(args[0], args[1]);
    onCall?.(this);
    return original.apply(this, args);
  };
}

// At import, before any server opens its database, so whatever wraps the clients wraps these.
patch(PGlite.prototype as unknown as { query: unknown }, (self) => (pgliteSeen = self as PGlite));
patch(PGliteThread.prototype as unknown as { query: unknown }, (self) => (pgliteSeen = self as PGliteThread));
patch(pg.Client.prototype as unknown as { query: unknown });

/**
 * The statements sent while `work` runs. Background jobs (the composition queue, webhook
 * polling) may query meanwhile, so `work` runs `tries` times and the shortest capture is kept.
 */
export async function captureSql(work: () => Promise<unknown>, tries = 5): Promise<Statement[]> {
  let best: Statement[] | undefined;
  for (let i = 0; i < tries; i++) {
    const statements = await captureOnce(work);
    if (!best || statements.length < best.length) best = statements;
  }
  return best!;
}

async function captureOnce(work: () => Promise<unknown>): Promise<Statement[]> {
  const statements: Statement[] = [];
  recording = statements;
  try {
    await work();
  } finally {
    recording = undefined;
  }
  return statements;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The statements with new values for what must be unique on each run: every UUID (one new one per
 * distinct old one, so references between rows still hold) and the strings in `unique`.
 */
export function freshen(statements: Statement[], unique: string[] = []): Statement[] {
  const map = new Map<string, string>();
  const fresh = (v: unknown) => {
    if (typeof v !== 'string' || !(UUID.test(v) || unique.includes(v))) return v;
    if (!map.has(v)) map.set(v, UUID.test(v) ? uuidv7() : `${v}-${map.size}-${Math.random()}`);
    return map.get(v);
  };
  return statements.map((s) => ({ text: s.text, values: s.values.map(fresh) }));
}

/** Sends statements one after another on one connection, the way the driver sends them unprepared. */
export interface RawRunner {
  run(statements: Statement[]): Promise<void>;
  close(): Promise<void>;
}

/** A connection of its own on Postgres; PGlite has one connection, the server's (through its thread, as the server's statements go). */
export async function rawRunner(databaseUrl: string | undefined): Promise<RawRunner> {
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    return {
      async run(statements) {
        for (const s of statements) await client.query(s.text, s.values);
      },
      close: () => client.end(),
    };
  }
  const db = pgliteSeen;
  if (!db) throw new Error('rawRunner: no PGlite query seen yet; capture an operation first');
  return {
    async run(statements) {
      for (const s of statements) await db.query(s.text, s.values);
    },
    close: async () => {},
  };
}
