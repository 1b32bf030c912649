import { describe, expect, it } from 'vitest';
import { RawWs } from './raw-ws.js';
import { useTestServer } from '../helpers/server-suite.js';

// Documents built to hurt the parser itself (deep recursion) are cut off by the token limit
// before parsing gets far, for everyone: these are sent without a credential, as an attacker
// would. Whatever they do, the answer is a coded error and the socket stays usable.

const DEFAULT_MAX_TOKENS = 5_000;
/** Twice the default maxDepth (15), plus 32. */
const DEFAULT_MAX_NESTING = 62;
const FRAGMENTS = `{ ${'... on Query { '.repeat(5_000)}__typename${' }'.repeat(5_000)} }`;
const LIST = `{ __typename(x: ${'['.repeat(20_000)}${']'.repeat(20_000)}) }`;
const BOMBS = [
  ['5,000 nested inline fragments', FRAGMENTS],
  ['a list literal nested 20,000 deep', LIST],
] as const;

describe('parser limits', () => {
  const server = useTestServer('pglite');

  const expectTokenLimit = (error: { message: string; extensions?: Record<string, unknown> }) => {
    expect(error.extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'maxTokens', max: DEFAULT_MAX_TOKENS });
    expect(error.message).not.toBe('Unexpected error.');
  };

  it.each(BOMBS)('refuses %s over HTTP with a coded 400', async (_what, query) => {
    const res = await server.gql(query, {}, null);
    expect(res.status).toBe(400);
    expect(res.errors).toHaveLength(1);
    expectTokenLimit(res.errors![0]);
    expect((await server.gql('{ __typename }', {}, null)).data).toEqual({ __typename: 'Query' });
  });

  it.each(BOMBS)('refuses %s over WebSocket as an error for that operation; the socket stays open', async (_what, query) => {
    const ws = await RawWs.open(server.url);
    try {
      const refused = await ws.run('bomb', query);
      expect(refused.results).toEqual([]);
      expect(refused.errors).toHaveLength(1);
      expectTokenLimit(refused.errors![0]);
      expect(ws.isOpen).toBe(true);
      expect(await ws.run('after', '{ __typename }')).toEqual({ results: [{ data: { __typename: 'Query' } }] });
    } finally {
      ws.close();
    }
  });

  it('refuses a list nested 2,400 deep, within the token limit but too deep for the parser, with a coded 400', async () => {
    const query = `{ __typename(x: ${'['.repeat(2_400)}${']'.repeat(2_400)}) }`;
    const res = await server.gql(query, {}, null);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'maxNesting', max: DEFAULT_MAX_NESTING });
    const ws = await RawWs.open(server.url);
    try {
      const refused = await ws.run('deep-list', query);
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'maxNesting' });
      expect(await ws.run('after', '{ __typename }')).toEqual({ results: [{ data: { __typename: 'Query' } }] });
    } finally {
      ws.close();
    }
  });

  it('answers a syntax error over WebSocket with one GRAPHQL_PARSE_FAILED error; the socket stays open', async () => {
    const ws = await RawWs.open(server.url, server.apiKey);
    try {
      const refused = await ws.run('broken', '{ rooms { totalCount }');
      expect(refused.results).toEqual([]);
      expect(refused.errors).toHaveLength(1);
      expect(refused.errors![0].extensions).toMatchObject({ code: 'GRAPHQL_PARSE_FAILED' });
      expect(refused.errors![0].message).toMatch(/Syntax Error/);
      expect(ws.isOpen).toBe(true);
      expect((await ws.run('after', '{ rooms { totalCount } }')).results[0].data.rooms.totalCount).toBeGreaterThanOrEqual(0);
    } finally {
      ws.close();
    }
  });
});
