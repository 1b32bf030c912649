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
  // The same objects by kind, for the metrics: producers are media coming in, consumers going out.
  readonly #byKind: MediaObjectCounts = { routers: 0, transports: 0, producers: 0, consumers: 0 };
  /** The routers open on this side, to ask the worker what each really holds (dump). */
  readonly routers = new Set<ms.Router>();

  constructor(worker: ms.Worker) {
    worker.observer.on('newrouter', (router: ms.Router) => {
      this.#track(router.observer, 'routers');
      this.routers.add(router);
      router.observer.once('close', () => this.routers.delete(router));
      router.observer.on('newtransport', (transport: ms.Transport) => {
        this.#track(transport.observer, 'transports');
        transport.observer.on('newproducer', (producer: ms.Producer) => this.#track(producer.observer, 'producers'));
        transport.observer.on('newconsumer', (consumer: ms.Consumer) => this.#track(consumer.observer, 'consumers'));
      });
    });
  }

  get value(): number {
    return this.#count;
  }

  get objects(): MediaObjectCounts {
    return { ...this.#byKind };
  }

  #track(observer: EventEmitter, kind: keyof MediaObjectCounts): void {
    this.#count += 1;
    this.#byKind[kind] += 1;
    observer.once('close', () => {
      this.#count -= 1;
      this.#byKind[kind] -= 1;
    });
  }
}

export interface MediaObjectCounts {
  routers: number;
  transports: number;
  producers: number;
  consumers: number;
}

/** One worker's media objects by its own account (its dump). */
export type WorkerDump = MediaObjectCounts & { pid: number };
