import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { participant, type TestParticipant } from '../helpers/participant.js';
import { closeAfterAll, useTestServer } from '../helpers/server-suite.js';
import { uniqueName } from '../helpers/server.js';
import { openApiDocument } from '../../server/transport/rest/openapi.js';
import { ROUTES, type Route } from '../../server/transport/rest/routes.js';
import { PAGE_SIZE } from '../../server/transport/rest/wire.js';
import { rest } from './rest-helpers.js';
import { problems, resolve } from './schema-check.js';

const doc = openApiDocument() as any;
const opOf = (route: Route) => doc.paths[route.path][route.method.toLowerCase()];
const JSON_TYPES = ['string', 'integer', 'number', 'boolean', 'object', 'array', 'null'];

/** Every node of the document with the path to it, for checks that hold everywhere. */
function* walk(node: unknown, at = '#'): Generator<[string, Record<string, any>]> {
  if (!node || typeof node !== 'object') return;
  yield [at, node as Record<string, any>];
  for (const [k, v] of Object.entries(node)) yield* walk(v, `${at}/${k}`);
}

describe('the OpenAPI document of the REST API', () => {
  it('has the structure OpenAPI 3.1 requires: version, info, servers, bearer scheme, paths and resolvable refs', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: pkg.version });
    expect(doc.servers).toEqual([{ url: '/v2' }]);
    expect(doc.components.securitySchemes.api_key).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ api_key: [] }]);
    for (const path of Object.keys(doc.paths)) expect(path).toMatch(/^\//);
    for (const [at, node] of walk(doc)) {
      if (typeof node.$ref === 'string') expect(resolve(doc, node.$ref), `${at} → ${node.$ref}`).toBeDefined();
      // Wherever a schema names a type, it is a JSON type, and what it requires it declares.
      if (at.endsWith('/schema') || at.includes('/schemas/')) {
        for (const t of [node.type].flat().filter((t) => typeof t === 'string')) expect(JSON_TYPES, `${at}: type ${t}`).toContain(t);
        if (Array.isArray(node.required) && node.properties) for (const r of node.required) expect(node.properties, `${at} requires ${r}`).toHaveProperty(r);
      }
    }
  });

  it('describes every route of the table, with its method, operationId, summary and tag, and nothing else', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    for (const route of ROUTES) {
      const op = opOf(route);
      expect(op.operationId).toBe(route.operation);
      expect(op.summary).toBeTruthy();
      expect(op.tags).toHaveLength(1);
      for (const [status, response] of Object.entries<any>(op.responses)) {
        expect([200, 201, 202, 204, 400, 401, 403, 404, 422, 429]).toContain(Number(status));
        expect(response.description ?? resolve(doc, response.$ref)?.description).toBeTruthy();
      }
      expect(op.responses[route.op.doc.status]).toBeDefined();
      expect(op.responses[400]).toEqual({ $ref: '#/components/responses/error_400' });
      expect(op.responses[429]).toEqual({ $ref: '#/components/responses/error_429' });
    }
    expect(opOf(ROUTES.find((r) => r.operation === 'RefreshRoomClientToken')!).security).toEqual([]);
    expect(ROUTES.filter((r) => opOf(r).security !== undefined).map((r) => r.operation)).toEqual(['RefreshRoomClientToken']);
  });

  it('declares every path parameter, as a required UUID', () => {
    for (const route of ROUTES) {
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const declared = opOf(route).parameters.filter((p: any) => p.in === 'path');
      expect(declared.map((p: any) => p.name)).toEqual(names);
      for (const p of declared) expect(p).toMatchObject({ required: true, schema: { type: 'string', format: 'uuid' } });
    }
  });

  it('declares the page, filters and include switches each route reads, and the meta of every list', () => {
    const meta = doc.components.schemas.list_meta;
    expect(meta.required.sort()).toEqual(['page_number', 'page_size', 'total_pages', 'total_results']);
    for (const route of ROUTES) {
      const { query, returns } = route.op.doc;
      const params = Object.fromEntries(
        opOf(route)
          .parameters.filter((p: any) => p.in === 'query')
          .map((p: any) => [p.name, p.schema]),
      );
      const expected = [
        ...(query?.page ? ['page[number]', 'page[size]'] : []),
        ...Object.entries(query?.filter ?? {}).flatMap(([name, [, kind]]) => (kind === 'date' ? ['eq', 'gte', 'lte'].map((op) => `filter[${name}][${op}]`) : [`filter[${name}]`])),
        ...(query?.include ?? []),
      ];
      expect(Object.keys(params).sort(), route.operation).toEqual(expected.sort());
      for (const [name, schema] of Object.entries<any>(params)) if (/\]\[(eq|gte|lte)\]$/.test(name)) expect(schema).toEqual({ type: 'string', format: 'date' });
      if (typeof returns === 'object' && 'list' in returns) {
        expect(params['page[size]']).toEqual({ type: 'integer', minimum: PAGE_SIZE.min, maximum: PAGE_SIZE.max, default: PAGE_SIZE.default });
        const schema = opOf(route).responses[200].content['application/json'].schema;
        expect(schema.properties.meta).toEqual({ $ref: '#/components/schemas/list_meta' });
        expect(schema.required).toEqual(['data', 'meta']);
      }
    }
  });

  it('gives each body its fields, the required ones marked, unknown ones refused', () => {
    const create = opOf(ROUTES.find((r) => r.operation === 'CreateRoomComposition')!).requestBody;
    expect(create.required).toBe(true);
    expect(create.content['application/json'].schema).toMatchObject({ required: ['session_id'], additionalProperties: false });
    for (const route of ROUTES) {
      const body = route.op.doc.body;
      const requestBody = opOf(route).requestBody;
      if (!body || Object.keys(body.spec).length === 0) expect(requestBody, route.operation).toBeUndefined();
      else expect(Object.keys(requestBody.content['application/json'].schema.properties), route.operation).toEqual(Object.keys(body.spec));
    }
  });
});

describe('the REST API keeps to its OpenAPI document (pglite)', () => {
  const server = useTestServer('pglite');
  const open = closeAfterAll<TestParticipant>();

  /** The answer of a live call, held to the schema the document gives that operation and status. */
  async function call(operation: string, params: Record<string, string>, opts: { query?: string; body?: unknown; auth?: boolean } = {}) {
    const route = ROUTES.find((r) => r.operation === operation)!;
    const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => params[name]!) + (opts.query ? `?${opts.query}` : '');
    const res = await rest(server, route.method, path, opts.body, opts.auth === false ? { authorization: '' } : {});
    const response = opOf(route).responses[res.status];
    expect(response, `${operation} answered ${res.status}: ${JSON.stringify(res.body)}`).toBeDefined();
    const content = (response.$ref ? resolve(doc, response.$ref) : response).content;
    if (!content) expect(res.body).toBeUndefined();
    else expect(problems(doc, content['application/json'].schema, res.body), `${operation} ${res.status}`).toEqual([]);
    return res;
  }

  it('serves the document at /v2/openapi.json without an API key, as JSON', async () => {
    const res = await fetch(`${server.url}/v2/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(doc)));
    expect((await fetch(`${server.url}/v2/openapi.json`, { method: 'POST' })).status).toBe(405);
  });

  it('answers rooms, tokens, sessions and participants as the document says, errors included', async () => {
    const room = (await call('CreateRoom', {}, { body: { unique_name: uniqueName(), max_participants: 4 } })).body.data;
    expect((await call('ListRooms', {}, { query: 'page[size]=2&include_sessions=true' })).status).toBe(200);
    const tokens = (await call('CreateRoomClientToken', { room_id: room.id }, { body: { token_ttl_secs: 600 } })).body.data;
    await call('RefreshRoomClientToken', { room_id: room.id }, { body: { refresh_token: tokens.refresh_token }, auth: false });

    const p = participant(server.url, tokens.token);
    open.push(p);
    const joined = (await p.join('{"name":"Ann"}')).joined;
    const sessions = (await call('RetrieveListRoomSessions', { room_id: room.id }, { query: 'include_participants=true' })).body;
    expect(sessions.data[0].participants.map((x: any) => x.id)).toEqual([joined.participantId]);
    await call('ListRoomSessions', {}, { query: `filter[room_id]=${room.id}&filter[date_created_at][gte]=2020-01-01` });
    await call('ViewRoom', { room_id: room.id }, { query: 'include_sessions=true' });
    await call('ViewRoomSession', { room_session_id: joined.sessionId });
    await call('ListRoomParticipants', {}, { query: `filter[session_id]=${joined.sessionId}` });
    await call('ViewRoomParticipant', { room_participant_id: joined.participantId });
    await call('MuteParticipantInSession', { room_session_id: joined.sessionId }, { body: { participants: 'all' } });
    await call('EndSession', { room_session_id: joined.sessionId });
    await call('ListRoomRecordings', {}, { query: `filter[room_id]=${room.id}` });
    await call('ListRoomCompositions', {});

    expect((await call('ViewRoom', { room_id: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    expect((await call('UpdateRoom', { room_id: room.id }, { body: { max_participants: 'many' } })).status).toBe(422);
    expect((await call('ListRooms', {}, { query: 'page[size]=0' })).status).toBe(400);
    expect((await call('ListRooms', {}, { auth: false })).status).toBe(401);
    expect((await call('DeleteRoom', { room_id: room.id })).status).toBe(204);
  });
});
