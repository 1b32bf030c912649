/**
 * The queries and mutations of one socket whose answers are not yet written to it. A room event
 * published while some are (a mutation's own event is) is written only after their answers: a
 * client must not see the room change before it learns that its own call succeeded — the order a
 * graphql-ws server gives when each event takes the long way through its subscription's stream.
 */
export class AnswersInFlight {
  readonly #pending = new Map<string, () => void>();
  readonly #settled = new Map<string, Promise<void>>();
  #barrier: Promise<void> | undefined;

  get pending(): boolean {
    return this.#pending.size > 0;
  }

  /** The operation `id` started executing. */
  opened(id: string): void {
    if (this.#pending.has(id)) return;
    this.#settled.set(id, new Promise<void>((resolve) => this.#pending.set(id, resolve)));
    this.#barrier = undefined;
  }

  /** Its answer was handed to the socket (graphql-ws's onComplete), or it failed without one; any other id is a no-op. */
  settled(id: string): void {
    const resolve = this.#pending.get(id);
    if (!resolve) return;
    this.#pending.delete(id);
    this.#settled.delete(id);
    this.#barrier = undefined;
    resolve();
  }

  /** Resolves once every answer pending now is written (answers asked for later do not hold it). */
  barrier(): Promise<void> {
    return (this.#barrier ??= Promise.all(this.#settled.values()).then(() => {}));
  }

  /** The socket closed: nothing will be answered, and nothing waits for it. */
  close(): void {
    for (const id of [...this.#pending.keys()]) this.settled(id);
  }
}
