import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import type { Database } from '../db/types.js';
import { AccountEvents } from '../server/events/account-events.js';
import type { DomainTopics } from '../server/events/topics.js';
import { LocalEventBus } from '../server/ports/local-event-bus.js';
import { RoomService } from '../server/rooms/room-service.js';
import { targetPolicy } from '../server/webhooks/target-policy.js';
import { ms, summarize } from './stats.js';

// Issue 14: the embedded database off the event loop. The same mixed load through the room
// service (the code behind createRoom and rooms(first: …)) on PGlite in the server's thread (as
// before, now PGLITE_THREAD=false) and on PGlite in its worker thread (db/pglite-thread.ts, the
// default), in the same run. What the event loop feels is what every
// WebSocket, timer and media signalling message waits behind: its delay p50/p99/max, from
// monitorEventLoopDelay, and the share of the time it was busy (what is left for everything else),
// next to each operation's latency.
// Run: npm run bench:embedded-db [-- seconds=6 rates=50,100]

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`${name}=`))?.split('=')[1] ?? fallback);
const SECONDS = arg('seconds', 6);
/** Operations per second: a moderate load, then one the in-thread database no longer keeps up with here. */
const RATES = (process.argv.find((a) => a.startsWith('rates='))?.slice(6) ?? '50,100').split(',').map(Number);
/** Of every 20 operations: how many of each (createRoom and a small page are what clients do most). */
const MIX: [string, number][] = [
  ['createRoom', 9],
  ['rooms(first: 20) + totalCount', 9],
  ['rooms(first: 250)', 2],
];
const SEED_ROOMS = 2000;

type Mode = 'in-thread' | 'worker';

interface Result {
  mode: Mode;
  rate: number;
  /** Share of the window the event loop was busy (performance.eventLoopUtilization). */
  busy: number;
  loop: { p50: number; p99: number; max: number };
  ops: Record<string, number[]>;
}

async function run(mode: Mode, rate: number): Promise<Result> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-embedded-db-'));
  const database = await openDatabase({ dataDir, pgliteThread: mode === 'worker' });
  await migrateToLatest(database.db);
  const service = new RoomService(database.db, new AccountEvents(database.db, new LocalEventBus<DomainTopics>()), targetPolicy(true));
  await seed(database.db);

  const ops: Record<string, number[]> = Object.fromEntries(MIX.map(([name]) => [name, []]));
  const operations: Record<string, () => Promise<unknown>> = {
    createRoom: () => service.create({ uniqueName: `load-${uuidv7()}` }),
    'rooms(first: 20) + totalCount': async () => (await service.list({}, { first: 20 })).totalCount(),
    'rooms(first: 250)': () => service.list({}, { first: 250 }),
  };
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const idle = performance.eventLoopUtilization();
  delay.enable();
  // The histogram's timer starts with the loop's next turn: a block before it would go unseen.
  await sleep(10);
  await arrivals(rate, async (op, due) => {
    await operations[op]!();
    ops[op]!.push(performance.now() - due);
  });
  delay.disable();
  const busy = performance.eventLoopUtilization(idle).utilization;
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
  return { mode, rate, busy, loop: { p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 }, ops };
}

/**
 * Open-loop arrivals at `rate` per second, the operations in MIX's proportions, none waiting for
 * another (clients do not wait for each other). Each operation's latency runs from when it was due,
 * not from when the loop got round to starting it: a request that waited behind a blocked loop
 * waited all the same.
 */
async function arrivals(rate: number, start: (op: string, due: number) => Promise<void>): Promise<void> {
  const deck = MIX.flatMap(([op, weight]) => Array<string>(weight).fill(op));
  const begin = performance.now();
  const running: Promise<void>[] = [];
  for (let k = 0; k < rate * SECONDS; k++) {
    const due = begin + (k * 1000) / rate;
    if (due > performance.now()) await sleep(due - performance.now());
    running.push(start(deck[k % deck.length]!, due));
  }
  await Promise.all(running);
}

/** Rooms to list and count, written in a few statements (the load is what is measured, not this). */
async function seed(db: Kysely<Database>): Promise<void> {
  const now = new Date();
  const rooms = Array.from({ length: SEED_ROOMS }, (_, i) => ({ id: uuidv7(), unique_name: `seed-${i}`, max_participants: 10, enable_recording: false, created_at: now, updated_at: now }));
  for (let i = 0; i < rooms.length; i += 500)
    await db
      .insertInto('rooms')
      .values(rooms.slice(i, i + 500))
      .execute();
}

const results: Result[] = [];
for (const rate of RATES) for (const mode of ['in-thread', 'worker'] as const) results.push(await run(mode, rate));

console.log(`\nEmbedded database: mixed load for ${SECONDS} s on ${SEED_ROOMS}+ rooms (ms; an operation's latency runs from when it was due)`);
// Both modes share the machine with whatever else runs: the figures mean little without this.
console.log(
  `load average at the end: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}\n`,
);
console.log(`${'ops/s'.padEnd(6)} ${'PGlite'.padEnd(10)} ${'loop busy'.padStart(9)} ${'event-loop delay p50'.padStart(20)} ${'p99'.padStart(7)} ${'max'.padStart(7)}`);
for (const r of results) {
  console.log(`${String(r.rate).padEnd(6)} ${r.mode.padEnd(10)} ${`${(r.busy * 100).toFixed(0)} %`.padStart(9)} ${ms(r.loop.p50).padStart(20)} ${ms(r.loop.p99)} ${ms(r.loop.max)}`);
}
console.log(`\n${'ops/s'.padEnd(6)} ${'PGlite'.padEnd(10)} ${'operation'.padEnd(30)} ${'n'.padStart(5)} ${'p50'.padStart(7)} ${'p99'.padStart(7)}`);
for (const r of results) {
  for (const [op, samples] of Object.entries(r.ops)) {
    const s = summarize(samples);
    console.log(`${String(r.rate).padEnd(6)} ${r.mode.padEnd(10)} ${op.padEnd(30)} ${String(s.n).padStart(5)} ${ms(s.p50)} ${ms(s.p99)}`);
  }
}
