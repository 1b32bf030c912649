import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import { VideoRoomsError } from './errors.js';
import { RefreshClientTokenDocument } from './generated/graphql.js';
import { refreshTtlSecs } from './token-schedule.js';
import { fromGraphQLError, payloadOf, type Payload } from './wire-payload.js';

export interface FetchedToken {
  token: string;
  /** Minted just now: its `iat` is the server's clock at the time of the answer. */
  fresh: boolean;
}

/** Where a new access token comes from; `lifeMs` is the current token's lifetime. */
export type TokenSource = (lifeMs: number) => Promise<FetchedToken>;

/** The HTTP endpoint beside the SDK's WebSocket one (`ws://host/graphql` → `http://host/graphql`). */
export const httpUrl = (wsUrl: string): string => wsUrl.replace(/^ws(s?):/, 'http$1:');

/**
 * One mutation over HTTP, with no Authorization header: the refresh token in its variables is
 * the credential, and the WebSocket may be down just when a token is needed (a reconnection).
 */
async function postMutation<TData, TVars, F extends keyof TData & string>(url: string, document: DocumentTypeDecoration<TData, TVars>, variables: TVars, field: F): Promise<Payload<TData, F>> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: String(document), variables }) });
  } catch (err) {
    throw new VideoRoomsError('NETWORK_ERROR', `could not reach ${url}`, { cause: err });
  }
  const body = (await res.json().catch(() => null)) as { data?: TData; errors?: { message: string; extensions?: unknown }[] } | null;
  if (body?.errors?.[0]) throw fromGraphQLError(body.errors[0]);
  if (!body) throw new VideoRoomsError('NETWORK_ERROR', `${url} answered ${res.status} without a GraphQL result`);
  return payloadOf(body.data, field);
}

/** New access tokens from `refreshClientToken` (no API key needed), each as long-lived as the last. */
export function refreshTokenSource(wsUrl: string, roomId: string, refreshToken: string): TokenSource {
  let current = refreshToken;
  return async (lifeMs) => {
    const variables = { roomId, refreshToken: current, tokenTtlSecs: refreshTtlSecs(lifeMs) };
    const { clientToken } = await postMutation(httpUrl(wsUrl), RefreshClientTokenDocument, variables, 'refreshClientToken');
    // A server that rotates refresh tokens hands out the next one with the access token.
    if (clientToken.refreshToken) current = clientToken.refreshToken;
    return { token: clientToken.token, fresh: true };
  };
}

/** New access tokens from the app's own server. */
export function callbackSource(getToken: () => Promise<string>): TokenSource {
  return async () => {
    const token = await getToken();
    if (typeof token !== 'string' || !token) throw new VideoRoomsError('INVALID_ARGUMENT', 'getToken must resolve to a non-empty token');
    return { token, fresh: false };
  };
}
