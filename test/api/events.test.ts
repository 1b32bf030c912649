import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoom, DIALECTS, generateToken, mutate, startTestServer, TEST_API_KEY, uniqueName, type TestServer } from '../helpers/server.js';
import { collect, wsClient } from '../helpers/ws.js';

const EVENTS = `subscription($f: EventFilter) { events(filter: $f) { id eventType roomId occurredAt payload } }`;

describe.each(DIALECTS)('the events feed over graphql-ws on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server?.stop());

  it('delivers room created, updated and deleted events, in order, with their payloads', async () => {
    const client = wsClient(server.url, TEST_API_KEY);
    const feed = collect(client, EVENTS);
    // graphql-ws acknowledges the subscription before events flow; a query on the same
    // socket round-trips after it, so nothing created below can be missed.
    await new Promise<void>((resolve, reject) => client.subscribe({ query: '{ viewer { kind } }' }, { next: () => {}, error: reject, complete: resolve }));

    const name = uniqueName();
    const room = await createRoom(server, { uniqueName: name, maxParticipants: 4 });
    await mutate(server, `mutation($id: ID!) { updateRoom(id: $id, input: {maxParticipants: 6}) { __typename } }`, { id: room.id });
    await mutate(server, `mutation($id: ID!) { deleteRoom(id: $id) { __typename } }`, { id: room.id });

    const events = (await feed.next(3)).map((d: any) => d.events);
    expect(events.map((e) => e.eventType)).toEqual(['video.room.created', 'video.room.updated', 'video.room.deleted']);
    expect(events.every((e) => e.roomId === room.id)).toBe(true);
    expect(events[0].payload).toMatchObject({ room_id: room.id, unique_name: name, max_participants: 4 });
    expect(events[1].payload).toMatchObject({ max_participants: 6, changed: ['max_participants'] });
    expect(new Set(events.map((e) => e.id)).size).toBe(3);
    feed.stop();
    await client.dispose();
  });

  it('filters by event type and room', async () => {
    const client = wsClient(server.url, TEST_API_KEY);
    const a = await createRoom(server);
    const b = await createRoom(server);
    const onlyA = collect(client, EVENTS, { f: { roomId: a.id } });
    const onlyDeletes = collect(client, EVENTS, { f: { eventTypes: ['video.room.deleted'] } });
    await new Promise<void>((resolve, reject) => client.subscribe({ query: '{ viewer { kind } }' }, { next: () => {}, error: reject, complete: resolve }));

    await mutate(server, `mutation($id: ID!) { updateRoom(id: $id, input: {enableRecording: true}) { __typename } }`, { id: b.id });
    await mutate(server, `mutation($id: ID!) { updateRoom(id: $id, input: {enableRecording: true}) { __typename } }`, { id: a.id });
    await mutate(server, `mutation($id: ID!) { deleteRoom(id: $id) { __typename } }`, { id: b.id });

    expect((await onlyA.next(1)).map((d: any) => [d.events.eventType, d.events.roomId])).toEqual([['video.room.updated', a.id]]);
    expect((await onlyDeletes.next(1)).map((d: any) => [d.events.eventType, d.events.roomId])).toEqual([['video.room.deleted', b.id]]);
    await new Promise((r) => setTimeout(r, 200));
    expect(onlyA.items).toHaveLength(1);
    expect(onlyDeletes.items).toHaveLength(1);
    await client.dispose();
  });

  it('refuses the feed without an API key, with the same errors as HTTP', async () => {
    const anonymous = wsClient(server.url);
    const noKey = collect(anonymous, EVENTS);
    await expect(noKey.next(1)).rejects.toThrow(/UNAUTHENTICATED/);
    await anonymous.dispose();

    const wrong = wsClient(server.url, 'vr_wrong-key-000000000000');
    const wrongKey = collect(wrong, EVENTS);
    await expect(wrongKey.next(1)).rejects.toThrow(/unknown_api_key/);
    await wrong.dispose();

    const room = await createRoom(server);
    const client = wsClient(server.url, (await generateToken(server, room.id)).clientToken.token);
    const forbidden = collect(client, EVENTS);
    await expect(forbidden.next(1)).rejects.toThrow(/FORBIDDEN/);
    await client.dispose();
  });
});
