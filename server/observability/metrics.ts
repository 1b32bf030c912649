import type { Kysely } from 'kysely';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { countOpenJobsByStatus } from '../../db/compositions.js';
import type { Database } from '../../db/types.js';
import { countDeliveriesByStatus } from '../../db/webhook-deliveries.js';
import type { WorkerInfo, WorkerUsage } from '../../media/index.js';
import type { Logger } from '../app/logger.js';
import { LabelCap } from './label-cap.js';

/** What the gauges read when Prometheus scrapes: the live state, not a copy of it kept up to date. */
export interface MetricsSources {
  db: Kysely<Database>;
  orchestrator: { liveCounts(): { rooms: number; participants: number } };
  mediaWorkers: { workers(): WorkerInfo[]; resourceUsage(): Promise<WorkerUsage[]> };
  recordings: { activeCount: number; bytesWritten(): Promise<number> };
  /** Open WebSockets (attached once the WebSocket server exists). */
  webSocketClients?: () => number;
}

/** The rate-limit scopes that exist at start (at zero), so dashboards and alerts find them. */
export const RATE_LIMIT_SCOPES = ['apiKey', 'clientToken', 'anonymous', 'messages', 'joins'] as const;

/** Distinct operation names that get a label of their own; later names are counted as `other`. */
export const DEFAULT_MAX_OPERATION_NAMES = 100;

const WEBHOOK_STATUSES = ['pending', 'delivered', 'failed'];
const COMPOSITION_STATES = ['enqueued', 'processing'];

/**
 * One Prometheus registry per server: several servers in one process (the tests) must not share
 * counters, so nothing here touches prom-client's global registry.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly operationNames: LabelCap;
  // Error codes come from the server, but a bound costs nothing and guards against a future leak.
  readonly errorCodes = new LabelCap(50, 'other', /^[A-Z][A-Z0-9_]{0,63}$/);
  readonly rateLimitScopes = new LabelCap(20, 'other', /^[A-Za-z][A-Za-z0-9_]{0,31}$/);

  readonly operations: Counter<'operation' | 'kind' | 'outcome'>;
  readonly operationDuration: Histogram<'operation' | 'kind'>;
  readonly errors: Counter<'code'>;
  readonly rateLimitRefusals: Counter<'scope'>;
  readonly subscriptionsActive: Gauge;
  #sources?: MetricsSources;
  // A counter must never go down, but a file's size read during its finishing can dip for a moment.
  #recordingBytesHigh = 0;

  constructor(
    private readonly log: Logger,
    maxOperationNames = DEFAULT_MAX_OPERATION_NAMES,
  ) {
    this.operationNames = new LabelCap(maxOperationNames);
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.operations = new Counter({
      name: 'videorooms_graphql_operations_total',
      help: 'GraphQL operations by operation name (anonymous, or other beyond the cap on distinct names), kind and outcome (ok, or error when the result had errors).',
      labelNames: ['operation', 'kind', 'outcome'],
      registers,
    });
    this.operationDuration = new Histogram({
      name: 'videorooms_graphql_operation_duration_seconds',
      help: 'Time to answer a query or mutation; for a subscription, the time until its stream started.',
      labelNames: ['operation', 'kind'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.errors = new Counter({
      name: 'videorooms_graphql_errors_total',
      help: 'Top-level GraphQL errors by extensions.code.',
      labelNames: ['code'],
      registers,
    });
    this.rateLimitRefusals = new Counter({
      name: 'videorooms_rate_limit_refusals_total',
      help: 'Operations refused by a rate limit, by scope.',
      labelNames: ['scope'],
      registers,
    });
    for (const scope of RATE_LIMIT_SCOPES) this.rateLimitRefusals.inc({ scope: this.rateLimitScopes.label(scope) }, 0);
    this.subscriptionsActive = new Gauge({
      name: 'videorooms_graphql_subscriptions_active',
      help: 'GraphQL subscriptions whose stream is open (WebSocket and server-sent events).',
      registers,
    });
    this.#scrapeTimeMetrics(registers);
  }

  /** Connects the gauges read at scrape time to the server's parts. */
  attach(sources: MetricsSources): void {
    this.#sources = { ...this.#sources, ...sources };
  }

  attachWebSockets(clients: () => number): void {
    if (this.#sources) this.#sources.webSocketClients = clients;
  }

  /** Another module refused an operation for its rate limit (`scope`: apiKey, clientToken, anonymous, messages, joins). */
  rateLimitRefused(scope: string): void {
    this.rateLimitRefusals.inc({ scope: this.rateLimitScopes.label(scope) });
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** A source that fails (database down) leaves its metric out of this scrape rather than failing it. */
  async #read<T>(what: string, read: () => Promise<T> | T): Promise<T | undefined> {
    try {
      return await read();
    } catch (err) {
      this.log.warn({ err, metric: what }, 'metrics: a source did not answer');
      return undefined;
    }
  }

  #scrapeTimeMetrics(registers: Registry[]): void {
    // prom-client calls each collect() with the metric as `this`: the sources are reached through `self`.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    new Gauge({
      name: 'videorooms_websocket_connections',
      help: 'Open WebSocket connections (graphql-ws).',
      registers,
      collect() {
        this.set(self.#sources?.webSocketClients?.() ?? 0);
      },
    });
    new Gauge({
      name: 'videorooms_live_rooms',
      help: 'Rooms with a session in progress in this process.',
      registers,
      collect() {
        this.set(self.#sources?.orchestrator.liveCounts().rooms ?? 0);
      },
    });
    new Gauge({
      name: 'videorooms_live_participants',
      help: 'Participants in live rooms (including those within their reconnect grace period).',
      registers,
      collect() {
        this.set(self.#sources?.orchestrator.liveCounts().participants ?? 0);
      },
    });
    const objects = (kind: 'producers' | 'consumers' | 'transports' | 'routers') => () => (self.#sources?.mediaWorkers.workers() ?? []).reduce((sum, w) => sum + w.objects[kind], 0);
    for (const [kind, help] of [
      ['producers', 'mediasoup producers (tracks coming in) on every worker.'],
      ['consumers', 'mediasoup consumers (tracks going out, recorders included) on every worker.'],
      ['transports', 'mediasoup transports (WebRTC and plain RTP) on every worker.'],
      ['routers', 'mediasoup routers (one per room with media open) on every worker.'],
    ] as const) {
      const count = objects(kind);
      new Gauge({
        name: `videorooms_media_${kind}`,
        help,
        registers,
        collect: function () {
          this.set(count());
        },
      });
    }
    new Gauge({
      name: 'videorooms_media_workers',
      help: 'Live mediasoup worker processes.',
      registers,
      collect() {
        this.set(self.#sources?.mediaWorkers.workers().length ?? 0);
      },
    });

    // Both worker gauges read one getrusage round trip per scrape.
    let usage: Promise<WorkerUsage[] | undefined> | undefined;
    const readUsage = () => (usage ??= self.#read('media worker usage', () => self.#sources?.mediaWorkers.resourceUsage() ?? []).finally(() => setImmediate(() => (usage = undefined))));
    // A counter per worker process: its pid is its identity, and a replaced worker starts a new series.
    new Counter({
      name: 'videorooms_media_worker_cpu_seconds_total',
      help: 'CPU time (user + system) used by each mediasoup worker process since it started; rate() gives its load (1 = one core).',
      labelNames: ['pid'],
      registers,
      async collect() {
        const usages = await readUsage();
        this.reset();
        for (const u of usages ?? []) this.inc({ pid: String(u.pid) }, u.cpuSeconds);
      },
    });
    new Gauge({
      name: 'videorooms_media_worker_resident_memory_bytes',
      help: 'Resident memory of each mediasoup worker process now (from /proc; absent where there is none).',
      labelNames: ['pid'],
      registers,
      async collect() {
        const usages = await readUsage();
        this.reset();
        for (const u of usages ?? []) if (u.rssBytes !== undefined) this.set({ pid: String(u.pid) }, u.rssBytes);
      },
    });

    new Gauge({
      name: 'videorooms_webhook_deliveries',
      help: 'Webhook deliveries in the outbox by status: pending (waiting or retrying), delivered, failed (given up).',
      labelNames: ['status'],
      registers,
      async collect() {
        const db = self.#sources?.db;
        const rows = db && (await self.#read('webhook deliveries', () => countDeliveriesByStatus(db)));
        this.reset();
        if (!rows) return;
        for (const status of WEBHOOK_STATUSES) this.set({ status }, 0);
        for (const r of rows.rows) if (WEBHOOK_STATUSES.includes(r.status)) this.set({ status: r.status }, Number(r.n));
      },
    });
    new Gauge({
      name: 'videorooms_composition_jobs',
      help: 'Composition jobs waiting (enqueued) and rendering (processing), across every server on the database.',
      labelNames: ['status'],
      registers,
      async collect() {
        const db = self.#sources?.db;
        const rows = db && (await self.#read('composition jobs', () => countOpenJobsByStatus(db)));
        this.reset();
        if (!rows) return;
        for (const status of COMPOSITION_STATES) this.set({ status }, 0);
        for (const r of rows.rows) this.set({ status: r.status }, Number(r.n));
      },
    });

    new Gauge({
      name: 'videorooms_recordings_active',
      help: 'Tracks being recorded by this process.',
      registers,
      collect() {
        this.set(self.#sources?.recordings.activeCount ?? 0);
      },
    });
    new Counter({
      name: 'videorooms_recording_bytes_written_total',
      help: 'Bytes of recording files written by this process (finished files plus the current size of those being written).',
      registers,
      async collect() {
        const bytes = await self.#read('recording bytes', () => self.#sources?.recordings.bytesWritten() ?? 0);
        self.#recordingBytesHigh = Math.max(self.#recordingBytesHigh, bytes ?? 0);
        this.reset();
        this.inc(self.#recordingBytesHigh);
      },
    });
  }
}
