import { TOKEN_LIMITS, type Grants } from '../../server/access/client-token-signer.js';
import { InvalidTokenError, NotFoundError, RoomDeletedError, ValidationError } from '../../server/shared/errors.js';
import { builder } from '../builder.js';

const A = TOKEN_LIMITS.access;
const R = TOKEN_LIMITS.refresh;

export const GrantsRef = builder.objectRef<Grants>('ClientTokenGrants').implement({
  description: 'What a client token lets its holder do in the room.',
  fields: (t) => ({
    canPublish: t.exposeBoolean('canPublish', { description: 'May publish audio, video and screen share.' }),
    canSubscribe: t.exposeBoolean('canSubscribe', { description: "May receive other participants' streams." }),
  }),
});

const GrantsInput = builder.inputType('ClientTokenGrantsInput', {
  fields: (t) => ({
    canPublish: t.boolean({ description: 'May publish audio, video and screen share. Default true.' }),
    canSubscribe: t.boolean({ description: "May receive other participants' streams. Default true." }),
  }),
});

interface IssuedClientToken {
  token: string;
  tokenExpiresAt: Date;
  refreshToken?: string;
  refreshTokenExpiresAt?: Date;
  roomId: string;
  grants: Grants;
}

const ClientTokenRef = builder.objectRef<IssuedClientToken>('ClientToken').implement({
  description: 'A client access token, and with a new grant its refresh token.',
  fields: (t) => ({
    token: t.exposeString('token', { description: 'The access token: the client joins the room with it.' }),
    tokenExpiresAt: t.expose('tokenExpiresAt', { type: 'DateTime', description: 'When the access token stops working.' }),
    refreshToken: t.exposeString('refreshToken', {
      nullable: true,
      description: 'Trade it for a new access token with refreshClientToken (generateClientToken only).',
    }),
    refreshTokenExpiresAt: t.expose('refreshTokenExpiresAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the refresh token stops working.',
    }),
    roomId: t.exposeID('roomId', { description: 'The room the token is for.' }),
    grants: t.field({ type: GrantsRef, description: 'What the token allows.', resolve: (c) => c.grants }),
  }),
});

builder.mutationFields((t) => ({
  generateClientToken: t.field({
    type: ClientTokenRef,
    authScopes: { apiKey: true },
    description: 'Mints an access token and a refresh token for one room. Hand them to the client; keep your API key on your server.',
    nullable: true,
    errors: { types: [ValidationError, NotFoundError, RoomDeletedError], dataField: { name: 'clientToken', description: 'The tokens.' } },
    args: {
      roomId: t.arg.id({ required: true, description: 'UUID of the room.' }),
      tokenTtlSecs: t.arg.int({ description: `Access token lifetime, ${A.min} to ${A.max} s. Default ${A.default}.` }),
      refreshTokenTtlSecs: t.arg.int({ description: `Refresh token lifetime, ${R.min} to ${R.max} s. Default ${R.default}.` }),
      grants: t.arg({ type: GrantsInput, description: 'What the client may do. Default: publish and subscribe.' }),
    },
    resolve: (_root, args, ctx) => ctx.services.clientTokens.generate(String(args.roomId), args),
  }),
  refreshClientToken: t.field({
    type: ClientTokenRef,
    description: 'A new access token for a refresh token of the same room. Needs no API key: the refresh token is the credential.',
    nullable: true,
    errors: {
      types: [ValidationError, NotFoundError, InvalidTokenError],
      dataField: { name: 'clientToken', description: 'The new access token.' },
    },
    args: {
      roomId: t.arg.id({ required: true, description: 'UUID of the room.' }),
      refreshToken: t.arg.string({ required: true, description: 'A refresh token from generateClientToken.' }),
      tokenTtlSecs: t.arg.int({ description: `Access token lifetime, ${A.min} to ${A.max} s. Default ${A.default}.` }),
    },
    resolve: (_root, args, ctx) => ctx.services.clientTokens.refresh(String(args.roomId), args.refreshToken, args.tokenTtlSecs),
  }),
}));
