import Telnyx from 'telnyx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoom, DIALECTS, mutate, startTestServer, uniqueName, type TestServer } from '../helpers/server.js';
import { meta, rest, telnyx } from './rest-helpers.js';

const today = () => new Date().toISOString().slice(0, 10);

describe.each(DIALECTS)('the REST rooms API through the telnyx client on %s', (dialect) => {
  let server: TestServer;
  let client: Telnyx;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    client = telnyx(server);
  });
  afterAll(() => server?.stop());

  it('creates (201), retrieves, updates and deletes (204) a room, in Telnyx shape', async () => {
    const name = uniqueName();
    const created = await client.rooms.create({ unique_name: name, max_participants: 5, enable_recording: true, webhook_event_failover_url: '' });
    expect(created.data).toMatchObject({ record_type: 'room', unique_name: name, max_participants: 5, enable_recording: true, active_session_id: null, webhook_event_failover_url: null });
    expect(created.data!.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const id = created.data!.id!;
    expect((await client.rooms.retrieve(id)).data).toEqual(created.data);
    const updated = await client.rooms.update(id, { max_participants: 7 });
    expect(updated.data).toMatchObject({ id, max_participants: 7, unique_name: name });
    const raw = await rest(server, 'DELETE', `/rooms/${id}`);
    expect(raw.status).toBe(204);
    await expect(client.rooms.retrieve(id)).rejects.toBeInstanceOf(Telnyx.NotFoundError);
  });

  it('deletes through the client (void) and the room is deleted in GraphQL too', async () => {
    const id = (await client.rooms.create({})).data!.id!;
    await client.rooms.delete(id);
    const gql = await server.gql('query($id: ID!) { room(id: $id) { deletedAt } }', { id });
    expect(gql.data.room.deletedAt).not.toBeNull();
  });

  it('pages through every room with auto-pagination, and filters by day and name', async () => {
    for (let i = 0; i < 5; i++) await createRoom(server, { uniqueName: uniqueName() });
    const total = (await server.gql('{ rooms { totalCount } }')).data.rooms.totalCount as number;
    const first = await client.rooms.list({ 'page[size]': 2 });
    expect(first.meta).toEqual({ page_number: 1, page_size: 2, total_pages: Math.ceil(total / 2), total_results: total });
    const seen: string[] = [];
    for await (const room of client.rooms.list({ 'page[size]': 2 })) seen.push(room.id!);
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    const third = await client.rooms.list({ 'page[size]': 2, 'page[number]': 3 });
    expect(third.meta.page_number).toBe(3);
    expect(third.data.map((r) => r.id)).toEqual(seen.slice(4, 6));

    expect(meta(await client.rooms.list({ filter: { date_created_at: { eq: today() } } })).total_results).toBe(total);
    expect((await client.rooms.list({ filter: { date_created_at: { lte: '2000-01-01' } } })).meta).toMatchObject({ total_results: 0, total_pages: 0 });
    const name = uniqueName();
    await createRoom(server, { uniqueName: name });
    const named = await client.rooms.list({ filter: { unique_name: name } });
    expect(named.data.map((r) => r.unique_name)).toEqual([name]);
    // An empty list ends auto-pagination too.
    const none: unknown[] = [];
    for await (const r of client.rooms.list({ filter: { unique_name: 'no such room' } })) none.push(r);
    expect(none).toEqual([]);
  });

  it('is the same room through REST and GraphQL, and a change through one shows through the other', async () => {
    const room = await createRoom(server, { uniqueName: uniqueName(), maxParticipants: 3 });
    const viaRest = (await client.rooms.retrieve(room.id)).data!;
    expect(viaRest).toMatchObject({
      id: room.id,
      unique_name: room.uniqueName,
      max_participants: room.maxParticipants,
      enable_recording: room.enableRecording,
      created_at: room.createdAt,
      updated_at: room.updatedAt,
    });
    await mutate(server, 'mutation($id: ID!) { updateRoom(id: $id, input: {maxParticipants: 9}) { __typename } }', { id: room.id });
    expect((await client.rooms.retrieve(room.id)).data!.max_participants).toBe(9);
    await client.rooms.update(room.id, { enable_recording: true, webhook_timeout_secs: 12 });
    const gql = await server.gql('query($id: ID!) { room(id: $id) { enableRecording webhookTimeoutSecs } }', { id: room.id });
    expect(gql.data.room).toEqual({ enableRecording: true, webhookTimeoutSecs: 12 });
  });

  it('mints tokens (201) and refreshes them without an API key', async () => {
    const room = await createRoom(server);
    const minted = await client.rooms.actions.generateJoinClientToken(room.id, { token_ttl_secs: 60, refresh_token_ttl_secs: 120 });
    expect(minted.data).toMatchObject({ token: expect.any(String), refresh_token: expect.any(String) });
    expect(Date.parse(minted.data!.token_expires_at!) - Date.now()).toBeLessThanOrEqual(61_000);
    const anonymous = telnyx(server, null);
    const refreshed = await anonymous.rooms.actions.refreshClientToken(room.id, { refresh_token: minted.data!.refresh_token!, token_ttl_secs: 30 });
    expect(refreshed.data).toEqual({ token: expect.any(String), token_expires_at: expect.any(String) });
    // The new token opens GraphQL as a client token.
    const viewer = await server.gql('{ viewer { __typename } }', {}, refreshed.data!.token!);
    expect(viewer.errors).toBeUndefined();
    await expect(anonymous.rooms.actions.refreshClientToken(room.id, { refresh_token: 'not.a.token' })).rejects.toBeInstanceOf(Telnyx.PermissionDeniedError);
    await expect(anonymous.rooms.actions.generateJoinClientToken(room.id, {})).rejects.toBeInstanceOf(Telnyx.AuthenticationError);
    await expect(telnyx(server, minted.data!.token!).rooms.list()).rejects.toBeInstanceOf(Telnyx.PermissionDeniedError);
  });

  it('answers each error class as Telnyx does: 401, 404, 422 with a JSON pointer', async () => {
    await expect(telnyx(server, 'wrong-key').rooms.list()).rejects.toBeInstanceOf(Telnyx.AuthenticationError);
    await expect(client.rooms.retrieve('0190d5a4-0000-7000-8000-000000000000')).rejects.toBeInstanceOf(Telnyx.NotFoundError);
    const err = await client.rooms.create({ max_participants: 51 }).catch((e) => e);
    expect(err).toBeInstanceOf(Telnyx.UnprocessableEntityError);
    expect(err.error.errors[0]).toMatchObject({ code: expect.any(String), title: expect.any(String), detail: expect.stringContaining('2 to 50'), source: { pointer: '/max_participants' } });
    // A taken name is a 422 too, not a 409 the client would retry.
    const name = uniqueName();
    await client.rooms.create({ unique_name: name });
    const clash = await client.rooms.create({ unique_name: name }).catch((e) => e);
    expect(clash).toBeInstanceOf(Telnyx.UnprocessableEntityError);
    expect(clash.error.errors[0].source).toEqual({ pointer: '/unique_name' });
  });

  it("embeds sessions with include_sessions, and lists a room's sessions", async () => {
    const room = await createRoom(server);
    const listed = await client.rooms.retrieve(room.id, { include_sessions: true });
    expect(listed.data!.sessions).toEqual([]);
    const sessions = await client.rooms.sessions.list1(room.id, { filter: { active: true } });
    expect(sessions.meta).toMatchObject({ total_results: 0, page_number: 1 });
    await expect(client.rooms.sessions.list1('0190d5a4-0000-7000-8000-000000000000')).rejects.toBeInstanceOf(Telnyx.NotFoundError);
  });
});
