/**
 * The order rule of a database with a single session (PGlite): once a transaction has begun,
 * nothing from another caller may be sent until it ends, or it would run inside it. Statements
 * outside transactions need no turn of their own: the database runs them in the order they were
 * sent, so any number may be on their way at once. Callers are served in arrival order, so that a
 * stream of statements cannot starve a transaction nor the reverse.
 */
export class TransactionGate {
  private held = false;
  private readonly queue: { send?: () => void; hold?: () => void }[] = [];

  /** Calls `send` (synchronously) as soon as no transaction is open or waiting ahead of it. */
  whenOpen(send: () => void): void {
    if (!this.held && !this.queue.length) send();
    else this.queue.push({ send });
  }

  /** Resolves once the caller alone may send, until release(). */
  hold(): Promise<void> {
    if (!this.held && !this.queue.length) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((hold) => this.queue.push({ hold }));
  }

  release(): void {
    this.held = false;
    while (this.queue.length && !this.held) {
      const next = this.queue.shift()!;
      if (next.hold) {
        // Taken now, not when the holder's code resumes: whatever queues meanwhile waits behind it.
        this.held = true;
        next.hold();
      } else next.send!();
    }
  }
}
