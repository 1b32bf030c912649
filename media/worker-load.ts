import type { EventEmitter } from 'node:events';
import type { types as ms } from 'mediasoup';

/**
 * How busy a worker is, as the number of live media objects it hosts: routers, transports,
 * producers and consumers, each counting one.
 *
 * Why a count and not worker.getResourceUsage(): rusage is CPU time accumulated since the process
 * started, so a worker that once hosted a big room would look busy forever, and it costs a round
 * trip to the worker. A worker's cost is packets forwarded, which grows with its producers (packets
 * in) and consumers (packets out, one copy per subscriber, each encrypted on its transport). The
 * count follows that, is exact at the moment of placement, and includes objects created by any
 * module (e.g. a recorder's PlainTransports) because it listens to mediasoup's observers.
 */
export class WorkerLoad {
  #count = 0;

  constructor(worker: ms.Worker) {
    worker.observer.on('newrouter', (router: ms.Router) => {
      this.#track(router.observer);
      router.observer.on('newtransport', (transport: ms.Transport) => {
        this.#track(transport.observer);
        transport.observer.on('newproducer', (producer: ms.Producer) => this.#track(producer.observer));
        transport.observer.on('newconsumer', (consumer: ms.Consumer) => this.#track(consumer.observer));
      });
    });
  }

  get value(): number {
    return this.#count;
  }

  #track(observer: EventEmitter): void {
    this.#count += 1;
    observer.once('close', () => {
      this.#count -= 1;
    });
  }
}
