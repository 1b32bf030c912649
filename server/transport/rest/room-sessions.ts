import type { Services } from '../../app/services.js';
import { RestError } from './errors.js';
import { participantBody } from './participants.js';
import { bodyFields, type Operation } from './request.js';
import { booleanParam, filterParams, iso, listBody, onlyParams, pageParams, pageRequest, PAGE_SIZE, type FilterSpec } from './wire.js';

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
function listSessions(spec: FilterSpec, roomParam?: string): Operation['handle'] {
  return async ({ services, query, params }) => {
    onlyParams(query, ['page', 'filter', 'include_participants']);
    const page = pageParams(query);
    const filter = filterParams(query, spec);
    const include = booleanParam(query, ['include_participants']) ?? false;
    if (roomParam) {
      const id = params[roomParam]!;
      const room = await services.rooms.get(id);
      if (!room || room.deleted_at) throw RestError.of(404, 'NOT_FOUND', `room ${id} was not found`, { parameter: roomParam });
      filter.roomId = id;
    }
    const rows = await services.records.sessions(filter, pageRequest(page));
    return { status: 200, body: await listBody(rows, page, (s) => sessionBody(services, s, include)) };
  };
}

/** Telnyx's `participants: "all" | [ids]` and `exclude`, as the moderation service's selector. */
function selector(body: unknown) {
  const f = bodyFields(body, { participants: ['participants', 'any'], exclude: ['exclude', 'any'] });
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

const OK = { status: 200, body: { data: { result: 'ok' } } };
// The services name the session `sessionId` and the selector `participants.ids` / `.exclude`.
const MODERATION_FIELDS = {
  sessionId: { parameter: 'room_session_id' },
  'participants.ids': { pointer: '/participants' },
  'participants.exclude': { pointer: '/exclude' },
  participants: { pointer: '/participants' },
};

function moderate(action: 'kick' | 'mute' | 'unmute'): Operation {
  return {
    fields: MODERATION_FIELDS,
    handle: async ({ services, query, params, body }) => {
      onlyParams(query, []);
      await services.moderation[action](params.room_session_id!, selector(body));
      return OK;
    },
  };
}

export const roomSessions = {
  list: { handle: listSessions(SESSION_FILTERS) },
  listOfRoom: { handle: listSessions(ROOM_SESSION_FILTERS, 'room_id') },
  retrieve: {
    handle: async ({ services, query, params }) => {
      onlyParams(query, ['include_participants']);
      const include = booleanParam(query, ['include_participants']) ?? false;
      const row = await services.records.session(params.room_session_id!);
      if (!row) throw RestError.of(404, 'NOT_FOUND', `room session ${params.room_session_id} was not found`, { parameter: 'room_session_id' });
      return { status: 200, body: { data: await sessionBody(services, row, include) } };
    },
  },
  // Telnyx's client sends `end` with no body and no content type; a body, if any, must be empty.
  end: {
    fields: MODERATION_FIELDS,
    handle: async ({ services, query, params, body }) => {
      onlyParams(query, []);
      bodyFields(body, {});
      await services.moderation.endSession(params.room_session_id!);
      return OK;
    },
  },
  kick: moderate('kick'),
  mute: moderate('mute'),
  unmute: moderate('unmute'),
} satisfies Record<string, Operation>;
