import { VideoRoomsError } from './errors.js';
import type { DisconnectionReason } from './types.js';

/** The server's reasons for removing a participant, as disconnect reasons. */
const REMOVAL_REASONS: Record<string, DisconnectionReason> = {
  kicked: 'kicked',
  token_expired: 'unauthorized',
  session_ended: 'session_terminated',
  room_deleted: 'room_deleted',
  disconnected: 'network_error',
  left: 'user_initiated',
};

export const removalReason = (serverReason: string): DisconnectionReason => REMOVAL_REASONS[serverReason] ?? 'unknown';

/** Which failures of a join end the connection (their reason) rather than call for another attempt (null). */
export function reasonForError(err: unknown): DisconnectionReason | null {
  if (!(err instanceof VideoRoomsError)) return 'unknown';
  switch (err.code) {
    case 'UNAUTHENTICATED':
    case 'INVALID_TOKEN':
      return 'unauthorized';
    case 'FORBIDDEN':
    case 'ROOM_FULL':
      return 'forbidden';
    case 'ROOM_DELETED':
      return 'room_deleted';
    case 'TIMED_OUT':
      return 'timed_out';
    case 'NETWORK_ERROR':
      return null;
    default:
      return 'unknown';
  }
}
