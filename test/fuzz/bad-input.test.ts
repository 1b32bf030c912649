import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { participant } from '../helpers/participant.js';
import { wsClient } from '../helpers/ws.js';
import { createRoom, DIALECTS, ERROR_FIELDS, generateToken, startTestServer, type TestServer } from '../helpers/server.js';

// The bad inputs found from outside, one by one, with the answer a client should get: the
// schema-driven fuzz (fuzz.test.ts) checks the same across every operation, but only that
// nothing breaks; these check what the answer says.

const NOT_UUID = '0123456789abcdef0123456789abcdef0123'; // 36 characters of hex, matches the route

const LISTS = [
  ['rooms', 'RoomFilter', 'dateCreatedAt'],
  ['roomSessions', 'RoomSessionFilter', 'dateEndedAt'],
  ['participants', 'ParticipantFilter', 'dateJoinedAt'],
  ['recordings', 'RecordingFilter', 'dateStartedAt'],
  ['compositions', 'CompositionFilter', 'dateCreatedAt'],
] as const;

describe.each(DIALECTS)('bad input answered on %s', (dialect) => {
  let server: TestServer;
  let roomId: string;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    roomId = (await createRoom(server, { uniqueName: 'bad-input' })).id;
  });
  afterAll(() => server?.stop());

  const alive = async () => expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

  it('answers a download of an id that is not a UUID with 404, and stays up', async () => {
    for (const kind of ['recordings', 'compositions']) {
      for (const auth of [`Bearer ${server.apiKey}`, undefined]) {
        const res = await fetch(`${server.url}/downloads/${kind}/${NOT_UUID}`, { headers: auth ? { authorization: auth } : {} });
        expect(res.status).toBe(404);
        expect(res.headers.get('content-type')).toBe('application/json');
        expect(await res.json()).toMatchObject({ error: 'not_found' });
      }
      // Signed-link parameters do not change that.
      const signed = await fetch(`${server.url}/downloads/${kind}/${NOT_UUID}?expires=9999999999&signature=abc`);
      expect(signed.status).toBe(404);
    }
    await alive();
  });

  it.each(LISTS)('refuses a day that does not exist in %s(filter:) as a variable, naming the field', async (list, filterType, dateField) => {
    for (const day of ['2026-13-01', '2026-02-30', '0000-01-01']) {
      const res = await server.gql(`query($f: ${filterType}) { ${list}(filter: $f) { totalCount } }`, { f: { [dateField]: { eq: day } } });
      expect(res.errors, `${list} ${day}`).toHaveLength(1);
      expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: `filter.${dateField}.eq` });
      expect(res.errors![0]!.message).toContain('YYYY-MM-DD');
    }
  });

  it('takes the last day there is as a bound', async () => {
    const res = await server.gql(`{ rooms(filter: {dateCreatedAt: {gte: "0001-01-01", lte: "9999-12-31"}}) { totalCount } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.rooms.totalCount).toBe(1);
    const last = await server.gql(`{ rooms(filter: {dateCreatedAt: {eq: "9999-12-31"}}) { totalCount } }`);
    expect(last.data.rooms.totalCount).toBe(0);
  });

  it('answers deleteRecordings with a bad day by a ValidationError in its result', async () => {
    const res = await server.gql(`mutation($d: Date) { deleteRecordings(filter: {dateStartedAt: {gte: $d}}) { ${ERROR_FIELDS} } }`, { d: '2026-13-01' });
    expect(res.errors).toBeUndefined();
    expect(res.data.deleteRecordings).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION_FAILED', field: 'filter.dateStartedAt.gte' });
  });

  it('refuses NUL in text: a ValidationError naming the field in mutations, BAD_USER_INPUT in filters', async () => {
    const create = await server.gql(`mutation($i: CreateRoomInput!) { createRoom(input: $i) { ${ERROR_FIELDS} } }`, {
      i: { uniqueName: 'a\u0000b', webhookEventUrl: 'https://example.com/\u0000' },
    });
    expect(create.data.createRoom).toMatchObject({ __typename: 'ValidationError', field: 'input.uniqueName' });
    expect(create.data.createRoom.fieldErrors.map((e: { field: string }) => e.field)).toEqual(['input.uniqueName', 'input.webhookEventUrl']);
    const update = await server.gql(`mutation($id: ID!) { updateRoom(id: $id, input: {webhookEventFailoverUrl: "http://a/\\u0000"}) { ${ERROR_FIELDS} } }`, { id: roomId });
    expect(update.data.updateRoom).toMatchObject({ __typename: 'ValidationError', field: 'input.webhookEventFailoverUrl' });
    const key = await server.gql(`mutation { createApiKey(name: "key\\u0000") { ${ERROR_FIELDS} } }`);
    expect(key.data.createApiKey).toMatchObject({ __typename: 'ValidationError', field: 'name' });

    const filter = await server.gql(`query($n: String) { rooms(filter: {uniqueName: $n}) { totalCount } }`, { n: '\u0000' });
    expect(filter.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.uniqueName' });
    const context = await server.gql(`{ participants(filter: {context: "\\u0000"}) { totalCount } }`);
    expect(context.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.context' });
    expect((await server.gql('{ rooms { totalCount } }')).data.rooms.totalCount).toBe(1);
  });

  it('refuses NUL in the context of a join, and the participant is not created', async () => {
    const token = (await generateToken(server, roomId)).clientToken.token;
    const p = participant(server.url, token);
    try {
      const res = await p.run(`mutation { join(context: "me\\u0000") { ${ERROR_FIELDS} } }`);
      expect(res.data).toMatchObject({ join: { __typename: 'ValidationError', field: 'context' } });
      const res2 = await p.run(`mutation($r: ReconnectInput) { join(reconnect: $r) { ${ERROR_FIELDS} } }`, { r: { participantId: 'x', reconnectKey: 'k' } });
      expect(res2.data).toMatchObject({ join: { __typename: 'ValidationError', field: 'reconnect.participantId' } });
    } finally {
      await p.close();
    }
    expect((await server.gql('{ participants { totalCount } }')).data.participants.totalCount).toBe(0);
  });

  it('gives refused variables BAD_USER_INPUT and the field they were given for', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['query($n: Int) { rooms(first: $n) { totalCount } }', { n: 2 ** 31 }, 'first'],
      ['query($n: Int) { rooms(first: $n) { totalCount } }', { n: 1.5 }, 'first'],
      ['query($id: ID!) { room(id: $id) { id } }', {}, 'id'],
      ['query($id: ID!) { room(id: $id) { id } }', { id: null }, 'id'],
      ['query($f: RoomFilter) { rooms(filter: $f) { totalCount } }', { f: { dateCreatedAt: { lte: 'garbage' } } }, 'filter.dateCreatedAt.lte'],
      ['query($d: Date) { rooms(filter: {dateUpdatedAt: {gte: $d}}) { totalCount } }', { d: 20260101 }, 'filter.dateUpdatedAt.gte'],
      ['query($f: RecordingFilter) { recordings(filter: $f) { totalCount } }', { f: { status: 'NOPE' } }, 'filter.status'],
      ['mutation($i: CreateRoomInput!) { createRoom(input: $i) { __typename } }', { i: { maxParticipants: '3' } }, 'input.maxParticipants'],
    ];
    for (const [query, variables, field] of cases) {
      const res = await server.gql(query, variables);
      expect(res.errors, query).toHaveLength(1);
      expect(res.errors![0]!.extensions, `${query} ${JSON.stringify(variables)}`).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it("answers a document nested deeper than the parser's stack with a coded refusal, not a 500", async () => {
    // 4,900 tokens: under the default token limit (5,000), and still deeper than the parser's stack.
    const res = await server.gql(`{ ${'a { '.repeat(2_450)}`);
    expect(res.status).toBeLessThan(500);
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'maxNesting' });
    await alive();
  });

  it('masks a failure of the database as INTERNAL_SERVER_ERROR, without SQL, over HTTP and WebSocket', async () => {
    const db = server.running.services.db;
    // A real failure of the database underneath a valid request: the table is gone for a moment.
    await sql`alter table rooms rename to rooms_away`.execute(db);
    const ws = wsClient(server.url, server.apiKey, false);
    try {
      const http = await server.gql('{ rooms { totalCount } }');
      const overWs = await new Promise<any>((resolve) => {
        let result: any;
        ws.subscribe({ query: '{ rooms { totalCount } }' }, { next: (r) => (result = r), error: (e) => resolve({ errors: e }), complete: () => resolve(result) });
      });
      for (const res of [http, overWs]) {
        expect(res.errors).toHaveLength(1);
        expect(res.errors[0]).toMatchObject({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
        expect(JSON.stringify(res.errors[0])).not.toMatch(/rooms_away|relation|select|\.ts:|node_modules/i);
      }
    } finally {
      await ws.dispose();
      await sql`alter table rooms_away rename to rooms`.execute(db);
    }
    expect((await server.gql('{ rooms { totalCount } }')).data.rooms.totalCount).toBe(1);
  });
});
