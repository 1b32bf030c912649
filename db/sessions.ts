import type { Kysely, Transaction } from 'kysely';
import type { Database, RoomSessionRow } from './types.js';
import { paginate, whereDate, type DateFilter, type Page, type PageRequest } from './pagination.js';

type Db = Kysely<Database> | Transaction<Database>;

export function insertSession(db: Db, row: { id: string; room_id: string; at: Date; node_id?: string | null }): Promise<RoomSessionRow> {
  return db
    .insertInto('room_sessions')
    .values({ id: row.id, room_id: row.room_id, active: true, created_at: row.at, updated_at: row.at, node_id: row.node_id ?? null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function endSession(db: Db, id: string, at: Date, reason: string): Promise<RoomSessionRow | undefined> {
  return db.updateTable('room_sessions').set({ active: false, ended_at: at, ended_reason: reason, updated_at: at }).where('id', '=', id).where('active', '=', true).returningAll().executeTakeFirst();
}

/** Ends whatever session the room has in progress; returns the sessions it ended. */
export function endActiveSessions(db: Db, roomId: string, at: Date, reason: string) {
  return db.updateTable('room_sessions').set({ active: false, ended_at: at, ended_reason: reason, updated_at: at }).where('room_id', '=', roomId).where('active', '=', true).returningAll().execute();
}

export function findSession(db: Db, id: string): Promise<RoomSessionRow | undefined> {
  return db.selectFrom('room_sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Sessions a previous process left open (it crashed or was killed): nobody is in them any more. */
export function openSessions(db: Db): Promise<RoomSessionRow[]> {
  return db.selectFrom('room_sessions').selectAll().where('active', '=', true).execute();
}

/** The room's sessions in progress (one, unless a node died running it). */
export function activeRoomSessions(db: Db, roomId: string): Promise<RoomSessionRow[]> {
  return db.selectFrom('room_sessions').selectAll().where('room_id', '=', roomId).where('active', '=', true).execute();
}

/** The session in progress of each room asked (the newest, if a dead node left another open), in one query. */
export async function activeSessionsOfRooms(db: Db, roomIds: readonly string[]): Promise<Map<string, RoomSessionRow>> {
  const found = new Map<string, RoomSessionRow>();
  if (!roomIds.length) return found;
  const rows = await db.selectFrom('room_sessions').selectAll().where('room_id', 'in', roomIds).where('active', '=', true).orderBy('id', 'desc').execute();
  for (const row of rows) if (!found.has(row.room_id)) found.set(row.room_id, row);
  return found;
}

/** The nodes named by sessions in progress: with several nodes, any that is dead left them open. */
export async function nodesWithActiveSessions(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('room_sessions').select('node_id').distinct().where('active', '=', true).where('node_id', 'is not', null).execute();
  return rows.map((r) => r.node_id!);
}

/** Sessions in progress that `nodeId` ran. */
export function activeSessionsOfNode(db: Db, nodeId: string): Promise<RoomSessionRow[]> {
  return db.selectFrom('room_sessions').selectAll().where('active', '=', true).where('node_id', '=', nodeId).execute();
}

// Filters keep Telnyx's fields and meanings (see ../shared/reference/telnyx-video.md, §3-§4).
export interface RoomSessionFilter {
  dateCreatedAt?: DateFilter | null;
  dateUpdatedAt?: DateFilter | null;
  dateEndedAt?: DateFilter | null;
  active?: boolean | null;
  roomId?: string | null;
}

export function listRoomSessions(db: Kysely<Database>, filter: RoomSessionFilter, page: PageRequest): Promise<Page<RoomSessionRow>> {
  let q = db.selectFrom('room_sessions');
  q = whereDate(q, 'created_at', filter.dateCreatedAt);
  q = whereDate(q, 'updated_at', filter.dateUpdatedAt);
  q = whereDate(q, 'ended_at', filter.dateEndedAt);
  if (filter.active != null) q = q.where('active', '=', filter.active);
  if (filter.roomId != null) q = q.where('room_id', '=', filter.roomId);
  return paginate<RoomSessionRow>(q, 'id', page);
}
