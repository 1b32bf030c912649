/**
 * Reads a source as fast as it produces and hands items to a consumer that may be slower, holding
 * at most `maxQueued` in between. A consumer that falls further behind is cut off (`onOverflow`)
 * instead of letting the queue — and the server's memory — grow without bound. `end(final)`
 * stops it from outside: what is already queued is still delivered, then `final`, if given.
 */
export class BoundedStream<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private readonly source: AsyncIterator<T>;
  private waiting: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | undefined;
  private failure: { error: unknown } | undefined;
  private finished = false;

  constructor(
    source: AsyncIterable<T>,
    private readonly maxQueued: number,
    private readonly onOverflow: () => void,
  ) {
    this.source = source[Symbol.asyncIterator]();
    void this.pump();
  }

  private async pump(): Promise<void> {
    try {
      while (!this.finished) {
        const r = await this.source.next();
        if (r.done || this.finished) break;
        this.queue.push(r.value);
        if (this.queue.length > this.maxQueued) {
          this.queue.length = 0;
          this.end();
          this.onOverflow();
          return;
        }
        this.wake();
      }
    } catch (error) {
      if (!this.finished) this.failure = { error };
    }
    this.finish();
  }

  end(final?: T): void {
    if (this.finished) return;
    if (final !== undefined) this.queue.push(final);
    this.finish();
    // The source's return frees what it holds upstream (a pubsub subscription) at once.
    void Promise.resolve(this.source.return?.()).catch(() => {});
  }

  private finish(): void {
    this.finished = true;
    this.wake();
  }

  private wake(): void {
    const waiting = this.waiting;
    if (!waiting || (!this.queue.length && !this.finished)) return;
    this.waiting = undefined;
    // Handed over directly: this runs once per event per subscriber.
    if (this.queue.length) waiting.resolve({ value: this.queue.shift()!, done: false });
    else this.next().then(waiting.resolve, waiting.reject);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.queue.length) return Promise.resolve({ value: this.queue.shift()!, done: false });
    if (this.finished) {
      if (this.failure) {
        const { error } = this.failure;
        this.failure = undefined;
        return Promise.reject(error);
      }
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  return(): Promise<IteratorResult<T>> {
    this.queue.length = 0;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Items waiting for the consumer. */
  get queued(): number {
    return this.queue.length;
  }
}
