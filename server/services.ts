import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import { ApiKeyService } from './api-key-service.js';
import { Authenticator } from './auth.js';
import { ClientTokens } from './client-tokens.js';
import { ClientTokenService } from './client-token-service.js';
import { EventBus } from './events.js';
import { Records } from './records.js';
import { RoomService } from './rooms.js';

/** Everything the schema's resolvers may call; built once per server. */
export interface Services {
  db: Kysely<Database>;
  events: EventBus;
  rooms: RoomService;
  clientTokens: ClientTokenService;
  records: Records;
  auth: Authenticator;
  apiKeys: ApiKeyService;
}

export function createServices(db: Kysely<Database>, signingSecret: Uint8Array, configuredApiKey: string | undefined): Services {
  const events = new EventBus(db);
  const tokens = new ClientTokens(signingSecret);
  const rooms = new RoomService(db, events);
  return {
    db,
    events,
    rooms,
    clientTokens: new ClientTokenService(tokens, rooms),
    records: new Records(db),
    auth: new Authenticator(db, tokens, configuredApiKey),
    apiKeys: new ApiKeyService(db),
  };
}
