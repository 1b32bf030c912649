import { afterAll, describe, expect, it } from 'vitest';
import { createRoom, generateToken, mutate } from '../helpers/server.js';
import { eventually, participant, type TestParticipant } from '../helpers/participant.js';
import { closeAfterAll, useTestServer } from '../helpers/server-suite.js';
import { RawWs } from '../protection/raw-ws.js';
import { collect } from '../helpers/ws.js';

// A room event is executed and serialized once per distinct operation and written to every
// subscriber of it: what each subscriber sees must stay exactly its own — its selection, its
// operation id, its order, and only the direct messages meant for it.

const FULL = `subscription($r: ID!) { roomEvents(roomId: $r) { __typename seq ... on MessageReceived { from payload recipients } } }`;
const SHORT = `subscription($r: ID!) { roomEvents(roomId: $r) { seq ... on MessageReceived { text: payload } } }`;
const SEND_TO = `mutation($r: ID!, $m: String!, $to: [ID!]) { sendRoomMessage(roomId: $r, payload: $m, recipients: $to) { __typename } }`;

const messages = (results: any[]) => results.map((r) => r.data.roomEvents).filter((e) => e.__typename === 'MessageReceived');

describe('room events shared by many subscribers', () => {
  const server = useTestServer('pglite');
  const participants = closeAfterAll<TestParticipant>();
  const sockets: RawWs[] = [];
  afterAll(() => sockets.forEach((s) => s.close()));
  const watcher = async () => {
    const ws = await RawWs.open(server.url, server.apiKey);
    sockets.push(ws);
    return ws;
  };

  it('gives each subscription its own selection, id and order, and direct messages only to their recipients', async () => {
    const room = await createRoom(server);
    const other = await createRoom(server);
    const join = async (roomId: string) => {
      const token = (await generateToken(server, roomId)).clientToken.token;
      const p = participant(server.url, token);
      participants.push(p);
      const joined = await p.join();
      return { p, id: joined.joined.participantId as string, token };
    };
    const [alice, bob] = [await join(room.id), await join(room.id)];

    const [w1, w2] = [await watcher(), await watcher()];
    // The same document twice on one socket, the same id on two sockets, another selection, and the same document for another room.
    w1.subscribe('a', FULL, { r: room.id });
    w1.subscribe('b', FULL, { r: room.id });
    w2.subscribe('a', FULL, { r: room.id });
    w2.subscribe('short', SHORT, { r: room.id });
    w2.subscribe('elsewhere', FULL, { r: other.id });
    // Bob subscribes as a participant on his own connection, with the watchers' document; a second
    // socket of his token that did not join is no participant, and hears no direct message.
    const bobs = collect(bob.p.client, FULL, { r: room.id });
    await bobs.next(1);
    const bobWs = await RawWs.open(server.url, bob.token);
    sockets.push(bobWs);
    bobWs.subscribe('mine', FULL, { r: room.id });
    const subscriptions: [RawWs, string][] = [
      [w1, 'a'],
      [w1, 'b'],
      [w2, 'a'],
      [w2, 'short'],
      [bobWs, 'mine'],
    ];
    for (const [ws, id] of [...subscriptions, [w2, 'elsewhere'] as [RawWs, string]]) await ws.until(`${id}'s snapshot`, () => ws.results(id)[0]);

    for (let i = 1; i <= 5; i++) await alice.p.run(`mutation { sendMessage(payload: "m${i}") { __typename } }`);
    expect(await mutate(server, SEND_TO, { r: room.id, m: 'for alice', to: [alice.id] })).toEqual({ __typename: 'SendRoomMessagePayload' });
    expect(await mutate(server, SEND_TO, { r: room.id, m: 'for bob', to: [bob.id] })).toEqual({ __typename: 'SendRoomMessagePayload' });
    await alice.p.run('mutation { sendMessage(payload: "last") { __typename } }');

    const everyone = ['m1', 'm2', 'm3', 'm4', 'm5'];
    for (const [ws, id] of subscriptions) await eventually(`"last" on ${id}`, () => ws.results(id).some((r) => r.data.roomEvents.payload === 'last' || r.data.roomEvents.text === 'last') || undefined);

    // The watchers' full selection: all eight messages (API keys hear direct messages too), in seq order.
    for (const [ws, id] of subscriptions.slice(0, 3)) {
      const got = messages(ws.results(id));
      expect(got.map((m) => m.payload)).toEqual([...everyone, 'for alice', 'for bob', 'last']);
      expect(got.find((m) => m.payload === 'm1')).toEqual({ __typename: 'MessageReceived', seq: expect.any(Number), from: alice.id, payload: 'm1', recipients: null });
      const seqs = ws.results(id).map((r) => r.data.roomEvents.seq as number);
      expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    }
    // Frames of one socket carry their own ids: w1's a and b got the same results, each under its id.
    expect(w1.results('a')).toEqual(w1.results('b'));
    expect(w1.results('a').slice(1)).toEqual(w2.results('a').slice(1));

    // The other selection: its own field names, nothing it did not ask for.
    const short = w2.results('short').map((r) => r.data.roomEvents);
    expect(short.filter((e) => 'text' in e).map((e) => e.text)).toEqual([...everyone, 'for alice', 'for bob', 'last']);
    for (const e of short.slice(1)) expect(Object.keys(e).sort()).toEqual(['seq', 'text']);

    // Bob: what is for everyone and for him, never Alice's direct message.
    await eventually('"last" at bob', () => bobs.items.some((i) => i.roomEvents.payload === 'last') || undefined);
    expect(messages(bobs.items.map((data) => ({ data }))).map((m) => m.payload)).toEqual([...everyone, 'for bob', 'last']);
    expect(messages(bobWs.results('mine')).map((m) => m.payload)).toEqual([...everyone, 'last']);
    // The other room heard nothing of this one.
    expect(w2.results('elsewhere')).toHaveLength(1);
    expect(w2.results('elsewhere')[0].data.roomEvents.__typename).toBe('RoomStateSnapshot');

    // Completing one of two identical subscriptions on a socket leaves the other delivering.
    w1.complete('a');
    await alice.p.run('mutation { sendMessage(payload: "after") { __typename } }');
    await eventually('"after" on b', () => messages(w1.results('b')).find((m) => m.payload === 'after'));
    expect(messages(w1.results('a')).map((m) => m.payload)).not.toContain('after');
    for (const ws of [w1, w2, bobWs]) expect(ws.isOpen).toBe(true);
  });

  it("answers a socket's own mutation before that socket hears the event it caused", async () => {
    const room = await createRoom(server);
    const alice = participant(server.url, (await generateToken(server, room.id)).clientToken.token);
    participants.push(alice);
    await alice.join();
    const ws = await watcher();
    ws.subscribe('w', FULL, { r: room.id });
    await ws.until('the snapshot', () => ws.results('w')[0]);
    // Each message goes out on the socket that watches the room: its answer first, then its event.
    for (let i = 0; i < 20; i++) {
      const sent = ws.run(`send${i}`, SEND_TO, { r: room.id, m: `own ${i}`, to: null });
      expect((await sent).results).toEqual([{ data: { sendRoomMessage: { __typename: 'SendRoomMessagePayload' } } }]);
      await eventually(`own ${i} heard`, () => messages(ws.results('w')).find((m) => m.payload === `own ${i}`));
    }
    const order = ws.messages.filter((m) => m.type === 'next').map((m) => (m.id === 'w' ? `event ${m.payload.data.roomEvents.payload ?? 'snapshot'}` : m.id));
    const expected = ['event snapshot', ...Array.from({ length: 20 }, (_, i) => [`send${i}`, `event own ${i}`]).flat()];
    expect(order.join('\n')).toEqual(expected.join('\n'));
  });

  it('serves the same shared events over HTTP as server-sent events, beside a WebSocket subscriber', async () => {
    const room = await createRoom(server);
    const token = (await generateToken(server, room.id)).clientToken.token;
    const alice = participant(server.url, token);
    participants.push(alice);
    await alice.join();
    const ws = await watcher();
    ws.subscribe('w', FULL, { r: room.id });
    await ws.until('the snapshot', () => ws.results('w')[0]);

    const abort = new AbortController();
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${server.apiKey}` },
      body: JSON.stringify({ query: FULL, variables: { r: room.id } }),
      signal: abort.signal,
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let text = '';
    const events = () => [...text.matchAll(/^data: (.+)$/gm)].map((m) => JSON.parse(m[1]).data.roomEvents);
    const readUntil = async (done: () => boolean) => {
      while (!done()) {
        const chunk = await reader.read();
        if (chunk.done) throw new Error(`the stream ended: ${text}`);
        text += new TextDecoder().decode(chunk.value);
      }
    };
    await readUntil(() => events().length >= 1);
    await alice.run('mutation { sendMessage(payload: "over sse") { __typename } }');
    await readUntil(() => events().length >= 2);
    abort.abort();
    await eventually('the message on the socket', () => messages(ws.results('w'))[0]);
    expect(events()[0].__typename).toBe('RoomStateSnapshot');
    expect(events()[1]).toEqual(messages(ws.results('w'))[0]);
    expect(events()[1]).toMatchObject({ payload: 'over sse', recipients: null });
  });
});
