import { GraphQLInt, GraphQLObjectType, GraphQLSchema, GraphQLString, type ExecutionResult } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { PushStream } from '../../server/shared/push-stream.js';
import { SHARES_RESULTS } from '../../server/shared/subscription-sharing.js';
import { useSharedSubscriptionResults } from '../../server/transport/shared-subscription-results.js';

// A subscription field marked as sharing executes each event once per distinct operation, however
// many subscribers; one that is not marked executes per subscriber, as GraphQL does.

interface Tick {
  n: number;
}

function setUp() {
  const executed = { shared: 0, own: 0 };
  const subscribers: PushStream<Tick>[] = [];
  const source = () => {
    const stream = new PushStream<Tick>(() => subscribers.splice(subscribers.indexOf(stream), 1));
    subscribers.push(stream);
    return stream;
  };
  const tickType = (counter: 'shared' | 'own') =>
    new GraphQLObjectType<Tick>({
      name: `${counter}Tick`,
      fields: {
        n: { type: GraphQLInt },
        label: {
          type: GraphQLString,
          args: { prefix: { type: GraphQLString } },
          resolve: (t, args: { prefix?: string }) => {
            executed[counter]++;
            return `${args.prefix ?? ''}${t.n}`;
          },
        },
      },
    });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLInt, resolve: () => 1 } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        shared: { type: tickType('shared'), extensions: { [SHARES_RESULTS]: true }, subscribe: source, resolve: (t: Tick) => t },
        own: { type: tickType('own'), subscribe: source, resolve: (t: Tick) => t },
      },
    }),
  });
  const yoga = createYoga({ schema, plugins: [useSharedSubscriptionResults()] });
  const subscribe = async (query: string, variables?: Record<string, unknown>) => {
    const { parse, subscribe: run, schema: s, contextFactory } = yoga.getEnveloped({});
    const result = await run({ schema: s, document: parse(query), variableValues: variables, contextValue: await contextFactory() });
    return (result as AsyncIterable<ExecutionResult>)[Symbol.asyncIterator]();
  };
  const publish = (n: number) => {
    const tick = { n };
    for (const s of [...subscribers]) s.push(tick);
  };
  return { executed, subscribe, publish, subscribers };
}

describe('shared subscription results', () => {
  it('executes an event once for every subscriber of the same operation, and once per distinct one', async () => {
    const { executed, subscribe, publish } = setUp();
    const doc = 'subscription($p: String) { shared { n label(prefix: $p) } }';
    const same = await Promise.all([subscribe(doc, { p: '#' }), subscribe(doc, { p: '#' }), subscribe(doc, { p: '#' })]);
    const otherVariables = await subscribe(doc, { p: 'no. ' });
    const otherSelection = await subscribe('subscription { shared { label } }');
    publish(1);
    publish(2);
    const read = async (it: AsyncIterator<ExecutionResult>) => [(await it.next()).value, (await it.next()).value];
    const results = await Promise.all(same.map(read));
    expect(results[0]).toEqual([{ data: { shared: { n: 1, label: '#1' } } }, { data: { shared: { n: 2, label: '#2' } } }]);
    // The very same result objects: the transport serializes each once.
    expect(results[1][0]).toBe(results[0][0]);
    expect(results[2][1]).toBe(results[0][1]);
    expect(await read(otherVariables)).toEqual([{ data: { shared: { n: 1, label: 'no. 1' } } }, { data: { shared: { n: 2, label: 'no. 2' } } }]);
    expect(await read(otherSelection)).toEqual([{ data: { shared: { label: '1' } } }, { data: { shared: { label: '2' } } }]);
    // Two events × three distinct operations, not × five subscribers.
    expect(executed.shared).toBe(6);
  });

  it('executes per subscriber a field that does not share', async () => {
    const { executed, subscribe, publish } = setUp();
    const subs = await Promise.all([1, 2, 3].map(() => subscribe('subscription { own { label } }')));
    publish(7);
    for (const it of subs) expect((await it.next()).value).toEqual({ data: { own: { label: '7' } } });
    expect(executed.own).toBe(3);
  });

  it('ends a subscriber’s source when it stops, and leaves the others running', async () => {
    const { subscribe, publish, subscribers } = setUp();
    const [a, b] = [await subscribe('subscription { shared { n } }'), await subscribe('subscription { shared { n } }')];
    expect(subscribers).toHaveLength(2);
    await a.return!();
    expect(subscribers).toHaveLength(1);
    publish(3);
    expect((await b.next()).value).toEqual({ data: { shared: { n: 3 } } });
  });
});

describe('PushStream', () => {
  it('hands items in order, to a reader waiting or not, and what is queued before its end', async () => {
    const s = new PushStream<number>(() => {});
    s.push(1);
    const waiting = [s.next(), s.next()];
    s.push(2);
    s.push(3);
    s.end();
    s.push(4);
    expect(await Promise.all(waiting)).toEqual([
      { value: 1, done: false },
      { value: 2, done: false },
    ]);
    expect(await s.next()).toEqual({ value: 3, done: false });
    expect(await s.next()).toEqual({ value: undefined, done: true });
  });

  it('when bounded, ends itself past maxQueued and says so once, freeing its feed once', async () => {
    let overflows = 0;
    let freed = 0;
    const s = new PushStream<number>(() => freed++).bound(3, () => overflows++);
    for (let i = 0; i < 10; i++) s.push(i);
    expect(overflows).toBe(1);
    expect(freed).toBe(1);
    expect(await s.next()).toEqual({ value: undefined, done: true });
    await s.return();
    expect(freed).toBe(1);
  });

  it('fails its reader after what is queued', async () => {
    const s = new PushStream<number>(() => {});
    s.push(1);
    s.fail(new Error('room gone'));
    expect(await s.next()).toEqual({ value: 1, done: false });
    await expect(s.next()).rejects.toThrow('room gone');
  });
});
