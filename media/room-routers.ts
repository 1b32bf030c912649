import type { types as ms } from 'mediasoup';
import type { MediaConfig } from './config.js';
import { MediaError } from './errors.js';
import type { MediaPeer, PeerRouter } from './media-peer.js';
import { roomClosedError, routerLostError, translateMediasoupError, type RouterState } from './mediasoup-errors.js';
import { PipeCache } from './pipe-cache.js';
import type { RouterHolder } from './router-holder.js';
import { RouterSet } from './router-set.js';
import { chooseRouter, type PlacementCandidate } from './subscriber-placement.js';

/** The node's other workers, as the pool sees them: where a big room can spread its subscribers. */
export interface WorkerSource {
  othersThan(excludePid: number): Array<{ worker: ms.Worker; consumers: number }>;
}

/** One router of a room, for observability (the server's stats). */
export interface RoomRouterInfo {
  routerId: string;
  workerPid: number;
  /** The room's main router: producers, speaker detection and recording live there. */
  main: boolean;
  /** Subscribers whose recv transport is on this router. */
  subscribers: number;
  /** Their consumers there (not counting pipe consumers). */
  consumers: number;
  /** Producers of the main router piped here (0 for the main router). */
  pipedProducers: number;
}

/**
 * A room's routers: the main one (router-holder.ts) and, once its subscribers outgrow it, one per
 * other worker (router-set.ts) fed through pipes (pipe-cache.ts). Decides where a subscriber's
 * recv transport goes and pipes a producer to a subscriber's router before it consumes there.
 */
export class RoomRouters {
  readonly #roomId: string;
  readonly #holder: RouterHolder;
  readonly #config: MediaConfig;
  readonly #workers: WorkerSource | undefined;
  readonly #extra = new RouterSet();
  readonly #pipes = new PipeCache();
  // Recv transports being created, by worker pid: placements made together must see each other.
  readonly #placing = new Map<number, number>();

  constructor(roomId: string, holder: RouterHolder, config: MediaConfig, workers: WorkerSource | undefined, onExtraLost: (router: ms.Router, workerPid: number) => void) {
    this.#roomId = roomId;
    this.#holder = holder;
    this.#config = config;
    this.#workers = workers;
    this.#extra.observer.on('routerlost', (router, workerPid) => {
      this.#pipes.forgetRouter(router);
      onExtraLost(router, workerPid);
    });
  }

  /** What a peer needs of the main router. */
  main(router: ms.Router): PeerRouter {
    const holder = this.#holder;
    return {
      router,
      call: (field, operation) => holder.call(router, field, operation),
      isCurrent: () => holder.isCurrent(router),
      goneError: (id) => holder.goneError(router, id),
    };
  }

  /**
   * The router for a new recv transport of a room whose main router is `main`, reserved until
   * `release()` (call it once the transport is adopted by its peer, or failed).
   */
  async placeSubscriber(main: ms.Router, peers: readonly MediaPeer[]): Promise<{ router: PeerRouter; release: () => void }> {
    const mainPid = this.#holder.workerPid ?? 0;
    const others = this.#workers?.othersThan(mainPid) ?? [];
    const expected = this.#expectedByWorker(main, peers);
    const actual = this.#actualByWorker(main, peers);
    const candidate = (pid: number, workerConsumers: number, target: ms.Worker | undefined): PlacementCandidate<ms.Worker | undefined> => {
      const roomConsumers = (expected.get(pid) ?? 0) + (this.#placing.get(pid) ?? 0);
      return { target, roomConsumers, workerConsumers: workerConsumers + Math.max(0, roomConsumers - (actual.get(pid) ?? 0)) };
    };
    const chosen = chooseRouter(
      candidate(mainPid, 0, undefined),
      others.map(({ worker, consumers }) => candidate(worker.pid, consumers, worker)),
      this.#config.maxConsumersPerRouter,
    );
    const pid = chosen?.pid ?? mainPid;
    this.#placing.set(pid, (this.#placing.get(pid) ?? 0) + 1);
    const release = () => {
      const left = (this.#placing.get(pid) ?? 1) - 1;
      if (left > 0) this.#placing.set(pid, left);
      else this.#placing.delete(pid);
    };
    try {
      const extra = chosen ? await this.#routerOn(chosen) : undefined;
      return { router: extra ? this.#extraPeerRouter(extra) : this.main(main), release };
    } catch (error) {
      release();
      throw error;
    }
  }

  /** Makes `producer` (on the main router) available on the subscriber's router, once per router. */
  async pipe(main: ms.Router, producer: ms.Producer, target: PeerRouter): Promise<void> {
    if (target.router === main) return;
    await target.call('track', () => this.#pipes.ensure(main, producer, target.router));
  }

  /** Every router of the room with its subscribers and consumers. */
  info(main: ms.Router | undefined, peers: readonly MediaPeer[]): RoomRouterInfo[] {
    const routers = [
      ...(main && this.#holder.workerPid !== undefined ? [{ router: main, workerPid: this.#holder.workerPid, main: true }] : []),
      ...this.#extra.list().map((extra) => ({ ...extra, main: false })),
    ];
    return routers.map(({ router, workerPid, main: isMain }) => {
      const on = peers.filter((peer) => peer.routerOf('recv')?.router === router);
      return {
        routerId: router.id,
        workerPid,
        main: isMain,
        subscribers: on.length,
        consumers: on.reduce((n, peer) => n + peer.consumerCount(), 0),
        pipedProducers: isMain ? 0 : this.#pipes.count(router),
      };
    });
  }

  /** The extra routers close with everything on them (room closed, or its main router lost). */
  closeExtra(): void {
    this.#pipes.clear();
    this.#extra.closeAll();
  }

  /** A worker that fails to take a router (it died meanwhile) leaves the subscriber on the main router. */
  async #routerOn(worker: ms.Worker): Promise<ms.Router | undefined> {
    let router: ms.Router | undefined;
    try {
      router = await this.#extra.routerOn(worker);
    } catch {
      if (!worker.closed) throw new MediaError('MEDIA_FAILURE', `room ${this.#roomId} could not get a router on worker ${worker.pid}`);
      return undefined;
    }
    if (!router && this.#holder.closed) throw roomClosedError(this.#roomId);
    if (!router) throw routerLostError(this.#roomId);
    return router;
  }

  #extraPeerRouter(router: ms.Router): PeerRouter {
    const state = (): RouterState => (this.#holder.closed ? 'closed' : this.#extra.isCurrent(router) ? 'live' : 'lost');
    return {
      router,
      call: async (field, operation) => {
        try {
          return await operation();
        } catch (error) {
          throw translateMediasoupError(error, this.#roomId, state(), field);
        }
      },
      isCurrent: () => state() === 'live',
      goneError: (participantId) => {
        const now = state();
        if (now === 'closed') return roomClosedError(this.#roomId);
        if (now === 'lost') return routerLostError(this.#roomId);
        return new MediaError('TRANSPORT_NOT_FOUND', `the transport of participant ${participantId} closed during the operation`, 'transportId');
      },
    };
  }

  #pidOf(router: ms.Router, main: ms.Router): number | undefined {
    if (router === main) return this.#holder.workerPid;
    return this.#extra.list().find((extra) => extra.router === router)?.workerPid;
  }

  /** Each subscriber counts for the consumers it has, or for the room's producers but its own when that is more. */
  #expectedByWorker(main: ms.Router, peers: readonly MediaPeer[]): Map<number, number> {
    const producers = peers.reduce((n, peer) => n + peer.producers().length, 0);
    return this.#sumByWorker(main, peers, (peer) => Math.max(1, peer.consumerCount(), producers - peer.producers().length));
  }

  #actualByWorker(main: ms.Router, peers: readonly MediaPeer[]): Map<number, number> {
    return this.#sumByWorker(main, peers, (peer) => peer.consumerCount());
  }

  #sumByWorker(main: ms.Router, peers: readonly MediaPeer[], count: (peer: MediaPeer) => number): Map<number, number> {
    const sums = new Map<number, number>();
    for (const peer of peers) {
      const router = peer.routerOf('recv')?.router;
      const pid = router && this.#pidOf(router, main);
      if (pid !== undefined) sums.set(pid, (sums.get(pid) ?? 0) + count(peer));
    }
    return sums;
  }
}
