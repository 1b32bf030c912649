import type { Kysely } from 'kysely';
import { findById, findByIds } from '../../db/by-id.js';
import { listCompositions, type CompositionFilter } from '../../db/compositions.js';
import { listParticipants, type ParticipantFilter } from '../../db/participants.js';
import { listRecordings, type RecordingFilter } from '../../db/recordings.js';
import { activeSessionsOfRooms, listRoomSessions, type RoomSessionFilter } from '../../db/sessions.js';
import type { PageRequest } from '../../db/pagination.js';
import type { CompositionRow, Database, ParticipantRow, RecordingRow, RoomRow, RoomSessionRow } from '../../db/types.js';

/** An object found by its id alone, with the kind of object it is. */
export type FoundNode =
  | { kind: 'room'; row: RoomRow }
  | { kind: 'session'; row: RoomSessionRow }
  | { kind: 'participant'; row: ParticipantRow }
  | { kind: 'recording'; row: RecordingRow }
  | { kind: 'composition'; row: CompositionRow };

/**
 * Read access to what rooms leave behind: sessions, participants, recordings, compositions.
 * The orchestration, recorder and compositor write them; the API only reads them here.
 */
export class Records {
  constructor(private readonly db: Kysely<Database>) {}

  session = (id: string) => findById(this.db, 'room_sessions', id);
  participant = (id: string) => findById(this.db, 'participants', id);
  recording = (id: string) => findById(this.db, 'recordings', id);
  composition = (id: string) => findById(this.db, 'compositions', id);

  sessions = (f: RoomSessionFilter, p: PageRequest) => listRoomSessions(this.db, f, p);
  participants = (f: ParticipantFilter, p: PageRequest) => listParticipants(this.db, f, p);
  recordings = (f: RecordingFilter, p: PageRequest) => listRecordings(this.db, f, p);
  /**
   * Records by their ids alone, in the order asked (undefined for an id that names nothing).
   * Ids are UUIDv7 minted for every table, so one id names one row in one table: each table is
   * asked once for all the ids, and the one that has a row says what it is.
   */
  async nodes(ids: readonly string[]): Promise<(FoundNode | undefined)[]> {
    const found = new Map<string, FoundNode>();
    const keep = (node: FoundNode) => found.set(node.row.id, node);
    await Promise.all([
      findByIds(this.db, 'rooms', ids).then((rows) => rows.forEach((row) => keep({ kind: 'room', row }))),
      findByIds(this.db, 'room_sessions', ids).then((rows) => rows.forEach((row) => keep({ kind: 'session', row }))),
      findByIds(this.db, 'participants', ids).then((rows) => rows.forEach((row) => keep({ kind: 'participant', row }))),
      findByIds(this.db, 'recordings', ids).then((rows) => rows.forEach((row) => keep({ kind: 'recording', row }))),
      findByIds(this.db, 'compositions', ids).then((rows) => rows.forEach((row) => keep({ kind: 'composition', row }))),
    ]);
    return ids.map((id) => found.get(id));
  }

  compositions = (f: CompositionFilter, p: PageRequest) => listCompositions(this.db, f, p);

  /** Rows of one table by id, in one query, in the order asked (undefined for an id that names none): for batching. */
  async byIds<T extends 'rooms' | 'room_sessions' | 'participants'>(table: T, ids: readonly string[]) {
    const rows = await findByIds(this.db, table, ids);
    const byId = new Map(rows.map((row) => [(row as { id: string }).id, row]));
    return ids.map((id) => byId.get(id));
  }

  /** The session in progress of each room, in one query, in the order asked. */
  async activeSessionsOf(roomIds: readonly string[]): Promise<(RoomSessionRow | undefined)[]> {
    const found = await activeSessionsOfRooms(this.db, roomIds);
    return roomIds.map((id) => found.get(id));
  }
}
