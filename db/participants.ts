import type { Kysely, Transaction } from 'kysely';
import type { Database, ParticipantRow } from './types.js';
import { paginate, whereDate, type DateFilter, type Page, type PageRequest } from './pagination.js';

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

// Filters keep Telnyx's fields and meanings (see ../shared/reference/telnyx-video.md, §3-§4).
export interface ParticipantFilter {
  dateJoinedAt?: DateFilter | null;
  dateUpdatedAt?: DateFilter | null;
  dateLeftAt?: DateFilter | null;
  context?: string | null;
  sessionId?: string | null;
  roomId?: string | null;
}

export function listParticipants(db: Kysely<Database>, filter: ParticipantFilter, page: PageRequest): Promise<Page<ParticipantRow>> {
  let q = db.selectFrom('participants');
  q = whereDate(q, 'joined_at', filter.dateJoinedAt);
  q = whereDate(q, 'updated_at', filter.dateUpdatedAt);
  q = whereDate(q, 'left_at', filter.dateLeftAt);
  if (filter.context != null) q = q.where('context', '=', filter.context);
  if (filter.sessionId != null) q = q.where('session_id', '=', filter.sessionId);
  if (filter.roomId != null) q = q.where('room_id', '=', filter.roomId);
  return paginate<ParticipantRow>(q, 'id', page);
}
