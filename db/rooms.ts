import type { Kysely, Transaction } from 'kysely';
import type { Database, NewRoom, RoomRow, RoomUpdate } from './types.js';
import { paginate, whereDate, type DateFilter, type Page, type PageRequest } from './pagination.js';

type Db = Kysely<Database> | Transaction<Database>;

export function insertRoom(db: Db, room: NewRoom): Promise<RoomRow> {
  return db.insertInto('rooms').values(room).returningAll().executeTakeFirstOrThrow();
}

export function updateRoom(db: Db, id: string, changes: RoomUpdate): Promise<RoomRow> {
  return db.updateTable('rooms').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Locks the row for the rest of the transaction, so two changes to one room cannot interleave. */
export function findRoomForUpdate(db: Transaction<Database>, id: string): Promise<RoomRow | undefined> {
  return db.selectFrom('rooms').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function liveRoomWithName(db: Db, uniqueName: string, exceptId?: string): Promise<RoomRow | undefined> {
  let q = db.selectFrom('rooms').selectAll().where('unique_name', '=', uniqueName).where('deleted_at', 'is', null);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
}

/** What decides whether a room's tracks are recorded. */
export function recordingSettings(db: Db, roomId: string) {
  return db.selectFrom('rooms').select(['enable_recording', 'deleted_at']).where('id', '=', roomId).executeTakeFirst();
}

/** Where the room's events are POSTed. */
export function webhookSettings(db: Db, roomId: string) {
  return db.selectFrom('rooms').select(['webhook_event_url', 'webhook_event_failover_url', 'webhook_timeout_secs']).where('id', '=', roomId).executeTakeFirst();
}

// Filters keep Telnyx's fields and meanings (see ../shared/reference/telnyx-video.md, §3-§4).
export interface RoomFilter {
  dateCreatedAt?: DateFilter | null;
  dateUpdatedAt?: DateFilter | null;
  uniqueName?: string | null;
  /** Deleted rooms are left out of lists unless asked for. */
  includeDeleted?: boolean | null;
}

export function listRooms(db: Kysely<Database>, filter: RoomFilter, page: PageRequest): Promise<Page<RoomRow>> {
  let q = db.selectFrom('rooms');
  q = whereDate(q, 'created_at', filter.dateCreatedAt);
  q = whereDate(q, 'updated_at', filter.dateUpdatedAt);
  if (filter.uniqueName != null) q = q.where('unique_name', '=', filter.uniqueName);
  if (!filter.includeDeleted) q = q.where('deleted_at', 'is', null);
  return paginate<RoomRow>(q, 'id', page);
}
