import type { Kysely, Transaction } from 'kysely';
import type { Database, EventRow } from './types.js';

type Db = Kysely<Database> | Transaction<Database>;

export function insertEvent(db: Kysely<Database> | Transaction<Database>, event: { id: string; event_type: string; room_id: string | null; occurred_at: Date; payload: unknown }): Promise<EventRow> {
  return db
    .insertInto('events')
    .values({ ...event, payload: JSON.stringify(event.payload) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findEvent(db: Db, id: string): Promise<EventRow | undefined> {
  return db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
}

export function eventsByIds(db: Db, ids: string[]): Promise<EventRow[]> {
  return db.selectFrom('events').selectAll().where('id', 'in', ids).execute();
}
