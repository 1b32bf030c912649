import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { findById } from '../../db/listing.js';
import * as participants from '../../db/participants.js';
import * as sessions from '../../db/sessions.js';
import type { Database, RoomSessionRow } from '../../db/types.js';
import type { MediaRooms, RoomMedia, WebRtcTransportParams } from '../../media/index.js';
import type { ClientTokenClaims } from '../access/client-token-signer.js';
import { NotJoinedError, RoomFullError } from '../shared/errors.js';
import type { EventBus } from '../events/event-bus.js';
import type { Logger } from '../app/logger.js';
import type { RoomService } from '../rooms/room-service.js';
import { KeyedMutex } from './keyed-mutex.js';
import { LiveRoom } from './live-room.js';
import type { ClientConnection } from './connection.js';
import type { LeaveReason, RoomEventRecord, RoomStateView } from './types.js';

export interface OrchestratorConfig {
  /** How long a participant whose WebSocket closed keeps its place (and media) for a reconnect. */
  reconnectGraceMs: number;
  /** How long an empty room keeps its session open before it ends. */
  emptyRoomGraceMs: number;
}

/** What the server knows of a participant beyond the shared room state. */
export interface Presence {
  participantId: string;
  roomId: string;
  sessionId: string;
  context: string | null;
  joinedAt: Date;
  /** Proves a reconnecting client is the one that joined: participant ids are public in the room. */
  reconnectKey: string;
  connection: ClientConnection | null;
  claims: ClientTokenClaims;
  /** Every token family this participant has used (updateClientToken may bring another): a kick revokes them all. */
  familyIds: Set<string>;
  /** Muted by a moderator: every audio track it publishes is censored until unmuted. */
  audioCensored: boolean;
  /** The subscriber's device capabilities, kept from its first subscribe for later consumers. */
  rtpCapabilities?: unknown;
  subscriptions: Map<string, { participantId: string; streamKey: string; audio: boolean; video: boolean }>;
  graceTimer?: NodeJS.Timeout;
  tokenTimer?: NodeJS.Timeout;
}

export interface JoinResult {
  participantId: string;
  reconnectKey: string;
  sessionId: string;
  resumed: boolean;
  routerRtpCapabilities: unknown;
  sendTransport: WebRtcTransportParams | null;
  recvTransport: WebRtcTransportParams | null;
  roomState: RoomStateView;
  context: string | null;
  joinedAt: Date;
}

/**
 * Runs rooms while people are in them: sessions start and end, participants join, leave,
 * reconnect and time out, and every change is recorded (database), announced to the room
 * (roomEvents) and to the account (events feed, webhooks). One process owns a room's live state.
 */
export class Orchestrator {
  private readonly rooms = new Map<string, LiveRoom>();
  private readonly presence = new Map<string, Presence>();
  private readonly emptyTimers = new Map<string, NodeJS.Timeout>();
  private readonly taps = new Set<(event: RoomEventRecord) => void>();
  private readonly watchedMedia = new WeakSet<RoomMedia>();
  // Joins, leaves and session changes of one room run one at a time: capacity checks and the
  // start and end of a session must not interleave.
  private readonly mutex = new KeyedMutex();
  private closing = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly events: EventBus,
    private readonly roomService: RoomService,
    readonly media: MediaRooms,
    private readonly config: OrchestratorConfig,
    private readonly log: Logger,
  ) {
    media.on('roomMediaLost', ({ roomId }) => this.onMediaLost(roomId));
    media.on('roomMediaRebuildFailed', ({ roomId, error }) => {
      this.log.error({ roomId, err: error }, 'no media worker could take the room: ending its session');
      void this.endSession(roomId, 'media_failure');
    });
  }

  /** Sessions left open by a previous process are over: nobody can still be connected to them. */
  async closeStaleSessions(): Promise<number> {
    const open = await sessions.openSessions(this.db);
    for (const session of open) {
      await this.events.transaction(async (trx, emit) => {
        const now = new Date();
        for (const p of await participants.presentParticipants(trx, session.id)) {
          await participants.markParticipantLeft(trx, p.id, now, 'server_restarted');
          await emit('video.room.participant.left', session.room_id, participantLeftPayload(p, now, 'server_restarted'));
        }
        const ended = await sessions.endSession(trx, session.id, now, 'server_restarted');
        if (ended) await emit('video.room.session.ended', session.room_id, sessionEndedPayload(ended));
      });
    }
    return open.length;
  }

  /** The room's live state, created on first use (a dashboard may watch an idle room). */
  liveRoom(roomId: string): LiveRoom {
    let room = this.rooms.get(roomId);
    if (!room) {
      room = new LiveRoom(roomId, (event) => {
        for (const tap of this.taps) tap(event);
      });
      this.rooms.set(roomId, room);
    }
    return room;
  }

  /** Every event of every room, for the server's own listeners (recordings). */
  onRoomEvent(tap: (event: RoomEventRecord) => void): () => void {
    this.taps.add(tap);
    return () => this.taps.delete(tap);
  }

  /** Rooms with a session in progress and the participants in them (those in a reconnect grace included). */
  liveCounts(): { rooms: number; participants: number } {
    let rooms = 0;
    let participants = 0;
    for (const room of this.rooms.values()) {
      if (room.currentSessionId) rooms += 1;
      participants += room.participantCount;
    }
    return { rooms, participants };
  }

  findPresence(participantId: string): Presence | undefined {
    return this.presence.get(participantId);
  }

  /** The participant this connection acts as, or a NotJoinedError. */
  requirePresence(connection: ClientConnection | undefined): Presence {
    const id = connection?.participantId;
    const p = id ? this.presence.get(id) : undefined;
    if (!p || p.connection !== connection) throw new NotJoinedError();
    return p;
  }

  roomMedia(roomId: string): Promise<RoomMedia> {
    return this.media.openRoom(roomId);
  }

  async join(
    connection: ClientConnection,
    claims: ClientTokenClaims,
    opts: { context?: string | null; reconnect?: { participantId: string; reconnectKey: string } | null },
  ): Promise<JoinResult> {
    if (this.closing) throw new NotJoinedError('the server is shutting down: join again in a moment');
    const roomId = claims.roomId;
    return this.mutex.run(roomId, async () => {
      const resumable = opts.reconnect && this.presence.get(opts.reconnect.participantId);
      if (resumable && resumable.roomId === roomId && resumable.reconnectKey === opts.reconnect!.reconnectKey) {
        return this.resume(resumable, connection, claims);
      }
      if (connection.participantId && this.presence.has(connection.participantId)) {
        // One connection, one participant: a second join on it replaces the first.
        await this.leaveLocked(this.presence.get(connection.participantId)!, 'left');
      }

      const room = await this.roomService.requireLive(roomId, 'token');
      const live = this.liveRoom(roomId);
      if (live.participantCount >= room.max_participants) throw new RoomFullError(roomId, room.max_participants);

      const participantId = uuidv7();
      const media = await this.media.openRoom(roomId);
      this.watchSpeakers(media);
      const [sendTransport, recvTransport] = await Promise.all([
        claims.grants.canPublish ? media.createWebRtcTransport(participantId, 'send') : null,
        claims.grants.canSubscribe ? media.createWebRtcTransport(participantId, 'recv') : null,
      ]);

      const now = new Date();
      const context = opts.context ?? null;
      let sessionId: string;
      try {
        sessionId = await this.events.transaction(async (trx, emit) => {
          let session = live.currentSessionId ? await findById(trx, 'room_sessions', live.currentSessionId) : undefined;
          if (!session?.active) {
            session = await sessions.insertSession(trx, { id: uuidv7(), room_id: roomId, at: now });
            await emit('video.room.session.started', roomId, { room_id: roomId, session_id: session.id });
          }
          await participants.insertParticipant(trx, { id: participantId, session_id: session.id, room_id: roomId, context, at: now });
          await emit('video.room.participant.joined', roomId, { room_id: roomId, session_id: session.id, participant_id: participantId, context });
          return session.id;
        });
      } catch (err) {
        media.removeParticipant(participantId);
        throw err;
      }

      this.cancelEmptyTimer(roomId);
      if (live.currentSessionId !== sessionId) live.startSession(sessionId);
      const presence: Presence = {
        participantId,
        roomId,
        sessionId,
        context,
        joinedAt: now,
        reconnectKey: randomBytes(24).toString('base64url'),
        connection: null,
        claims,
        audioCensored: false,
        familyIds: new Set([claims.familyId]),
        subscriptions: new Map(),
      };
      this.presence.set(participantId, presence);
      live.addParticipant({ id: participantId, context, joinedAt: now, canPublish: claims.grants.canPublish, canSubscribe: claims.grants.canSubscribe });
      this.bind(presence, connection, claims);
      this.log.info({ roomId, sessionId, participantId }, 'participant joined');
      return {
        participantId,
        reconnectKey: presence.reconnectKey,
        sessionId,
        resumed: false,
        routerRtpCapabilities: await media.getRtpCapabilities(),
        sendTransport,
        recvTransport,
        roomState: live.snapshot(),
        context,
        joinedAt: now,
      };
    });
  }

  /** A client back inside the grace period: same participant, and its media kept if it survived. */
  private async resume(p: Presence, connection: ClientConnection, claims: ClientTokenClaims): Promise<JoinResult> {
    const media = await this.media.openRoom(p.roomId);
    // Transports survive a WebSocket drop; they do not survive a worker crash, and then the client
    // needs new ones to publish and subscribe again.
    const mediaKept = media.participantIds().includes(p.participantId);
    const [sendTransport, recvTransport] = mediaKept
      ? [null, null]
      : await Promise.all([
          p.claims.grants.canPublish ? media.createWebRtcTransport(p.participantId, 'send') : null,
          p.claims.grants.canSubscribe ? media.createWebRtcTransport(p.participantId, 'recv') : null,
        ]);
    if (!mediaKept) p.subscriptions.clear();
    this.bind(p, connection, claims);
    this.log.info({ roomId: p.roomId, participantId: p.participantId, mediaKept }, 'participant reconnected');
    return {
      participantId: p.participantId,
      reconnectKey: p.reconnectKey,
      sessionId: p.sessionId,
      resumed: true,
      routerRtpCapabilities: await media.getRtpCapabilities(),
      sendTransport,
      recvTransport,
      roomState: this.liveRoom(p.roomId).snapshot(),
      context: p.context,
      joinedAt: p.joinedAt,
    };
  }

  private bind(p: Presence, connection: ClientConnection, claims: ClientTokenClaims): void {
    if (p.connection && p.connection !== connection) p.connection.participantId = undefined;
    clearTimeout(p.graceTimer);
    p.graceTimer = undefined;
    p.connection = connection;
    connection.participantId = p.participantId;
    this.setToken(p, claims);
  }

  /**
   * Keeps the participant only as long as its access token: a client refreshes it with
   * updateClientToken before it runs out, or is removed when it does.
   */
  setToken(p: Presence, claims: ClientTokenClaims): void {
    p.claims = { ...claims, grants: p.claims.grants };
    p.familyIds.add(claims.familyId);
    clearTimeout(p.tokenTimer);
    const remaining = claims.expiresAt.getTime() - Date.now();
    p.tokenTimer = setTimeout(() => void this.leave(p.participantId, 'token_expired'), Math.max(0, remaining));
    p.tokenTimer.unref();
  }

  /** The room's dominant speaker becomes its activeSpeaker (AudioActivity), once per RoomMedia. */
  private watchSpeakers(media: RoomMedia): void {
    if (this.watchedMedia.has(media)) return;
    this.watchedMedia.add(media);
    media.on('dominantSpeaker', ({ roomId, track }) => this.rooms.get(roomId)?.setActiveSpeaker(track.participantId, track.streamKey));
  }

  /** The WebSocket of a participant closed: it has the grace period to come back. */
  connectionClosed(connection: ClientConnection): void {
    const p = connection.participantId ? this.presence.get(connection.participantId) : undefined;
    if (!p || p.connection !== connection) return;
    p.connection = null;
    clearTimeout(p.graceTimer);
    p.graceTimer = setTimeout(() => void this.leave(p.participantId, 'disconnected'), this.config.reconnectGraceMs);
    p.graceTimer.unref();
    this.log.info({ roomId: p.roomId, participantId: p.participantId, graceMs: this.config.reconnectGraceMs }, 'participant connection lost');
  }

  async leave(participantId: string, reason: LeaveReason): Promise<boolean> {
    const p = this.presence.get(participantId);
    if (!p) return false;
    return this.mutex.run(p.roomId, () => this.leaveLocked(p, reason));
  }

  private async leaveLocked(p: Presence, reason: LeaveReason): Promise<boolean> {
    if (this.presence.get(p.participantId) !== p) return false;
    this.presence.delete(p.participantId);
    clearTimeout(p.graceTimer);
    clearTimeout(p.tokenTimer);
    if (p.connection) p.connection.participantId = undefined;

    const live = this.liveRoom(p.roomId);
    live.removeParticipant(p.participantId, reason);
    this.media.findRoom(p.roomId)?.removeParticipant(p.participantId);
    for (const other of this.presence.values()) {
      if (other.roomId === p.roomId) for (const key of [...other.subscriptions.keys()]) if (key.startsWith(`${p.participantId}:`)) other.subscriptions.delete(key);
    }

    const now = new Date();
    await this.events.transaction(async (trx, emit) => {
      const row = await participants.markParticipantLeft(trx, p.participantId, now, reason);
      if (row) await emit('video.room.participant.left', p.roomId, participantLeftPayload(row, now, reason));
    });
    this.log.info({ roomId: p.roomId, participantId: p.participantId, reason }, 'participant left');
    if (live.participantCount === 0) this.scheduleEmptyRoomEnd(p.roomId);
    return true;
  }

  /** Everyone present leaves with `reason`; the session ends now. */
  async endSession(roomId: string, reason: string, leaveReason: LeaveReason = 'session_ended'): Promise<RoomSessionRow | undefined> {
    return this.mutex.run(roomId, async () => {
      for (const p of [...this.presence.values()]) if (p.roomId === roomId) await this.leaveLocked(p, leaveReason);
      return this.endSessionLocked(roomId, reason);
    });
  }

  private async endSessionLocked(roomId: string, reason: string): Promise<RoomSessionRow | undefined> {
    this.cancelEmptyTimer(roomId);
    const live = this.rooms.get(roomId);
    const sessionId = live?.currentSessionId;
    if (!live || !sessionId) return undefined;
    const now = new Date();
    const ended = await this.events.transaction(async (trx, emit) => {
      const row = await sessions.endSession(trx, sessionId, now, reason);
      if (row) await emit('video.room.session.ended', roomId, sessionEndedPayload(row));
      return row;
    });
    live.endSession(reason);
    this.media.closeRoom(roomId);
    if (live.watcherCount === 0) this.rooms.delete(roomId);
    this.log.info({ roomId, sessionId, reason }, 'session ended');
    return ended;
  }

  private scheduleEmptyRoomEnd(roomId: string): void {
    this.cancelEmptyTimer(roomId);
    const timer = setTimeout(() => {
      this.emptyTimers.delete(roomId);
      void this.mutex.run(roomId, async () => {
        if (this.liveRoom(roomId).participantCount === 0) await this.endSessionLocked(roomId, 'empty');
      });
    }, this.config.emptyRoomGraceMs);
    timer.unref();
    this.emptyTimers.set(roomId, timer);
  }

  private cancelEmptyTimer(roomId: string): void {
    clearTimeout(this.emptyTimers.get(roomId));
    this.emptyTimers.delete(roomId);
  }

  /** The worker under the room died: its streams are gone, and every client must rebuild its media. */
  private onMediaLost(roomId: string): void {
    const live = this.rooms.get(roomId);
    if (!live) return;
    for (const id of live.participantIds()) {
      for (const stream of live.participant(id)?.streams ?? []) live.removeStream(id, stream.key);
      this.presence.get(id)?.subscriptions.clear();
    }
    live.mediaReconnectRequired('media_server_restarted');
  }

  /** Releases a room's watchers' state when nobody is in it or watching it. */
  forgetIfIdle(roomId: string): void {
    const live = this.rooms.get(roomId);
    if (live && !live.currentSessionId && live.watcherCount === 0) this.rooms.delete(roomId);
  }

  /** Ends every session as the process stops, so nothing is left open. The media stays up for the caller to close. */
  async shutdown(): Promise<void> {
    this.closing = true;
    for (const roomId of [...this.rooms.keys()]) {
      if (this.rooms.get(roomId)?.currentSessionId) await this.endSession(roomId, 'server_shutdown', 'session_ended');
    }
    for (const timer of this.emptyTimers.values()) clearTimeout(timer);
  }
}

function participantLeftPayload(p: { id: string; session_id: string; room_id: string; context: string | null; joined_at: Date }, at: Date, reason: string) {
  return {
    room_id: p.room_id,
    session_id: p.session_id,
    participant_id: p.id,
    context: p.context,
    duration_secs: Math.round((at.getTime() - p.joined_at.getTime()) / 1000),
    left_reason: reason,
  };
}

function sessionEndedPayload(s: RoomSessionRow) {
  return {
    room_id: s.room_id,
    session_id: s.id,
    duration_secs: Math.round(((s.ended_at ?? new Date()).getTime() - s.created_at.getTime()) / 1000),
    ended_reason: s.ended_reason,
  };
}
