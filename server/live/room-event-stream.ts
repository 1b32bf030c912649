import { Repeater } from '@repeaterjs/repeater';
import type { RoomStreamItem } from '../events/catalog.js';
import { roomStateSnapshot } from '../events/room-deltas.js';
import type { Audience } from './live-room.js';
import type { RoomManager } from './room-manager.js';

export type { RoomStreamItem };

/** roomEvents: a snapshot, then every delta after it, for as long as the subscriber listens. */
export class RoomEventStreams {
  constructor(private readonly rooms: RoomManager) {}

  stream(roomId: string, audience: Audience): AsyncIterable<RoomStreamItem> {
    return new Repeater<RoomStreamItem>(async (push, stop) => {
      const live = this.rooms.liveRoom(roomId);
      // watch() registers and snapshots in one synchronous step: no delta can fall between them.
      const { snapshot, stop: unwatch } = live.watch(audience, (event) => void push(event));
      void push(roomStateSnapshot(snapshot));
      await stop;
      unwatch();
      this.rooms.forgetIfIdle(roomId);
    });
  }
}
