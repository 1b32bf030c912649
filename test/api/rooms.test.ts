import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoom, DIALECTS, ERROR_FIELDS, mutate, ROOM_FIELDS, startTestServer, uniqueName, type TestServer } from '../helpers/server.js';

const CREATE = `mutation($input: CreateRoomInput!) { createRoom(input: $input) { ${ERROR_FIELDS} ... on CreateRoomPayload { room { ${ROOM_FIELDS} } } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateRoomInput!) { updateRoom(id: $id, input: $input) { ${ERROR_FIELDS} ... on UpdateRoomPayload { room { ${ROOM_FIELDS} } } } }`;
const DELETE = `mutation($id: ID!) { deleteRoom(id: $id) { ${ERROR_FIELDS} ... on DeleteRoomPayload { room { ${ROOM_FIELDS} } } } }`;

describe.each(DIALECTS)('rooms on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server?.stop());

  const roomCount = async () => (await server.gql('{ rooms(filter: {includeDeleted: true}) { totalCount } }')).data.rooms.totalCount as number;

  it('creates a room with Telnyx defaults and reads it back', async () => {
    const room = await createRoom(server, { uniqueName: uniqueName() });
    expect(room).toMatchObject({ maxParticipants: 10, enableRecording: false, webhookEventUrl: null, webhookTimeoutSecs: null, deletedAt: null });
    expect(room.id).toMatch(/^[0-9a-f-]{36}$/);
    const read = await server.gql(`query($id: ID!) { room(id: $id) { ${ROOM_FIELDS} activeSession { id } sessions { totalCount } } }`, { id: room.id });
    expect(read.data.room).toMatchObject({ ...room, activeSession: null, sessions: { totalCount: 0 } });
  });

  it('creates a room with every field set', async () => {
    const input = {
      uniqueName: uniqueName(),
      maxParticipants: 50,
      enableRecording: true,
      webhookEventUrl: 'https://example.test/hooks',
      webhookEventFailoverUrl: 'http://backup.example.test/hooks',
      webhookTimeoutSecs: 30,
    };
    expect(await createRoom(server, input)).toMatchObject(input);
  });

  it.each([
    [{ maxParticipants: 1 }, 'input.maxParticipants'],
    [{ maxParticipants: 51 }, 'input.maxParticipants'],
    [{ webhookTimeoutSecs: -1 }, 'input.webhookTimeoutSecs'],
    [{ webhookTimeoutSecs: 31 }, 'input.webhookTimeoutSecs'],
    [{ webhookEventUrl: 'ftp://example.test/x' }, 'input.webhookEventUrl'],
    [{ webhookEventUrl: 'not a url' }, 'input.webhookEventUrl'],
    [{ webhookEventFailoverUrl: 'javascript:alert(1)' }, 'input.webhookEventFailoverUrl'],
    [{ uniqueName: '' }, 'input.uniqueName'],
    [{ uniqueName: 'x'.repeat(256) }, 'input.uniqueName'],
    [{ uniqueName: ' padded ' }, 'input.uniqueName'],
    [{ uniqueName: 'half a pair \ud800' }, 'input.uniqueName'],
  ])('refuses %j with a validation error naming %s, and creates nothing', async (input, field) => {
    const before = await roomCount();
    const result = await mutate(server, CREATE, { input });
    expect(result).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION_FAILED', field });
    expect(result.message).toContain(field);
    expect(await roomCount()).toBe(before);
  });

  it('reports every bad field at once', async () => {
    const result = await mutate(server, CREATE, { input: { maxParticipants: 0, webhookTimeoutSecs: 99, webhookEventUrl: 'x' } });
    expect(result.fieldErrors.map((e: { field: string }) => e.field).sort()).toEqual(['input.maxParticipants', 'input.webhookEventUrl', 'input.webhookTimeoutSecs'].sort());
  });

  it('keeps uniqueName unique among live rooms, as a typed conflict', async () => {
    const name = uniqueName();
    const first = await createRoom(server, { uniqueName: name });
    const before = await roomCount();
    const clash = await mutate(server, CREATE, { input: { uniqueName: name } });
    expect(clash).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT', field: 'input.uniqueName' });
    expect(await roomCount()).toBe(before);

    // Renaming another room onto the name clashes too.
    const other = await createRoom(server, { uniqueName: uniqueName() });
    const rename = await mutate(server, UPDATE, { id: other.id, input: { uniqueName: name } });
    expect(rename).toMatchObject({ __typename: 'ConflictError', field: 'input.uniqueName' });

    // Once the first room is deleted its name is free again.
    await mutate(server, DELETE, { id: first.id });
    expect(await createRoom(server, { uniqueName: name })).toMatchObject({ uniqueName: name });
  });

  it('lets only one of many concurrent creates take a name', async () => {
    const name = uniqueName('race');
    const results = await Promise.all(Array.from({ length: 6 }, () => mutate(server, CREATE, { input: { uniqueName: name } })));
    const kinds = results.map((r) => r.__typename).sort();
    expect(kinds.filter((k) => k === 'CreateRoomPayload')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'ConflictError')).toHaveLength(5);
  });

  it('updates only the fields given, and null clears a nullable field', async () => {
    const room = await createRoom(server, { uniqueName: uniqueName(), webhookEventUrl: 'https://a.test/', webhookTimeoutSecs: 5 });
    const result = await mutate(server, UPDATE, { id: room.id, input: { maxParticipants: 4, webhookEventUrl: null } });
    expect(result.__typename).toBe('UpdateRoomPayload');
    expect(result.room).toMatchObject({ maxParticipants: 4, webhookEventUrl: null, webhookTimeoutSecs: 5, uniqueName: room.uniqueName });
    expect(new Date(result.room.updatedAt).getTime()).toBeGreaterThan(new Date(room.updatedAt).getTime());
  });

  it('refuses bad updates and changes nothing', async () => {
    const room = await createRoom(server, { uniqueName: uniqueName() });
    for (const [input, field] of [
      [{ maxParticipants: 60 }, 'input.maxParticipants'],
      [{ maxParticipants: null }, 'input.maxParticipants'],
      [{ enableRecording: null }, 'input.enableRecording'],
      [{ webhookEventFailoverUrl: 'mailto:a@b.c' }, 'input.webhookEventFailoverUrl'],
    ] as const) {
      expect(await mutate(server, UPDATE, { id: room.id, input })).toMatchObject({ __typename: 'ValidationError', field });
    }
    const read = await server.gql(`query($id: ID!) { room(id: $id) { ${ROOM_FIELDS} } }`, { id: room.id });
    expect(read.data.room).toEqual(room);
  });

  it('answers unknown and malformed ids with typed errors', async () => {
    const missing = '01900000-0000-7000-8000-000000000000';
    expect(await mutate(server, UPDATE, { id: missing, input: { maxParticipants: 3 } })).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND', field: 'id' });
    expect(await mutate(server, DELETE, { id: missing })).toMatchObject({ __typename: 'NotFoundError', field: 'id' });
    expect(await mutate(server, DELETE, { id: 'nope' })).toMatchObject({ __typename: 'ValidationError', field: 'id' });
    const q = await server.gql('{ room(id: "nope") { id } }');
    expect(q.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'id' } });
    expect((await server.gql(`{ room(id: "${missing}") { id } }`)).data.room).toBeNull();
  });

  it('deletes a room for good: hidden from lists, unchangeable, no new tokens', async () => {
    const room = await createRoom(server, { uniqueName: uniqueName() });
    const deleted = await mutate(server, DELETE, { id: room.id });
    expect(deleted.__typename).toBe('DeleteRoomPayload');
    expect(deleted.room.deletedAt).not.toBeNull();

    expect(await mutate(server, DELETE, { id: room.id })).toMatchObject({ __typename: 'RoomDeletedError', code: 'ROOM_DELETED' });
    expect(await mutate(server, UPDATE, { id: room.id, input: { maxParticipants: 3 } })).toMatchObject({ __typename: 'RoomDeletedError' });
    const token = await mutate(server, `mutation($id: ID!) { generateClientToken(roomId: $id) { ${ERROR_FIELDS} } }`, { id: room.id });
    expect(token).toMatchObject({ __typename: 'RoomDeletedError', code: 'ROOM_DELETED' });

    const listed = await server.gql(`query($n: String) { live: rooms(filter: {uniqueName: $n}) { totalCount } all: rooms(filter: {uniqueName: $n, includeDeleted: true}) { totalCount } }`, {
      n: room.uniqueName,
    });
    expect(listed.data).toEqual({ live: { totalCount: 0 }, all: { totalCount: 1 } });
    expect((await server.gql(`query($id: ID!) { room(id: $id) { deletedAt } }`, { id: room.id })).data.room.deletedAt).toBe(deleted.room.deletedAt);
  });
});
