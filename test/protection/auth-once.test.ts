import { describe, expect, it, vi } from 'vitest';
import { createRoom, DIALECTS, generateToken, mutate } from '../helpers/server.js';
import { JOIN } from '../helpers/participant.js';
import { RawWs, type OperationOutcome } from './raw-ws.js';
import { closeAfterAll, useTestServer } from '../helpers/server-suite.js';

// A WebSocket's credential is checked once, as the socket opens, not per operation. What makes it
// invalid reaches the socket as an event (a revoked key, a kick, a deleted room) or a timer (the
// expiry), and the very next operation is refused exactly as a request checked on its own is: the
// same code, reason and message as over HTTP, which still checks every request.

const VIEWER = '{ viewer { kind expiresAt } }';
const KICK = `mutation($s: ID!, $p: ParticipantSelector!) { kickParticipants(sessionId: $s, participants: $p) {
  __typename ... on KickParticipantsPayload { result { participantIds } } } }`;
const TTL_SECS = 10;

/** What a refusal says, to compare the socket's with HTTP's. */
const refusal = (e: any) => ({ message: e?.message, code: e?.extensions?.code, reason: e?.extensions?.reason });

describe.each(DIALECTS)('a WebSocket authenticated once on %s', (dialect) => {
  const server = useTestServer(dialect);
  const open = closeAfterAll<RawWs>();
  let ids = 0;

  const socket = async (credential: string) => {
    const ws = await RawWs.open(server.url, credential);
    open.push(ws);
    return ws;
  };
  const run = (ws: RawWs, query: string, variables?: Record<string, unknown>): Promise<OperationOutcome> => ws.run(`op-${++ids}`, query, variables);
  /** The viewer an operation on the socket sees, or the error it is refused with. */
  const viewer = async (ws: RawWs) => {
    const { results, errors } = await run(ws, VIEWER);
    return { viewer: results[0]?.data?.viewer ?? null, error: errors?.[0] ?? results[0]?.errors?.[0] };
  };
  /** The refusal the same credential gets over HTTP, checked there per request. */
  const overHttp = async (credential: string) => refusal((await server.gql(VIEWER, {}, credential)).errors?.[0]);
  const createKey = async (name: string) =>
    (await mutate(server, `mutation($n: String!) { createApiKey(name: $n) { ... on CreateApiKeyPayload { created { key apiKey { id } } } } }`, { n: name })).created as {
      key: string;
      apiKey: { id: string };
    };

  it('checks the credential once for all the operations of a socket', async (ctx) => {
    const room = await createRoom(server);
    const { token } = (await generateToken(server, room.id)).clientToken;
    const { key } = await createKey('once');
    const spy = vi.spyOn(server.running.services.auth, 'authenticate');
    ctx.onTestFinished(() => spy.mockRestore());
    const [tokenWs, keyWs] = [await socket(token), await socket(key)];
    for (let i = 0; i < 100; i++) {
      const [t, k] = await Promise.all([viewer(tokenWs), viewer(keyWs)]);
      expect([t.viewer?.kind, k.viewer?.kind]).toEqual(['CLIENT_TOKEN', 'API_KEY']);
    }
    // One check per socket, as it opened; 200 operations.
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('refuses the next operation once the API key is revoked', async () => {
    const doomed = await createKey('doomed');
    const ws = await socket(doomed.key);
    expect((await viewer(ws)).viewer.kind).toBe('API_KEY');
    await mutate(server, `mutation($id: ID!) { revokeApiKey(id: $id) { __typename } }`, { id: doomed.apiKey.id });
    const { error } = await viewer(ws);
    expect(refusal(error)).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'revoked_api_key' });
    expect(refusal(error)).toEqual(await overHttp(doomed.key));
  });

  it('refuses the next operation once the token’s room is deleted', async () => {
    const room = await createRoom(server);
    const { token } = (await generateToken(server, room.id)).clientToken;
    const ws = await socket(token);
    expect((await viewer(ws)).viewer.kind).toBe('CLIENT_TOKEN');
    await mutate(server, `mutation($id: ID!) { deleteRoom(id: $id) { __typename } }`, { id: room.id });
    const { error } = await viewer(ws);
    expect(refusal(error)).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'token_room_deleted' });
    expect(refusal(error)).toEqual(await overHttp(token));
  });

  it('refuses the next operation of every socket of a kicked participant’s token, and its join', async () => {
    const room = await createRoom(server);
    const { token } = (await generateToken(server, room.id)).clientToken;
    const [joinedWs, otherWs] = [await socket(token), await socket(token)];
    const joined = (await run(joinedWs, JOIN, { context: 'kicked' })).results[0].data.join.joined;
    for (const ws of [joinedWs, otherWs]) expect((await viewer(ws)).viewer.kind).toBe('CLIENT_TOKEN');

    const kicked = await mutate(server, KICK, { s: joined.sessionId, p: { ids: [joined.participantId] } });
    expect(kicked.result.participantIds).toEqual([joined.participantId]);
    const expected = await overHttp(token);
    expect(expected).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'token_revoked' });
    for (const ws of [joinedWs, otherWs]) expect(refusal((await viewer(ws)).error)).toEqual(expected);
    const again = await run(otherWs, JOIN, { context: 'back' });
    expect(again.results.find((r) => r.data?.join)).toBeUndefined();
    expect(refusal(again.errors?.[0] ?? again.results[0]?.errors?.[0])).toEqual(expected);
  });

  it('refuses a bad credential sent at connection_init on every operation, as today', async () => {
    const room = await createRoom(server);
    const { token, refreshToken } = (await generateToken(server, room.id)).clientToken;
    const [h, p] = token.split('.');
    for (const [credential, reason] of [
      [`${h}.${p}.${'x'.repeat(43)}`, 'token_bad_signature'],
      [refreshToken, 'token_wrong_type'],
      ['not-a-key', 'unknown_api_key'],
    ] as const) {
      const ws = await socket(credential);
      const expected = await overHttp(credential);
      expect(expected).toMatchObject({ code: 'UNAUTHENTICATED', reason });
      for (let i = 0; i < 2; i++) expect(refusal((await viewer(ws)).error)).toEqual(expected);
      expect(ws.isOpen).toBe(true);
    }
  });

  it('refuses the next operation once the token expired, unless updateClientToken swapped in a fresh one', { timeout: 60_000 }, async () => {
    const room = await createRoom(server);
    const issuedAt = Date.now();
    const lapsing = (await generateToken(server, room.id, { ttl: TTL_SECS })).clientToken;
    const renewed = (await generateToken(server, room.id, { ttl: TTL_SECS })).clientToken;
    const [lapsingWs, renewedWs] = [await socket(lapsing.token), await socket(renewed.token)];
    expect((await run(renewedWs, JOIN, { context: 'renewing' })).results[0].data.join.__typename).toBe('JoinPayload');
    const fresh = await mutate(
      server,
      `mutation($r: ID!, $t: String!) { refreshClientToken(roomId: $r, refreshToken: $t, tokenTtlSecs: 120) {
        __typename ... on RefreshClientTokenPayload { clientToken { token tokenExpiresAt } } } }`,
      { r: room.id, t: renewed.refreshToken },
      null,
    );
    const swap = await run(renewedWs, `mutation($t: String!) { updateClientToken(token: $t) { __typename } }`, { t: fresh.clientToken.token });
    expect(swap.results[0].data.updateClientToken.__typename).toBe('UpdateClientTokenPayload');
    expect((await viewer(lapsingWs)).viewer.expiresAt).toBe(lapsing.tokenExpiresAt);
    expect((await viewer(renewedWs)).viewer.expiresAt).toBe(fresh.clientToken.tokenExpiresAt);

    const wait = issuedAt + TTL_SECS * 1000 + 1000 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const { error } = await viewer(lapsingWs);
    expect(refusal(error)).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'token_expired' });
    expect(refusal(error)).toEqual(await overHttp(lapsing.token));
    // Past the first token's expiry the renewed socket goes on, with the fresh token.
    expect((await viewer(renewedWs)).viewer).toEqual({ kind: 'CLIENT_TOKEN', expiresAt: fresh.clientToken.tokenExpiresAt });
  });
});
