import type { Kysely } from 'kysely';
import * as listing from '../../db/listing.js';
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

  session = (id: string) => listing.findById(this.db, 'room_sessions', id);
  participant = (id: string) => listing.findById(this.db, 'participants', id);
  recording = (id: string) => listing.findById(this.db, 'recordings', id);
  composition = (id: string) => listing.findById(this.db, 'compositions', id);

  sessions = (f: listing.RoomSessionFilter, p: PageRequest) => listing.listRoomSessions(this.db, f, p);
  participants = (f: listing.ParticipantFilter, p: PageRequest) => listing.listParticipants(this.db, f, p);
  recordings = (f: listing.RecordingFilter, p: PageRequest) => listing.listRecordings(this.db, f, p);
  /**
   * Any record by its id alone. Ids are UUIDv7 minted for every table, so one id names one row
   * in one table: the tables are asked together and the one that has it says what it is.
   */
  async node(id: string): Promise<FoundNode | undefined> {
    const [room, session, participant, recording, composition] = await Promise.all([
      listing.findById(this.db, 'rooms', id),
      this.session(id),
      this.participant(id),
      this.recording(id),
      this.composition(id),
    ]);
    if (room) return { kind: 'room', row: room };
    if (session) return { kind: 'session', row: session };
    if (participant) return { kind: 'participant', row: participant };
    if (recording) return { kind: 'recording', row: recording };
    if (composition) return { kind: 'composition', row: composition };
    return undefined;
  }

  compositions = (f: listing.CompositionFilter, p: PageRequest) => listing.listCompositions(this.db, f, p);
}
