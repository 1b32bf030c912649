import type { GraphQLError } from 'graphql';
import type { Viewer } from './auth.js';
import type { ClientConnection } from './live/connection.js';
import type { Services } from './services.js';

/** What every resolver gets: who calls, why their credential was refused (if it was), the services. */
export interface Context {
  viewer: Viewer;
  authFailure?: GraphQLError;
  services: Services;
  /** The client's WebSocket, for operations that arrive over one (participant operations need it). */
  connection?: ClientConnection;
}
