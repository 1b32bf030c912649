/**
 * Why things end, as written to the database (`ended_reason`, `left_reason`) and sent in events.
 * Every writer takes its value from these unions, so a reason the API documents is a reason the
 * server can actually write, and the other way round.
 */

/** Why a session of a live room ends: what `SessionEnded` can say. */
export const LIVE_SESSION_END_REASONS = ['empty', 'ended_by_api', 'room_deleted', 'media_failure', 'server_shutdown'] as const;
export type LiveSessionEndReason = (typeof LIVE_SESSION_END_REASONS)[number];

/**
 * Why a session ended, as recorded: a live room's reasons, or one no live room announces:
 * `server_restarted` for a session that a process which died left open, closed by the next one;
 * `node_lost` for a session whose node died in a cluster, closed by another node.
 */
export type SessionEndReason = LiveSessionEndReason | 'server_restarted' | 'node_lost';

/** Why a participant leaves a live room: what ParticipantLeaving and ParticipantLeft can say. */
export const LIVE_LEAVE_REASONS = ['left', 'kicked', 'disconnected', 'session_ended', 'room_deleted', 'token_expired'] as const;
export type LiveLeaveReason = (typeof LIVE_LEAVE_REASONS)[number];

/** Why a participant left, as recorded in `leftReason`: a live reason, or `server_restarted` or `node_lost` (as for sessions). */
export type LeaveReason = LiveLeaveReason | 'server_restarted' | 'node_lost';

/** Why every client of a room must rebuild its media. */
export type MediaReconnectReason = 'media_server_restarted';
