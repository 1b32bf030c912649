// One structured log line per GraphQL operation, read back from the server's own pino logger.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../server/app/logger.js';
import { eventually, participant } from '../helpers/participant.js';
import { createRoom, generateToken, TEST_API_KEY } from '../helpers/server.js';
import { collect, wsClient } from '../helpers/ws.js';
import { useTestServer } from '../helpers/server-suite.js';

type Line = Record<string, any>;

const raw: string[] = [];
const lines: Line[] = [];
const server = useTestServer(
  'pglite',
  {},
  {
    log: createLogger('info', {
      write(chunk: string) {
        raw.push(chunk);
        lines.push(JSON.parse(chunk));
      },
    }),
  },
);

const opLines = (name: string) => lines.filter((l) => l.operationName === name);

async function post(query: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_API_KEY}`, ...headers },
    body: JSON.stringify({ query }),
  });
}

describe('operation log', () => {
  it('writes one info line per HTTP operation with name, kind, credential kind, duration and the request id it echoes', async () => {
    const res = await post('query LogProbe { rooms(first: 1) { totalCount } }', { 'x-request-id': 'trace-abc.123' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('trace-abc.123');
    const [line, ...more] = opLines('LogProbe');
    expect(more).toEqual([]);
    expect(line).toMatchObject({
      level: 30,
      msg: 'graphql operation',
      requestId: 'trace-abc.123',
      transport: 'http',
      operationName: 'LogProbe',
      operationKind: 'query',
      credential: 'apiKey',
    });
    expect(typeof line!.durationMs).toBe('number');
    expect(line!.durationMs).toBeGreaterThan(0);
    expect(line!.errorCodes).toBeUndefined();
  });

  it('replaces a request id that is not a sane short string, and makes one when there is none', async () => {
    for (const bad of ['x'.repeat(200), 'two words', 'line\tbreak']) {
      const res = await post('query LogBadId { __typename }', { 'x-request-id': bad });
      const echoed = res.headers.get('x-request-id')!;
      expect(echoed).not.toBe(bad);
      expect(echoed).toMatch(/^[0-9a-f-]{36}$/);
      expect(opLines('LogBadId').at(-1)!.requestId).toBe(echoed);
    }
    const res = await post('query LogNoId { __typename }');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(opLines('LogNoId')[0]!.requestId).toBe(res.headers.get('x-request-id'));
    // Every route answers with one, not only /graphql.
    expect((await fetch(`${server.url}/healthz`)).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('names the error codes of a failed operation, and an invalid credential is logged as anonymous', async () => {
    await post('query LogRefused { rooms(first: 1) { totalCount } }', { authorization: 'Bearer not-a-real-key-123456' });
    expect(opLines('LogRefused')[0]).toMatchObject({ credential: 'anonymous', errorCodes: ['UNAUTHENTICATED'] });
    await post('query LogInvalid { noSuchField }');
    expect(opLines('LogInvalid')[0]).toMatchObject({ operationKind: 'query', errorCodes: ['GRAPHQL_VALIDATION_FAILED'] });
    await post('mutation LogBadInput { createRoom(input: {maxParticipants: 1}) { __typename } }');
    // A typed error in the mutation's result union is an answer, not an error of the operation.
    expect(opLines('LogBadInput')[0]).toMatchObject({ operationKind: 'mutation', credential: 'apiKey' });
    expect(opLines('LogBadInput')[0]!.errorCodes).toBeUndefined();
    await post('{ rooms(first: 1) { totalCount ');
    expect(lines.filter((l) => l.msg === 'graphql operation' && l.errorCodes?.includes('GRAPHQL_PARSE_FAILED'))).toHaveLength(1);
  });

  it('over WebSocket: a line per operation with the client token credential, and a start and an end line per subscription', async () => {
    const room = await createRoom(server);
    const token = (await generateToken(server, room.id)).clientToken.token as string;
    const p = participant(server.url, token);
    try {
      expect((await p.join('{"name":"Ann"}')).__typename).toBe('JoinPayload');
      const join = lines.find((l) => l.operationKind === 'mutation' && l.transport === 'ws');
      expect(join).toMatchObject({ msg: 'graphql operation', credential: 'clientToken', operationName: null });
      expect(join!.connectionId).toMatch(/^[0-9a-f-]{36}$/);
      expect(join!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await p.close();
    }

    const client = wsClient(server.url, server.apiKey, false);
    const feed = collect(client, 'subscription LogFeed { events { eventType } }');
    try {
      const start = await eventually('the subscription start line', () => opLines('LogFeed').find((l) => l.phase === 'start'));
      expect(start).toMatchObject({ msg: 'graphql subscription started', operationKind: 'subscription', credential: 'apiKey', transport: 'ws' });
      await new Promise((r) => setTimeout(r, 100));
      feed.stop();
      const end = await eventually('the subscription end line', () => opLines('LogFeed').find((l) => l.phase === 'end'));
      expect(end).toMatchObject({ msg: 'graphql subscription ended', requestId: start.requestId });
      expect(end.durationMs).toBeGreaterThanOrEqual(100);
      expect(end.setupMs).toBe(start.durationMs);
    } finally {
      feed.stop();
      await client.dispose();
    }
    // Never the credentials themselves.
    const all = raw.join('');
    expect(all).not.toContain(TEST_API_KEY);
    expect(all).not.toContain(token);
  });
});
