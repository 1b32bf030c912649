import { boxBusyTicks, CLOCK_TICKS_PER_SECOND, processTicks, residentMegabytes } from '../fanout/proc-stats.js';
import { percentile } from '../stats.js';
import { SenderPool } from './senders.js';
import type { Target, TargetName } from './target.js';
import { WatcherPool } from './watchers.js';
import { monotonicNs } from './wire.js';

export type SeriesName = 'rooms' | 'big';

/** A shape of load: how many rooms for N watchers, which room a watcher joins, the rate per room. */
export interface Series {
  name: SeriesName;
  title: string;
  rooms(n: number): number;
  roomOf(watcher: number): number;
  ratePerRoom: number;
}

export const SERIES: Record<SeriesName, Series> = {
  rooms: { name: 'rooms', title: 'Rooms of 10, 1 event/s per room', rooms: (n) => Math.ceil(n / 10), roomOf: (i) => Math.floor(i / 10), ratePerRoom: 1 },
  big: { name: 'big', title: 'One room, 10 events/s', rooms: () => 1, roomOf: () => 0, ratePerRoom: 10 },
};

/** p99 at or under this, with nothing lost, holds (issue 14's goal). */
export const HOLD_P99_MS = 50;
/** p99 over this, or anything lost, ends a series: the server is saturated. */
export const SATURATED_P99_MS = 2000;
const DRAIN_MS = 10_000;

export interface PointResult {
  server: TargetName;
  series: SeriesName;
  n: number;
  rooms: number;
  expectedPerSecond: number;
  deliveredPerSecond: number;
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Server CPU in % of one core over the window (100 = the core it is pinned to, full). */
  serverCpuPercent: number;
  clientCpuPercent: number;
  /** Everything else on the box (busy ticks of all cores − server − client), % of a core: > 25 means disturbed. */
  otherCpuPercent: number;
  usPerDelivery: number;
  /** After connecting, settling and a full GC. */
  rssIdleMb: number;
  /** Highest RSS sampled (every 250 ms) in the window. */
  rssPeakMb: number;
  /** RSS growth per watcher added for this point (each RSS read after a full GC, rooms and senders already there): an idle subscribed connection. */
  kbPerWatcher: number;
  eventLoopP99Ms: number | null;
  expected: number;
  received: number;
  lost: number;
  gaps: number;
  reorders: number;
  deadWatchers: number;
  sendFailures: number;
  drainSeconds: number;
  holds: boolean;
  saturated: boolean;
  notes: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One server with its senders and watchers, growing from point to point of a series. */
export class Session {
  readonly senders: SenderPool;
  readonly watchers: WatcherPool;

  constructor(
    readonly target: Target,
    readonly series: Series,
  ) {
    this.senders = new SenderPool(target.wsUrl, target.protocol);
    this.watchers = new WatcherPool(target.wsUrl, target.watcherAuthorization, () => this.senders.roomIds());
  }

  /** Adds the rooms (a sender each) that N needs. */
  async growRooms(n: number): Promise<void> {
    const rooms = this.series.rooms(n);
    if (rooms > this.senders.size) await this.senders.add(await this.target.newRooms(rooms - this.senders.size));
  }

  /** Adds the watchers that N needs; returns how many. */
  async growWatchers(n: number): Promise<number> {
    const more: number[] = [];
    for (let i = this.watchers.size; i < n; i++) more.push(this.series.roomOf(i));
    await this.watchers.add(more);
    return more.length;
  }

  /** The server's RSS after a full GC (SIGUSR2, see gc-on-signal.ts). */
  private async settledRss(): Promise<number> {
    process.kill(this.target.pid, 'SIGUSR2');
    await sleep(700);
    return residentMegabytes(this.target.pid);
  }

  async measure(n: number, opts: { warmupSeconds: number; windowSeconds: number }): Promise<PointResult> {
    const { target, series, senders, watchers } = this;
    const notes: string[] = [];
    const setupStarted = performance.now();
    await this.growRooms(n);
    const rooms = series.rooms(n);
    await sleep(1000);
    const rssBeforeMb = await this.settledRss();
    const added = await this.growWatchers(n);
    await sleep(2000 + n / 10);
    notes.push(`set-up ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`);
    const rssIdleMb = await this.settledRss();

    watchers.reset();
    senders.reset();
    senders.start(rooms, series.ratePerRoom);
    await sleep(opts.warmupSeconds * 1000);

    let rssPeakMb = residentMegabytes(target.pid);
    const rssSampler = setInterval(() => (rssPeakMb = Math.max(rssPeakMb, residentMegabytes(target.pid))), 250);
    await target.resetEventLoop();
    const server0 = processTicks(target.pid);
    const client0 = processTicks(process.pid);
    const box0 = boxBusyTicks();
    const start = monotonicNs();
    watchers.openWindow(start, start + opts.windowSeconds * 1e9);
    await sleep(opts.windowSeconds * 1000);
    const seconds = (monotonicNs() - start) / 1e9;
    const serverTicks = processTicks(target.pid) - server0;
    const clientTicks = processTicks(process.pid) - client0;
    const boxTicks = boxBusyTicks() - box0;
    senders.stop();
    clearInterval(rssSampler);
    const eventLoopP99Ms = (await target.eventLoopP99()) ?? null;

    // Drain: every send answered and every watcher holding what its room was sent, or give up.
    const drainStarted = performance.now();
    const expectedNow = () => senders.confirmed.reduce((sum, count, room) => sum + (count ?? 0) * watchers.inRoom(room), 0);
    while (performance.now() - drainStarted < DRAIN_MS && (senders.pending > 0 || watchers.totals().received < expectedNow())) await sleep(50);
    const drainSeconds = (performance.now() - drainStarted) / 1000;
    if (senders.pending > 0) notes.push(`${senders.pending} sends unanswered after the drain`);

    const counts = watchers.totals();
    const expected = expectedNow();
    const latencies = watchers.latencies.sort((a, b) => a - b);
    const percent = (ticks: number) => (ticks / CLOCK_TICKS_PER_SECOND / seconds) * 100;
    const serverCpuPercent = percent(serverTicks);
    const clientCpuPercent = percent(clientTicks);
    const p99Ms = percentile(latencies, 99);
    const lost = Math.max(0, expected - counts.received);
    if (counts.errors.length) notes.push(`watchers: ${counts.errors.join('; ')}`);
    if (senders.failures.length) notes.push(`senders: ${senders.failures.join('; ')}`);
    const trouble = lost > 0 || counts.gaps > 0 || counts.reorders > 0 || counts.dead > 0 || senders.failed > 0;
    return {
      server: target.name,
      series: series.name,
      n,
      rooms,
      expectedPerSecond: n * series.ratePerRoom,
      deliveredPerSecond: watchers.windowDeliveries / seconds,
      samples: latencies.length,
      p50Ms: percentile(latencies, 50),
      p99Ms,
      maxMs: latencies.length ? latencies[latencies.length - 1] : NaN,
      serverCpuPercent,
      clientCpuPercent,
      otherCpuPercent: percent(boxTicks) - serverCpuPercent - clientCpuPercent,
      usPerDelivery: ((serverTicks / CLOCK_TICKS_PER_SECOND) * 1e6) / Math.max(1, watchers.windowDeliveries),
      rssIdleMb,
      rssPeakMb,
      kbPerWatcher: added ? ((rssIdleMb - rssBeforeMb) * 1024) / added : NaN,
      eventLoopP99Ms,
      expected,
      received: counts.received,
      lost,
      gaps: counts.gaps,
      reorders: counts.reorders,
      deadWatchers: counts.dead,
      sendFailures: senders.failed,
      drainSeconds,
      holds: !trouble && p99Ms <= HOLD_P99_MS,
      saturated: trouble || !(p99Ms <= SATURATED_P99_MS),
      notes,
    };
  }

  async close(): Promise<void> {
    await this.watchers.close();
    await this.senders.close();
  }
}
