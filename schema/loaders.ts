import DataLoader from 'dataloader';
import type { ParticipantRow, RoomRow, RoomSessionRow } from '../db/types.js';
import type { Context } from './context.js';

/**
 * Rows that nested fields ask for one parent at a time (a page of recordings, each with its room,
 * session and participant; a page of rooms, each with its session in progress), gathered into one
 * query per kind and per tick of the operation. One set per operation: nothing is cached across
 * requests, so nothing can go stale.
 */
export interface Loaders {
  room: DataLoader<string, RoomRow | undefined>;
  session: DataLoader<string, RoomSessionRow | undefined>;
  participant: DataLoader<string, ParticipantRow | undefined>;
  /** By room id: the room's session in progress. */
  activeSession: DataLoader<string, RoomSessionRow | undefined>;
}

const perOperation = new WeakMap<object, Loaders>();

export function loaders(ctx: Context): Loaders {
  let set = perOperation.get(ctx);
  if (!set) {
    const records = ctx.services.records;
    set = {
      room: new DataLoader((ids) => records.byIds('rooms', ids)),
      session: new DataLoader((ids) => records.byIds('room_sessions', ids)),
      participant: new DataLoader((ids) => records.byIds('participants', ids)),
      activeSession: new DataLoader((roomIds) => records.activeSessionsOf(roomIds)),
    };
    perOperation.set(ctx, set);
  }
  return set;
}
