import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoom, DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { ROUTES } from '../../server/transport/rest/routes.js';
import { rest } from './rest-helpers.js';

describe.each(DIALECTS)('bad input on every REST route on %s', (dialect) => {
  let server: TestServer;
  let roomId: string;
  beforeAll(async () => {
    server = await startTestServer(dialect, { MAX_BODY_BYTES: '4096' });
    roomId = (await createRoom(server)).id;
  });
  afterAll(() => server?.stop());

  const counts = async () => {
    const res = await server.gql('{ rooms(filter: {includeDeleted: true}) { totalCount } roomSessions { totalCount } recordings { totalCount } compositions { totalCount } }');
    return JSON.stringify(res.data);
  };
  const withIds = (path: string, id: string) => path.replace(/\{\w+\}/g, id);
  const expectRefused = (res: { status: number; body: any }, status: number) => {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.errors[0]).toMatchObject({ code: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  };

  it.each(ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))('%s: refuses bad ids, parameters and bodies with a clear 4xx, changing nothing', async (_name, route) => {
    const before = await counts();
    if (route.path.includes('{')) {
      const res = await rest(server, route.method, withIds(route.path, 'not-a-uuid'), route.method === 'GET' || route.method === 'DELETE' ? undefined : {});
      expectRefused(res, 400);
      expect(res.body.errors[0].source.parameter).toMatch(/_id$/);
    }
    const path = withIds(route.path, roomId);
    expectRefused(await rest(server, route.method, `${path}?no_such_param=1`), 400);
    if (route.method === 'GET' && !route.path.match(/\{\w+\}$/)) {
      expectRefused(await rest(server, 'GET', `${path}?page[size]=1000000`), 400);
      expectRefused(await rest(server, 'GET', `${path}?page[number]=0`), 400);
      expectRefused(await rest(server, 'GET', `${path}?filter[no_such_filter]=x`), 400);
      expectRefused(await rest(server, 'GET', `${path}?filter[date_created_at][eq]=2026-02-30`), 400);
      expectRefused(await rest(server, 'GET', `${path}?page[size]=2&page[size]=3`), 400);
    }
    if (route.method === 'POST' || route.method === 'PATCH') {
      expectRefused(await rest(server, route.method, path, '{"unterminated'), 400);
      expectRefused(await rest(server, route.method, path, '[1,2]'), 422);
      expectRefused(await rest(server, route.method, path, { no_such_field: 1 }), 422);
      expectRefused(await rest(server, route.method, path, 'x'.repeat(10_000)), 413);
    }
    // Without a key: 401, except where the body is the credential.
    const anonymous = await rest(server, route.method, path, undefined, { authorization: '' });
    expect(anonymous.status).toBe(route.auth === 'none' ? 422 : 401);
    expect(await counts()).toBe(before);
  });

  it.each([
    ['POST', '/rooms', { max_participants: '10' }, '/max_participants'],
    ['POST', '/rooms', { enable_recording: 'yes' }, '/enable_recording'],
    ['POST', '/rooms', { unique_name: 5 }, '/unique_name'],
    ['POST', '/rooms', { max_participants: 1.5 }, '/max_participants'],
    ['POST', '/rooms', { webhook_event_url: 'ftp://x' }, '/webhook_event_url'],
    ['POST', '/rooms', { webhook_timeout_secs: 31 }, '/webhook_timeout_secs'],
    ['POST', '/room_compositions', { session_id: 'nope' }, '/session_id'],
    ['POST', '/room_compositions', {}, '/session_id'],
    ['POST', '/room_compositions', { session_id: uuidv7(), video_layout: [] }, '/video_layout'],
    ['POST', '/room_compositions', { session_id: uuidv7(), format: 'avi' }, '/format'],
  ])('%s %s %j: 422 pointing at %s', async (method, path, body, pointer) => {
    const before = await counts();
    const res = await rest(server, method, path, body);
    expectRefused(res, 422);
    expect(res.body.errors.map((e: any) => e.source.pointer)).toContain(pointer);
    expect(await counts()).toBe(before);
  });

  it('refuses wrong types in token and moderation bodies, and unknown routes and methods', async () => {
    const res = await rest(server, 'POST', `/rooms/${roomId}/actions/generate_join_client_token`, { token_ttl_secs: 5 });
    expectRefused(res, 422);
    expect(res.body.errors[0].source).toEqual({ pointer: '/token_ttl_secs' });
    expectRefused(await rest(server, 'POST', `/rooms/${roomId}/actions/refresh_client_token`, { refresh_token: 7 }), 422);
    expectRefused(await rest(server, 'POST', `/room_sessions/${uuidv7()}/actions/kick`, { participants: 'some' }), 422);
    expectRefused(await rest(server, 'POST', `/room_sessions/${uuidv7()}/actions/kick`, { participants: 'all' }), 404);
    expectRefused(await rest(server, 'GET', '/no_such_thing'), 404);
    const wrongMethod = await rest(server, 'PUT', '/rooms');
    expectRefused(wrongMethod, 405);
    expect(wrongMethod.headers.get('allow')).toBe('GET, POST');
    expectRefused(await rest(server, 'GET', '/rooms?filter=x'), 400);
    expectRefused(await rest(server, 'GET', '/room_sessions?filter[active]=maybe'), 400);
    expectRefused(await rest(server, 'GET', '/rooms/%E0%A4%A'), 400);
  });
});

describe('REST rate limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('pglite', { RATE_LIMIT_API_KEY: '5/60s', RATE_LIMIT_ANONYMOUS: '3/60s' });
  });
  afterAll(() => server?.stop());

  it('counts REST and GraphQL against one key, and answers 429 with retry-after in Telnyx shape', async () => {
    for (let i = 0; i < 3; i++) expect((await rest(server, 'GET', '/rooms')).status).toBe(200);
    expect((await server.gql('{ rooms { totalCount } }')).status).toBe(200);
    expect((await rest(server, 'GET', '/rooms')).status).toBe(200);
    const refused = await rest(server, 'GET', '/rooms');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body.errors[0]).toMatchObject({ code: '10011', title: 'Too many requests' });
    expect((await server.gql('{ rooms { totalCount } }')).status).toBe(429);
  });

  it('limits callers without a key by address, wrong keys included', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await rest(server, 'GET', '/rooms', undefined, { authorization: 'Bearer wrong' })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});
