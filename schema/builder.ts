import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import type { Context } from './context.js';
import { authError } from '../server/shared/errors.js';

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const builder = new SchemaBuilder<{
  Context: Context;
  AuthScopes: { apiKey: boolean; clientToken: boolean };
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Date: { Input: string; Output: string };
    JSON: { Input: unknown; Output: unknown };
  };
  Connection: { totalCount: () => Promise<number> };
  // Output fields are non-null unless they say `nullable: true`: a client's generated types
  // then tell "always there" from "may be absent" (issue 9, schema conventions).
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  defaultFieldNullability: false,
  plugins: [ScopeAuthPlugin, ErrorsPlugin, RelayPlugin],
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (ctx) => ({
      apiKey: ctx.viewer.kind === 'apiKey',
      clientToken: ctx.viewer.kind === 'clientToken',
    }),
    // A refused credential says why; no credential asks for one; a valid credential of the
    // wrong kind (a client token on the server API) is forbidden.
    unauthorizedError: (_parent, ctx) => {
      if (ctx.authFailure) return ctx.authFailure;
      if (ctx.viewer.kind === 'anonymous') {
        return authError('UNAUTHENTICATED', 'missing_credential', 'authentication required: send "Authorization: Bearer <API key or client token>"');
      }
      return authError(
        'FORBIDDEN',
        ctx.viewer.kind === 'clientToken' ? 'client_token_not_allowed' : 'api_key_not_allowed',
        ctx.viewer.kind === 'clientToken' ? 'a client token cannot use this operation: it needs an API key' : 'this operation is for client tokens only',
      );
    },
  },
  errors: {
    defaultResultOptions: { name: ({ fieldName }) => `${capitalize(fieldName)}Payload` },
    defaultUnionOptions: { name: ({ fieldName }) => `${capitalize(fieldName)}Result` },
  },
  relay: {
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    clientMutationId: 'omit',
    cursorType: 'String',
  },
});

builder.queryType({ description: 'Reads. Lists are Relay connections, newest first.' });
// Mutation fields are the one exception to non-null: a top-level failure of one mutation
// (authentication, a rate limit, a server fault) then nulls that field alone, and the results of
// the mutations before it in the same document still reach the client.
builder.mutationType({ description: 'Changes. Expected failures come back as typed errors in the result union.' });
builder.subscriptionType({ description: 'Live feeds over WebSocket (graphql-transport-ws).' });
