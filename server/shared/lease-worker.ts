import type { Logger } from '../app/logger.js';

/** Why the worker looks for work: it was woken (new work may be waiting), or its poll came round. */
export type ClaimReason = 'wake' | 'poll';

export interface LeaseWorkerOptions<T> {
  /** Names the work in the log. */
  name: string;
  log: Logger;
  /**
   * Takes up to `limit` items with a lease, so that no other worker (in this process or another
   * on the same database) takes them while it holds; a lease that lapses frees the item again.
   */
  claim(limit: number, reason: ClaimReason): Promise<T[]>;
  /** Does the work of one item, and releases it (done, failed, or handed back for a retry). */
  run(item: T): Promise<void>;
  key(item: T): string;
  /** At most this many items run at once. */
  concurrency: number;
  /** At most this many items are claimed in one go. */
  batch?: number;
  /** How often to look for work when nothing wakes the worker (leases that lapsed, retries that came due). */
  pollMs: number;
  /** Extends an item's lease while it runs; false means the lease was lost (another worker may have it). */
  renew?: { everyMs: number; lease(item: T): Promise<boolean>; lost(item: T): void };
  /** Asked to stop what it runs when the worker stops (it waits for the items to finish either way). */
  interrupt?(item: T): void;
}

/**
 * Drives durable work claimed from the database with a lease: claim what fits, run each item,
 * renew its lease while it runs, look again when woken, when an item finishes or when the poll
 * comes round, and stop cleanly on shutdown. Composition jobs and webhook deliveries run on it.
 */
export class LeaseWorker<T> {
  private readonly running = new Map<string, { item: T; done: Promise<void> }>();
  private stopped = true;
  private claiming?: Promise<void>;
  private again?: ClaimReason;
  private timer?: NodeJS.Timeout;

  constructor(private readonly o: LeaseWorkerOptions<T>) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.wake();
  }

  /** New work may be waiting: claim what fits now rather than at the next poll. */
  wake(reason: ClaimReason = 'wake'): void {
    if (this.stopped) return;
    if (this.claiming) {
      // A poll while claiming finds nothing the claim in progress does not; a wake may.
      if (reason === 'wake') this.again = 'wake';
      return;
    }
    clearTimeout(this.timer);
    this.claiming = this.fill(reason).finally(() => {
      this.claiming = undefined;
      const again = this.again;
      this.again = undefined;
      if (again) this.wake(again);
      else this.pollIn(this.o.pollMs);
    });
  }

  /** Looks for work in `ms` (sooner than the poll, for a retry coming due), unless it looks before. */
  pollIn(ms: number): void {
    if (this.stopped || this.claiming) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake('poll'), Math.max(0, ms));
    this.timer.unref();
  }

  /** Stops claiming, interrupts what runs, and waits for it to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.claiming;
    const running = [...this.running.values()];
    for (const { item } of running) this.o.interrupt?.(item);
    await Promise.allSettled(running.map((r) => r.done));
  }

  /** The work of this item in this process, if it runs here. */
  runningItem(key: string): Promise<void> | undefined {
    return this.running.get(key)?.done;
  }

  keys(): string[] {
    return [...this.running.keys()];
  }

  private async fill(reason: ClaimReason): Promise<void> {
    try {
      while (!this.stopped) {
        const limit = Math.min(this.o.concurrency - this.running.size, this.o.batch ?? Infinity);
        if (limit <= 0) return;
        const items = await this.o.claim(limit, reason);
        for (const item of items) this.begin(item);
        if (items.length < limit) return;
      }
    } catch (err) {
      this.o.log.error({ err }, `claiming ${this.o.name} failed`);
    }
  }

  private begin(item: T): void {
    const key = this.o.key(item);
    const renew = this.o.renew;
    const heartbeat =
      renew &&
      setInterval(() => {
        void renew.lease(item).then(
          (held) => held || renew.lost(item),
          (err) => this.o.log.warn({ err, key }, `renewing a ${this.o.name} lease failed`),
        );
      }, renew.everyMs);
    heartbeat?.unref();
    const entry = { item, done: Promise.resolve() };
    entry.done = this.o
      .run(item)
      .catch((err) => this.o.log.error({ err, key }, `${this.o.name} failed unexpectedly`))
      .finally(() => {
        clearInterval(heartbeat);
        // The item may be claimed again (a retry) just before this run settles: keep that one.
        if (this.running.get(key) === entry) this.running.delete(key);
        // A slot is free: the next item may be waiting.
        if (Number.isFinite(this.o.concurrency)) this.wake();
      });
    this.running.set(key, entry);
  }
}
