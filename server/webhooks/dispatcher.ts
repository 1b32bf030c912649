import type { Kysely } from 'kysely';
import { eventsByIds } from '../../db/events.js';
import { claimDueDeliveries, recordAttempt } from '../../db/webhook-deliveries.js';
import type { Database, EventRow, WebhookDeliveryRow } from '../../db/types.js';
import type { DomainBus } from '../events/topics.js';
import type { Logger } from '../app/logger.js';
import { LeaseWorker } from '../shared/lease-worker.js';
import { webhookBody } from './envelope.js';
import { postWebhook, type PostOutcome } from './post.js';
import type { WebhookSigner } from './signing.js';
import type { TargetPolicy } from './target-policy.js';

export interface DispatcherConfig {
  /** Used when a room sets no webhookTimeoutSecs. */
  defaultTimeoutSecs: number;
  /** First retry delay; each further one doubles, up to retryMaxMs, with jitter. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** After this many attempts a delivery is given up as failed. */
  maxAttempts: number;
  /** How often the outbox is checked when nothing wakes the dispatcher. */
  pollMs: number;
}

type Claimed = WebhookDeliveryRow & { event: EventRow };

const BATCH = 16;

/**
 * Delivers the webhook outbox. A delivery is claimed with a lease (its next attempt moved past the
 * time the attempt may take) in one statement with SKIP LOCKED, so several server processes on one
 * Postgres never send the same attempt twice, and a process that dies mid-attempt leaves the
 * delivery to be retried when the lease runs out.
 */
export class WebhookDispatcher {
  private readonly worker: LeaseWorker<Claimed>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly signer: WebhookSigner,
    private readonly config: DispatcherConfig,
    private readonly log: Logger,
    /** Checked again at every attempt: DNS may have changed since the URL was saved. */
    private readonly targets: TargetPolicy,
    /** Hears of every attempt recorded (the `webhookDeliveries` subscription). */
    private readonly bus: DomainBus,
  ) {
    this.worker = new LeaseWorker<Claimed>({
      name: 'webhook deliveries',
      log,
      // Deliveries wait on the network, not on this process: as many run at once as are due.
      concurrency: Infinity,
      batch: BATCH,
      pollMs: config.pollMs,
      key: (d) => d.id,
      claim: () => this.claim(),
      run: (d) => this.deliver(d),
    });
  }

  start(): void {
    this.worker.start();
  }

  /** Something was enqueued: look now rather than at the next poll. */
  wake(): void {
    this.worker.wake();
  }

  stop(): Promise<void> {
    return this.worker.stop();
  }

  private async claim(): Promise<Claimed[]> {
    const now = new Date();
    const leaseMs = (Math.max(this.config.defaultTimeoutSecs, 30) * 2 + 5) * 1000;
    const claimed = await claimDueDeliveries(this.db, now, leaseMs, BATCH);
    if (!claimed.rows.length) return [];
    const events = await eventsByIds(
      this.db,
      claimed.rows.map((d) => d.event_id),
    );
    const byId = new Map(events.map((e) => [e.id, e]));
    return claimed.rows.map((d) => ({ ...d, event: byId.get(d.event_id)! })).sort((a, b) => a.event.seq - b.event.seq);
  }

  private async deliver(d: Claimed): Promise<void> {
    const attempt = d.attempts + 1;
    const timeoutMs = Math.max(1, d.timeout_secs ?? this.config.defaultTimeoutSecs) * 1000;
    const primary = await this.post(d.url, webhookBody(d.event, { attempt, deliveredTo: d.url }), timeoutMs);
    let outcome = primary;
    let deliveredTo: 'primary' | 'failover' = 'primary';
    // The failover URL takes the event as soon as the primary fails, within the same attempt.
    if (!primary.ok && d.failover_url) {
      const failover = await this.post(d.failover_url, webhookBody(d.event, { attempt, deliveredTo: d.failover_url }), timeoutMs);
      outcome = failover.ok ? failover : { ...failover, error: `primary: ${primary.error}; failover: ${failover.error}` };
      deliveredTo = 'failover';
    }
    const at = new Date();
    if (outcome.ok) {
      this.announce(await recordAttempt(this.db, d.id, { status: 'delivered', at, statusCode: outcome.statusCode, deliveredTo }));
      this.log.debug({ delivery: d.id, event: d.event.event_type, deliveredTo, attempt }, 'webhook delivered');
      // The room's next event waited behind this one: it may go now.
      this.worker.wake();
      return;
    }
    const giveUp = attempt >= this.config.maxAttempts;
    const delay = Math.min(this.config.retryMaxMs, this.config.retryBaseMs * 2 ** (attempt - 1));
    // Half fixed, half random: spreads the retries of many deliveries that failed together.
    const nextAttemptAt = new Date(at.getTime() + delay / 2 + Math.random() * (delay / 2));
    this.announce(await recordAttempt(this.db, d.id, { status: giveUp ? 'failed' : 'pending', at, statusCode: outcome.statusCode, error: outcome.error!, nextAttemptAt }));
    this.log.warn({ delivery: d.id, event: d.event.event_type, attempt, error: outcome.error, giveUp }, 'webhook delivery failed');
    if (giveUp) this.worker.wake();
    else this.worker.pollIn(Math.min(this.config.pollMs, nextAttemptAt.getTime() - Date.now()));
  }

  private announce(row: WebhookDeliveryRow | undefined): void {
    if (row) this.bus.publish('webhookAttempt', row.room_id ?? '', row);
  }

  private post(url: string, body: string, timeoutMs: number): Promise<PostOutcome> {
    const headers = { 'content-type': 'application/json', 'user-agent': 'video-rooms-webhooks', ...this.signer.headers(body) };
    return postWebhook(url, body, headers, { timeoutMs, policy: this.targets });
  }
}
