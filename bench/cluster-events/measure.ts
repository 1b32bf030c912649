// One measurement: W API-key watchers on roomEvents, the participant sending numbered, timestamped
// messages at a fixed rate, and the server-side processes' CPU (utime + stime from /proc) over a
// window after a warm-up. Watchers and sender run in this process (on the same cores as the servers).
import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from 'graphql-ws';
import { wsClient } from '../../test/helpers/ws.js';
import { CLOCK_TICKS_PER_SECOND, boxBusyTicks, processTicks } from '../fanout/proc-stats.js';
import { summarize } from '../stats.js';
import type { Setup, SetupName } from './setups.js';

export interface Options {
  /** Messages per second from the participant. */
  rate: number;
  warmupSecs: number;
  windowSecs: number;
  /** The idle window: room joined, no watcher, no message. */
  idleSecs: number;
}

export interface Row {
  setup: SetupName;
  watchers: number;
  windowSecs: number;
  /** Messages sent in the window, and the sends that failed (whole run). */
  sent: number;
  sendErrors: number;
  /** MessageReceived events the watchers received during the window (what the CPU is divided by). */
  deliveries: number;
  /** Of the messages sent in the window: copies that never reached a watcher (after a drain), extra copies. */
  lost: number;
  duplicates: number;
  /** Copies that arrived after a later message, over the whole run (warm-up and drain too). */
  reordered: number;
  /** Events (any type) whose room seq was not the previous one's + 1 at a watcher, over the whole run. */
  seqBreaks: number;
  /** Sender's timestamp (before sendMessage) to a watcher's receipt, ms: messages sent in the window. */
  latencyMs: { p50: number; p99: number; max: number };
  /** CPU of each server-side process in the window, ms (by role). */
  cpuMs: Record<string, number>;
  totalCpuMs: number;
  usPerDelivery: number;
  /** This process (sender and watchers), % of one core; the whole machine's busy time, % of all its cores. */
  loadGenCpuPercent: number;
  boxBusyPercent: number;
  /** Everything else the machine ran in the window (other users, the kernel's own work), % of one core. */
  otherCpuPercent: number;
}

export interface IdleRow {
  setup: SetupName;
  seconds: number;
  /** % of one core, by role. */
  cpuPercent: Record<string, number>;
}

const WATCH = 'subscription($r: ID!) { roomEvents(roomId: $r) { __typename seq ... on MessageReceived { payload } } }';
const SEND = 'mutation($p: String!) { sendMessage(payload: $p) { __typename } }';

interface Watcher {
  client: Client;
  /** Copies received of message i. */
  got: Uint16Array;
  /** Receipt minus send time of message i (its first copy), ms. */
  latency: Float64Array;
  maxSeen: number;
  reordered: number;
  /** The room's seq of the last event (from the snapshot on), and the events whose seq was not the last + 1. */
  seq: number;
  seqBreaks: number;
  received: number;
  snapshot: Promise<void>;
  errors: unknown[];
}

function watch(setup: Setup, capacity: number): Watcher {
  const client = wsClient(setup.watcherUrl, setup.apiKey);
  const w: Watcher = {
    client,
    got: new Uint16Array(capacity),
    latency: new Float64Array(capacity),
    maxSeen: -1,
    reordered: 0,
    seq: -1,
    seqBreaks: 0,
    received: 0,
    snapshot: Promise.resolve(),
    errors: [],
  };
  w.snapshot = new Promise<void>((resolve, reject) => {
    client.subscribe<{ roomEvents: { __typename: string; seq: number; payload?: string } }>(
      { query: WATCH, variables: { r: setup.roomId } },
      {
        next: (msg) => {
          const at = performance.now();
          const event = msg.data?.roomEvents;
          if (!event) return void w.errors.push(msg.errors);
          if (w.seq >= 0 && event.seq !== w.seq + 1) w.seqBreaks++;
          w.seq = event.seq;
          if (event.__typename === 'RoomStateSnapshot') return resolve();
          if (event.__typename !== 'MessageReceived') return;
          const { i, t } = JSON.parse(event.payload!) as { i: number; t: number };
          w.received++;
          if (i >= capacity) return;
          if (w.got[i]++ === 0) w.latency[i] = at - t;
          if (i < w.maxSeen) w.reordered++;
          else w.maxSeen = i;
        },
        error: (err) => {
          w.errors.push(err);
          reject(new Error(`watcher: ${JSON.stringify(err)}`));
        },
        complete: () => {},
      },
    );
  });
  return w;
}

/**
 * Sends message i at start + i / rate, each carrying its number and its send time, one at a time
 * (as one client's messages are: so the room orders them as numbered); a late answer makes the next
 * ones go at once until the schedule is caught up.
 */
function startSending(setup: Setup, rate: number) {
  const start = performance.now();
  const state = { sent: 0, errors: 0, firstError: undefined as unknown };
  let stopped = false;
  const fail = (err: unknown) => {
    state.errors++;
    state.firstError ??= err;
  };
  const loop = (async () => {
    while (!stopped) {
      const wait = start + (state.sent * 1000) / rate - performance.now();
      if (wait > 0) await sleep(wait);
      if (stopped) break;
      const i = state.sent++;
      await setup.sender.run<{ sendMessage: { __typename: string } }>(SEND, { p: JSON.stringify({ i, t: performance.now() }) }).then((r) => {
        if (r.data?.sendMessage.__typename !== 'SendMessagePayload') fail(r);
      }, fail);
    }
  })();
  return {
    state,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

const ticksToMs = (ticks: number) => (ticks * 1000) / CLOCK_TICKS_PER_SECOND;

function readCpu(setup: Setup): Record<string, number> {
  return Object.fromEntries(setup.processes.map((p) => [p.role, processTicks(p.pid)]));
}

export async function measureIdle(setup: Setup, seconds: number): Promise<IdleRow> {
  const [c0, t0] = [readCpu(setup), performance.now()];
  await sleep(seconds * 1000);
  const [c1, t1] = [readCpu(setup), performance.now()];
  const secs = (t1 - t0) / 1000;
  return { setup: setup.name, seconds: secs, cpuPercent: Object.fromEntries(Object.keys(c0).map((role) => [role, (100 * ticksToMs(c1[role]! - c0[role]!)) / 1000 / secs])) };
}

export async function measure(setup: Setup, watchers: number, opts: Options): Promise<Row> {
  const capacity = Math.ceil(opts.rate * (opts.warmupSecs + opts.windowSecs + 5)) + 100;
  const ws: Watcher[] = [];
  // In batches, each watcher's snapshot in hand before the next batch connects.
  for (let i = 0; i < watchers; i += 25) {
    const batch = Array.from({ length: Math.min(25, watchers - i) }, () => watch(setup, capacity));
    ws.push(...batch);
    await Promise.all(batch.map((w) => w.snapshot));
  }
  await sleep(500);

  const sending = startSending(setup, opts.rate);
  await sleep(opts.warmupSecs * 1000);
  const received = () => ws.reduce((n, w) => n + w.received, 0);
  const usage0 = process.cpuUsage();
  const [first, d0, c0, b0, t0] = [sending.state.sent, received(), readCpu(setup), boxBusyTicks(), performance.now()];
  await sleep(opts.windowSecs * 1000);
  const [end, d1, c1, b1, t1] = [sending.state.sent, received(), readCpu(setup), boxBusyTicks(), performance.now()];
  const usage = process.cpuUsage(usage0);
  await sending.stop();
  if (sending.state.errors) console.error(`${setup.name}, ${watchers} watchers: ${sending.state.errors} sends failed, the first: ${JSON.stringify(sending.state.firstError)}`);

  // Drain: every copy of what was sent, or 5 s.
  const total = sending.state.sent;
  const complete = () => ws.every((w) => w.got.subarray(0, total).every((n) => n > 0));
  for (let waited = 0; waited < 5000 && !complete(); waited += 100) await sleep(100);

  let lost = 0;
  let duplicates = 0;
  const latencies: number[] = [];
  for (const w of ws) {
    for (let i = first; i < end; i++) {
      if (w.got[i] === 0) lost++;
      else {
        duplicates += w.got[i]! - 1;
        latencies.push(w.latency[i]!);
      }
    }
  }
  const watcherErrors = ws.reduce((n, w) => n + w.errors.length, 0);
  if (watcherErrors) console.error(`${setup.name}, ${watchers} watchers: ${watcherErrors} watcher errors, e.g. ${JSON.stringify(ws.find((w) => w.errors.length)!.errors[0])}`);
  await Promise.all(ws.map((w) => w.client.dispose()));

  const secs = (t1 - t0) / 1000;
  const loadGenMs = (usage.user + usage.system) / 1000;
  const boxMs = ticksToMs(b1 - b0);
  const cpuMs = Object.fromEntries(Object.keys(c0).map((role) => [role, ticksToMs(c1[role]! - c0[role]!)]));
  const totalCpuMs = Object.values(cpuMs).reduce((a, b) => a + b, 0);
  const deliveries = d1 - d0;
  const lat = summarize(latencies);
  return {
    setup: setup.name,
    watchers,
    windowSecs: secs,
    sent: end - first,
    sendErrors: sending.state.errors,
    deliveries,
    lost,
    duplicates,
    reordered: ws.reduce((n, w) => n + w.reordered, 0),
    seqBreaks: ws.reduce((n, w) => n + w.seqBreaks, 0),
    latencyMs: { p50: lat.p50, p99: lat.p99, max: latencies.length ? latencies.reduce((a, b) => Math.max(a, b), 0) : NaN },
    cpuMs,
    totalCpuMs,
    usPerDelivery: (totalCpuMs * 1000) / deliveries,
    loadGenCpuPercent: (100 * loadGenMs) / (secs * 1000),
    boxBusyPercent: (100 * boxMs) / (secs * 1000) / availableParallelism(),
    otherCpuPercent: (100 * Math.max(0, boxMs - totalCpuMs - loadGenMs)) / (secs * 1000),
  };
}
