import type { ApiKeyRow } from '../../db/types.js';
import type { Viewer } from '../../server/access/auth.js';
import { NotFoundError, ValidationError } from '../../server/shared/errors.js';
import { builder } from '../builder.js';
import { GrantsRef } from '../mutations/client-tokens.js';

const CredentialKindEnum = builder.enumType('CredentialKind', {
  values: {
    API_KEY: { value: 'apiKey', description: 'An API key: the server API.' },
    CLIENT_TOKEN: { value: 'clientToken', description: 'A client access token: one room, as a participant.' },
  } as const,
});

const ViewerRef = builder.objectRef<Exclude<Viewer, { kind: 'anonymous' }>>('Viewer').implement({
  description: 'The credential this request was made with.',
  fields: (t) => ({
    kind: t.field({ type: CredentialKindEnum, description: 'API key or client token.', resolve: (v) => v.kind }),
    apiKeyId: t.id({
      nullable: true,
      description:
        'The stored API key this request was made with (`apiKeys` lists it): a dashboard tells its own key apart. Null for a client token, and for the key set by the API_KEY variable (it is not stored).',
      resolve: (v) => (v.kind === 'apiKey' ? v.keyId : null),
    }),
    roomId: t.id({
      nullable: true,
      description: 'The room a client token is for.',
      resolve: (v) => (v.kind === 'clientToken' ? v.claims.roomId : null),
    }),
    grants: t.field({
      type: GrantsRef,
      nullable: true,
      description: 'What a client token allows.',
      resolve: (v) => (v.kind === 'clientToken' ? v.claims.grants : null),
    }),
    expiresAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When a client token expires.',
      resolve: (v) => (v.kind === 'clientToken' ? v.claims.expiresAt : null),
    }),
  }),
});

const ApiKeyRef = builder.objectRef<ApiKeyRow>('ApiKey').implement({
  description: 'A stored API key. The key itself is shown once, when it is created.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'UUID of the key.' }),
    name: t.exposeString('name', { description: 'What the key is for.' }),
    prefix: t.exposeString('prefix', { description: 'The first characters of the key, to tell keys apart.' }),
    createdAt: t.expose('created_at', { type: 'DateTime', description: 'When the key was created.' }),
    lastUsedAt: t.expose('last_used_at', { type: 'DateTime', nullable: true, description: 'When the key was last used (to the minute).' }),
    revokedAt: t.expose('revoked_at', { type: 'DateTime', nullable: true, description: 'When the key was revoked, if it was.' }),
  }),
});

const CreatedApiKeyRef = builder.objectRef<{ key: string; apiKey: ApiKeyRow }>('CreatedApiKey').implement({
  fields: (t) => ({
    key: t.exposeString('key', { description: 'The key: store it now, it is not shown again.' }),
    apiKey: t.field({ type: ApiKeyRef, description: 'The stored key.', resolve: (c) => c.apiKey }),
  }),
});

builder.queryFields((t) => ({
  viewer: t.field({
    type: ViewerRef,
    authScopes: { apiKey: true, clientToken: true },
    description: 'The credential of this request: lets a client check its token.',
    resolve: (_root, _args, ctx) => ctx.viewer as Exclude<Viewer, { kind: 'anonymous' }>,
  }),
  apiKeys: t.field({
    type: [ApiKeyRef],
    authScopes: { apiKey: true },
    description: 'All stored API keys, revoked ones included (the API_KEY variable is not stored, so not listed).',
    resolve: (_root, _args, ctx) => ctx.services.apiKeys.list(),
  }),
}));

builder.mutationFields((t) => ({
  createApiKey: t.field({
    type: CreatedApiKeyRef,
    authScopes: { apiKey: true },
    description: 'Creates an API key.',
    nullable: true,
    errors: { types: [ValidationError], dataField: { name: 'created', description: 'The key, shown this once.' } },
    args: { name: t.arg.string({ required: true, description: 'What the key is for, 1 to 100 characters.' }) },
    resolve: (_root, args, ctx) => ctx.services.apiKeys.create(args.name),
  }),
  revokeApiKey: t.field({
    type: ApiKeyRef,
    authScopes: { apiKey: true },
    description: 'Revokes an API key at once: requests made with it are refused from now on.',
    nullable: true,
    errors: { types: [ValidationError, NotFoundError], dataField: { name: 'apiKey', description: 'The revoked key.' } },
    args: { id: t.arg.id({ required: true, description: 'UUID of the key.' }) },
    resolve: (_root, args, ctx) => ctx.services.apiKeys.revoke(String(args.id)),
  }),
}));
