import { Repeater } from 'graphql-yoga';
import type { Audience } from './live-room.js';
import type { Orchestrator } from './orchestrator.js';
import type { RoomEventRecord, RoomStateView } from './types.js';

export type RoomStreamItem = RoomEventRecord | { type: 'RoomStateSnapshot'; seq: number; roomId: string; occurredAt: Date; state: RoomStateView };

/** roomEvents: a snapshot, then every delta after it, for as long as the subscriber listens. */
export class RoomEventStreams {
  constructor(private readonly orchestrator: Orchestrator) {}

  stream(roomId: string, audience: Audience): AsyncIterable<RoomStreamItem> {
    return new Repeater<RoomStreamItem>(async (push, stop) => {
      const live = this.orchestrator.liveRoom(roomId);
      // watch() registers and snapshots in one synchronous step: no delta can fall between them.
      const { snapshot, stop: unwatch } = live.watch(audience, (event) => void push(event));
      void push({ type: 'RoomStateSnapshot', seq: snapshot.seq, roomId, occurredAt: new Date(), state: snapshot });
      await stop;
      unwatch();
      this.orchestrator.forgetIfIdle(roomId);
    });
  }
}
