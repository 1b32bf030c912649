import type { Server } from 'node:http';
import type { ExecutionArgs } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Yoga } from './graphql-http.js';
import { ClientConnection } from './live/connection.js';

type EnvelopedRoot = { execute: (args: ExecutionArgs) => unknown; subscribe: (args: ExecutionArgs) => unknown };

/**
 * graphql-ws on the same port and path as HTTP. Each operation runs through yoga's envelope
 * (same schema, plugins and context), and is authenticated on its own: a token that expires or
 * a key revoked during a long-lived connection stops working for the next operation.
 */
export function attachGraphqlWs(httpServer: Server, yoga: Yoga, onClientGone: (connection: ClientConnection) => void) {
  const connections = new WeakMap<object, ClientConnection>();
  const connectionOf = (ctx: { extra: { socket: object }; connectionParams?: Readonly<Record<string, unknown>> }) => {
    let c = connections.get(ctx.extra.socket);
    if (!c) connections.set(ctx.extra.socket, (c = new ClientConnection(ctx.connectionParams?.authorization)));
    return c;
  };
  const wss = new WebSocketServer({ server: httpServer, path: yoga.graphqlEndpoint });
  const disposable = useServer(
    {
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args) as never,
      subscribe: (args) => (args.rootValue as EnvelopedRoot).subscribe(args) as never,
      onClose: (ctx) => {
        const c = connections.get(ctx.extra.socket);
        if (c) onClientGone(c);
      },
      onSubscribe: async (ctx, _id, payload) => {
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params: payload,
          connectionParams: ctx.connectionParams ?? {},
          connection: connectionOf(ctx),
        });
        const args = {
          schema,
          operationName: payload.operationName,
          document: parse(payload.query),
          variableValues: payload.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
        const errors = validate(args.schema, args.document);
        if (errors.length) return errors;
        return args;
      },
    },
    wss,
  );
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
