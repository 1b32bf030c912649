import type { types as ms } from 'mediasoup';

/**
 * Which of a room's producers are piped to which of its extra routers. mediasoup keeps one
 * PipeTransport pair per pair of routers, but refuses to pipe the same producer to a router twice
 * (the pipe producer takes the producer's id), so the first consume() on an extra router pipes the
 * producer and the others there wait for that pipe.
 *
 * A pipe follows its producer on its own: mediasoup's pipe consumer on the main router pauses,
 * resumes and closes with the producer, and its pipe producer on the extra router (with the
 * consumers of it) does the same in turn. The cache only has to forget a pipe when it closes.
 */
export class PipeCache {
  readonly #pipes = new Map<ms.Router, Map<string, Promise<void>>>();

  /** Pipes `producer` from `source` to `target` unless it already is (or is being) piped there. */
  ensure(source: ms.Router, producer: ms.Producer, target: ms.Router): Promise<void> {
    let byProducer = this.#pipes.get(target);
    if (!byProducer) {
      byProducer = new Map();
      this.#pipes.set(target, byProducer);
    }
    const existing = byProducer.get(producer.id);
    if (existing) return existing;
    const piping = source.pipeToRouter({ producerId: producer.id, router: target, enableSctp: false }).then(({ pipeConsumer, pipeProducer }) => {
      if (!pipeConsumer || !pipeProducer) throw new Error('pipeToRouter returned no pipe for a producer');
      const forget = () => this.#forget(target, producer.id, piping);
      pipeProducer.observer.once('close', forget);
      // The worker tells the pipe consumer that the producer closed a moment later; closing it
      // now stops forwarding at once and frees the entry for a new producer with the same track.
      producer.observer.once('close', () => pipeConsumer.close());
      if (producer.closed) pipeConsumer.close();
      if (pipeProducer.closed) forget();
    });
    piping.catch(() => this.#forget(target, producer.id, piping));
    byProducer.set(producer.id, piping);
    return piping;
  }

  /** How many producers are piped into `target`. */
  count(target: ms.Router): number {
    return this.#pipes.get(target)?.size ?? 0;
  }

  /** The router went (its worker died, or the room's routers closed): its pipes went with it. */
  forgetRouter(target: ms.Router): void {
    this.#pipes.delete(target);
  }

  clear(): void {
    this.#pipes.clear();
  }

  #forget(target: ms.Router, producerId: string, piping: Promise<void>): void {
    const byProducer = this.#pipes.get(target);
    if (byProducer?.get(producerId) !== piping) return;
    byProducer.delete(producerId);
    if (byProducer.size === 0) this.#pipes.delete(target);
  }
}
