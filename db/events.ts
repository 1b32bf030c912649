import type { Kysely, Transaction } from 'kysely';
import type { Database, EventRow } from './types.js';

export function insertEvent(
  db: Kysely<Database> | Transaction<Database>,
  event: { id: string; event_type: string; room_id: string | null; occurred_at: Date; payload: unknown },
): Promise<EventRow> {
  return db
    .insertInto('events')
    .values({ ...event, payload: JSON.stringify(event.payload) })
    .returningAll()
    .executeTakeFirstOrThrow();
}
