// Events that pile up before a subscription executes them (the server too busy to keep up with
// every subscriber) count against the subscriber's bound, as results that its client does not read do.
import { GraphQLInt, GraphQLObjectType, GraphQLSchema, parse, subscribe } from 'graphql';
import { describe, expect, it } from 'vitest';
import { BoundedStream } from '../../server/protection/bounded-stream.js';
import { BOUND_SOURCE, withBoundedSources } from '../../server/protection/bounded-sources.js';

/** A subscription whose source has already produced `n` events by the time anyone reads. */
function schemaProducing(n: number) {
  let returned = false;
  const source = async function* () {
    try {
      for (let i = 1; i <= n; i++) yield i;
    } finally {
      returned = true;
    }
  };
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLInt, resolve: () => 1 } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: { ticks: { type: GraphQLInt, subscribe: () => source(), resolve: (e: number) => e } },
    }),
  });
  return { schema, wasReturned: () => returned };
}

async function subscribeWithBound(schema: GraphQLSchema, max: number) {
  let overflowed = 0;
  const contextValue = { [BOUND_SOURCE]: (s: AsyncIterable<unknown>) => new BoundedStream(s, max, () => overflowed++) };
  const result = await subscribe({ schema: withBoundedSources(schema), document: parse('subscription { ticks }'), contextValue });
  return { iterator: result as AsyncIterableIterator<{ data?: { ticks: number } }>, overflowed: () => overflowed };
}

describe('subscription sources are bounded before execution', () => {
  it('cuts off a subscriber whose unexecuted events exceed the bound, and frees the source', async () => {
    const { schema, wasReturned } = schemaProducing(50);
    const { iterator, overflowed } = await subscribeWithBound(schema, 8);
    // Nobody reads: the bound fills from the source alone.
    await new Promise((r) => setTimeout(r, 20));
    expect(overflowed()).toBe(1);
    expect(wasReturned()).toBe(true);
    const seen: number[] = [];
    for await (const r of iterator) seen.push(r.data!.ticks);
    expect(seen).toEqual([]);
  });

  it('delivers every event, in order, while the subscriber keeps within the bound', async () => {
    const { schema } = schemaProducing(8);
    const { iterator, overflowed } = await subscribeWithBound(schema, 8);
    const seen: number[] = [];
    for await (const r of iterator) seen.push(r.data!.ticks);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(overflowed()).toBe(0);
  });

  it('leaves the schema it was given untouched, and maps each schema once', () => {
    const { schema } = schemaProducing(1);
    expect(withBoundedSources(schema)).not.toBe(schema);
    expect(withBoundedSources(schema)).toBe(withBoundedSources(schema));
  });
});
