import type { RoomEventRecord } from '../events/catalog.js';
import type { DomainBus } from '../events/topics.js';
import type { LiveDirectory } from '../ports/live-directory.js';
import type { RoomPlacement } from '../ports/room-placement.js';
import { KeyedLocks } from '../shared/keyed-locks.js';
import { LiveRoom } from './live-room.js';

/**
 * The live rooms this node holds: each room's LiveRoom, the lock its joins, leaves and session
 * changes take, and its entry in the directory of live rooms.
 */
export class RoomManager {
  private readonly rooms = new Map<string, LiveRoom>();
  // Joins, leaves and session changes of one room run one at a time: capacity checks and the
  // start and end of a session must not interleave.
  private readonly locks = new KeyedLocks();

  constructor(
    private readonly bus: DomainBus,
    readonly directory: LiveDirectory,
    readonly placement: RoomPlacement,
  ) {}

  /** Runs `task` holding the room's lock. */
  locked<T>(roomId: string, task: () => Promise<T>): Promise<T> {
    return this.locks.run(roomId, task);
  }

  /** The room's live state, created on first use (a dashboard may watch an idle room). */
  liveRoom(roomId: string): LiveRoom {
    let room = this.rooms.get(roomId);
    if (!room) {
      room = new LiveRoom(roomId, this.bus);
      this.rooms.set(roomId, room);
    }
    return room;
  }

  findRoom(roomId: string): LiveRoom | undefined {
    return this.rooms.get(roomId);
  }

  roomIds(): string[] {
    return [...this.rooms.keys()];
  }

  /** Every delta of every room, for the server's own listeners (recordings). */
  onRoomEvent(listener: (event: RoomEventRecord) => void): () => void {
    return this.bus.subscribe('room', null, listener);
  }

  /** Rooms with a session in progress and the participants in them (those in a reconnect grace included). */
  liveCounts(): { rooms: number; participants: number } {
    let rooms = 0;
    let participants = 0;
    for (const room of this.rooms.values()) {
      if (room.currentSessionId) rooms += 1;
      participants += room.participantCount;
    }
    return { rooms, participants };
  }

  /** Whether this node may run the room: it holds it already, or placement puts it here. */
  async runsHere(roomId: string): Promise<boolean> {
    const holder = (await this.directory.roomHolder(roomId)) ?? (await this.placement.place(roomId));
    return holder === this.placement.nodeId;
  }

  /** A session started here: other nodes find the room through the directory. */
  held(roomId: string): Promise<void> {
    return this.directory.holdRoom(roomId, this.placement.nodeId);
  }

  /** The room's session ended: it is live nowhere, and its state goes once nobody watches it. */
  async released(roomId: string): Promise<void> {
    await this.directory.releaseRoom(roomId);
    this.forgetIfIdle(roomId);
  }

  /** Releases a room's state when nobody is in it or watching it. */
  forgetIfIdle(roomId: string): void {
    const live = this.rooms.get(roomId);
    if (live && !live.currentSessionId && live.watcherCount === 0) this.rooms.delete(roomId);
  }
}
