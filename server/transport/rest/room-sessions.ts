import type { Services } from '../../app/services.js';
import { RestError } from './errors.js';
import { participantBody } from './participants.js';
import { readBody, type BodySpec, type Operation, type OperationDoc } from './request.js';
import { iso, listBody, pageRequest, PAGE_SIZE, readQuery, type FilterSpec } from './wire.js';

export type SessionRow = NonNullable<Awaited<ReturnType<Services['records']['session']>>>;

/** A session as Telnyx shows it; `include_participants` embeds its participants (up to a page's maximum). */
export async function sessionBody(services: Services, s: SessionRow, includeParticipants = false) {
  const body = {
    id: s.id,
    record_type: 'room_session',
    room_id: s.room_id,
    active: s.active,
    created_at: iso(s.created_at),
    updated_at: iso(s.updated_at),
    ended_at: iso(s.ended_at),
  };
  if (!includeParticipants) return body;
  const page = await services.records.participants({ sessionId: s.id }, { first: PAGE_SIZE.max });
  return { ...body, participants: page.rows.map(participantBody) };
}

const ROOM_SESSION_FILTERS: FilterSpec = {
  date_created_at: ['dateCreatedAt', 'date'],
  date_updated_at: ['dateUpdatedAt', 'date'],
  date_ended_at: ['dateEndedAt', 'date'],
  active: ['active', 'boolean'],
};
const SESSION_FILTERS: FilterSpec = { ...ROOM_SESSION_FILTERS, room_id: ['roomId', 'uuid'] };

/** GET /room_sessions and GET /rooms/{id}/sessions: the same list, the latter of one room. */
function listSessions(summary: string, filter: FilterSpec, roomParam?: string): Operation {
  const doc = { summary, query: { page: true, filter, include: ['include_participants'] }, status: 200, returns: { list: 'room_session' } } as const;
  return {
    doc,
    handle: async ({ services, query, params }) => {
      const q = readQuery(query, doc.query);
      if (roomParam) {
        const id = params[roomParam]!;
        const room = await services.rooms.get(id);
        if (!room || room.deleted_at) throw RestError.of(404, 'NOT_FOUND', `room ${id} was not found`, { parameter: roomParam });
        q.filter.roomId = id;
      }
      const rows = await services.records.sessions(q.filter, pageRequest(q.page));
      return listBody(rows, q.page, (s) => sessionBody(services, s, q.include.include_participants));
    },
  };
}

/** Telnyx's `participants: "all" | [ids]` and `exclude`, as the moderation service's selector. */
const PARTICIPANT_IDS = { type: 'array', items: { type: 'string', format: 'uuid' } };
const SELECTOR: BodySpec = {
  participants: ['participants', 'any', { description: 'Everyone, or these participants.', oneOf: [{ type: 'string', enum: ['all'] }, PARTICIPANT_IDS] }],
  exclude: ['exclude', 'any', { description: 'Participants to leave out.', ...PARTICIPANT_IDS }],
};

function selector(body: unknown) {
  const f = readBody(body, { spec: SELECTOR });
  const problems: { pointer: string; detail: string }[] = [];
  const ids = (v: unknown, pointer: string) => {
    if (!Array.isArray(v)) return void problems.push({ pointer, detail: 'must be an array of participant ids' });
    v.forEach((x, i) => typeof x !== 'string' && problems.push({ pointer: `${pointer}/${i}`, detail: 'must be a participant id (a string)' }));
    return v as string[];
  };
  const p = f.participants;
  const chosen =
    p === 'all'
      ? { all: true }
      : p == null
        ? {}
        : typeof p === 'string'
          ? (problems.push({ pointer: '/participants', detail: `must be "all" or an array of participant ids, got "${p.slice(0, 40)}"` }), {})
          : { ids: ids(p, '/participants') };
  const exclude = f.exclude == null ? undefined : ids(f.exclude, '/exclude');
  if (problems.length) throw RestError.badBody(problems);
  return { ...chosen, exclude };
}

const OK = { data: { result: 'ok' } };
// The services name the session `sessionId` and the selector `participants.ids` / `.exclude`.
const MODERATION_FIELDS = {
  sessionId: { parameter: 'room_session_id' },
  'participants.ids': { pointer: '/participants' },
  'participants.exclude': { pointer: '/exclude' },
  participants: { pointer: '/participants' },
};

const action = (summary: string, spec: BodySpec): OperationDoc => ({ summary, body: { spec }, status: 200, returns: { one: 'action_result' } });

function moderate(verb: 'kick' | 'mute' | 'unmute', summary: string): Operation {
  return {
    doc: action(summary, SELECTOR),
    fields: MODERATION_FIELDS,
    handle: async ({ services, query, params, body }) => {
      readQuery(query);
      await services.moderation[verb](params.room_session_id!, selector(body));
      return OK;
    },
  };
}

const RETRIEVE = { summary: 'View a room session', query: { include: ['include_participants'] }, status: 200, returns: { one: 'room_session' } } as const;

export const roomSessions = {
  list: listSessions('List room sessions', SESSION_FILTERS),
  listOfRoom: listSessions("List a room's sessions", ROOM_SESSION_FILTERS, 'room_id'),
  retrieve: {
    doc: RETRIEVE,
    handle: async ({ services, query, params }) => {
      const q = readQuery(query, RETRIEVE.query);
      const row = await services.records.session(params.room_session_id!);
      if (!row) throw RestError.of(404, 'NOT_FOUND', `room session ${params.room_session_id} was not found`, { parameter: 'room_session_id' });
      return { data: await sessionBody(services, row, q.include.include_participants) };
    },
  },
  // Telnyx's client sends `end` with no body and no content type; a body, if any, must be empty.
  end: {
    doc: action('End a room session: every participant is disconnected', {}),
    fields: MODERATION_FIELDS,
    handle: async ({ services, query, params, body }) => {
      readQuery(query);
      readBody(body, { spec: {} });
      await services.moderation.endSession(params.room_session_id!);
      return OK;
    },
  },
  kick: moderate('kick', 'Kick participants out of a room session'),
  mute: moderate('mute', 'Mute participants in a room session'),
  unmute: moderate('unmute', 'Unmute participants in a room session'),
} satisfies Record<string, Operation>;
