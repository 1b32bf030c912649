import { EventEmitter } from 'node:events';
import type { types as ms } from 'mediasoup';
import { roomMediaCodecs } from './codecs.js';

export interface RouterSetObserverEvents {
  /** The worker under an extra router died, with the transports and consumers on it. */
  routerlost: [router: ms.Router, workerPid: number];
}

/** One of a room's routers besides its main one. */
export interface ExtraRouter {
  router: ms.Router;
  workerPid: number;
}

/**
 * The routers a big room has besides its main one: at most one per other worker, created the
 * first time a subscriber is placed on that worker. They carry only recv transports and their
 * consumers, fed by pipe producers (pipe-cache.ts); producers, speaker detection and recording
 * stay on the main router, so losing an extra router never touches what is published.
 */
export class RouterSet {
  readonly observer = new EventEmitter<RouterSetObserverEvents>();
  readonly #routers = new Map<number, ExtraRouter>();
  readonly #creating = new Map<number, Promise<ms.Router | undefined>>();
  // Bumped by closeAll(): a router whose creation was under way then is closed when it arrives,
  // instead of joining a set that was emptied (room closed, or main router lost).
  #generation = 0;

  list(): ExtraRouter[] {
    return [...this.#routers.values()];
  }

  /** The room's router on `worker`, created if there is none yet; undefined if closeAll() came meanwhile. */
  routerOn(worker: ms.Worker): Promise<ms.Router | undefined> {
    const existing = this.#routers.get(worker.pid);
    if (existing && !existing.router.closed) return Promise.resolve(existing.router);
    const creating = this.#creating.get(worker.pid);
    if (creating) return creating;
    const generation = this.#generation;
    const created = this.#create(worker, generation).finally(() => this.#creating.delete(worker.pid));
    this.#creating.set(worker.pid, created);
    return created;
  }

  /** Whether `router` is one of the set's and still stands. */
  isCurrent(router: ms.Router): boolean {
    return !router.closed && [...this.#routers.values()].some((extra) => extra.router === router);
  }

  /** Closes every extra router with everything on it (room closed, or its main router lost). */
  closeAll(): void {
    this.#generation += 1;
    const routers = [...this.#routers.values()];
    this.#routers.clear();
    for (const { router } of routers) router.close();
  }

  async #create(worker: ms.Worker, generation: number): Promise<ms.Router | undefined> {
    // The same codecs as the main router: the capabilities a client loaded from the main router
    // are then valid here too (mediasoup derives payload types from the codec list alone).
    const router = await worker.createRouter({ mediaCodecs: structuredClone([...roomMediaCodecs]) });
    if (generation !== this.#generation || router.closed) {
      router.close();
      return undefined;
    }
    const extra = { router, workerPid: worker.pid };
    this.#routers.set(worker.pid, extra);
    router.once('workerclose', () => {
      if (this.#routers.get(worker.pid) !== extra) return;
      this.#routers.delete(worker.pid);
      this.observer.emit('routerlost', router, worker.pid);
    });
    return router;
  }
}
