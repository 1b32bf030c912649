import { describe, expect, it } from 'vitest';
import { createRoom, DIALECTS, generateToken, mutate } from '../helpers/server.js';
import { JOIN, participant, ROOM_EVENTS, type TestParticipant } from '../helpers/participant.js';
import { RawWs } from './raw-ws.js';
import { closeAfterAll, useTestServer } from '../helpers/server-suite.js';

// A kicked participant is out for good with the tokens it came with: it hears why, its feed
// ends, and neither its access token nor its refresh token gets it back in, not even after a
// restart. Everyone else in the room carries on.

const KICK = `mutation($s: ID!, $p: ParticipantSelector!) { kickParticipants(sessionId: $s, participants: $p) {
  __typename ... on KickParticipantsPayload { result { participantIds } } } }`;
const REFRESH = `mutation($r: ID!, $t: String!) { refreshClientToken(roomId: $r, refreshToken: $t) {
  __typename ... on InvalidTokenError { code reason } ... on RefreshClientTokenPayload { clientToken { token } } } }`;
const SEND = `mutation($m: String!) { sendMessage(payload: $m) { __typename ... on SendMessagePayload { recipientCount } } }`;

describe.each(DIALECTS)('kicking a participant on %s', (dialect) => {
  const server = useTestServer(dialect);
  const open = closeAfterAll<{ close(): unknown }>();

  const rawParticipant = async (token: string) => {
    const ws = await RawWs.open(server.url, token);
    open.push(ws);
    return ws;
  };
  const joinRefused = async (ws: RawWs, id: string) => {
    const res = await ws.run(id, JOIN);
    const error = [...(res.errors ?? []), ...res.results.flatMap((r) => r.errors ?? [])][0];
    expect(res.results.find((r) => r.data?.join)).toBeUndefined();
    expect(error?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'token_revoked' });
  };
  const eventCount = async (roomId: string) =>
    Number(
      (
        await server.running.services.db
          .selectFrom('events')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('room_id', '=', roomId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('ends the kicked participant’s feed after it hears why, and its tokens stay refused, across a restart', { timeout: 120_000 }, async () => {
    const room = await createRoom(server);
    const kickedTokens = (await generateToken(server, room.id)).clientToken;
    const stayingTokens = (await generateToken(server, room.id)).clientToken;

    const kicked = await rawParticipant(kickedTokens.token);
    const joined = (await kicked.run('join', JOIN, { context: 'kicked' })).results[0].data.join.joined;
    kicked.subscribe('room', ROOM_EVENTS, { roomId: room.id });
    await kicked.until('its snapshot', () => kicked.results('room')[0]);

    const staying: TestParticipant = participant(server.url, stayingTokens.token);
    open.push(staying);
    expect((await staying.join('staying')).__typename).toBe('JoinPayload');
    const stayingFeed = staying.events(room.id);
    await stayingFeed.next(1);

    const result = await mutate(server, KICK, { s: joined.sessionId, p: { ids: [joined.participantId] } });
    expect(result.result.participantIds).toEqual([joined.participantId]);

    // It hears its own removal, then the feed ends with the reason.
    const { results, errors } = await kicked.outcome('room');
    expect(errors).toBeUndefined();
    const leftAt = results.findIndex((r) => r.data?.roomEvents.__typename === 'ParticipantLeft');
    expect(results[leftAt].data.roomEvents).toMatchObject({ participantId: joined.participantId, reason: 'kicked' });
    expect(leftAt).toBe(results.length - 2);
    expect(results.at(-1).data ?? null).toBeNull();
    expect(results.at(-1).errors[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'token_revoked' });

    // Its token gets it back in on neither its own socket nor a new one; its refresh token is refused and leaves no trace.
    await joinRefused(kicked, 'join-again');
    await joinRefused(await rawParticipant(kickedTokens.token), 'join-new');
    const eventsBefore = await eventCount(room.id);
    expect(await mutate(server, REFRESH, { r: room.id, t: kickedTokens.refreshToken }, null)).toEqual({
      __typename: 'InvalidTokenError',
      code: 'INVALID_TOKEN',
      reason: 'REVOKED',
    });
    expect(await eventCount(room.id)).toBe(eventsBefore);

    // The other participant's token and feed are untouched.
    const left = await stayingFeed.next(3);
    expect(left.slice(1).map((e: any) => [e.roomEvents.__typename, e.roomEvents.participantId, e.roomEvents.reason])).toEqual([
      ['ParticipantLeaving', joined.participantId, 'kicked'],
      ['ParticipantLeft', joined.participantId, 'kicked'],
    ]);
    const late = participant(server.url, (await generateToken(server, room.id)).clientToken.token);
    open.push(late);
    await late.join('late');
    const [, , , arrived] = await stayingFeed.next(4);
    expect(arrived.roomEvents).toMatchObject({ __typename: 'ParticipantJoined', participant: { context: 'late' } });
    expect((await staying.run(SEND, { m: 'still here' })).data.sendMessage).toEqual({ __typename: 'SendMessagePayload', recipientCount: 1 });
    expect(stayingFeed.errors).toEqual([]);

    // The refusal is stored, not remembered: it holds after a restart, the other token still works.
    await Promise.all(open.splice(0).map(async (c) => c.close()));
    await server.restart();
    await joinRefused(await rawParticipant(kickedTokens.token), 'after-restart');
    expect((await mutate(server, REFRESH, { r: room.id, t: kickedTokens.refreshToken }, null)).reason).toBe('REVOKED');
    const back = await rawParticipant(stayingTokens.token);
    expect((await back.run('join', JOIN, { context: 'back' })).results[0].data.join.__typename).toBe('JoinPayload');
    expect((await mutate(server, REFRESH, { r: room.id, t: stayingTokens.refreshToken }, null)).__typename).toBe('RefreshClientTokenPayload');
  });
});
