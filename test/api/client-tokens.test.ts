import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoom, DIALECTS, ERROR_FIELDS, generateToken, mutate, startTestServer, type TestServer } from '../helpers/server.js';
import { collect, wsClient } from '../helpers/ws.js';

const REFRESH = `mutation($roomId: ID!, $refreshToken: String!, $ttl: Int) {
  refreshClientToken(roomId: $roomId, refreshToken: $refreshToken, tokenTtlSecs: $ttl) {
    ${ERROR_FIELDS} ... on InvalidTokenError { reason }
    ... on RefreshClientTokenPayload { clientToken { token tokenExpiresAt refreshToken roomId grants { canPublish canSubscribe } } }
  }
}`;
const VIEWER = '{ viewer { kind roomId apiKeyId expiresAt grants { canPublish canSubscribe } } }';

describe.each(DIALECTS)('client tokens on %s', (dialect) => {
  let server: TestServer;
  let roomId: string;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    roomId = (await createRoom(server)).id;
  });
  afterAll(() => server?.stop());

  it('mints an access and a refresh token with the default lifetimes and grants', async () => {
    const started = Date.now();
    const result = await generateToken(server, roomId);
    expect(result.__typename).toBe('GenerateClientTokenPayload');
    const t = result.clientToken;
    expect(t).toMatchObject({ roomId, grants: { canPublish: true, canSubscribe: true } });
    expect(new Date(t.tokenExpiresAt).getTime() - started).toBeGreaterThan(595_000);
    expect(new Date(t.tokenExpiresAt).getTime() - started).toBeLessThan(605_000);
    expect(new Date(t.refreshTokenExpiresAt).getTime() - started).toBeGreaterThan(3_595_000);
    const access = decodeJwt(t.token);
    const refresh = decodeJwt(t.refreshToken);
    expect(access).toMatchObject({ typ: 'access', room_id: roomId });
    expect(refresh).toMatchObject({ typ: 'refresh', room_id: roomId });
    for (const claims of [access, refresh]) {
      expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
      expect(typeof claims.iat).toBe('number');
      expect(claims.exp! - claims.iat!).toBe(claims === access ? 600 : 3600);
    }
    expect(access.jti).not.toBe(refresh.jti);
  });

  it('keeps the lifetimes and grants asked for', async () => {
    const t = (await generateToken(server, roomId, { ttl: 10, refreshTtl: 86400, grants: { canPublish: false } })).clientToken;
    const access = decodeJwt(t.token);
    expect(access.exp! - access.iat!).toBe(10);
    expect(decodeJwt(t.refreshToken).exp! - decodeJwt(t.refreshToken).iat!).toBe(86400);
    expect(t.grants).toEqual({ canPublish: false, canSubscribe: true });
    const viewer = await server.gql(VIEWER, {}, t.token);
    expect(viewer.data.viewer).toMatchObject({ kind: 'CLIENT_TOKEN', roomId, apiKeyId: null, grants: { canPublish: false, canSubscribe: true } });
  });

  it.each([
    [{ ttl: 9 }, 'tokenTtlSecs'],
    [{ ttl: 3601 }, 'tokenTtlSecs'],
    [{ refreshTtl: 59 }, 'refreshTokenTtlSecs'],
    [{ refreshTtl: 86401 }, 'refreshTokenTtlSecs'],
  ])('refuses %j naming %s', async (args, field) => {
    expect(await generateToken(server, roomId, args)).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION_FAILED', field });
  });

  it('refuses tokens for rooms that do not exist', async () => {
    expect(await generateToken(server, '01900000-0000-7000-8000-000000000000')).toMatchObject({ __typename: 'NotFoundError', field: 'roomId' });
    expect(await generateToken(server, 'not-a-uuid')).toMatchObject({ __typename: 'ValidationError', field: 'roomId' });
  });

  it('refreshes with only the refresh token: no API key, same grants, new lifetime', async () => {
    const t = (await generateToken(server, roomId, { grants: { canSubscribe: false } })).clientToken;
    const result = await mutate(server, REFRESH, { roomId, refreshToken: t.refreshToken, ttl: 120 }, null);
    expect(result.__typename).toBe('RefreshClientTokenPayload');
    expect(result.clientToken).toMatchObject({ roomId, refreshToken: null, grants: { canPublish: true, canSubscribe: false } });
    const fresh = decodeJwt(result.clientToken.token);
    expect(fresh).toMatchObject({ typ: 'access', room_id: roomId });
    expect(fresh.exp! - fresh.iat!).toBe(120);
    expect((await server.gql(VIEWER, {}, result.clientToken.token)).data.viewer.kind).toBe('CLIENT_TOKEN');
  });

  it('refuses a client token the events of another room, over graphql-ws, as FORBIDDEN with the reason', async () => {
    const other = (await createRoom(server)).id;
    const { token } = (await generateToken(server, roomId)).clientToken;
    const client = wsClient(server.url, token);
    try {
      const watch = collect(client, 'subscription($r: ID!) { roomEvents(roomId: $r) { __typename } }', { r: other });
      await expect(watch.next(1)).rejects.toThrow();
      expect(watch.errors[0]).toMatchObject({ extensions: { code: 'FORBIDDEN', reason: 'other_room' } });
    } finally {
      await client.dispose();
    }
  });

  it('refuses an access token where a refresh token is expected', async () => {
    const t = (await generateToken(server, roomId)).clientToken;
    const result = await mutate(server, REFRESH, { roomId, refreshToken: t.token }, null);
    expect(result).toMatchObject({ __typename: 'InvalidTokenError', code: 'INVALID_TOKEN', reason: 'WRONG_TYPE', field: 'refreshToken' });
  });

  it('refuses a refresh token of another room, a forged one and garbage', async () => {
    const other = (await createRoom(server)).id;
    const t = (await generateToken(server, other)).clientToken;
    expect(await mutate(server, REFRESH, { roomId, refreshToken: t.refreshToken }, null)).toMatchObject({ reason: 'WRONG_ROOM' });
    const [h, p] = t.refreshToken.split('.');
    expect(await mutate(server, REFRESH, { roomId: other, refreshToken: `${h}.${p}.${'A'.repeat(43)}` }, null)).toMatchObject({ reason: 'BAD_SIGNATURE' });
    expect(await mutate(server, REFRESH, { roomId, refreshToken: 'garbage' }, null)).toMatchObject({ reason: 'MALFORMED' });
    expect(await mutate(server, REFRESH, { roomId, refreshToken: t.refreshToken, ttl: 5 }, null)).toMatchObject({ __typename: 'ValidationError', field: 'tokenTtlSecs' });
  });

  it('refuses to refresh, or accept, tokens of a deleted room', async () => {
    const room = (await createRoom(server)).id;
    const t = (await generateToken(server, room)).clientToken;
    await mutate(server, `mutation($id: ID!) { deleteRoom(id: $id) { __typename } }`, { id: room });
    expect(await mutate(server, REFRESH, { roomId: room, refreshToken: t.refreshToken }, null)).toMatchObject({ __typename: 'InvalidTokenError', reason: 'ROOM_DELETED' });
    const viewer = await server.gql(VIEWER, {}, t.token);
    expect(viewer.status).toBe(401);
    expect(viewer.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'token_room_deleted' });
  });
});
