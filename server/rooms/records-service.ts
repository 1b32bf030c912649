import type { Kysely } from 'kysely';
import * as listing from '../../db/listing.js';
import type { PageRequest } from '../../db/pagination.js';
import type { Database } from '../../db/types.js';

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
  compositions = (f: listing.CompositionFilter, p: PageRequest) => listing.listCompositions(this.db, f, p);
}
