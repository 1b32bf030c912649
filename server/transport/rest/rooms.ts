import type { Services } from '../../app/services.js';
import { RestError } from './errors.js';
import { deleteOperation } from './operations.js';
import { readBody, type BodyDoc, type BodySpec, type Operation, type OperationDoc } from './request.js';
import { sessionBody } from './room-sessions.js';
import { iso, listBody, pageRequest, PAGE_SIZE, readQuery, type FilterSpec } from './wire.js';

type RoomRow = NonNullable<Awaited<ReturnType<Services['rooms']['get']>>>;

/**
 * A room as Telnyx shows it; `include_sessions` embeds its newest sessions (up to a page's
 * maximum). `activeSessionId` is given by a list, which reads every room's at once.
 */
export async function roomBody(services: Services, room: RoomRow, includeSessions = false, activeSessionId?: string | null) {
  // As Room.activeSession resolves it: the session in progress, if any.
  const active = activeSessionId !== undefined ? activeSessionId : ((await services.records.activeSessionsOf([room.id]))[0]?.id ?? null);
  const body = {
    id: room.id,
    record_type: 'room',
    unique_name: room.unique_name,
    max_participants: room.max_participants,
    enable_recording: room.enable_recording,
    active_session_id: active,
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
function roomInput(body: unknown, doc: BodyDoc) {
  const input = readBody(body, doc);
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
const TTL = ['tokenTtlSecs', 'integer'] as const;

const DOCS = {
  list: { summary: 'List rooms', query: { page: true, filter: FILTERS, include: ['include_sessions'] }, status: 200, returns: { list: 'room' } },
  create: { summary: 'Create a room', body: { spec: ROOM_FIELDS }, status: 201, returns: { one: 'room' } },
  retrieve: { summary: 'View a room', query: { include: ['include_sessions'] }, status: 200, returns: { one: 'room' } },
  update: { summary: 'Update a room', body: { spec: ROOM_FIELDS }, status: 200, returns: { one: 'room' } },
  generateJoinClientToken: {
    summary: 'Create a client token to join the room, with a refresh token',
    body: { spec: { token_ttl_secs: TTL, refresh_token_ttl_secs: ['refreshTokenTtlSecs', 'integer'] } },
    status: 201,
    returns: { one: 'client_token' },
  },
  refreshClientToken: {
    summary: 'Trade a refresh token for a new client token (no API key: the refresh token is the credential)',
    body: { spec: { refresh_token: ['refreshToken', 'string'], token_ttl_secs: TTL }, required: ['refresh_token'] },
    status: 201,
    returns: { one: 'refreshed_client_token' },
  },
} satisfies Record<string, OperationDoc>;

export const rooms = {
  list: {
    doc: DOCS.list,
    handle: async ({ services, query }) => {
      const q = readQuery(query, DOCS.list.query);
      const rows = await services.rooms.list(q.filter, pageRequest(q.page));
      const active = await services.records.activeSessionsOf(rows.rows.map((r) => r.id));
      return listBody(rows, q.page, (r) => roomBody(services, r, q.include.include_sessions, active[rows.rows.indexOf(r)]?.id ?? null));
    },
  },
  create: {
    doc: DOCS.create,
    handle: async ({ services, query, body }) => {
      readQuery(query);
      return { data: await roomBody(services, await services.rooms.create(roomInput(body, DOCS.create.body))) };
    },
  },
  retrieve: {
    doc: DOCS.retrieve,
    handle: async ({ services, query, params }) => {
      const q = readQuery(query, DOCS.retrieve.query);
      return { data: await roomBody(services, await liveRoom(services, params.room_id!), q.include.include_sessions) };
    },
  },
  update: {
    doc: DOCS.update,
    fields: ROOM_ID,
    handle: async ({ services, query, params, body }) => {
      readQuery(query);
      return { data: await roomBody(services, await services.rooms.update(params.room_id!, roomInput(body, DOCS.update.body))) };
    },
  },
  delete: deleteOperation('Delete a room', 'room_id', (s, id) => s.rooms.delete(id)),
  generateJoinClientToken: {
    doc: DOCS.generateJoinClientToken,
    fields: ROOM_ID,
    handle: async ({ services, query, params, body }) => {
      readQuery(query);
      const t = await services.clientTokens.generate(params.room_id!, readBody(body, DOCS.generateJoinClientToken.body));
      return { data: { token: t.token, token_expires_at: iso(t.tokenExpiresAt), refresh_token: t.refreshToken, refresh_token_expires_at: iso(t.refreshTokenExpiresAt) } };
    },
  },
  refreshClientToken: {
    doc: DOCS.refreshClientToken,
    fields: TOKEN_FIELDS,
    handle: async ({ services, query, params, body }) => {
      readQuery(query);
      const input = readBody(body, DOCS.refreshClientToken.body);
      const t = await services.clientTokens.refresh(params.room_id!, input.refreshToken as string, input.tokenTtlSecs as number | undefined);
      return { data: { token: t.token, token_expires_at: iso(t.tokenExpiresAt) } };
    },
  },
} satisfies Record<string, Operation>;
