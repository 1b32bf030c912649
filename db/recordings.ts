import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import type { Database, RecordingRow } from './types.js';
import { paginate, whereDate, type DateFilter, type Page, type PageRequest } from './pagination.js';

type Db = Kysely<Database> | Transaction<Database>;

export function findRecording(db: Db, id: string): Promise<RecordingRow | undefined> {
  return db.selectFrom('recordings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertRecording(db: Db, row: Insertable<Database['recordings']>): Promise<void> {
  await db.insertInto('recordings').values(row).execute();
}

/** Where the recorder writes, and the codec it records: known once it has started. */
export async function setRecordingFile(db: Db, id: string, file: { storageKey: string; codec: string }): Promise<void> {
  await db.updateTable('recordings').set({ storage_key: file.storageKey, codec: file.codec }).where('id', '=', id).execute();
}

/**
 * Ends a recording still in progress, as completed or failed; undefined when it was no longer
 * in progress (another path finished it first), so that its event goes out once.
 */
export function finishRecording(db: Db, id: string, changes: Updateable<Database['recordings']>): Promise<RecordingRow | undefined> {
  return db.updateTable('recordings').set(changes).where('id', '=', id).where('status', '=', 'processing').returningAll().executeTakeFirst();
}

/** Recordings still being written, all of them or (in a cluster) those of sessions `nodeId` ran. */
export function processingRecordings(db: Db, nodeId?: string): Promise<RecordingRow[]> {
  let q = db.selectFrom('recordings').selectAll('recordings').where('recordings.status', '=', 'processing');
  if (nodeId !== undefined) q = q.innerJoin('room_sessions', 'room_sessions.id', 'recordings.session_id').where('room_sessions.node_id', '=', nodeId);
  return q.execute();
}

export async function deleteRecording(db: Db, id: string): Promise<void> {
  await db.deleteFrom('recordings').where('id', '=', id).execute();
}

/** Every recording of a session, oldest first (the order of `"*"` in a layout). */
export function sessionRecordings(db: Db, sessionId: string): Promise<RecordingRow[]> {
  return db.selectFrom('recordings').selectAll().where('session_id', '=', sessionId).orderBy('started_at').orderBy('id').execute();
}

/** What a download needs of a recording: whether its file is ready, where it is, and what it holds. */
export function recordingFile(db: Db, id: string) {
  return db.selectFrom('recordings').select(['status', 'storage_key', 'type']).where('id', '=', id).executeTakeFirst();
}

// Filters keep Telnyx's fields and meanings (see ../shared/reference/telnyx-video.md, §3-§4).
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
