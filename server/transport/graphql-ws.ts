import type { Server } from 'node:http';
import { getOperationAST, GraphQLError, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Yoga } from './graphql-http.js';
import { ClientConnection } from '../live/connection.js';
import type { Logger } from '../app/logger.js';
import type { Admission } from '../protection/admission.js';
import type { SocketCredential, SocketCredentials } from '../access/socket-credential.js';
import { FRAME_LANE, FrameLane } from './ws-frames.js';
import { AnswersInFlight } from './answers-in-flight.js';
import { databaseUnavailableError } from './error-codes.js';
import { isDatabaseUnavailable } from '../shared/database-unavailable.js';

type EnvelopedRoot = { execute: (args: ExecutionArgs) => unknown; subscribe: (args: ExecutionArgs) => unknown };

const isAsyncIterable = (x: unknown): x is AsyncIterable<ExecutionResult> => x != null && typeof (x as any)[Symbol.asyncIterator] === 'function';

export interface WsLimits {
  maxWsMessageBytes: number;
  maxSubscriptionsPerConnection: number;
}

/** A refusal of one operation: graphql-ws sends it as that operation's `error`, and the socket stays open. */
function operationError(message: string, extensions: Record<string, unknown>): GraphQLError[] {
  return [new GraphQLError(message, { extensions })];
}

/**
 * graphql-ws on the same port and path as HTTP. Each operation runs through yoga's envelope
 * (same schema, plugins and context), and is admitted on its own (its rate), as the socket's
 * credential: checked once from `connection_init` on, and watched (SocketCredential), so a token
 * that expires, is revoked or loses its room, or a key revoked during a long-lived connection,
 * stops working for the next operation without a query per operation. A participant's
 * socket is its presence in the room, so anything wrong with one operation — a syntax error, a
 * limit, a rate — is an error for that operation id, never a closed socket.
 */
export function attachGraphqlWs(
  httpServer: Server,
  yoga: Yoga,
  deps: { admission: Admission; credentials: SocketCredentials; limits: WsLimits; log: Logger; onClientGone: (connection: ClientConnection) => void },
) {
  const connections = new WeakMap<object, { connection: ClientConnection; credential: SocketCredential }>();
  const subscriptionIds = new WeakMap<object, Set<string>>();
  const answers = new WeakMap<object, AnswersInFlight>();
  const answersOf = (socket: object) => {
    let a = answers.get(socket);
    if (!a) answers.set(socket, (a = new AnswersInFlight()));
    return a;
  };
  const connectionOf = (ctx: { extra: { socket: any }; connectionParams?: Readonly<Record<string, unknown>> }) => {
    const socket = ctx.extra.socket;
    let c = connections.get(socket);
    if (!c) {
      const connection = new ClientConnection(ctx.connectionParams?.authorization, (code, reason) => socket.close(code, reason));
      // The credential it runs with is the connection's, as updateClientToken leaves it.
      c = { connection, credential: deps.credentials.open(() => connection.authorization) };
      connections.set(socket, c);
    }
    return c;
  };
  // ws closes a socket that sends a larger frame with 1009 (message too big), before reading it.
  const wss = new WebSocketServer({ server: httpServer, path: yoga.graphqlEndpoint, maxPayload: deps.limits.maxWsMessageBytes });
  const disposable = useServer(
    {
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args) as never,
      subscribe: (args) => (args.rootValue as EnvelopedRoot).subscribe(args) as never,
      // The credential is checked as the socket opens (a bad one is not refused here: each
      // operation is, saying why, as over HTTP); the first operation waits for the check.
      onConnect: (ctx) => {
        connectionOf(ctx)
          .credential.authentication()
          .catch(() => {});
        return true;
      },
      // A query's or mutation's answer is written before graphql-ws calls this (then its own
      // events may be written to the socket directly again).
      onComplete: (ctx, id) => {
        answersOf(ctx.extra.socket).settled(id);
      },
      onClose: (ctx) => {
        answers.get(ctx.extra.socket)?.close();
        const c = connections.get(ctx.extra.socket);
        if (!c) return;
        c.credential.close();
        deps.onClientGone(c.connection);
      },
      onSubscribe: async (ctx, id, payload) => {
        try {
          return await prepare(ctx, id, payload);
        } catch (err) {
          // graphql-ws would close the whole socket with 4500: one operation's failure stays its own.
          if (isDatabaseUnavailable(err)) return [databaseUnavailableError()];
          deps.log.error({ err }, 'preparing a WebSocket operation failed');
          return operationError('Unexpected error.', { code: 'INTERNAL_SERVER_ERROR' });
        }
      },
    },
    wss,
  );
  // ws reports a client's protocol errors (a message over maxPayload, a bad frame) on its socket,
  // which it closes itself (1009, 1002). graphql-ws would print each one to stderr as an internal
  // error, so any client could fill the error output at will: they are logged for what they are.
  // Registered after useServer, so graphql-ws's listener is there to be replaced.
  wss.on('connection', (socket) => {
    socket.removeAllListeners('error');
    socket.on('error', (err) => deps.log.debug({ err }, 'a WebSocket client broke the protocol: its socket is closed'));
  });

  async function prepare(ctx: any, id: string, payload: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null }) {
    const { connection, credential } = connectionOf(ctx);
    const request = ctx.extra.request;
    const authentication = await credential.authentication();
    const refusal = await deps.admission.admitAs(authentication, request.socket.remoteAddress ?? 'unknown');
    if (refusal) return [refusal];
    const enveloped = yoga.getEnveloped({
      ...ctx,
      req: request,
      socket: ctx.extra.socket,
      params: payload,
      connectionParams: ctx.connectionParams ?? {},
      connection,
      authentication,
    });
    let document: DocumentNode;
    try {
      document = enveloped.parse(typeof payload.query === 'string' ? payload.query : '');
    } catch (err) {
      if (err instanceof GraphQLError) {
        return [err.extensions?.code ? err : new GraphQLError(err.message, { nodes: err.nodes, source: err.source, positions: err.positions, extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
      }
      deps.log.error({ err }, 'parsing an operation failed unexpectedly');
      return operationError('the operation could not be parsed', { code: 'GRAPHQL_PARSE_FAILED' });
    }
    const errors = enveloped.validate(enveloped.schema, document);
    if (errors.length)
      return errors.map((e: GraphQLError) =>
        e.extensions?.code ? e : new GraphQLError(e.message, { nodes: e.nodes, source: e.source, positions: e.positions, extensions: { ...e.extensions, code: 'GRAPHQL_VALIDATION_FAILED' } }),
      );

    // Which operation runs depends on operationName, so it is resolved here, per request, never
    // in validation (whose results are cached by document); over HTTP yoga answers the same.
    const operation = getOperationAST(document, payload.operationName ?? undefined);
    if (!operation) {
      return operationError(payload.operationName ? `no operation named "${payload.operationName}" in the document` : 'the document holds several operations: say which with operationName', {
        code: 'OPERATION_RESOLUTION_FAILURE',
      });
    }
    if (operation.operation === 'subscription') {
      let ids = subscriptionIds.get(ctx.extra.socket);
      if (!ids) subscriptionIds.set(ctx.extra.socket, (ids = new Set()));
      for (const known of ids) if (!(known in ctx.subscriptions)) ids.delete(known);
      if (ids.size >= deps.limits.maxSubscriptionsPerConnection) {
        return operationError(`at most ${deps.limits.maxSubscriptionsPerConnection} subscriptions may be open on one connection: complete one first`, {
          code: 'OPERATION_LIMIT_EXCEEDED',
          limit: 'maxSubscriptionsPerConnection',
          max: deps.limits.maxSubscriptionsPerConnection,
        });
      }
      ids.add(id);
    }
    const contextValue = await enveloped.contextFactory();
    // A subscription's results are framed here, each serialized once however many sockets it goes to.
    const lane = operation.operation === 'subscription' ? new FrameLane(ctx.extra.socket, id, answersOf(ctx.extra.socket)) : undefined;
    if (lane) (contextValue as { [FRAME_LANE]?: FrameLane })[FRAME_LANE] = lane;
    return {
      schema: enveloped.schema,
      operationName: payload.operationName,
      document,
      variableValues: payload.variables,
      contextValue,
      rootValue: {
        execute: async (args: ExecutionArgs) => {
          const inFlight = answersOf(ctx.extra.socket);
          inFlight.opened(id);
          try {
            return await enveloped.execute(args);
          } catch (err) {
            inFlight.settled(id);
            throw err;
          }
        },
        subscribe: async (args: ExecutionArgs) => {
          const result = await enveloped.subscribe(args);
          return lane && isAsyncIterable(result) ? lane.frames(result) : result;
        },
      } satisfies EnvelopedRoot,
    };
  }
  return {
    wss,
    /** Closes every socket with 1001 (going away) so clients know to reconnect elsewhere. */
    async close() {
      for (const client of wss.clients) client.close(1001, 'server shutting down');
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
