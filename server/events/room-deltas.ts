import type { RoomDelta, RoomEventRecord, RoomStateSnapshot } from './catalog.js';
import type { RoomStateView } from './room-state.js';

/** A room delta as subscribers receive it: placed in the room's order. */
export function roomEventRecord(delta: RoomDelta, roomId: string, seq: number): RoomEventRecord {
  return { ...delta, seq, roomId, occurredAt: new Date() };
}

/** The first item of every `roomEvents` subscription. */
export function roomStateSnapshot(state: RoomStateView): RoomStateSnapshot {
  return { type: 'RoomStateSnapshot', seq: state.seq, roomId: state.roomId, occurredAt: new Date(), state };
}
