import { describe, expect, it } from 'vitest';
import { createRoom, DIALECTS, generateToken, mutate } from '../helpers/server.js';
import { participant, ROOM_EVENTS, type TestParticipant } from '../helpers/participant.js';
import { RawWs } from './raw-ws.js';
import { closeAfterAll, useTestServer } from '../helpers/server-suite.js';

// A client token's subscription lasts as long as the token, unless its connection swapped in a
// fresh one in time (refreshClientToken, then updateClientToken). 10 s is the shortest lifetime.

const TTL_SECS = 10;

describe.each(DIALECTS)('client token expiry on %s', (dialect) => {
  const server = useTestServer(dialect);
  const open = closeAfterAll<TestParticipant>();

  const join = async (token: string, context: string) => {
    const p = participant(server.url, token);
    open.push(p);
    const joined = await p.join(context);
    expect(joined.__typename).toBe('JoinPayload');
    return p;
  };

  it('ends a subscription when its token expires, and keeps one whose connection swapped in a fresh token', { timeout: 60_000 }, async () => {
    const room = await createRoom(server);
    const issuedAt = Date.now();
    const lapsing = (await generateToken(server, room.id, { ttl: TTL_SECS })).clientToken;
    const refreshing = (await generateToken(server, room.id, { ttl: TTL_SECS })).clientToken;

    // A viewer that only watches the room, with a token it never renews.
    const viewer = await RawWs.open(server.url, lapsing.token);
    viewer.subscribe('room', ROOM_EVENTS, { roomId: room.id });
    await viewer.until('the snapshot', () => viewer.results('room')[0]);

    // A participant that renews its token the way the SDK does.
    const p = await join(refreshing.token, 'refreshing');
    const events = p.events(room.id);
    await events.next(1);
    const fresh = await mutate(
      server,
      `mutation($r: ID!, $t: String!) { refreshClientToken(roomId: $r, refreshToken: $t, tokenTtlSecs: 120) {
        __typename ... on RefreshClientTokenPayload { clientToken { token } } } }`,
      { r: room.id, t: refreshing.refreshToken },
      null,
    );
    expect(fresh.__typename).toBe('RefreshClientTokenPayload');
    const swap = await p.run(`mutation($t: String!) { updateClientToken(token: $t) { __typename } }`, { t: fresh.clientToken.token });
    expect(swap.data.updateClientToken.__typename).toBe('UpdateClientTokenPayload');

    const ended = await viewer.outcome('room', TTL_SECS * 1000 + 15_000);
    expect(Date.now() - issuedAt).toBeGreaterThanOrEqual(TTL_SECS * 1000 - 1000);
    const last = ended.results.at(-1);
    expect(last.data ?? null).toBeNull();
    expect(last.errors[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'token_expired' });

    // Past the first token's expiry, the renewed subscription still delivers.
    const wait = issuedAt + TTL_SECS * 1000 + 1500 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const before = events.items.length;
    await join((await generateToken(server, room.id)).clientToken.token, 'late');
    const [joined] = (await events.next(before + 1, 10_000)).slice(before);
    expect(joined.roomEvents).toMatchObject({ __typename: 'ParticipantJoined', participant: { context: 'late' } });
    expect(events.errors).toEqual([]);
  });
});
