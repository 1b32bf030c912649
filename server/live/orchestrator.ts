import type { Kysely } from 'kysely';
import type { Database, RoomSessionRow } from '../../db/types.js';
import type { MediaRooms, RoomMedia } from '../../media/index.js';
import type { ClientTokenClaims } from '../access/client-token-signer.js';
import type { Logger } from '../app/logger.js';
import type { AccountEvents } from '../events/account-events.js';
import type { RoomEventRecord } from '../events/catalog.js';
import type { LiveLeaveReason, LiveSessionEndReason } from '../events/reasons.js';
import type { RoomService } from '../rooms/room-service.js';
import type { ClientConnection } from './connection.js';
import type { LiveRoom } from './live-room.js';
import { ParticipantSessions, type JoinOptions, type JoinResult, type Presence } from './participant-session.js';
import type { RoomManager } from './room-manager.js';
import { RoomSessions } from './room-sessions.js';

export type { JoinResult, Presence };

export interface OrchestratorConfig {
  /** How long a participant whose WebSocket closed keeps its place (and media) for a reconnect. */
  reconnectGraceMs: number;
  /** How long an empty room keeps its session open before it ends. */
  emptyRoomGraceMs: number;
}

/**
 * Runs rooms while people are in them: the one entry the transports and other services call.
 * It puts together the room manager (which rooms live here), the sessions of those rooms, and
 * their participants, and handles what concerns all three: a session ending with everyone in it,
 * the media server failing under a room, the process stopping. Every change is recorded
 * (database), announced to the room (roomEvents) and to the account (events feed, webhooks).
 */
export class Orchestrator {
  readonly sessions: RoomSessions;
  readonly participants: ParticipantSessions;

  constructor(
    db: Kysely<Database>,
    events: AccountEvents,
    roomService: RoomService,
    readonly rooms: RoomManager,
    readonly media: MediaRooms,
    config: OrchestratorConfig,
    private readonly log: Logger,
  ) {
    this.sessions = new RoomSessions(db, events, rooms, media, config.emptyRoomGraceMs, log);
    this.participants = new ParticipantSessions(events, roomService, rooms, this.sessions, media, config.reconnectGraceMs, log);
    media.on('roomMediaLost', ({ roomId }) => this.onMediaLost(roomId));
    media.on('roomSubscribersLost', ({ roomId, participantIds }) => this.onSubscribersLost(roomId, participantIds));
    media.on('roomMediaRebuildFailed', ({ roomId, error }) => {
      this.log.error({ roomId, err: error }, 'no media worker could take the room: ending its session');
      void this.endSession(roomId, 'media_failure');
    });
  }

  /** Sessions left open by a previous process are over: nobody can still be connected to them. */
  closeStaleSessions(): Promise<number> {
    return this.sessions.closeStale();
  }

  liveRoom(roomId: string): LiveRoom {
    return this.rooms.liveRoom(roomId);
  }

  onRoomEvent(listener: (event: RoomEventRecord) => void): () => void {
    return this.rooms.onRoomEvent(listener);
  }

  liveCounts(): { rooms: number; participants: number } {
    return this.rooms.liveCounts();
  }

  forgetIfIdle(roomId: string): void {
    this.rooms.forgetIfIdle(roomId);
  }

  findPresence(participantId: string): Presence | undefined {
    return this.participants.find(participantId);
  }

  requirePresence(connection: ClientConnection | undefined): Presence {
    return this.participants.require(connection);
  }

  roomMedia(roomId: string): Promise<RoomMedia> {
    return this.participants.openMedia(roomId);
  }

  join(connection: ClientConnection, claims: ClientTokenClaims, opts: JoinOptions): Promise<JoinResult> {
    return this.participants.join(connection, claims, opts);
  }

  setToken(p: Presence, claims: ClientTokenClaims): void {
    this.participants.setToken(p, claims);
  }

  connectionClosed(connection: ClientConnection): void {
    this.participants.connectionClosed(connection);
  }

  leave(participantId: string, reason: LiveLeaveReason): Promise<boolean> {
    return this.participants.leave(participantId, reason);
  }

  /** Everyone present leaves with `leaveReason`; the session ends now. */
  endSession(roomId: string, reason: LiveSessionEndReason, leaveReason: LiveLeaveReason = 'session_ended'): Promise<RoomSessionRow | undefined> {
    return this.rooms.locked(roomId, async () => {
      for (const p of this.participants.presentIn(roomId)) await this.participants.leaveLocked(p, leaveReason);
      return this.sessions.end(roomId, reason);
    });
  }

  /** The worker under the room died: its streams are gone, and every client must rebuild its media. */
  private onMediaLost(roomId: string): void {
    const live = this.rooms.findRoom(roomId);
    if (!live) return;
    for (const id of live.participantIds()) {
      for (const stream of live.participant(id)?.streams ?? []) live.removeStream(id, stream.key);
      this.participants.find(id)?.subscriptions.clear();
    }
    live.mediaReconnectRequired('media_server_restarted');
  }

  /**
   * A worker holding part of a big room died: the subscribers placed on it lost their receive
   * side. Their media is dropped whole (their streams are unpublished), and the room is told to
   * rebuild: they come back on new transports; the others, whose media is intact, keep theirs.
   */
  private onSubscribersLost(roomId: string, participantIds: string[]): void {
    const live = this.rooms.findRoom(roomId);
    if (!live) return;
    const media = this.media.findRoom(roomId);
    for (const id of participantIds) {
      for (const stream of live.participant(id)?.streams ?? []) live.removeStream(id, stream.key);
      this.participants.find(id)?.subscriptions.clear();
      media?.removeParticipant(id);
    }
    this.log.warn({ roomId, participants: participantIds.length }, 'a media worker under part of a big room died: its subscribers rebuild their media');
    live.mediaReconnectRequired('media_server_restarted');
  }

  /** Ends every session as the process stops, so nothing is left open. The media stays up for the caller to close. */
  async shutdown(): Promise<void> {
    this.participants.stopJoining();
    for (const roomId of this.rooms.roomIds()) {
      if (this.rooms.findRoom(roomId)?.currentSessionId) await this.endSession(roomId, 'server_shutdown', 'session_ended');
    }
    this.sessions.stopTimers();
  }
}
