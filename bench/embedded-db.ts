import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createHistogram, performance, type RecordableHistogram } from 'node:perf_hooks';
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
// WebSocket, timer and media signalling message waits behind: its delay p50/p99/max (how late a
// 1 ms timer fires), and the share of the time it was busy (what is left for everything else), next
// to each operation's latency.
// Run: npm run bench:embedded-db [-- seconds=6 rates=50,100]

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`${name}=`))?.split('=')[1] ?? fallback);
/** Seconds of load per database and rate, in ROUNDS windows taking turns with the other database. */
const SECONDS = arg('seconds', 6);
const ROUNDS = 3;
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

interface Target {
  mode: Mode;
  operations: Record<string, () => Promise<unknown>>;
  close(): Promise<void>;
}

interface Result {
  mode: Mode;
  rate: number;
  /** The event loop's busy and idle time over the windows (performance.eventLoopUtilization). */
  active: number;
  idle: number;
  /** Timer lateness in ns. */
  delay: RecordableHistogram;
  ops: Record<string, number[]>;
}

async function open(mode: Mode): Promise<Target> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-embedded-db-'));
  const database = await openDatabase({ dataDir, pgliteThread: mode === 'worker' });
  await migrateToLatest(database.db);
  const service = new RoomService(database.db, new AccountEvents(database.db, new LocalEventBus<DomainTopics>()), targetPolicy(true));
  await seed(database.db);
  const operations: Record<string, () => Promise<unknown>> = {
    createRoom: () => service.create({ uniqueName: `load-${uuidv7()}` }),
    'rooms(first: 20) + totalCount': async () => (await service.list({}, { first: 20 })).totalCount(),
    'rooms(first: 250)': () => service.list({}, { first: 250 }),
  };
  return {
    mode,
    operations,
    close: async () => {
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One window of load on one target, added to its result. */
async function window(target: Target, result: Result, seconds: number): Promise<void> {
  const before = performance.eventLoopUtilization();
  await timerLateness(result.delay, () =>
    arrivals(result.rate, seconds, async (op, due) => {
      await target.operations[op]!();
      result.ops[op]!.push(performance.now() - due);
    }),
  );
  const { active, idle } = performance.eventLoopUtilization(before);
  result.active += active;
  result.idle += idle;
}

/**
 * How late a 1 ms timer fires while `work` runs: what anything waiting on the loop waits. Measured
 * here rather than with monitorEventLoopDelay, whose histogram, once enabled again, counts the time
 * it was off (the other database's window) as one long delay, and cannot be merged across windows.
 */
async function timerLateness(into: RecordableHistogram, work: () => Promise<void>): Promise<void> {
  let last = performance.now();
  let timer: NodeJS.Timeout;
  const tick = () => {
    const now = performance.now();
    into.record(Math.max(1, Math.round((now - last - 1) * 1e6)));
    last = now;
    timer = setTimeout(tick, 1);
  };
  timer = setTimeout(tick, 1);
  try {
    await work();
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Open-loop arrivals at `rate` per second, the operations in MIX's proportions, none waiting for
 * another (clients do not wait for each other). Each operation's latency runs from when it was due,
 * not from when the loop got round to starting it: a request that waited behind a blocked loop
 * waited all the same.
 */
async function arrivals(rate: number, seconds: number, start: (op: string, due: number) => Promise<void>): Promise<void> {
  const deck = MIX.flatMap(([op, weight]) => Array<string>(weight).fill(op));
  const begin = performance.now();
  const running: Promise<void>[] = [];
  for (let k = 0; k < rate * seconds; k++) {
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

// Both databases open at once, and the load alternates between them in short windows: what else
// runs on the machine changes from second to second, and this way it weighs on both alike.
const targets = [await open('in-thread'), await open('worker')];
const results: Result[] = [];
for (const rate of RATES) {
  const round = targets.map((t) => ({ mode: t.mode, rate, active: 0, idle: 0, delay: createHistogram(), ops: Object.fromEntries(MIX.map(([op]) => [op, []])) }));
  for (let r = 0; r < ROUNDS; r++) for (const [i, target] of targets.entries()) await window(target, round[i]!, SECONDS / ROUNDS);
  results.push(...round);
}
for (const target of targets) await target.close();

console.log(
  `\nEmbedded database: mixed load for ${SECONDS} s per database and rate (${ROUNDS} windows each, taking turns) on ${SEED_ROOMS}+ rooms (ms; an operation's latency runs from when it was due)`,
);
// Both modes share the machine with whatever else runs: the figures mean little without this.
console.log(
  `load average at the end: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}\n`,
);
console.log(`${'ops/s'.padEnd(6)} ${'PGlite'.padEnd(10)} ${'loop busy'.padStart(9)} ${'event-loop delay p50'.padStart(20)} ${'p99'.padStart(7)} ${'max'.padStart(7)}`);
for (const r of results) {
  const busy = `${((100 * r.active) / (r.active + r.idle)).toFixed(0)} %`;
  console.log(`${String(r.rate).padEnd(6)} ${r.mode.padEnd(10)} ${busy.padStart(9)} ${ms(r.delay.percentile(50) / 1e6).padStart(20)} ${ms(r.delay.percentile(99) / 1e6)} ${ms(r.delay.max / 1e6)}`);
}
console.log(`\n${'ops/s'.padEnd(6)} ${'PGlite'.padEnd(10)} ${'operation'.padEnd(30)} ${'n'.padStart(5)} ${'p50'.padStart(7)} ${'p99'.padStart(7)}`);
for (const r of results) {
  for (const [op, samples] of Object.entries(r.ops)) {
    const s = summarize(samples);
    console.log(`${String(r.rate).padEnd(6)} ${r.mode.padEnd(10)} ${op.padEnd(30)} ${String(s.n).padStart(5)} ${ms(s.p50)} ${ms(s.p99)}`);
  }
}
