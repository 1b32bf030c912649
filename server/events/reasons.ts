/**
 * Why things end, as written to the database (`ended_reason`, `left_reason`) and sent in events.
 * Every writer takes its value from these unions, so a reason the API documents is a reason the
 * server can actually write, and the other way round.
 */

/** Why a session ended. */
export type SessionEndReason =
  | 'empty'
  | 'ended_by_api'
  | 'room_deleted'
  | 'media_failure'
  | 'server_shutdown'
  /** Left open by a process that died: found and closed by the next one. */
  | 'server_restarted';

/** Why a participant left, as recorded in `leftReason` and sent with ParticipantLeaving/Left. */
export type LeaveReason =
  | 'left'
  | 'kicked'
  | 'disconnected'
  | 'session_ended'
  | 'room_deleted'
  | 'token_expired'
  /** Present in a session a process that died left open. */
  | 'server_restarted';

/** Why every client of a room must rebuild its media. */
export type MediaReconnectReason = 'media_server_restarted';
