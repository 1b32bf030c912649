import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoom, DIALECTS, generateToken, mutate, startTestServer, TEST_API_KEY, TEST_RECONNECT_GRACE_MS, type TestServer } from '../helpers/server.js';
import { eventually, participant, type TestParticipant } from '../helpers/participant.js';
import { collect, wsClient } from '../helpers/ws.js';

// The room orchestration as clients and the server API see it, over the real server and real
// mediasoup workers, without browsers: who is in a room, sessions, grace periods, moderation,
// and what the database records. (Media flowing through browsers is test/e2e's part.)

describe.each(DIALECTS)('live rooms on %s', (dialect) => {
  let server: TestServer;
  const open: TestParticipant[] = [];
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    await Promise.all(open.map((p) => p.close().catch(() => {})));
    await server?.stop();
  });

  const db = () => server.running.services.db;
  const join = async (roomId: string, context?: string, tokenArgs: Record<string, unknown> = {}) => {
    const token = (await generateToken(server, roomId, tokenArgs)).clientToken.token as string;
    const p = participant(server.url, token);
    open.push(p);
    return { p, token, joined: await p.join(context) };
  };
  const participantRow = (id: string) => db().selectFrom('participants').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const sessionRow = (id: string) => db().selectFrom('room_sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('starts a session on the first join, records participants, and tells everyone', async () => {
    const room = await createRoom(server);
    const feed = collect(wsClient(server.url, TEST_API_KEY), `subscription($r: ID) { events(filter: {roomId: $r}) { eventType payload } }`, { r: room.id });
    await new Promise((r) => setTimeout(r, 200));

    const a = await join(room.id, '{"name":"Ann"}');
    expect(a.joined.__typename).toBe('JoinPayload');
    const ja = a.joined.joined;
    expect(ja).toMatchObject({ resumed: false, grants: { canPublish: true, canSubscribe: true }, roomState: { status: 'ACTIVE' } });
    expect(ja.sendTransport.id).toBeTruthy();
    expect(ja.recvTransport.id).toBeTruthy();
    expect(ja.routerRtpCapabilities.codecs.map((c: { mimeType: string }) => c.mimeType)).toEqual(expect.arrayContaining(['audio/opus', 'video/VP8', 'video/H264']));

    const events = a.p.events(room.id);
    const [snapshot] = await events.next(1);
    expect(snapshot.roomEvents.state.participants).toEqual([{ id: ja.participantId, context: '{"name":"Ann"}', streams: [] }]);

    const b = await join(room.id, '{"name":"Bob"}');
    const jb = b.joined.joined;
    expect(jb.sessionId).toBe(ja.sessionId);
    const [, joined] = await events.next(2);
    expect(joined.roomEvents).toMatchObject({ __typename: 'ParticipantJoined', participant: { id: jb.participantId, context: '{"name":"Bob"}' }, seq: snapshot.roomEvents.seq + 1 });

    expect(await sessionRow(ja.sessionId)).toMatchObject({ room_id: room.id, active: true, ended_at: null });
    expect(await participantRow(jb.participantId)).toMatchObject({ session_id: ja.sessionId, context: '{"name":"Bob"}', left_at: null });
    const api = await server.gql(`query($id: ID!) { room(id: $id) { activeSession { id participants { totalCount } } } }`, { id: room.id });
    expect(api.data.room.activeSession).toEqual({ id: ja.sessionId, participants: { totalCount: 2 } });

    const types = (await feed.next(3)).map((e: any) => e.events.eventType);
    expect(types).toEqual(['video.room.session.started', 'video.room.participant.joined', 'video.room.participant.joined']);
  });

  it('refuses a join beyond maxParticipants with ROOM_FULL and records nothing', async () => {
    const room = await createRoom(server, { maxParticipants: 2 });
    const first = await join(room.id);
    await join(room.id);
    const third = await join(room.id);
    expect(third.joined).toMatchObject({ __typename: 'RoomFullError', code: 'ROOM_FULL' });
    const rows = await db().selectFrom('participants').select('id').where('session_id', '=', first.joined.joined.sessionId).execute();
    expect(rows).toHaveLength(2);
  });

  it('records leaving, and ends the session once the room stays empty', async () => {
    const room = await createRoom(server);
    const a = await join(room.id);
    const b = await join(room.id);
    const events = b.p.events(room.id);
    await events.next(1);
    const left = await a.p.run('mutation { leave { __typename } }');
    expect(left.data).toEqual({ leave: { __typename: 'LeavePayload' } });
    const [, leaving, gone] = await events.next(3);
    expect(leaving.roomEvents).toMatchObject({ __typename: 'ParticipantLeaving', participantId: a.joined.joined.participantId, reason: 'left' });
    expect(gone.roomEvents).toMatchObject({ __typename: 'ParticipantLeft', reason: 'left' });
    const row = await participantRow(a.joined.joined.participantId);
    expect(row.left_reason).toBe('left');
    expect(row.left_at!.getTime()).toBeGreaterThanOrEqual(row.joined_at.getTime());

    // A connection that left acts for nobody.
    const after = await a.p.run('mutation { unpublishStream(streamKey: "self") { __typename ... on UserError { code } } }');
    expect(after.data).toEqual({ unpublishStream: { __typename: 'NotJoinedError', code: 'NOT_JOINED' } });

    await b.p.run('mutation { leave { __typename } }');
    const sessionId = a.joined.joined.sessionId;
    const ended = await eventually('the session to end', async () => ((await sessionRow(sessionId)).active ? undefined : await sessionRow(sessionId)));
    expect(ended.ended_reason).toBe('empty');
    expect(ended.ended_at!.getTime()).toBeGreaterThanOrEqual(ended.created_at.getTime());
  });

  it('keeps a participant whose socket dropped if it comes back within the grace period', { timeout: 60_000 }, async () => {
    const room = await createRoom(server);
    const watcher = await join(room.id);
    const events = watcher.p.events(room.id);
    await events.next(1);
    const { token, p, joined } = await join(room.id, 'flaky');
    const { participantId, reconnectKey } = joined.joined;
    await events.next(2);
    await p.close();

    const back = participant(server.url, token);
    open.push(back);
    const resumed = await back.join('flaky', { participantId, reconnectKey });
    expect(resumed.joined).toMatchObject({ participantId, resumed: true, sendTransport: null, recvTransport: null });
    await new Promise((r) => setTimeout(r, TEST_RECONNECT_GRACE_MS + 500));
    expect(events.items.slice(2).map((e: any) => e.roomEvents.__typename)).toEqual([]);
    expect((await participantRow(participantId)).left_at).toBeNull();

    // A wrong key does not take the participant over: it is a new one.
    const impostor = participant(server.url, token);
    open.push(impostor);
    const other = await impostor.join('x', { participantId, reconnectKey: 'guess' });
    expect(other.joined.participantId).not.toBe(participantId);

    // Gone for longer than the grace period: it has left.
    await back.close();
    const left = await eventually(
      'the dropped participant to leave',
      () => events.items.find((e: any) => e.roomEvents.__typename === 'ParticipantLeft' && e.roomEvents.participantId === participantId),
      TEST_RECONNECT_GRACE_MS + 5000,
    );
    expect(left.roomEvents.reason).toBe('disconnected');
    expect((await participantRow(participantId)).left_reason).toBe('disconnected');
  });

  it('removes a participant whose token runs out, unless it was refreshed in time', async () => {
    const room = await createRoom(server);
    const refreshing = await join(room.id, 'refreshing', { ttl: 10 });
    const lapsing = await join(room.id, 'lapsing', { ttl: 10 });
    const fresh = (await generateToken(server, room.id, { ttl: 120 })).clientToken.token;
    const swap = await refreshing.p.run(`mutation($t: String!) { updateClientToken(token: $t) { __typename ... on UserError { code } } }`, { t: fresh });
    expect(swap.data).toEqual({ updateClientToken: { __typename: 'UpdateClientTokenPayload' } });
    const otherRoom = await createRoom(server);
    const wrong = (await generateToken(server, otherRoom.id)).clientToken.token;
    const refused = await refreshing.p.run(`mutation($t: String!) { updateClientToken(token: $t) { __typename ... on InvalidTokenError { reason } } }`, { t: wrong });
    expect(refused.data).toEqual({ updateClientToken: { __typename: 'InvalidTokenError', reason: 'WRONG_ROOM' } });

    const gone = await eventually(
      'the lapsing participant to be removed',
      async () => {
        const row = await participantRow(lapsing.joined.joined.participantId);
        return row.left_reason ?? undefined;
      },
      15_000,
    );
    expect(gone).toBe('token_expired');
    expect((await participantRow(refreshing.joined.joined.participantId)).left_at).toBeNull();
    const state = await refreshing.p.run(`query($r: ID!) { roomState(roomId: $r) { participants { context } } }`, { r: room.id });
    expect(state.data.roomState.participants).toEqual([{ context: 'refreshing' }]);
  }, 30_000);

  it('kicks chosen participants and checks the selector', async () => {
    const room = await createRoom(server);
    const [a, b, c] = [await join(room.id, 'a'), await join(room.id, 'b'), await join(room.id, 'c')];
    const sessionId = a.joined.joined.sessionId;
    const ids = (x: typeof a) => x.joined.joined.participantId as string;
    const eventsB = b.p.events(room.id);
    await eventsB.next(1);
    const KICK = `mutation($s: ID!, $p: ParticipantSelector!) { kickParticipants(sessionId: $s, participants: $p) {
      __typename ... on UserError { code field } ... on KickParticipantsPayload { result { participantIds } } } }`;

    expect(await mutate(server, KICK, { s: sessionId, p: {} })).toMatchObject({ __typename: 'ValidationError', field: 'participants' });
    expect(await mutate(server, KICK, { s: sessionId, p: { ids: ['01900000-0000-7000-8000-000000000000'] } })).toMatchObject({ __typename: 'ValidationError', field: 'participants.ids' });
    expect(await mutate(server, KICK, { s: 'nope', p: { all: true } })).toMatchObject({ __typename: 'ValidationError', field: 'sessionId' });

    const kicked = await mutate(server, KICK, { s: sessionId, p: { ids: [ids(b)] } });
    expect(kicked.result.participantIds).toEqual([ids(b)]);
    const leaving = await eventually('b to hear it was kicked', () => eventsB.items.find((e: any) => e.roomEvents.__typename === 'ParticipantLeaving'));
    expect(leaving.roomEvents).toMatchObject({ participantId: ids(b), reason: 'kicked' });
    expect((await participantRow(ids(b))).left_reason).toBe('kicked');

    const rest = await mutate(server, KICK, { s: sessionId, p: { all: true, exclude: [ids(a)] } });
    expect(rest.result.participantIds).toEqual([ids(c)]);
    expect((await participantRow(ids(a))).left_at).toBeNull();
  });

  it('mutes and unmutes by selector, and a muted participant stays muted', async () => {
    const room = await createRoom(server);
    const a = await join(room.id);
    const b = await join(room.id);
    const sessionId = a.joined.joined.sessionId;
    const MUTE = (op: string) => `mutation($s: ID!, $p: ParticipantSelector!) { ${op}(sessionId: $s, participants: $p) {
      __typename ... on UserError { code } ... on ${op.charAt(0).toUpperCase() + op.slice(1)}Payload { result { participantIds } } } }`;
    const muted = await mutate(server, MUTE('muteParticipants'), { s: sessionId, p: { all: true } });
    expect(muted.result.participantIds.sort()).toEqual([a.joined.joined.participantId, b.joined.joined.participantId].sort());
    const unmuted = await mutate(server, MUTE('unmuteParticipants'), { s: sessionId, p: { ids: [b.joined.joined.participantId] } });
    expect(unmuted.result.participantIds).toEqual([b.joined.joined.participantId]);
    const presence = server.running.services.orchestrator.findPresence(a.joined.joined.participantId)!;
    expect(presence.audioCensored).toBe(true);
    expect(server.running.services.orchestrator.findPresence(b.joined.joined.participantId)!.audioCensored).toBe(false);
  });

  it('ends a session on request: everyone leaves, and the room can start a new one', async () => {
    const room = await createRoom(server);
    const a = await join(room.id);
    const events = a.p.events(room.id);
    await events.next(1);
    const sessionId = a.joined.joined.sessionId;
    const END = `mutation($s: ID!) { endSession(sessionId: $s) { __typename ... on UserError { code field } ... on EndSessionPayload { session { id active endedReason } } } }`;
    expect(await mutate(server, END, { s: sessionId })).toMatchObject({ session: { id: sessionId, active: false, endedReason: 'ended_by_api' } });
    const ended = await eventually('SessionEnded', () => events.items.find((e: any) => e.roomEvents.__typename === 'SessionEnded'));
    expect(ended.roomEvents).toMatchObject({ sessionId, reason: 'ended_by_api' });
    expect(events.items.map((e: any) => e.roomEvents.reason).filter(Boolean)).toContain('session_ended');
    expect((await participantRow(a.joined.joined.participantId)).left_reason).toBe('session_ended');
    expect(await mutate(server, END, { s: sessionId })).toMatchObject({ __typename: 'SessionEndedError', code: 'SESSION_ENDED' });

    const again = await join(room.id);
    expect(again.joined.joined.sessionId).not.toBe(sessionId);
  });

  it('removes everyone when the room is deleted, and refuses joins after', async () => {
    const room = await createRoom(server);
    const a = await join(room.id);
    const events = a.p.events(room.id);
    await events.next(1);
    const del = await mutate(server, `mutation($id: ID!) { deleteRoom(id: $id) { __typename } }`, { id: room.id });
    expect(del.__typename).toBe('DeleteRoomPayload');
    const left = await eventually('ParticipantLeft', () => events.items.find((e: any) => e.roomEvents.__typename === 'ParticipantLeft'));
    expect(left.roomEvents.reason).toBe('room_deleted');
    expect(await sessionRow(a.joined.joined.sessionId)).toMatchObject({ active: false, ended_reason: 'room_deleted' });
    const again = await a.p.run('mutation { join { __typename } }');
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'token_room_deleted' });
  });

  it('delivers broadcast messages to all and direct ones only to their recipients, without seq gaps', async () => {
    const room = await createRoom(server);
    const [a, b, c] = [await join(room.id), await join(room.id), await join(room.id)];
    const id = (x: typeof a) => x.joined.joined.participantId as string;
    const [ea, eb, ec] = [a.p.events(room.id), b.p.events(room.id), c.p.events(room.id)];
    await Promise.all([ea.next(1), eb.next(1), ec.next(1)]);
    const SEND = `mutation($m: String!, $to: [ID!]) { sendMessage(payload: $m, recipients: $to) { __typename ... on UserError { code field } ... on SendMessagePayload { recipientCount } } }`;
    expect((await a.p.run(SEND, { m: 'to b', to: [id(b)] })).data.sendMessage).toEqual({ __typename: 'SendMessagePayload', recipientCount: 1 });
    expect((await a.p.run(SEND, { m: 'to all' })).data.sendMessage.recipientCount).toBe(2);
    expect((await a.p.run(SEND, { m: 'x'.repeat(16 * 1024 + 1) })).data.sendMessage).toMatchObject({ __typename: 'ValidationError', field: 'payload' });
    expect((await a.p.run(SEND, { m: 'hi', to: ['01900000-0000-7000-8000-000000000000'] })).data.sendMessage).toMatchObject({ field: 'recipients' });

    await eventually('c to get the broadcast', () => ec.items.find((e: any) => e.roomEvents.payload === 'to all'));
    const payloads = (x: typeof ea) => x.items.filter((e: any) => e.roomEvents.__typename === 'MessageReceived').map((e: any) => e.roomEvents.payload);
    await eventually('b to get both', () => (payloads(eb).length === 2 ? true : undefined));
    expect(payloads(eb)).toEqual(['to b', 'to all']);
    expect(payloads(ec)).toEqual(['to all']);
    const seqs = ec.items.map((e: any) => e.roomEvents.seq);
    expect(seqs).toEqual(seqs.map((_: number, i: number) => seqs[0] + i));
    const from = eb.items.find((e: any) => e.roomEvents.payload === 'to b').roomEvents;
    expect(from).toMatchObject({ from: id(a), recipients: [id(b)] });
  });

  it('enforces grants, room access and the WebSocket for participant operations', async () => {
    const room = await createRoom(server);
    const viewer = await join(room.id, 'viewer', { grants: { canPublish: false } });
    expect(viewer.joined.joined).toMatchObject({ sendTransport: null, grants: { canPublish: false, canSubscribe: true } });
    expect(viewer.joined.joined.recvTransport.id).toBeTruthy();
    const publish = await viewer.p.run(`mutation { publishStream(streamKey: "self", kind: AUDIO, rtpParameters: {}) { __typename ... on UserError { code } } }`);
    expect(publish.data.publishStream).toEqual({ __typename: 'ForbiddenError', code: 'FORBIDDEN' });

    const other = await createRoom(server);
    const foreign = await viewer.p.run(`query($r: ID!) { roomState(roomId: $r) { seq } }`, { r: other.id });
    expect(foreign.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const state = await server.gql(`query($r: ID!) { roomState(roomId: $r) { status participants { context } } }`, { r: room.id });
    expect(state.data.roomState).toEqual({ status: 'ACTIVE', participants: [{ context: 'viewer' }] });

    const token = (await generateToken(server, room.id)).clientToken.token;
    const overHttp = await server.gql('mutation { join { __typename ... on UserError { code message } } }', {}, token);
    expect(overHttp.data.join.code).toBe('NOT_JOINED');
    const early = participant(server.url, token);
    open.push(early);
    const notJoined = await early.run(`mutation { connectTransport(transportId: "x", dtlsParameters: {}) { __typename ... on UserError { code } } }`);
    expect(notJoined.data.connectTransport.code).toBe('NOT_JOINED');
  });
});
