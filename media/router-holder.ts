import { EventEmitter } from 'node:events';
import type { types as ms } from 'mediasoup';
import { roomMediaCodecs } from './codecs.js';
import type { MediaConfig } from './config.js';
import { MediaError } from './errors.js';
import { roomClosedError, routerLostError, translateMediasoupError, type RouterState } from './mediasoup-errors.js';
import { SpeakerDetection, type SpeakerHandlers } from './speaker-detection.js';

export interface RouterHolderObserverEvents {
  /** The worker under the router died, and everything on the router with it. attach() brings a new one. */
  routerlost: [router: ms.Router];
  /** A router was attached again after `routerlost`. */
  routerrebuilt: [workerPid: number];
  close: [];
}

interface RouterSlot {
  promise: Promise<ms.Router>;
  resolve(router: ms.Router): void;
  reject(error: MediaError): void;
}

function routerSlot(): RouterSlot {
  let resolve!: (router: ms.Router) => void;
  let reject!: (error: MediaError) => void;
  const promise = new Promise<ms.Router>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Nobody may be waiting when the room closes.
  promise.catch(() => {});
  return { promise, resolve, reject };
}

/**
 * The router of one room and its speaker observers, across worker deaths. Between a loss and the
 * next attach() the slot is empty, and live() waits for the router to come back instead of failing.
 */
export class RouterHolder {
  readonly observer = new EventEmitter<RouterHolderObserverEvents>();
  readonly #roomId: string;
  readonly #config: MediaConfig;
  readonly #speakerHandlers: SpeakerHandlers;
  #router: ms.Router | undefined;
  #workerPid = 0;
  #slot = routerSlot();
  #speakers: SpeakerDetection | undefined;
  #closed = false;

  constructor(roomId: string, config: MediaConfig, speakerHandlers: SpeakerHandlers) {
    this.#roomId = roomId;
    this.#config = config;
    this.#speakerHandlers = speakerHandlers;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** The router in force, if any: undefined after a loss until the next attach(), and once closed. */
  get router(): ms.Router | undefined {
    return this.#router;
  }

  get workerPid(): number | undefined {
    return this.#router ? this.#workerPid : undefined;
  }

  get speakers(): SpeakerDetection | undefined {
    return this.#speakers;
  }

  /** Creates the router (and its observers) on `worker`: at creation, and again after `routerlost`. */
  async attach(worker: ms.Worker): Promise<void> {
    if (this.#closed) throw roomClosedError(this.#roomId);
    if (this.#router) throw new MediaError('MEDIA_FAILURE', `room ${this.#roomId} already has a router`);
    const router = await worker.createRouter({ mediaCodecs: structuredClone([...roomMediaCodecs]) });
    try {
      const speakers = await SpeakerDetection.create(router, this.#config, this.#speakerHandlers);
      if (this.#closed) throw roomClosedError(this.#roomId);
      // A worker that dies right now has already closed the router: its 'workerclose' is gone.
      if (router.closed) throw new MediaError('MEDIA_LOST', `the worker chosen for room ${this.#roomId} died`);
      this.#speakers = speakers;
    } catch (error) {
      router.close();
      throw error;
    }
    const rebuilt = this.#workerPid !== 0;
    this.#router = router;
    this.#workerPid = worker.pid;
    router.once('workerclose', () => this.#onWorkerClose(router));
    this.#slot.resolve(router);
    if (rebuilt) this.observer.emit('routerrebuilt', worker.pid);
  }

  /** The router, once there is one; ROOM_CLOSED once the room is closed. */
  async live(): Promise<ms.Router> {
    if (this.#closed) throw roomClosedError(this.#roomId);
    return this.#slot.promise;
  }

  /** Whether `router` is the one in force: false once it died or the room closed. */
  isCurrent(router: ms.Router): boolean {
    return !this.#closed && !router.closed && router === this.#router;
  }

  state(router: ms.Router): RouterState {
    if (this.#closed) return 'closed';
    return router.closed || router !== this.#router ? 'lost' : 'live';
  }

  /** Runs one mediasoup call on `router` and turns its failure into a MediaError naming `field`. */
  async call<T>(router: ms.Router, field: string, operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw translateMediasoupError(error, this.#roomId, this.state(router), field);
    }
  }

  /** Why what an awaited call created on `router` for a participant no longer belongs to it. */
  goneError(router: ms.Router, participantId: string): MediaError {
    const state = this.state(router);
    if (state === 'closed') return roomClosedError(this.#roomId);
    if (state === 'lost') return routerLostError(this.#roomId);
    return new MediaError('TRANSPORT_NOT_FOUND', `the transport of participant ${participantId} closed during the operation`, 'transportId');
  }

  /** Closes the router with everything on it; calls waiting for a router fail with ROOM_CLOSED. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const router = this.#router;
    this.#router = undefined;
    this.#speakers = undefined;
    this.observer.emit('close');
    router?.close();
    this.#slot.reject(roomClosedError(this.#roomId));
  }

  #onWorkerClose(router: ms.Router): void {
    if (router !== this.#router) return;
    this.#router = undefined;
    this.#speakers = undefined;
    this.#slot = routerSlot();
    this.observer.emit('routerlost', router);
  }
}
