import type { Viewer } from '../server/access/auth.js';
import type { RequestRefusedError } from '../server/shared/errors.js';
import type { ClientConnection } from '../server/live/connection.js';
import type { Services } from '../server/app/services.js';

/** What every resolver gets: who calls, why their credential was refused (if it was), the services. */
export interface Context {
  viewer: Viewer;
  authFailure?: RequestRefusedError;
  services: Services;
  /** The client's WebSocket, for operations that arrive over one (participant operations need it). */
  connection?: ClientConnection;
}
