import type { RoomEventRecord, RoomStreamItem } from '../events/catalog.js';
import { roomStateSnapshot } from '../events/room-deltas.js';
import type { RoomStateView } from '../events/room-state.js';
import type { DomainBus } from '../events/topics.js';
import { isFor, type Audience } from './live-room.js';
import type { OwnerRelay } from './owner-relay.js';
import { PushStream } from '../shared/push-stream.js';
import type { RoomManager } from './room-manager.js';

export type { RoomStreamItem };

/**
 * roomEvents: a snapshot, then every delta after it, for as long as the subscriber listens. The
 * deltas of a room reach every node over the bus; the snapshot comes from the node that runs it.
 */
export class RoomEventStreams {
  private readonly snapshotOnOwner: (args: { roomId: string }) => Promise<RoomStateView>;

  constructor(
    private readonly rooms: RoomManager,
    private readonly bus: DomainBus,
    relay: OwnerRelay,
  ) {
    this.snapshotOnOwner = relay.define('roomSnapshot', async ({ roomId }: { roomId: string }) => {
      const snapshot = this.rooms.liveRoom(roomId).snapshot();
      this.rooms.forgetIfIdle(roomId);
      return snapshot;
    });
  }

  stream(roomId: string, audience: Audience): AsyncIterable<RoomStreamItem> {
    let unwatch: (() => void) | undefined;
    const stream = new PushStream<RoomStreamItem>(() => unwatch?.());
    const start = async () => {
      const holder = await this.rooms.remoteHolder(roomId);
      if (stream.ended) return;
      if (holder) {
        unwatch = await this.fromAnotherNode(roomId, audience, stream);
        return;
      }
      const live = this.rooms.liveRoom(roomId);
      // watch() registers and snapshots in one synchronous step: no delta can fall between them.
      const watching = live.watch(audience, (event) => stream.push(event));
      unwatch = () => {
        watching.stop();
        this.rooms.forgetIfIdle(roomId);
      };
      stream.push(roomStateSnapshot(watching.snapshot));
    };
    start().catch((err: unknown) => stream.fail(err));
    return stream;
  }

  /**
   * The room runs elsewhere: deltas are heard from the bus at once and held until the holder's
   * snapshot arrives. The holder publishes its deltas and answers on the same Redis connection, so
   * every delta the snapshot includes arrives before it: of those held, the ones the snapshot
   * includes (seq not above its own) are dropped, and everything after it goes through (a room
   * that moves to another node starts its seq again there, with SessionStarted).
   */
  private async fromAnotherNode(roomId: string, audience: Audience, stream: PushStream<RoomStreamItem>): Promise<() => void> {
    let held: RoomEventRecord[] | null = [];
    const unsubscribe = this.bus.subscribe('room', roomId, (event) => {
      if (!isFor(event, audience)) return;
      if (held) held.push(event);
      else stream.push(event);
    });
    try {
      const snapshot = await this.snapshotOnOwner({ roomId });
      stream.push(roomStateSnapshot(snapshot));
      const included = (event: RoomEventRecord) => event.seq < snapshot.seq || (event.seq === snapshot.seq && !(event.type === 'MessageReceived' && event.recipients));
      for (const event of held) if (!included(event)) stream.push(event);
      held = null;
    } catch (err) {
      unsubscribe();
      throw err;
    }
    // The reader may have gone while the snapshot was on its way.
    if (stream.ended) unsubscribe();
    return unsubscribe;
  }
}
