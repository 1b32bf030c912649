import { Repeater } from '@repeaterjs/repeater';
import type { PeerStatsReading } from '../../media/index.js';
import type { Logger } from '../app/logger.js';
import type { OwnerRelay } from '../live/owner-relay.js';
import { RequestRefusedError } from '../shared/errors.js';
import { MAX_RATE_WINDOW_MS, roomReading, type Counters, type LiveParticipant, type RoomStatsSnapshot } from './room-stats-reading.js';
import { STATS_INTERVAL_SECS } from './server-stats.js';

export type { ParticipantStats, PublishedTrackStats, ReceivedTrackStats, RoomStatsSnapshot, TransportStats } from './room-stats-reading.js';

/** Shortest, longest and default period of a `roomStats` watcher: the same as `serverStats`'. */
export const ROOM_STATS_INTERVAL_SECS = STATS_INTERVAL_SECS;

export interface RoomStatsSources {
  /** The live rooms on this node (findRoom does not create one). */
  live: {
    findRoom(roomId: string): { currentSessionId: string | null; participantIds(): string[]; participant(id: string): LiveParticipant | undefined } | undefined;
  };
  /** The rooms' media (findRoom does not open one). */
  media: { findRoom(roomId: string): { readStats(participantIds: readonly string[]): Promise<PeerStatsReading[]> } | undefined };
  rooms: { get(id: string): Promise<{ deleted_at: Date | null } | undefined> };
}

type Listener = (s: RoomStatsSnapshot) => void;

interface Ticker {
  listeners: Set<Listener>;
  timer: NodeJS.Timeout;
  /** The last reading, handed at once to a watcher that joins. */
  latest?: RoomStatsSnapshot;
  busy: boolean;
}

/**
 * The media figures of a room's participants, for operators: read from mediasoup on demand, and
 * for watchers once per room and period, whatever their number. Rates (bitrate, loss) are
 * computed between a room's consecutive readings.
 */
export class RoomStats {
  /** Readings taken (each one reads every producer, consumer and transport of the room once). */
  readingsTaken = 0;
  private readonly tickers = new Map<string, Ticker>();
  /** Each room's counters at its last reading, by producer or consumer id. */
  private readonly counters = new Map<string, { byId: Map<string, Counters>; atMs: number }>();

  private readonly readOnOwner: (args: { roomId: string }) => Promise<RoomStatsSnapshot>;

  constructor(
    private readonly sources: RoomStatsSources,
    private readonly log: Logger,
    relay: OwnerRelay,
  ) {
    // The figures are the media's: the node that runs the room reads them (and keeps the counters rates come from).
    this.readOnOwner = relay.define('roomStatsReading', ({ roomId }: { roomId: string }) => this.readHere(roomId));
  }

  /** NOT_FOUND (naming `roomId`) for a room that does not exist or was deleted. */
  async requireRoom(roomId: string): Promise<void> {
    const room = await this.sources.rooms.get(roomId);
    if (!room || room.deleted_at) throw new RequestRefusedError('NOT_FOUND', `roomId: room ${roomId} was not found`, { field: 'roomId' });
  }

  /** The room's figures now, from the node that runs it; a room with nobody in it reads as no participants. */
  reading(roomId: string): Promise<RoomStatsSnapshot> {
    return this.readOnOwner({ roomId });
  }

  private async readHere(roomId: string): Promise<RoomStatsSnapshot> {
    this.readingsTaken += 1;
    const live = this.sources.live.findRoom(roomId);
    const participants = (live?.participantIds() ?? []).map((id) => live!.participant(id)).filter((p): p is LiveParticipant => p !== undefined);
    const ids = participants.map((p) => p.id);
    const media = ids.length ? await this.sources.media.findRoom(roomId)?.readStats(ids) : undefined;
    const atMs = Date.now();
    const previous = this.counters.get(roomId)?.byId ?? new Map<string, Counters>();
    const { snapshot, counters } = roomReading({ roomId, sessionId: live?.currentSessionId ?? null, participants }, media ?? [], previous, atMs);
    this.counters.set(roomId, { byId: counters, atMs });
    for (const [id, c] of this.counters) if (atMs - c.atMs > MAX_RATE_WINDOW_MS) this.counters.delete(id);
    return snapshot;
  }

  /**
   * The room's readings every `intervalSecs`, taken once per room and period for every watcher:
   * a watcher that joins gets the period's last reading at once (or the first, when it starts the
   * period), then each new one.
   */
  async watch(roomId: string, intervalSecs: number): Promise<AsyncIterable<RoomStatsSnapshot>> {
    await this.requireRoom(roomId);
    return new Repeater<RoomStatsSnapshot>(async (push, stop) => {
      const unlisten = this.listen(roomId, intervalSecs, (s) => void push(s));
      await stop;
      unlisten();
    });
  }

  /** Periods being read now (one per room and period with at least one watcher). */
  get activeTickers(): number {
    return this.tickers.size;
  }

  private listen(roomId: string, intervalSecs: number, listener: Listener): () => void {
    const key = `${roomId}/${intervalSecs}`;
    let ticker = this.tickers.get(key);
    if (!ticker) {
      const t: Ticker = { listeners: new Set(), timer: setInterval(() => tick(), intervalSecs * 1000), busy: false };
      const tick = () => {
        // A reading slower than the period (a busy worker) is not piled up behind.
        if (t.busy) return;
        t.busy = true;
        this.reading(roomId)
          .then((s) => {
            t.latest = s;
            t.listeners.forEach((l) => l(s));
          })
          .catch((err) => this.log.warn({ err, roomId }, 'room stats: a reading failed'))
          .finally(() => (t.busy = false));
      };
      t.timer.unref();
      this.tickers.set(key, t);
      ticker = t;
      tick();
    } else if (ticker.latest) {
      listener(ticker.latest);
    }
    ticker.listeners.add(listener);
    const joined = ticker;
    return () => {
      joined.listeners.delete(listener);
      if (joined.listeners.size === 0 && this.tickers.get(key) === joined) {
        clearInterval(joined.timer);
        this.tickers.delete(key);
      }
    };
  }

  /** Stops every ticker (server shutdown). */
  close(): void {
    for (const t of this.tickers.values()) clearInterval(t.timer);
    this.tickers.clear();
  }
}
