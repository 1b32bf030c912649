import type { Kysely, Transaction } from 'kysely';
import type { Database, ParticipantRow } from './types.js';

type Db = Kysely<Database> | Transaction<Database>;

export function insertParticipant(db: Db, row: { id: string; session_id: string; room_id: string; context: string | null; at: Date }): Promise<ParticipantRow> {
  return db
    .insertInto('participants')
    .values({ id: row.id, session_id: row.session_id, room_id: row.room_id, context: row.context, joined_at: row.at, updated_at: row.at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function markParticipantLeft(db: Db, id: string, at: Date, reason: string): Promise<ParticipantRow | undefined> {
  return db.updateTable('participants').set({ left_at: at, left_reason: reason, updated_at: at }).where('id', '=', id).where('left_at', 'is', null).returningAll().executeTakeFirst();
}

export function presentParticipants(db: Db, sessionId: string): Promise<ParticipantRow[]> {
  return db.selectFrom('participants').selectAll().where('session_id', '=', sessionId).where('left_at', 'is', null).execute();
}
