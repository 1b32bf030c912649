import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoom, DIALECTS, generateToken, mutate, startTestServer, type GqlResult, type TestServer } from '../helpers/server.js';

const ROOMS = '{ rooms { totalCount } }';

describe.each(DIALECTS)('authentication on %s', (dialect) => {
  let server: TestServer;
  let roomId: string;
  let shortLived: { token: string; issuedAt: number };
  beforeAll(async () => {
    server = await startTestServer(dialect);
    roomId = (await createRoom(server)).id;
    // Issued first so that by the last test it has run out without a wait of its own.
    shortLived = { token: (await generateToken(server, roomId, { ttl: 10 })).clientToken.token, issuedAt: Date.now() };
  });
  afterAll(() => server?.stop());

  const expectRefused = (res: GqlResult, status: number, code: string, reason: string) => {
    expect(res.status).toBe(status);
    expect(res.data?.rooms ?? null).toBeNull();
    expect(res.errors?.[0].extensions).toMatchObject({ code, reason });
    expect(res.errors?.[0].message.length).toBeGreaterThan(10);
  };

  it('accepts the configured API key', async () => {
    const res = await server.gql(ROOMS);
    expect(res.status).toBe(200);
    expect(res.data.rooms.totalCount).toBeGreaterThanOrEqual(1);
    // The configured key is not stored: no id to find among apiKeys.
    expect((await server.gql('{ viewer { kind roomId apiKeyId } }')).data.viewer).toEqual({ kind: 'API_KEY', roomId: null, apiKeyId: null });
  });

  it('refuses a request with no credential', async () => {
    expectRefused(await server.gql(ROOMS, {}, null), 401, 'UNAUTHENTICATED', 'missing_credential');
  });

  it('refuses a wrong API key, and changes nothing', async () => {
    expectRefused(await server.gql(ROOMS, {}, 'vr_not-a-real-key-0123456789'), 401, 'UNAUTHENTICATED', 'unknown_api_key');
    const before = (await server.gql(ROOMS)).data.rooms.totalCount;
    const res = await server.gql('mutation { createRoom(input: {}) { __typename } }', {}, 'vr_wrong');
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await server.gql(ROOMS)).data.rooms.totalCount).toBe(before);
  });

  it('accepts a created API key and refuses it once revoked', async () => {
    const created = await mutate(server, `mutation { createApiKey(name: "dashboard") { __typename ... on CreateApiKeyPayload { created { key apiKey { id name prefix revokedAt } } } } }`);
    const { key, apiKey } = created.created;
    expect(key.startsWith(apiKey.prefix)).toBe(true);
    expect((await server.gql(ROOMS, {}, key)).status).toBe(200);
    // A stored key knows itself: a dashboard signed in with it can tell it apart in the list.
    expect((await server.gql('{ viewer { kind apiKeyId } }', {}, key)).data.viewer).toEqual({ kind: 'API_KEY', apiKeyId: apiKey.id });
    const listed = await server.gql('{ apiKeys { id name lastUsedAt revokedAt } }');
    expect(listed.data.apiKeys).toContainEqual(expect.objectContaining({ id: apiKey.id, name: 'dashboard', revokedAt: null }));

    const revoked = await mutate(server, `mutation($id: ID!) { revokeApiKey(id: $id) { __typename ... on RevokeApiKeyPayload { apiKey { revokedAt } } } }`, { id: apiKey.id });
    expect(revoked.apiKey.revokedAt).not.toBeNull();
    expectRefused(await server.gql(ROOMS, {}, key), 401, 'UNAUTHENTICATED', 'revoked_api_key');
    const again = await mutate(server, `mutation($id: ID!) { revokeApiKey(id: $id) { __typename ... on UserError { code field } } }`, { id: apiKey.id });
    expect(again).toMatchObject({ __typename: 'NotFoundError', field: 'id' });
  });

  it('forbids a client token on the server API', async () => {
    const { token } = (await generateToken(server, roomId)).clientToken;
    expectRefused(await server.gql(ROOMS, {}, token), 403, 'FORBIDDEN', 'client_token_not_allowed');
    const create = await server.gql('mutation { createRoom(input: {}) { __typename } }', {}, token);
    expect(create.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const mint = await server.gql(`mutation { generateClientToken(roomId: "${roomId}") { __typename } }`, {}, token);
    expect(mint.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a refresh token used as an access token', async () => {
    const { refreshToken } = (await generateToken(server, roomId)).clientToken;
    const res = await server.gql('{ viewer { kind } }', {}, refreshToken);
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'token_wrong_type' });
  });

  it('refuses a token signed with another secret', async () => {
    const { token } = (await generateToken(server, roomId)).clientToken;
    const [h, p] = token.split('.');
    const res = await server.gql('{ viewer { kind } }', {}, `${h}.${p}.${'x'.repeat(43)}`);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'token_bad_signature' });
  });

  it('refuses an expired client token', async () => {
    expect((await server.gql('{ viewer { kind } }', {}, shortLived.token)).status).not.toBe(401);
    const wait = shortLived.issuedAt + 11_500 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const res = await server.gql('{ viewer { kind } }', {}, shortLived.token);
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'token_expired' });
  });
});
