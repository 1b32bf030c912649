import type { Services } from '../../app/services.js';
import type { Operation } from './request.js';
import { iso, listBody, pageRequest, readQuery, type FilterSpec } from './wire.js';
import { RestError } from './errors.js';
import { retrieveOperation } from './operations.js';

export type ParticipantRow = NonNullable<Awaited<ReturnType<Services['records']['participant']>>>;

/** A participant as Telnyx shows it; its id is the one `join` returns. */
export function participantBody(p: ParticipantRow) {
  return {
    id: p.id,
    record_type: 'room_participant',
    session_id: p.session_id,
    context: p.context,
    joined_at: iso(p.joined_at),
    left_at: iso(p.left_at),
    updated_at: iso(p.updated_at),
  };
}

const SESSION_PARTICIPANT_FILTERS: FilterSpec = {
  date_joined_at: ['dateJoinedAt', 'date'],
  date_updated_at: ['dateUpdatedAt', 'date'],
  date_left_at: ['dateLeftAt', 'date'],
  context: ['context', 'text'],
};
const PARTICIPANT_FILTERS: FilterSpec = { ...SESSION_PARTICIPANT_FILTERS, session_id: ['sessionId', 'uuid'] };

/** GET /room_participants and GET /room_sessions/{id}/participants: the same list, the latter of one session. */
function listParticipants(summary: string, filter: FilterSpec, sessionParam?: string): Operation {
  const doc = { summary, query: { page: true, filter }, status: 200, returns: { list: 'room_participant' } } as const;
  return {
    doc,
    handle: async ({ services, query, params }) => {
      const q = readQuery(query, doc.query);
      if (sessionParam) {
        const id = params[sessionParam]!;
        if (!(await services.records.session(id))) throw RestError.of(404, 'NOT_FOUND', `room session ${id} was not found`, { parameter: sessionParam });
        q.filter.sessionId = id;
      }
      return listBody(await services.records.participants(q.filter, pageRequest(q.page)), q.page, participantBody);
    },
  };
}

export const participants = {
  list: listParticipants('List room participants', PARTICIPANT_FILTERS),
  listOfSession: listParticipants("List a room session's participants", SESSION_PARTICIPANT_FILTERS, 'room_session_id'),
  retrieve: retrieveOperation(
    'room_participant',
    'room_participant_id',
    (s, id) => s.records.participant(id),
    (_s, p) => participantBody(p),
  ),
} satisfies Record<string, Operation>;
