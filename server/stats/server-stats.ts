import type { Kysely } from 'kysely';
import { Repeater } from '@repeaterjs/repeater';
import { countOpenJobsByStatus } from '../../db/compositions.js';
import type { Database } from '../../db/types.js';
import { countDeliveriesByStatus } from '../../db/webhook-deliveries.js';
import type { TransportRates, WorkerDump, WorkerInfo, WorkerUsage } from '../../media/index.js';

export type { WorkerDump };
import type { Logger } from '../app/logger.js';

/** One mediasoup worker process: its load and the media objects it hosts. */
export interface WorkerStats {
  pid: number;
  /** Share of one core used since the previous snapshot (1 = one whole core); null on the first. */
  cpu: number | null;
  cpuSeconds: number;
  memoryBytes: number | null;
  routers: number;
  transports: number;
  producers: number;
  consumers: number;
}

export interface ServerStatsSnapshot {
  at: Date;
  uptimeSecs: number;
  /** This server process (the media workers are separate processes, in `workers`). */
  rssBytes: number;
  heapUsedBytes: number;
  liveRooms: number;
  liveParticipants: number;
  workers: WorkerStats[];
  /** Media taken in from participants and sent out to them, bits/s (mediasoup's last-second rates of every transport). */
  ingressBitrate: number;
  egressBitrate: number;
  /** Webhook deliveries not yet delivered, on the whole database. */
  webhookDeliveriesPending: number;
  compositionsEnqueued: number;
  compositionsRendering: number;
}

export interface ServerStatsSources {
  db: Kysely<Database>;
  live: { liveCounts(): { rooms: number; participants: number } };
  workers: { workers(): WorkerInfo[]; resourceUsage(): Promise<WorkerUsage[]>; dumpObjects(): Promise<WorkerDump[]> };
  media: { transportRates(): Promise<TransportRates> };
}

/** Shortest and longest period a `serverStats` subscriber may ask for. */
export const STATS_INTERVAL_SECS = { min: 1, max: 60, default: 2 } as const;

const count = (rows: { status: string; n: string | number }[], status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);

/**
 * The server's own figures for operators (the dashboard's health view): read on demand, and for
 * subscribers computed once per period and shared, however many watch.
 */
export class ServerStats {
  /** The last CPU reading of each worker, to turn its CPU time into a share of a core. */
  private readonly lastCpu = new Map<number, { cpuSeconds: number; atMs: number }>();
  private readonly tickers = new Map<number, { listeners: Set<(s: ServerStatsSnapshot) => void>; timer: NodeJS.Timeout }>();

  constructor(
    private readonly sources: ServerStatsSources,
    private readonly log: Logger,
  ) {}

  async snapshot(): Promise<ServerStatsSnapshot> {
    const nowMs = Date.now();
    const [usages, deliveries, jobs, rates] = await Promise.all([
      this.sources.workers.resourceUsage(),
      countDeliveriesByStatus(this.sources.db),
      countOpenJobsByStatus(this.sources.db),
      this.sources.media.transportRates(),
    ]);
    const usageByPid = new Map(usages.map((u) => [u.pid, u]));
    const workers = this.sources.workers.workers().map((w): WorkerStats => {
      const usage = usageByPid.get(w.pid);
      const last = this.lastCpu.get(w.pid);
      let cpu: number | null = null;
      if (usage && last && nowMs > last.atMs) cpu = Math.max(0, (usage.cpuSeconds - last.cpuSeconds) / ((nowMs - last.atMs) / 1000));
      if (usage) this.lastCpu.set(w.pid, { cpuSeconds: usage.cpuSeconds, atMs: nowMs });
      return {
        pid: w.pid,
        cpu,
        cpuSeconds: usage?.cpuSeconds ?? 0,
        memoryBytes: usage?.rssBytes ?? null,
        routers: w.objects.routers,
        transports: w.objects.transports,
        producers: w.objects.producers,
        consumers: w.objects.consumers,
      };
    });
    // Workers that died are forgotten, so that the map does not grow with every replacement.
    for (const pid of this.lastCpu.keys()) if (!workers.some((w) => w.pid === pid)) this.lastCpu.delete(pid);
    const memory = process.memoryUsage();
    const live = this.sources.live.liveCounts();
    return {
      at: new Date(nowMs),
      uptimeSecs: Math.round(process.uptime()),
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      liveRooms: live.rooms,
      liveParticipants: live.participants,
      workers,
      ingressBitrate: rates.recvBitrate,
      egressBitrate: rates.sendBitrate,
      webhookDeliveriesPending: count(deliveries.rows, 'pending'),
      compositionsEnqueued: count(jobs.rows, 'enqueued'),
      compositionsRendering: count(jobs.rows, 'processing'),
    };
  }

  /** The media objects each worker process holds by its own account (its dump), for leak checks. */
  dumpedObjects(): Promise<WorkerDump[]> {
    return this.sources.workers.dumpObjects();
  }

  /** A snapshot now, then one every `intervalSecs`, shared by every subscriber of that period. */
  watch(intervalSecs: number): AsyncIterable<ServerStatsSnapshot> {
    return new Repeater<ServerStatsSnapshot>(async (push, stop) => {
      await push(await this.snapshot());
      const unlisten = this.listen(intervalSecs, (s) => void push(s));
      await stop;
      unlisten();
    });
  }

  private listen(intervalSecs: number, listener: (s: ServerStatsSnapshot) => void): () => void {
    let ticker = this.tickers.get(intervalSecs);
    if (!ticker) {
      const listeners = new Set<(s: ServerStatsSnapshot) => void>();
      let busy = false;
      const timer = setInterval(() => {
        // A snapshot slower than the period (a stalled database) is not piled up behind.
        if (busy) return;
        busy = true;
        this.snapshot()
          .then((s) => listeners.forEach((l) => l(s)))
          .catch((err) => this.log.warn({ err }, 'server stats: a snapshot failed'))
          .finally(() => (busy = false));
      }, intervalSecs * 1000);
      timer.unref();
      ticker = { listeners, timer };
      this.tickers.set(intervalSecs, ticker);
    }
    ticker.listeners.add(listener);
    return () => {
      ticker.listeners.delete(listener);
      if (ticker.listeners.size === 0) {
        clearInterval(ticker.timer);
        this.tickers.delete(intervalSecs);
      }
    };
  }

  /** Stops every ticker (server shutdown). */
  close(): void {
    for (const t of this.tickers.values()) clearInterval(t.timer);
    this.tickers.clear();
  }
}
