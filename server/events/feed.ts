import type { EventRow } from '../../db/types.js';
import type { AccountEvent, AccountEventPayloads, AccountEventType } from './catalog.js';

/**
 * One item of the account-wide feed (the `events` subscription): a recorded account event, with
 * the id and seq the database gave it.
 */
export type VideoEventRecord = {
  [K in AccountEventType]: { id: string; seq: number; eventType: K; roomId: string | null; occurredAt: Date; payload: AccountEventPayloads[K] };
}[AccountEventType];

export interface EventFilter {
  eventTypes?: readonly string[] | null;
  roomId?: string | null;
}

/** The feed item of an account event once its row is written. */
export function feedItem(event: AccountEvent, row: Pick<EventRow, 'id' | 'seq' | 'occurred_at'>): VideoEventRecord {
  return { id: row.id, seq: Number(row.seq), eventType: event.type, roomId: event.roomId, occurredAt: row.occurred_at, payload: event.payload } as VideoEventRecord;
}

export function matchesFilter(f: EventFilter): (e: VideoEventRecord) => boolean {
  const types = f.eventTypes?.length ? new Set(f.eventTypes) : undefined;
  return (e) => (!types || types.has(e.eventType)) && (!f.roomId || e.roomId === f.roomId);
}
