// The baseline of `bench:subscriptions`: the cheapest correct GraphQL subscription server —
// `ws` + graphql-ws `useServer` + graphql-js, with a parse/validate cache — taking the same
// `sendMessage` mutation (room given as an argument: nobody is authenticated) and serving
// `roomEvents(roomId)` with the product's selection shape. Every delivery executes the
// selection for its subscriber, as graphql-ws does. Run as its own process, pinned by the
// benchmark: PORT=… node --import tsx bench/subscriptions/bare-server.ts
//
// Control over HTTP on the same port: GET /ctl/ready, GET /ctl/eventloop (event-loop delay
// since the last call, then reset).
import { createServer } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildSchema, parse, validate, type DocumentNode, type ExecutionArgs, type GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

const schema = buildSchema(`
  interface RoomEvent { seq: Int!  roomId: ID! }
  type MessageReceived implements RoomEvent { seq: Int!  roomId: ID!  from: ID!  payload: String! }
  type RoomStateSnapshot implements RoomEvent { seq: Int!  roomId: ID! }
  type Query { ok: Boolean }
  type Mutation { sendMessage(roomId: ID!, payload: String!): Int! }
  type Subscription { roomEvents(roomId: ID!): RoomEvent! }
`);

interface RoomEvent {
  __typename: 'MessageReceived' | 'RoomStateSnapshot';
  seq: number;
  roomId: string;
  from?: string;
  payload?: string;
}

type Push = (event: RoomEvent) => void;
const rooms = new Map<string, { seq: number; subscribers: Set<Push> }>();
const roomOf = (roomId: string) => {
  let room = rooms.get(roomId);
  if (!room) rooms.set(roomId, (room = { seq: 0, subscribers: new Set() }));
  return room;
};

/** A queue plus a pending reader, registered in its room until return(): the snapshot (the current seq) first. */
function roomIterator(roomId: string): AsyncIterableIterator<RoomEvent> {
  const room = roomOf(roomId);
  const queue: RoomEvent[] = [{ __typename: 'RoomStateSnapshot', seq: room.seq, roomId }];
  let waiting: ((r: IteratorResult<RoomEvent>) => void) | undefined;
  let done = false;
  const push: Push = (event) => {
    if (waiting) {
      const w = waiting;
      waiting = undefined;
      w({ value: event, done: false });
    } else queue.push(event);
  };
  room.subscribers.add(push);
  const finish = (): Promise<IteratorResult<RoomEvent>> => {
    done = true;
    room.subscribers.delete(push);
    waiting?.({ value: undefined, done: true });
    waiting = undefined;
    return Promise.resolve({ value: undefined, done: true });
  };
  return {
    next: () => {
      if (queue.length) return Promise.resolve({ value: queue.shift()!, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => (waiting = resolve));
    },
    return: finish,
    throw: finish,
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

const subscriptionFields = schema.getSubscriptionType()!.getFields();
subscriptionFields.roomEvents.subscribe = (_root, args: { roomId: string }) => roomIterator(args.roomId);
subscriptionFields.roomEvents.resolve = (event: RoomEvent) => event;
schema.getMutationType()!.getFields().sendMessage.resolve = (_root, args: { roomId: string; payload: string }) => {
  const room = roomOf(args.roomId);
  const event: RoomEvent = { __typename: 'MessageReceived', seq: ++room.seq, roomId: args.roomId, from: 'sender', payload: args.payload };
  for (const push of room.subscribers) push(event);
  return event.seq;
};

// Parse and validate each distinct query text once.
const documents = new Map<string, DocumentNode | readonly GraphQLError[]>();
function prepared(query: string): DocumentNode | readonly GraphQLError[] {
  let entry = documents.get(query);
  if (!entry) {
    try {
      const document = parse(query);
      const errors = validate(schema, document);
      entry = errors.length ? errors : document;
    } catch (error) {
      entry = [error as GraphQLError];
    }
    if (documents.size < 1000) documents.set(query, entry);
  }
  return entry;
}

const eventLoop = monitorEventLoopDelay({ resolution: 10 });
eventLoop.enable();

const http = createServer((req, res) => {
  if (req.url === '/ctl/ready') return void res.end('ok');
  if (req.url === '/ctl/eventloop') {
    const body = { p99Ms: eventLoop.percentile(99) / 1e6, maxMs: eventLoop.max / 1e6, meanMs: eventLoop.mean / 1e6 };
    eventLoop.reset();
    res.writeHead(200, { 'content-type': 'application/json' });
    return void res.end(JSON.stringify(body));
  }
  res.writeHead(404).end();
});

useServer(
  {
    schema,
    onSubscribe: (_ctx, _id, payload): ExecutionArgs | readonly GraphQLError[] => {
      const document = prepared(payload.query);
      if (Array.isArray(document)) return document as readonly GraphQLError[];
      return { schema, document: document as DocumentNode, variableValues: payload.variables, operationName: payload.operationName };
    },
  },
  new WebSocketServer({ server: http, path: '/graphql', perMessageDeflate: false }),
);

http.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = http.address();
  console.log(`bare server listening on ${typeof address === 'object' && address ? address.port : '?'}`);
});
