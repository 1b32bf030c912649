import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import { PGliteThread } from '../../db/pglite-thread.js';
import { PGliteThreadDialect } from '../../db/pglite-thread-dialect.js';
import { insertRoom } from '../../db/rooms.js';
import { loadConfig } from '../../server/app/config.js';
import type { Database, NewRoom } from '../../db/types.js';

// The embedded database in its worker thread, real PGlite throughout: what the server's code
// relies on (types, transactions, Postgres error fields) and what the thread is for (the event
// loop keeps turning while a query runs), and what happens when the thread ends.

const room = (name: string | null): NewRoom => {
  const now = new Date();
  return { id: crypto.randomUUID(), unique_name: name, max_participants: 10, enable_recording: false, created_at: now, updated_at: now };
};

const countRooms = async (db: Kysely<Database>, like: string) =>
  (
    await db
      .selectFrom('rooms')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('unique_name', 'like', like)
      .executeTakeFirstOrThrow()
  ).n;

describe('PGlite in a worker thread', () => {
  const dirs: string[] = [];
  let handle: DatabaseHandle;
  let db: Kysely<Database>;
  const tempDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pglite-thread-test-'));
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    handle = await openDatabase({ dataDir: tempDir() });
    db = handle.db;
    await migrateToLatest(db);
  });

  afterAll(async () => {
    await handle?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('answers queries with the types the code expects, and counts changed rows', async () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    const row = (
      await sql<{ n: number; at: Date; doc: unknown; missing: null; yes: boolean }>`
      select 9007199254740::int8 as n, ${at}::timestamptz as at, '{"a":[1,"b"]}'::jsonb as doc, null as missing, true as yes`.execute(db)
    ).rows[0];
    expect(row).toEqual({ n: 9007199254740, at, doc: { a: [1, 'b'] }, missing: null, yes: true });
    expect(row!.at).toBeInstanceOf(Date);

    const inserted = await insertRoom(db, room('types-room'));
    expect(inserted.created_at).toBeInstanceOf(Date);
    const updated = await db.updateTable('rooms').set({ max_participants: 20 }).where('unique_name', '=', 'types-room').executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(1n);
  });

  it('rolls a failed transaction back', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await insertRoom(trx, room('rolled-back'));
        expect(await countRooms(trx, 'rolled-back')).toBe(1);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await countRooms(db, 'rolled-back')).toBe(0);
  });

  it('surfaces a unique violation with its Postgres code and constraint, as the room service expects', async () => {
    await insertRoom(db, room('taken'));
    const err = await insertRoom(db, room('taken')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ code: '23505', constraint: 'rooms_unique_name_live', message: expect.stringContaining('rooms_unique_name_live') });
    expect((err as { detail?: string }).detail).toContain('(unique_name)=(taken)');
  });

  it('never lets a query from another caller run inside a transaction', async () => {
    // While one transaction is open (it yields to the event loop between its statements, then
    // rolls back), forty plain inserts and ten read-increment-write transactions arrive from other
    // callers. Had any insert run inside the open transaction, it would have been rolled back with
    // it; had two increments interleaved, one would be lost.
    await sql`create table counter (n int not null)`.execute(db);
    await sql`insert into counter values (0)`.execute(db);
    const increment = () =>
      db.transaction().execute(async (trx) => {
        const { n } = (await sql<{ n: number }>`select n from counter`.execute(trx)).rows[0]!;
        await sleep(1);
        await sql`update counter set n = ${n + 1}`.execute(trx);
      });
    let others: Promise<unknown>[] = [];
    const doomed = db
      .transaction()
      .execute(async (trx) => {
        await insertRoom(trx, room('inside-doomed'));
        others = [...Array.from({ length: 40 }, (_, i) => insertRoom(db, room(`outside-${i}`))), ...Array.from({ length: 10 }, increment)];
        await sleep(20);
        await sql`select 1`.execute(trx);
        await sleep(20);
        throw new Error('rollback');
      })
      .catch(() => 'rolled back');
    expect(await doomed).toBe('rolled back');
    await Promise.all(others);
    expect(others).toHaveLength(50);
    expect(await countRooms(db, 'outside-%')).toBe(40);
    expect(await countRooms(db, 'inside-doomed')).toBe(0);
    expect((await sql<{ n: number }>`select n from counter`.execute(db)).rows[0]!.n).toBe(10);
  });

  it('keeps the event loop turning while a heavy query runs', async () => {
    // In the server's thread, PGlite's WASM would hold the loop for the whole query: the largest
    // delay would be about the query's duration and the interval would hardly fire. Compared with
    // the query's own duration, so that a busy machine slows both alike.
    const delay = monitorEventLoopDelay({ resolution: 5 });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    delay.enable();
    // The histogram's timer starts with the loop's next turn: a block before it would go unseen.
    await sleep(20);
    const started = performance.now();
    const { rows } = await sql<{ n: number }>`select count(*) as n from generate_series(1, 3000000)`.execute(db);
    const took = performance.now() - started;
    await sleep(20);
    delay.disable();
    clearInterval(ticker);
    expect(rows[0]!.n).toBe(3_000_000);
    const maxDelay = delay.max / 1e6;
    // Loose bounds: on a busy shared machine the thread itself may wait for a core now and then.
    expect(maxDelay, `max loop delay ${maxDelay.toFixed(1)} ms during a ${took.toFixed(0)} ms query`).toBeLessThan(took / 2);
    expect(ticks).toBeGreaterThanOrEqual(10);
  });

  it('fails waiting and later queries with a clear error when the thread dies', async () => {
    const deaths: Error[] = [];
    const thread = await PGliteThread.start(path.join(tempDir(), 'pglite'), (err) => deaths.push(err));
    const crashed = new Kysely<Database>({ dialect: new PGliteThreadDialect(thread) });
    await sql`select 1`.execute(crashed);
    const running = sql`select count(*) from generate_series(1, 3000000)`.execute(crashed);
    await sleep(50);
    await thread.worker.terminate();
    await expect(running).rejects.toThrow(/embedded database thread stopped/);
    await expect(sql`select 1`.execute(crashed)).rejects.toThrow(/embedded database thread stopped/);
    expect(deaths).toHaveLength(1);
    await crashed.destroy();
  });

  it('says why when the database cannot be opened', async () => {
    const file = path.join(tempDir(), 'not-a-folder');
    writeFileSync(file, 'x');
    await expect(PGliteThread.start(file)).rejects.toThrow(/embedded database in .*not-a-folder could not be opened/);
  });

  it("stays in the server's thread with PGLITE_THREAD=false, on the same folder and with the same types", async () => {
    expect(loadConfig({ PGLITE_THREAD: 'false' }).pgliteThread).toBe(false);
    expect(loadConfig({}).pgliteThread).toBe(true);
    const dir = tempDir();
    const threaded = await openDatabase({ dataDir: dir });
    await sql`create table kept (n int8)`.execute(threaded.db);
    await sql`insert into kept values (42)`.execute(threaded.db);
    await threaded.close();
    const inThread = await openDatabase({ dataDir: dir, pgliteThread: false });
    expect((await sql<{ n: number }>`select n from kept`.execute(inThread.db)).rows).toEqual([{ n: 42 }]);
    await inThread.close();
  });

  it('close() closes PGlite and ends the thread; the folder opens again with its data', async () => {
    const dir = tempDir();
    const thread = await PGliteThread.start(path.join(dir, 'pglite'));
    const exited = new Promise((resolve) => thread.worker.once('exit', resolve));
    const first = new Kysely<Database>({ dialect: new PGliteThreadDialect(thread) });
    await sql`create table kept (v text)`.execute(first);
    await sql`insert into kept values ('still here')`.execute(first);
    await first.destroy();
    expect(await exited).toBe(0);
    await expect(thread.query('select 1', [])).rejects.toThrow(/closed|stopped/);

    const again = await openDatabase({ dataDir: dir });
    expect((await sql<{ v: string }>`select v from kept`.execute(again.db)).rows).toEqual([{ v: 'still here' }]);
    await again.close();
  });
});
