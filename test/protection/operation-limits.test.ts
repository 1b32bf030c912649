import { getIntrospectionQuery } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRoom, uniqueName, type GqlResult } from '../helpers/server.js';
import { RawWs } from './raw-ws.js';
import { useTestServer } from '../helpers/server-suite.js';

// Depth, aliases, directives and cost are checked before an operation runs, per credential tier,
// over HTTP and WebSocket alike. Limits are the defaults except aliases and directives, set small
// here to show the variables reach the rules.

const MAX_ALIASES = 12;
const MAX_DIRECTIVES = 6;
const DEFAULT_MAX_DEPTH = 15;
const DEFAULT_MAX_COST = 10_000;
const DEFAULT_ANONYMOUS_MAX_COST = 1_000;
const DEFAULT_ANONYMOUS_MAX_ALIASES = 5;

/** room → sessions → edges → node → room …: each hop is four levels deeper. */
const hops = (n: number, leaf = 'id') => {
  let inner = leaf;
  for (let i = 0; i < n; i++) inner = `sessions { edges { node { room { ${inner} } } } }`;
  return inner;
};
const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`;
const directives = (n: number) => `{ ${Array.from({ length: n }, () => '__typename @include(if: true)').join(' ')} }`;
const ROOMS_PAGE = (first: string) => `rooms(first: ${first}) { edges { node { sessions(first: ${first}) { edges { node { id } } } } } }`;

describe('operation limits', () => {
  const server = useTestServer('pglite', { GRAPHQL_MAX_ALIASES: String(MAX_ALIASES), GRAPHQL_MAX_DIRECTIVES: String(MAX_DIRECTIVES) });
  let roomId: string;
  beforeAll(async () => {
    roomId = (await createRoom(server)).id;
  });

  const expectRefused = (res: GqlResult, limit: string, max: number) => {
    expect(res.status).toBe(400);
    expect(res.data ?? null).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit, max });
  };

  /** The socket answered an operation with one error, and still serves the next one. */
  const expectSocketServesOn = async (ws: RawWs, id: string) => {
    expect(ws.isOpen).toBe(true);
    expect(await ws.run(`${id}-after`, '{ __typename }')).toEqual({ results: [{ data: { __typename: 'Query' } }] });
  };

  it('refuses a query deeper than maxDepth over HTTP, and accepts a shallower one', async () => {
    expectRefused(await server.gql(`{ room(id: "${roomId}") { ${hops(4)} } }`), 'maxDepth', DEFAULT_MAX_DEPTH);
    const ok = await server.gql(`{ room(id: "${roomId}") { ${hops(2)} } }`);
    expect(ok.status).toBe(200);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.room).toEqual({ sessions: { edges: [] } });
  });

  it('refuses a too deep mutation before it runs: nothing is created', async () => {
    const name = uniqueName('deep');
    const deep = `mutation($n: String!) { createRoom(input: { uniqueName: $n }) { ... on CreateRoomPayload { room { ${hops(4)} } } } }`;
    expectRefused(await server.gql(deep, { n: name }), 'maxDepth', DEFAULT_MAX_DEPTH);
    const listed = await server.gql(`query($n: String) { rooms(filter: { uniqueName: $n }) { totalCount } }`, { n: name });
    expect(listed.data.rooms.totalCount).toBe(0);
  });

  it('refuses a too deep query over WebSocket as an error for that operation; the socket stays open', async () => {
    const ws = await RawWs.open(server.url, server.apiKey);
    try {
      const refused = await ws.run('deep', `{ room(id: "${roomId}") { ${hops(4)} } }`);
      expect(refused.results).toEqual([]);
      expect(refused.errors).toHaveLength(1);
      expect(refused.errors![0].extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'maxDepth', max: DEFAULT_MAX_DEPTH });
      await expectSocketServesOn(ws, 'deep');
    } finally {
      ws.close();
    }
  });

  it('costs and tiers operations over WebSocket as over HTTP', async () => {
    const keyed = await RawWs.open(server.url, server.apiKey);
    const anonymous = await RawWs.open(server.url);
    try {
      const query = `query($n: Int) { ${ROOMS_PAGE('$n')} }`;
      const costly = await keyed.run('costly', query, { n: 250 });
      // Cost is checked just before execution: the refusal is the operation's only result, no data.
      expect(costly.results[0].data ?? null).toBeNull();
      expect(costly.results[0].errors?.[0].extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'maxCost', max: DEFAULT_MAX_COST });
      const cheap = await keyed.run('cheap', query, { n: 5 });
      expect(cheap.errors).toBeUndefined();
      expect(cheap.results[0].data.rooms.edges.length).toBeGreaterThanOrEqual(1);

      expect((await keyed.run('aliases', aliases(10))).results[0].data.a9).toBe('Query');
      const refused = await anonymous.run('aliases', aliases(10));
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'maxAliases', max: DEFAULT_ANONYMOUS_MAX_ALIASES });
      await expectSocketServesOn(anonymous, 'aliases');
    } finally {
      keyed.close();
      anonymous.close();
    }
  });

  it('refuses more aliases than maxAliases, and accepts as many as allowed', async () => {
    expectRefused(await server.gql(aliases(MAX_ALIASES + 1)), 'maxAliases', MAX_ALIASES);
    const ok = await server.gql(aliases(MAX_ALIASES));
    expect(ok.status).toBe(200);
    expect(Object.keys(ok.data)).toHaveLength(MAX_ALIASES);
  });

  it('refuses more directives than maxDirectives, and accepts as many as allowed', async () => {
    expectRefused(await server.gql(directives(MAX_DIRECTIVES + 1)), 'maxDirectives', MAX_DIRECTIVES);
    const ok = await server.gql(directives(MAX_DIRECTIVES));
    expect(ok.status).toBe(200);
    expect(ok.data).toEqual({ __typename: 'Query' });
  });

  it('costs a connection by its page size: 250 × 250 is refused, a modest page is served', async () => {
    expectRefused(await server.gql(`{ ${ROOMS_PAGE('250')} }`), 'maxCost', DEFAULT_MAX_COST);
    const ok = await server.gql(`{ ${ROOMS_PAGE('10')} }`);
    expect(ok.status).toBe(200);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.rooms.edges.length).toBeGreaterThanOrEqual(1);
  });

  it('counts `first` given as a variable', async () => {
    const query = `query($n: Int) { ${ROOMS_PAGE('$n')} }`;
    expectRefused(await server.gql(query, { n: 250 }), 'maxCost', DEFAULT_MAX_COST);
    const ok = await server.gql(query, { n: 5 });
    expect(ok.status).toBe(200);
    expect(ok.errors).toBeUndefined();
  });

  it('costs a document sent again by the variables its cost reads (page sizes, @include), whatever else changes', async () => {
    const query = `query($n: Int, $big: Boolean!, $label: String) { a: rooms(first: 5, filter: { uniqueName: $label }) { totalCount } ${ROOMS_PAGE('$n')} more: rooms(first: 100) @include(if: $big) { edges { node { sessions(first: 100) { edges { node { id } } } } } } }`;
    const served = async (variables: Record<string, unknown>) => {
      const res = await server.gql(query, variables);
      expect(res.status).toBe(200);
      expect(res.errors).toBeUndefined();
    };
    await served({ n: 5, big: false, label: 'one' });
    await served({ n: 5, big: false, label: 'two' });
    expectRefused(await server.gql(query, { n: 250, big: false, label: 'one' }), 'maxCost', DEFAULT_MAX_COST);
    expectRefused(await server.gql(query, { n: 5, big: true, label: 'one' }), 'maxCost', DEFAULT_MAX_COST);
    await served({ n: 5, big: false, label: 'three' });
    // A request whose variables do not fit is refused for them; it does not make the same big page free afterwards.
    const bad = await server.gql(query, { n: 240, big: false, label: 123 });
    expect(bad.errors?.[0].extensions?.code).not.toBe('OPERATION_LIMIT_EXCEEDED');
    expectRefused(await server.gql(query, { n: 240, big: false, label: 'four' }), 'maxCost', DEFAULT_MAX_COST);
  });

  it('gives a caller without a credential the stricter budget', async () => {
    const withKey = await server.gql(aliases(10));
    expect(withKey.status).toBe(200);
    expect(Object.keys(withKey.data)).toHaveLength(10);
    expectRefused(await server.gql(aliases(10), {}, null), 'maxAliases', DEFAULT_ANONYMOUS_MAX_ALIASES);
    // Within the anonymous budget, what needs no credential still works.
    expect((await server.gql(aliases(DEFAULT_ANONYMOUS_MAX_ALIASES), {}, null)).data.a0).toBe('Query');

    // 20 × 20 sessions is affordable with a key, not without.
    expect((await server.gql(`{ ${ROOMS_PAGE('20')} }`)).status).toBe(200);
    expectRefused(await server.gql(`{ ${ROOMS_PAGE('20')} }`, {}, null), 'maxCost', DEFAULT_ANONYMOUS_MAX_COST);
    // An affordable one goes on to the ordinary refusal of an operation that needs a credential.
    const modest = await server.gql(`{ ${ROOMS_PAGE('5')} }`, {}, null);
    expect(modest.status).toBe(401);
    expect(modest.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'missing_credential' });
  });

  it('accepts the standard introspection query without a credential (GraphiQL needs it)', async () => {
    const res = await server.gql(getIntrospectionQuery(), {}, null);
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data.__schema.queryType.name).toBe('Query');
    expect(res.data.__schema.types.map((t: { name: string }) => t.name)).toContain('RoomEvent');
  });
});
