import { EventEmitter } from 'node:events';
import type { types as ms } from 'mediasoup';
import { roomMediaCodecs } from './codecs.js';
import { resolveMediaConfig, type MediaConfig } from './config.js';
import { MediaError, isMediaError } from './errors.js';
import type { TransportRates } from './media-stats.js';
import { RoomMedia } from './room-media.js';
import type { RoomRouterInfo } from './room-routers.js';
import { WorkerPool } from './worker-pool.js';

export interface MediaRoomsEvents {
  /**
   * The worker hosting the room died. Every participant listed lost its transports, producers and
   * consumers: tell them to rejoin (new transports, publish and subscribe again). The room's
   * router is being rebuilt on a live worker; calls on the room wait for it.
   */
  roomMediaLost: [event: { roomId: string; participantIds: string[] }];
  /**
   * A worker under one of a big room's other routers died. Only these participants lost anything:
   * their recv transport and consumers (their send side, and the room's main router, are
   * untouched). Tell them to rebuild their media; their next recv transport is placed afresh.
   */
  roomSubscribersLost: [event: { roomId: string; participantIds: string[]; workerPid: number }];
  /** The room has a router again. Its RTP capabilities are unchanged, so clients keep their device. */
  roomMediaRebuilt: [event: { roomId: string; workerPid: number }];
  /** No worker could take the room: its media is closed and it is forgotten (openRoom starts afresh). */
  roomMediaRebuildFailed: [event: { roomId: string; error: MediaError }];
}

const placementAttempts = 3;

/**
 * The media layer's entry point: a worker pool and one RoomMedia per live room, placed on the
 * least-loaded worker.
 *
 * Rebuild strategy after a worker dies: eager. The router of each room that lived on it is
 * recreated on a live worker at once (waiting for the replacement worker only if none is left),
 * before clients come back, so that their rejoin does not wait for a router. Transports,
 * producers and consumers are not recreated: they belong to client sessions (ICE, DTLS, encoders)
 * that died with the worker, so only the clients can recreate them, by rejoining.
 */
export class MediaRooms extends EventEmitter<MediaRoomsEvents> {
  readonly config: MediaConfig;
  readonly pool: WorkerPool;
  readonly #rooms = new Map<string, RoomMedia>();
  readonly #opening = new Map<string, Promise<RoomMedia>>();
  #capabilities: Promise<ms.RtpCapabilities> | undefined;
  // Placement reads the load and then adds to it; done one at a time so that rooms opened
  // together do not all see the same least-loaded worker.
  #placement: Promise<unknown> = Promise.resolve();

  private constructor(config: MediaConfig, pool: WorkerPool) {
    super();
    this.config = config;
    this.pool = pool;
  }

  /** Validates the configuration (defaults for what is left out) and starts the workers. */
  static async start(config: Partial<MediaConfig> = {}): Promise<MediaRooms> {
    const resolved = resolveMediaConfig(config);
    return new MediaRooms(resolved, await WorkerPool.start(resolved));
  }

  /**
   * The RTP capabilities of every room's router: they follow from the codec list alone (mediasoup
   * assigns payload types and extensions from it in a fixed order), so they are read once, from a
   * router made for the purpose, for clients that need them without opening a room's media.
   */
  rtpCapabilities(): Promise<ms.RtpCapabilities> {
    this.#capabilities ??= (async () => {
      const worker = await this.pool.leastLoaded();
      const router = await worker.createRouter({ mediaCodecs: structuredClone([...roomMediaCodecs]) });
      try {
        return router.rtpCapabilities;
      } finally {
        router.close();
      }
    })().catch((err: unknown) => {
      this.#capabilities = undefined;
      throw err;
    });
    return this.#capabilities;
  }

  /** The room's media, created on the least-loaded worker on first use. */
  async openRoom(roomId: string): Promise<RoomMedia> {
    if (typeof roomId !== 'string' || roomId === '') {
      throw new MediaError('INVALID_ARGUMENT', 'roomId must be a non-empty string', 'roomId');
    }
    const existing = this.#rooms.get(roomId);
    if (existing) return existing;
    let opening = this.#opening.get(roomId);
    if (!opening) {
      opening = this.#create(roomId).finally(() => this.#opening.delete(roomId));
      this.#opening.set(roomId, opening);
    }
    return opening;
  }

  /** The room's media; ROOM_NOT_FOUND when it is not open. */
  getRoom(roomId: string): RoomMedia {
    const room = this.#rooms.get(roomId);
    if (!room) throw new MediaError('ROOM_NOT_FOUND', `room ${roomId} has no media open`, 'roomId');
    return room;
  }

  findRoom(roomId: string): RoomMedia | undefined {
    return this.#rooms.get(roomId);
  }

  /** Every open room's transports' rates summed: the media the server takes in and sends out now. */
  async transportRates(): Promise<TransportRates> {
    const rates = await Promise.all([...this.#rooms.values()].map((room) => room.readTransportRates()));
    return { recvBitrate: rates.reduce((n, r) => n + r.recvBitrate, 0), sendBitrate: rates.reduce((n, r) => n + r.sendBitrate, 0) };
  }

  /** Every open room's routers: which worker each is on, and the subscribers and consumers it carries. */
  roomRouters(): Array<{ roomId: string; routers: RoomRouterInfo[] }> {
    return [...this.#rooms.values()].map((room) => ({ roomId: room.roomId, routers: room.routerInfo() }));
  }

  roomIds(): string[] {
    return [...this.#rooms.keys()];
  }

  /** Closes the room's router and everything on it; nothing happens for a room that is not open. */
  closeRoom(roomId: string): void {
    this.#rooms.get(roomId)?.close();
  }

  /** Closes every room and stops the workers (resolves once their processes have exited). */
  async close(): Promise<void> {
    for (const room of [...this.#rooms.values()]) room.close();
    await this.pool.close();
  }

  async #create(roomId: string): Promise<RoomMedia> {
    const room = new RoomMedia(roomId, this.config, { othersThan: (pid) => this.pool.othersThan(pid) });
    await this.#place(room);
    this.#rooms.set(roomId, room);
    room.on('closed', () => {
      if (this.#rooms.get(roomId) === room) this.#rooms.delete(roomId);
    });
    room.on('lost', ({ participantIds }) => {
      this.emit('roomMediaLost', { roomId, participantIds });
      void this.#rebuild(room);
    });
    room.on('subscribersLost', (event) => this.emit('roomSubscribersLost', event));
    room.on('rebuilt', ({ workerPid }) => this.emit('roomMediaRebuilt', { roomId, workerPid }));
    return room;
  }

  async #rebuild(room: RoomMedia): Promise<void> {
    try {
      await this.#place(room);
    } catch (error) {
      // Closed meanwhile (room ended, or shutdown): nothing left to report.
      if (room.closed) return;
      room.close();
      const failure = isMediaError(error) ? error : new MediaError('NO_WORKER', `room ${room.roomId} could not be rebuilt: ${String(error)}`, undefined, { cause: error });
      this.emit('roomMediaRebuildFailed', { roomId: room.roomId, error: failure });
    }
  }

  /** Attaches the room to the least-loaded worker, trying another if the chosen one dies meanwhile. */
  async #place(room: RoomMedia): Promise<void> {
    const attempt = async (): Promise<void> => {
      for (let tries = 1; ; tries += 1) {
        const worker: ms.Worker = await this.pool.leastLoaded();
        try {
          await room.attach(worker);
          return;
        } catch (error) {
          if (!worker.closed || tries >= placementAttempts) throw error;
        }
      }
    };
    const placed = this.#placement.then(attempt);
    this.#placement = placed.catch(() => {});
    try {
      await placed;
    } catch (error) {
      if (isMediaError(error)) throw error;
      throw new MediaError('MEDIA_FAILURE', `room ${room.roomId} could not get a router: ${String(error)}`, undefined, {
        cause: error,
      });
    }
  }
}
