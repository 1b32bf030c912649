import type { Kysely, Transaction } from 'kysely';
import type { Database, ParticipantRow, RoomSessionRow } from './types.js';

type Db = Kysely<Database> | Transaction<Database>;

export function insertSession(db: Db, row: { id: string; room_id: string; at: Date }): Promise<RoomSessionRow> {
  return db
    .insertInto('room_sessions')
    .values({ id: row.id, room_id: row.room_id, active: true, created_at: row.at, updated_at: row.at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function endSession(db: Db, id: string, at: Date, reason: string): Promise<RoomSessionRow | undefined> {
  return db
    .updateTable('room_sessions')
    .set({ active: false, ended_at: at, ended_reason: reason, updated_at: at })
    .where('id', '=', id)
    .where('active', '=', true)
    .returningAll()
    .executeTakeFirst();
}

export function insertParticipant(
  db: Db,
  row: { id: string; session_id: string; room_id: string; context: string | null; at: Date },
): Promise<ParticipantRow> {
  return db
    .insertInto('participants')
    .values({ id: row.id, session_id: row.session_id, room_id: row.room_id, context: row.context, joined_at: row.at, updated_at: row.at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function markParticipantLeft(db: Db, id: string, at: Date, reason: string): Promise<ParticipantRow | undefined> {
  return db
    .updateTable('participants')
    .set({ left_at: at, left_reason: reason, updated_at: at })
    .where('id', '=', id)
    .where('left_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Sessions a previous process left open (it crashed or was killed): nobody is in them any more. */
export function openSessions(db: Db): Promise<RoomSessionRow[]> {
  return db.selectFrom('room_sessions').selectAll().where('active', '=', true).execute();
}

export function presentParticipants(db: Db, sessionId: string): Promise<ParticipantRow[]> {
  return db.selectFrom('participants').selectAll().where('session_id', '=', sessionId).where('left_at', 'is', null).execute();
}
