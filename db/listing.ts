import type { Kysely } from 'kysely';
import { paginate, whereDate, type DateFilter, type Page, type PageRequest } from './pagination.js';
import type { CompositionRow, Database, ParticipantRow, RecordingRow, RoomRow, RoomSessionRow } from './types.js';

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

export interface RecordingFilter {
  dateStartedAt?: DateFilter | null;
  dateEndedAt?: DateFilter | null;
  roomId?: string | null;
  sessionId?: string | null;
  participantId?: string | null;
  status?: RecordingRow['status'] | null;
  type?: RecordingRow['type'] | null;
  /** At least this many seconds long, as Telnyx's `filter[duration_secs]`. */
  durationSecs?: number | null;
}

export function listRecordings(db: Kysely<Database>, filter: RecordingFilter, page: PageRequest): Promise<Page<RecordingRow>> {
  let q = db.selectFrom('recordings');
  q = whereDate(q, 'started_at', filter.dateStartedAt);
  q = whereDate(q, 'ended_at', filter.dateEndedAt);
  if (filter.roomId != null) q = q.where('room_id', '=', filter.roomId);
  if (filter.sessionId != null) q = q.where('session_id', '=', filter.sessionId);
  if (filter.participantId != null) q = q.where('participant_id', '=', filter.participantId);
  if (filter.status != null) q = q.where('status', '=', filter.status);
  if (filter.type != null) q = q.where('type', '=', filter.type);
  if (filter.durationSecs != null) q = q.where('duration_secs', '>=', filter.durationSecs);
  return paginate<RecordingRow>(q, 'id', page);
}

export interface CompositionFilter {
  dateCreatedAt?: DateFilter | null;
  sessionId?: string | null;
  roomId?: string | null;
  status?: CompositionRow['status'] | null;
}

export function listCompositions(db: Kysely<Database>, filter: CompositionFilter, page: PageRequest): Promise<Page<CompositionRow>> {
  let q = db.selectFrom('compositions');
  q = whereDate(q, 'created_at', filter.dateCreatedAt);
  if (filter.sessionId != null) q = q.where('session_id', '=', filter.sessionId);
  if (filter.roomId != null) q = q.where('room_id', '=', filter.roomId);
  if (filter.status != null) q = q.where('status', '=', filter.status);
  return paginate<CompositionRow>(q, 'id', page);
}

type TableWithId = 'rooms' | 'room_sessions' | 'participants' | 'recordings' | 'compositions';

export function findById<T extends TableWithId>(db: Kysely<Database>, table: T, id: string) {
  return db
    .selectFrom(table as TableWithId)
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst() as Promise<import('kysely').Selectable<Database[T]> | undefined>;
}

export function findByIds<T extends TableWithId>(db: Kysely<Database>, table: T, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([] as import('kysely').Selectable<Database[T]>[]);
  return db
    .selectFrom(table as TableWithId)
    .selectAll()
    .where('id', 'in', ids)
    .execute() as Promise<import('kysely').Selectable<Database[T]>[]>;
}
