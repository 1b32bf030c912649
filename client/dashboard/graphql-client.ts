// One urql client per signed-in key: queries and mutations over HTTP, subscriptions over graphql-ws
// — the same public schema, and the same API key, as any server-side integration uses.
import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange, type CombinedError } from '@urql/core';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';

/** Why the key stopped working, in words an operator can act on. */
export function authFailure(error: CombinedError | undefined): string | null {
  for (const e of error?.graphQLErrors ?? []) {
    const code = e.extensions?.code;
    if (code === 'UNAUTHENTICATED') return e.message;
    if (code === 'FORBIDDEN' && e.extensions?.reason === 'not_an_api_key') return 'this credential is not an API key: the dashboard needs an API key';
  }
  return null;
}

export interface DashboardClient {
  client: Client;
  ws: WsClient;
  close(): void;
}

export function createDashboardClient(apiKey: string, onAuthFailure: (message: string) => void): DashboardClient {
  const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  const ws = createWsClient({
    url: wsUrl,
    connectionParams: () => ({ authorization: `Bearer ${apiKey}` }),
    lazy: true,
    // A dashboard left open rides out server restarts and network blips.
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait: async (n) => new Promise((r) => setTimeout(r, Math.min(10_000, 500 * 2 ** n))),
  });
  const client = new Client({
    url: '/graphql',
    requestPolicy: 'cache-and-network',
    fetchOptions: () => ({ headers: { authorization: `Bearer ${apiKey}` } }),
    exchanges: [
      mapExchange({
        // A key revoked while the page is open ends its subscriptions with UNAUTHENTICATED too.
        onError: (error) => {
          const reason = authFailure(error);
          if (reason) onAuthFailure(reason);
        },
      }),
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
    ],
  });
  return { client, ws, close: () => void ws.dispose() };
}
