import { describe, expect, it } from 'vitest';
import { createRoom, ERROR_FIELDS, generateToken, mutate } from '../helpers/server.js';
import { eventually, participant, type TestParticipant } from '../helpers/participant.js';
import { closeAfterAll, useTestServer } from '../helpers/server-suite.js';
import { collect } from '../helpers/ws.js';

// An operator's message to a live room (sendRoomMessage, API key): it reaches participants as the
// MessageReceived they already know, marked fromOperator and sent from the API key's id; it goes
// through the participants' own delivery and limits. And Room.liveParticipantCount, which the
// dashboard's rooms list shows beside each room.

const SEND = `mutation($r: ID!, $m: String!, $to: [ID!]) {
  sendRoomMessage(roomId: $r, payload: $m, recipients: $to) { ${ERROR_FIELDS} ... on SendRoomMessagePayload { recipientCount } ... on RoomNotLiveError { roomId } }
}`;
const EVENTS = `subscription($r: ID!) { roomEvents(roomId: $r) { __typename seq ... on MessageReceived { from fromOperator payload recipients } } }`;

describe('sendRoomMessage', () => {
  const server = useTestServer('pglite');
  const open = closeAfterAll<TestParticipant>();

  const joined = async (roomId: string) => {
    const p = participant(server.url, (await generateToken(server, roomId)).clientToken.token);
    open.push(p);
    const res = await p.join();
    expect(res.__typename).toBe('JoinPayload');
    return { p, id: res.joined.participantId as string, events: () => collectMessages(p, roomId) };
  };
  const collectMessages = async (p: TestParticipant, roomId: string) => {
    const c = collect(p.client, EVENTS, { r: roomId });
    await c.next(1);
    return c;
  };
  const send = async (roomId: string, payload: string, recipients?: string[], key?: string) => mutate(server, SEND, { r: roomId, m: payload, to: recipients }, key);
  const messages = (c: { items: any[] }) => c.items.map((i) => i.roomEvents).filter((e) => e.__typename === 'MessageReceived');

  it('reaches everyone in the room as a MessageReceived from the operator', async () => {
    const room = await createRoom(server);
    const [a, b] = [await joined(room.id), await joined(room.id)];
    const [ea, eb] = [await a.events(), await b.events()];
    const watcher = server.running.services.liveRooms.liveRoom(room.id);
    const heard: any[] = [];
    const { stop } = watcher.watch('all', (e) => heard.push(e));

    expect(await send(room.id, JSON.stringify({ type: 'text', payload: 'closing in 5 minutes' }))).toEqual({ __typename: 'SendRoomMessagePayload', recipientCount: 2 });
    for (const c of [ea, eb]) await eventually('the message', () => messages(c)[0]);
    for (const c of [ea, eb]) {
      expect(messages(c)).toMatchObject([{ __typename: 'MessageReceived', from: 'API_KEY', fromOperator: true, payload: '{"type":"text","payload":"closing in 5 minutes"}', recipients: null }]);
    }
    // A broadcast is a room event like any other: it takes the next seq.
    expect(heard).toMatchObject([{ type: 'MessageReceived', fromOperator: true, seq: watcher.snapshot().seq }]);
    stop();

    // A stored API key signs with its id; a participant's own messages still say fromOperator false.
    const created = await mutate(server, 'mutation { createApiKey(name: "operator") { ... on CreateApiKeyPayload { created { key apiKey { id } } } } }');
    expect(await send(room.id, 'from a stored key', undefined, created.created.key)).toMatchObject({ recipientCount: 2 });
    await eventually('the second message', () => messages(eb)[1]);
    expect(messages(eb)[1]).toMatchObject({ from: created.created.apiKey.id, fromOperator: true, payload: 'from a stored key' });
    await a.p.run('mutation { sendMessage(payload: "hi b") { __typename } }');
    await eventually('the participant’s message', () => messages(eb)[2]);
    expect(messages(eb)[2]).toMatchObject({ from: a.id, fromOperator: false, payload: 'hi b' });
  });

  it('to chosen recipients reaches only them, without moving seq for the others', async () => {
    const room = await createRoom(server);
    const [a, b, c] = [await joined(room.id), await joined(room.id), await joined(room.id)];
    const [ea, eb, ec] = [await a.events(), await b.events(), await c.events()];
    expect(await send(room.id, 'just you two', [a.id, b.id, a.id])).toEqual({ __typename: 'SendRoomMessagePayload', recipientCount: 2 });
    expect(await send(room.id, 'everyone')).toMatchObject({ recipientCount: 3 });
    await eventually('the broadcast at c', () => messages(ec).find((m) => m.payload === 'everyone'));
    await eventually('both at a', () => (messages(ea).length === 2 ? true : undefined));
    expect(messages(ea).map((m) => m.payload)).toEqual(['just you two', 'everyone']);
    expect(messages(eb)[0]).toMatchObject({ payload: 'just you two', recipients: [a.id, b.id], fromOperator: true });
    expect(messages(ec).map((m) => m.payload)).toEqual(['everyone']);
    const seqs = ec.items.map((i) => i.roomEvents.seq as number);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
  });

  it('refuses bad input with the field at fault, as sendMessage does', async () => {
    const room = await createRoom(server);
    const a = await joined(room.id);
    expect(await send(room.id, 'x'.repeat(16 * 1024 + 1))).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION_FAILED', field: 'payload' });
    expect(await send(room.id, 'é'.repeat(8 * 1024))).toMatchObject({ __typename: 'SendRoomMessagePayload' });
    expect(await send(room.id, 'hi', [a.id, '01900000-0000-7000-8000-000000000000'])).toMatchObject({ __typename: 'ValidationError', field: 'recipients' });
    expect(await send('not-a-uuid', 'hi')).toMatchObject({ __typename: 'ValidationError', field: 'roomId' });
  });

  it('names the room that cannot be reached: unknown, deleted, or with nobody in it', async () => {
    expect(await send('01900000-0000-7000-8000-000000000000', 'hi')).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND', field: 'roomId' });
    const idle = await createRoom(server);
    expect(await send(idle.id, 'hi')).toEqual(expect.objectContaining({ __typename: 'RoomNotLiveError', code: 'ROOM_NOT_LIVE', field: 'roomId', roomId: idle.id }));

    const left = await createRoom(server);
    const a = await joined(left.id);
    await a.p.run('mutation { leave { __typename } }');
    await eventually('the session to end', async () => ((await send(left.id, 'anyone?')).__typename === 'RoomNotLiveError' ? true : undefined));

    const deleted = await createRoom(server);
    await mutate(server, 'mutation($id: ID!) { deleteRoom(id: $id) { __typename } }', { id: deleted.id });
    expect(await send(deleted.id, 'hi')).toMatchObject({ __typename: 'RoomDeletedError', code: 'ROOM_DELETED', field: 'roomId' });
  });

  it('is for API keys: a client token is refused (participants have sendMessage)', async () => {
    const room = await createRoom(server);
    const a = await joined(room.id);
    const token = (await generateToken(server, room.id)).clientToken.token;
    const overHttp = await server.gql(SEND, { r: room.id, m: 'hi' }, token);
    expect(overHttp.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'client_token_not_allowed' });
    const overWs = await a.p.run(SEND, { r: room.id, m: 'hi' });
    expect(overWs.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('Room.liveParticipantCount', () => {
  const server = useTestServer('pglite');
  const open = closeAfterAll<TestParticipant>();
  const count = async (id: string) => (await server.gql('query($id: ID!) { room(id: $id) { liveParticipantCount } }', { id })).data.room.liveParticipantCount;

  it('counts who is in the room now, in the list as on the room', async () => {
    const [busy, quiet] = [await createRoom(server), await createRoom(server)];
    expect(await count(busy.id)).toBe(0);
    const ps = [];
    for (let i = 0; i < 2; i++) {
      const p = participant(server.url, (await generateToken(server, busy.id)).clientToken.token);
      open.push(p);
      await p.join();
      ps.push(p);
    }
    expect(await count(busy.id)).toBe(2);
    const list = await server.gql('{ rooms { edges { node { id liveParticipantCount } } } }');
    const byId = Object.fromEntries(list.data.rooms.edges.map((e: any) => [e.node.id, e.node.liveParticipantCount]));
    expect(byId).toMatchObject({ [busy.id]: 2, [quiet.id]: 0 });
    await ps[0]!.run('mutation { leave { __typename } }');
    expect(await count(busy.id)).toBe(1);
  });
});
