/**
 * Telnyx's SDK has these as TypeScript enums; here each is a constant object and a union type of
 * the same name, so that `DisconnectionReason.KICKED` and `'kicked'` are both fine.
 */

/** Why a room disconnected: Telnyx's values, and `room_deleted`. */
export const DisconnectionReason = {
  USER_INITIATED: 'user_initiated',
  NETWORK_ERROR: 'network_error',
  TIMED_OUT: 'timed_out',
  UNAUTHORIZED: 'unauthorized',
  FORBIDDEN: 'forbidden',
  UNKNOWN: 'unknown',
  /** Telnyx's reason for a room whose time ran out; this server's rooms have no time limit. */
  ROOM_EXPIRED: 'room_expired',
  KICKED: 'kicked',
  SESSION_TERMINATED: 'session_terminated',
  ROOM_DELETED: 'room_deleted',
} as const;
export type DisconnectionReason = (typeof DisconnectionReason)[keyof typeof DisconnectionReason];

/** network_metrics_report's grades, by Telnyx's names. */
export const ConnectionQualityLevel = {
  excellent_network: 5,
  good_network: 4,
  average_network: 3,
  below_average_network: 2,
  bad_network: 1,
  network_broken: 0,
} as const;
export type ConnectionQualityLevel = (typeof ConnectionQualityLevel)[keyof typeof ConnectionQualityLevel];
