import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { getSchema } from '../../schema/index.js';
import type { Context } from '../../schema/context.js';
import type { ClientConnection } from '../live/connection.js';
import type { Logger } from '../app/logger.js';
import type { Services } from '../app/services.js';
import type { Admitted } from '../protection/admission.js';
import { renderGraphiqlPage } from './graphiql.js';

export type Yoga = YogaServerInstance<Record<string, unknown>, Context>;

/**
 * graphql-yoga serves /graphql over HTTP (and GraphiQL on GET). The credential comes from the
 * Authorization header, or from graphql-ws connectionParams when the same yoga instance runs an
 * operation for the WebSocket server.
 */
export function createGraphqlHandler(services: Services, log: Logger, plugins: Plugin<any>[] = []): Yoga {
  return createYoga<Record<string, unknown>, Context>({
    schema: getSchema(),
    // Protection, metrics and logging plug in here, on HTTP and WebSocket alike (graphql-ws runs
    // every operation through the same envelope).
    plugins,
    graphqlEndpoint: '/graphql',
    graphiql: { title: 'Video Rooms', defaultQuery: '{ rooms(first: 5) { totalCount edges { node { id uniqueName } } } }' },
    // Served from this server with its assets: yoga's default page loads them from a CDN.
    renderGraphiQL: renderGraphiqlPage,
    // CORS is decided for every route in one place (server/transport/cors.ts).
    cors: false,
    landingPage: false,
    logging: {
      debug: (...args) => log.debug({ args }, 'graphql'),
      info: (...args) => log.info({ args }, 'graphql'),
      warn: (...args) => log.warn({ args }, 'graphql'),
      error: (...args) => log.error({ args }, 'graphql'),
    },
    context: async (initial): Promise<Context> => {
      const connection = initial.connection as ClientConnection | undefined;
      const request = initial.request as Request | undefined;
      // Admission (HTTP: onParams; WebSocket: onSubscribe) has authenticated the caller already.
      // Over a WebSocket the credential is the connection's (it can be swapped by updateClientToken).
      const authorization = connection ? connection.authorization : request?.headers.get('authorization');
      const { viewer, failure } = (initial as Admitted).authentication ?? (await services.auth.authenticate(authorization ?? undefined));
      return { viewer, authFailure: failure, services, connection } as Context;
    },
  });
}
