/**
 * An async iterator fed by pushes: what a listener of the event bus hands to one subscriber. It
 * costs one promise per item at most (none when the reader is already waiting), which matters on
 * the busiest path of the server: a room event goes through one of these per subscriber. It can
 * bound itself in place (`bound`), so the subscription's limit on waiting events needs no second
 * queue behind it.
 */
export class PushStream<T> implements AsyncIterableIterator<T> {
  readonly #queue: T[] = [];
  #waiting: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | undefined;
  #failure: { error: unknown } | undefined;
  #ended = false;
  #limit: { maxQueued: number; onOverflow: () => void } | undefined;
  #sink: ((item: T) => boolean) | undefined;
  #received = 0;
  readonly #onReturn: () => void;

  /** `onReturn`: the reader stopped (or the stream ended): free what feeds it. Called once. */
  constructor(onReturn: () => void) {
    let called = false;
    this.#onReturn = () => {
      if (called) return;
      called = true;
      onReturn();
    };
  }

  /** From now on, more than `maxQueued` items waiting ends the stream and calls `onOverflow`. */
  bound(maxQueued: number, onOverflow: () => void): this {
    this.#limit = { maxQueued, onOverflow };
    return this;
  }

  /**
   * From now on, each item is offered to `sink` first, as it is pushed; the items it takes (true)
   * go no further. The sink keeps the order itself: it takes an item only once every earlier one
   * has reached the same place by the stream.
   */
  divert(sink: (item: T) => boolean): void {
    this.#sink = sink;
  }

  /** Items pushed so far, taken by the sink or not. */
  get received(): number {
    return this.#received;
  }

  get ended(): boolean {
    return this.#ended;
  }

  push(item: T): void {
    if (this.#ended) return;
    this.#received++;
    if (this.#sink?.(item)) return;
    const waiting = this.#waiting;
    if (waiting) {
      this.#waiting = undefined;
      waiting.resolve({ value: item, done: false });
      return;
    }
    this.#queue.push(item);
    if (this.#limit && this.#queue.length > this.#limit.maxQueued) {
      this.#queue.length = 0;
      this.end();
      this.#limit.onOverflow();
    }
  }

  /** No more items: what is queued is still read, then the stream is done. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#sink = undefined;
    this.#onReturn();
    this.#settleWaiting();
  }

  /** The stream fails: its reader gets `error` after what is queued. */
  fail(error: unknown): void {
    if (this.#ended) return;
    this.#failure = { error };
    this.end();
  }

  #settleWaiting(): void {
    const waiting = this.#waiting;
    if (!waiting || this.#queue.length) return;
    this.#waiting = undefined;
    this.next().then(waiting.resolve, waiting.reject);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.#queue.length) return Promise.resolve({ value: this.#queue.shift()!, done: false });
    if (this.#ended) {
      const failure = this.#failure;
      this.#failure = undefined;
      return failure ? Promise.reject(failure.error) : Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => (this.#waiting = { resolve, reject }));
  }

  return(): Promise<IteratorResult<T>> {
    this.#queue.length = 0;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
