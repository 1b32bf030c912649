import { UpdateClientTokenDocument } from './generated/graphql.js';
import type { RoomCore } from './room-core.js';
import { TokenRenewer } from './token-renewer.js';
import { callbackSource, refreshTokenSource } from './token-sources.js';
import type { DisconnectionReason, InitializeOptions } from './types.js';

/** The room's token renewer: its source from the options, the live connection to hand tokens to. */
export function roomTokenRenewer(core: RoomCore, options: InitializeOptions, finish: (reason: DisconnectionReason, error: Error) => void): TokenRenewer {
  const source = options.refreshToken ? refreshTokenSource(core.url, core.id, options.refreshToken) : options.getToken ? callbackSource(options.getToken) : null;
  return new TokenRenewer(
    {
      source,
      push: async (token) => {
        if (!core.connected) return;
        await core.ready();
        await core.send(UpdateClientTokenDocument, { token }, 'updateClientToken');
      },
      keep: (token) => (core.token = token),
      expiring: (secondsLeft) => core.emit('token_expiring', secondsLeft, core.store.snapshot()),
      expired: (err) => {
        if (core.connected) finish('unauthorized', err);
      },
      log: core.log,
    },
    options.clientToken,
  );
}
