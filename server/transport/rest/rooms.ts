import type { Services } from '../../app/services.js';
import { RestError } from './errors.js';
import { deleteOperation } from './operations.js';
import { bodyFields, requireField, type BodySpec, type Operation } from './request.js';
import { sessionBody } from './room-sessions.js';
import { booleanParam, filterParams, iso, listBody, onlyParams, pageParams, pageRequest, PAGE_SIZE, type FilterSpec } from './wire.js';

type RoomRow = NonNullable<Awaited<ReturnType<Services['rooms']['get']>>>;

/** A room as Telnyx shows it; `include_sessions` embeds its newest sessions (up to a page's maximum). */
async function roomBody(services: Services, room: RoomRow, includeSessions = false) {
  // As Room.activeSession resolves it: the session in progress, if any.
  const active = await services.records.sessions({ roomId: room.id, active: true }, { first: 1 });
  const body = {
    id: room.id,
    record_type: 'room',
    unique_name: room.unique_name,
    max_participants: room.max_participants,
    enable_recording: room.enable_recording,
    active_session_id: active.rows[0]?.id ?? null,
    webhook_event_url: room.webhook_event_url,
    webhook_event_failover_url: room.webhook_event_failover_url,
    webhook_timeout_secs: room.webhook_timeout_secs,
    created_at: iso(room.created_at),
    updated_at: iso(room.updated_at),
  };
  if (!includeSessions) return body;
  const sessions = await services.records.sessions({ roomId: room.id }, { first: PAGE_SIZE.max });
  return { ...body, sessions: await Promise.all(sessions.rows.map((s) => sessionBody(services, s))) };
}

const ROOM_FIELDS: BodySpec = {
  unique_name: ['uniqueName', 'string'],
  max_participants: ['maxParticipants', 'integer'],
  enable_recording: ['enableRecording', 'boolean'],
  webhook_event_url: ['webhookEventUrl', 'string'],
  webhook_event_failover_url: ['webhookEventFailoverUrl', 'string'],
  webhook_timeout_secs: ['webhookTimeoutSecs', 'integer'],
};

/** Telnyx's default for the failover URL is `''`: on our side that is "none", not a malformed URL. */
function roomInput(body: unknown) {
  const input = bodyFields(body, ROOM_FIELDS);
  for (const url of ['webhookEventUrl', 'webhookEventFailoverUrl']) if (input[url] === '') input[url] = null;
  return input;
}

const FILTERS: FilterSpec = {
  date_created_at: ['dateCreatedAt', 'date'],
  date_updated_at: ['dateUpdatedAt', 'date'],
  unique_name: ['uniqueName', 'text'],
};

// Deleted rooms are gone for Telnyx's API; GraphQL still shows them (`room(id)` with deletedAt).
async function liveRoom(services: Services, id: string): Promise<RoomRow> {
  const room = await services.rooms.get(id);
  if (!room || room.deleted_at) throw RestError.of(404, 'NOT_FOUND', `room ${id} was not found`, { parameter: 'room_id' });
  return room;
}

const ROOM_ID = { id: { parameter: 'room_id' }, roomId: { parameter: 'room_id' } };
const TOKEN_FIELDS = { ...ROOM_ID, refreshToken: { pointer: '/refresh_token' } };

export const rooms = {
  list: {
    handle: async ({ services, query }) => {
      onlyParams(query, ['page', 'filter', 'include_sessions']);
      const page = pageParams(query);
      const filter = filterParams(query, FILTERS);
      const include = booleanParam(query, ['include_sessions']) ?? false;
      const rows = await services.rooms.list(filter, pageRequest(page));
      return { status: 200, body: await listBody(rows, page, (r) => roomBody(services, r, include)) };
    },
  },
  create: {
    handle: async ({ services, query, body }) => {
      onlyParams(query, []);
      return { status: 201, body: { data: await roomBody(services, await services.rooms.create(roomInput(body))) } };
    },
  },
  retrieve: {
    handle: async ({ services, query, params }) => {
      onlyParams(query, ['include_sessions']);
      const include = booleanParam(query, ['include_sessions']) ?? false;
      return { status: 200, body: { data: await roomBody(services, await liveRoom(services, params.room_id!), include) } };
    },
  },
  update: {
    fields: ROOM_ID,
    handle: async ({ services, query, params, body }) => {
      onlyParams(query, []);
      return { status: 200, body: { data: await roomBody(services, await services.rooms.update(params.room_id!, roomInput(body))) } };
    },
  },
  delete: deleteOperation('room_id', (s, id) => s.rooms.delete(id)),
  generateJoinClientToken: {
    fields: ROOM_ID,
    handle: async ({ services, query, params, body }) => {
      onlyParams(query, []);
      const input = bodyFields(body, { token_ttl_secs: ['tokenTtlSecs', 'integer'], refresh_token_ttl_secs: ['refreshTokenTtlSecs', 'integer'] });
      const t = await services.clientTokens.generate(params.room_id!, input);
      const data = { token: t.token, token_expires_at: iso(t.tokenExpiresAt), refresh_token: t.refreshToken, refresh_token_expires_at: iso(t.refreshTokenExpiresAt) };
      return { status: 201, body: { data } };
    },
  },
  refreshClientToken: {
    fields: TOKEN_FIELDS,
    handle: async ({ services, query, params, body }) => {
      onlyParams(query, []);
      const input = bodyFields(body, { refresh_token: ['refreshToken', 'string'], token_ttl_secs: ['tokenTtlSecs', 'integer'] });
      requireField(input, 'refreshToken', '/refresh_token');
      const t = await services.clientTokens.refresh(params.room_id!, input.refreshToken as string, input.tokenTtlSecs as number | undefined);
      return { status: 201, body: { data: { token: t.token, token_expires_at: iso(t.tokenExpiresAt) } } };
    },
  },
} satisfies Record<string, Operation>;
