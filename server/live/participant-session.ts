import { retryWhileDatabaseDown } from '../shared/database-unavailable.js';
import { randomBytes, randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import * as participants from '../../db/participants.js';
import type { MediaRooms, RoomMedia, WebRtcTransportParams } from '../../media/index.js';
import type { ClientTokenClaims } from '../access/client-token-signer.js';
import type { Logger } from '../app/logger.js';
import type { AccountEvents } from '../events/account-events.js';
import { participantJoinedPayload, participantLeftPayload } from '../events/payloads.js';
import type { LiveLeaveReason } from '../events/reasons.js';
import type { RoomStateView } from '../events/room-state.js';
import type { RoomService } from '../rooms/room-service.js';
import { NotJoinedError, RoomFullError, RoomOnAnotherNodeError } from '../shared/errors.js';
import type { ClientConnection } from './connection.js';
import type { RoomManager } from './room-manager.js';
import type { RoomSessions } from './room-sessions.js';
import { Subscriptions } from './subscriptions.js';

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
  subscriptions: Subscriptions;
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

export interface JoinOptions {
  context?: string | null;
  reconnect?: { participantId: string; reconnectKey: string } | null;
}

/**
 * The participants this node holds, from join to leave: their connection (and the grace period
 * after it drops), their token's lifetime, and the records and events of joining and leaving.
 */
export class ParticipantSessions {
  private readonly presence = new Map<string, Presence>();
  private readonly watchedMedia = new WeakSet<RoomMedia>();
  private closing = false;

  constructor(
    private readonly events: AccountEvents,
    private readonly roomService: RoomService,
    private readonly rooms: RoomManager,
    private readonly roomSessions: RoomSessions,
    private readonly media: MediaRooms,
    /** How long a participant whose WebSocket closed keeps its place (and media) for a reconnect. */
    private readonly reconnectGraceMs: number,
    private readonly log: Logger,
  ) {}

  find(participantId: string): Presence | undefined {
    return this.presence.get(participantId);
  }

  /** The participant this connection acts as, or a NotJoinedError. */
  require(connection: ClientConnection | undefined): Presence {
    const id = connection?.participantId;
    const p = id ? this.presence.get(id) : undefined;
    if (!p || p.connection !== connection) throw new NotJoinedError();
    return p;
  }

  /** Who is in the room, in order of joining. */
  presentIn(roomId: string): Presence[] {
    return [...this.presence.values()].filter((p) => p.roomId === roomId);
  }

  /** The process stops: nobody joins any more. */
  stopJoining(): void {
    this.closing = true;
  }

  async join(connection: ClientConnection, claims: ClientTokenClaims, opts: JoinOptions): Promise<JoinResult> {
    const roomId = claims.roomId;
    if (this.closing) {
      // In a cluster another node takes the room: the client is sent there rather than away.
      const location = await this.rooms.locate(roomId).catch(() => undefined);
      if (location && !location.here) throw new RoomOnAnotherNodeError(roomId, location.nodeId, location.url);
      throw new NotJoinedError('the server is shutting down: join again in a moment');
    }
    return this.rooms.locked(roomId, async () => {
      const resumable = opts.reconnect && this.presence.get(opts.reconnect.participantId);
      if (resumable && resumable.roomId === roomId && resumable.reconnectKey === opts.reconnect!.reconnectKey) {
        return this.resume(resumable, connection, claims);
      }
      if (connection.participantId && this.presence.has(connection.participantId)) {
        // One connection, one participant: a second join on it replaces the first.
        await this.leaveLocked(this.presence.get(connection.participantId)!, 'left');
      }
      return this.admit(connection, claims, opts.context ?? null);
    });
  }

  /**
   * A participant the server runs itself (an ingress): it has no connection and no token that
   * runs out, and its media comes through transports its runner opens; otherwise it is one like
   * any other (counted in maxParticipants, kicked and muted the same way).
   */
  async joinAsServer(roomId: string, context: string | null): Promise<JoinResult> {
    if (this.closing) throw new NotJoinedError('the server is shutting down: try again in a moment');
    const now = new Date();
    const claims: ClientTokenClaims = {
      type: 'access',
      roomId,
      grants: { canPublish: true, canSubscribe: false },
      tokenId: randomUUID(),
      // Its own family, so that a kick's revocation touches nobody else.
      familyId: randomUUID(),
      issuedAt: now,
      expiresAt: new Date(now.getTime() + SERVER_PARTICIPANT_TTL_MS),
    };
    return this.rooms.locked(roomId, () => this.admit(null, claims, context));
  }

  private async admit(connection: ClientConnection | null, claims: ClientTokenClaims, context: string | null): Promise<JoinResult> {
    const roomId = claims.roomId;
    const room = await this.roomService.requireLive(roomId, 'token');
    // One node: always here. With several, a room held elsewhere is joined there (the SDK follows).
    const location = await this.rooms.locate(roomId);
    if (!location.here) throw new RoomOnAnotherNodeError(roomId, location.nodeId, location.url);
    const live = this.rooms.liveRoom(roomId);
    if (live.participantCount >= room.max_participants) throw new RoomFullError(roomId, room.max_participants);

    const participantId = uuidv7();
    // A token that may neither publish nor subscribe needs no router: nothing of the room's media opens for it.
    const media = hasMedia(claims) ? await this.openMedia(roomId) : undefined;
    // A server-run participant opens its own transports (plain RTP ones).
    const webRtc = connection !== null;
    const [sendTransport, recvTransport] = await Promise.all([
      webRtc && claims.grants.canPublish ? media!.createWebRtcTransport(participantId, 'send') : null,
      webRtc && claims.grants.canSubscribe ? media!.createWebRtcTransport(participantId, 'recv') : null,
    ]);

    const now = new Date();
    let sessionId: string;
    try {
      sessionId = await this.events.transaction(async (trx, emit) => {
        const session_id = await this.roomSessions.current(trx, emit, live, now);
        const row = await participants.insertParticipant(trx, { id: participantId, session_id, room_id: roomId, context, at: now });
        await emit('video.room.participant.joined', roomId, participantJoinedPayload(row));
        return session_id;
      });
    } catch (err) {
      media?.removeParticipant(participantId);
      throw err;
    }

    const started = this.roomSessions.joined(live, sessionId);
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
      subscriptions: new Subscriptions(),
    };
    this.presence.set(participantId, presence);
    live.addParticipant({ id: participantId, context, joinedAt: now, canPublish: claims.grants.canPublish, canSubscribe: claims.grants.canSubscribe });
    if (connection) this.bind(presence, connection, claims);
    if (started) await this.rooms.held(roomId);
    await this.rooms.directory.addPresence({ participantId, roomId, sessionId, nodeId: this.rooms.nodeId });
    this.log.info({ roomId, sessionId, participantId }, 'participant joined');
    return {
      participantId,
      reconnectKey: presence.reconnectKey,
      sessionId,
      resumed: false,
      routerRtpCapabilities: media ? await media.getRtpCapabilities() : await this.media.rtpCapabilities(),
      sendTransport,
      recvTransport,
      roomState: live.snapshot(),
      context,
      joinedAt: now,
    };
  }

  /** A client back inside the grace period: same participant, and its media kept if it survived. */
  private async resume(p: Presence, connection: ClientConnection, claims: ClientTokenClaims): Promise<JoinResult> {
    const media = hasMedia(p.claims) ? await this.openMedia(p.roomId) : undefined;
    // Transports survive a WebSocket drop; they do not survive a worker crash, and then the client
    // needs new ones to publish and subscribe again.
    const mediaKept = !media || media.participantIds().includes(p.participantId);
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
      routerRtpCapabilities: media ? await media.getRtpCapabilities() : await this.media.rtpCapabilities(),
      sendTransport,
      recvTransport,
      roomState: this.rooms.liveRoom(p.roomId).snapshot(),
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

  /** The room's media, opened if need be, and watched by the live room. */
  async openMedia(roomId: string): Promise<RoomMedia> {
    const media = await this.media.openRoom(roomId);
    this.watchMedia(media);
    return media;
  }

  /**
   * Once per RoomMedia: the room's dominant speaker becomes its activeSpeaker (AudioActivity), and
   * when a participant's media closes nobody stays subscribed to it.
   */
  private watchMedia(media: RoomMedia): void {
    if (this.watchedMedia.has(media)) return;
    this.watchedMedia.add(media);
    media.on('dominantSpeaker', ({ roomId, track }) => this.rooms.findRoom(roomId)?.setActiveSpeaker(track.participantId, track.streamKey));
    media.on('peerClosed', ({ roomId, participantId }) => {
      for (const other of this.presentIn(roomId)) other.subscriptions.forgetPublisher(participantId);
    });
  }

  /** The WebSocket of a participant closed: it has the grace period to come back. */
  connectionClosed(connection: ClientConnection): void {
    const p = connection.participantId ? this.presence.get(connection.participantId) : undefined;
    if (!p || p.connection !== connection) return;
    p.connection = null;
    clearTimeout(p.graceTimer);
    p.graceTimer = setTimeout(() => void this.leave(p.participantId, 'disconnected'), this.reconnectGraceMs);
    p.graceTimer.unref();
    this.log.info({ roomId: p.roomId, participantId: p.participantId, graceMs: this.reconnectGraceMs }, 'participant connection lost');
  }

  async leave(participantId: string, reason: LiveLeaveReason): Promise<boolean> {
    const p = this.presence.get(participantId);
    if (!p) return false;
    return this.rooms.locked(p.roomId, () => this.leaveLocked(p, reason));
  }

  /** Leaves holding the room's lock. */
  async leaveLocked(p: Presence, reason: LiveLeaveReason): Promise<boolean> {
    if (this.presence.get(p.participantId) !== p) return false;
    this.presence.delete(p.participantId);
    clearTimeout(p.graceTimer);
    clearTimeout(p.tokenTimer);
    if (p.connection) p.connection.participantId = undefined;

    const live = this.rooms.liveRoom(p.roomId);
    const now = new Date();
    const gone = () => {
      live.removeParticipant(p.participantId, reason);
      this.media.findRoom(p.roomId)?.removeParticipant(p.participantId);
    };
    try {
      // Recorded before it is announced: whoever hears ParticipantLeft and reads the participant
      // finds it left, with its reason. A leave cannot be refused: with the database away it is
      // announced at once and written when the database is back (the room's lock, held meanwhile,
      // keeps the room's later records after it).
      const record = () =>
        this.events.transaction(async (trx, emit) => {
          const row = await participants.markParticipantLeft(trx, p.participantId, now, reason);
          if (row) await emit('video.room.participant.left', p.roomId, participantLeftPayload(row, now, reason));
        });
      await retryWhileDatabaseDown(record, { log: this.log, what: 'a participant’s leave', onDown: gone });
    } finally {
      gone();
    }
    await this.rooms.directory.removePresence(p.participantId);
    this.log.info({ roomId: p.roomId, participantId: p.participantId, reason }, 'participant left');
    if (live.participantCount === 0) this.roomSessions.scheduleEmptyEnd(p.roomId);
    return true;
  }
}

/** Nominal only: a server-run participant's claims are never checked against the clock. */
const SERVER_PARTICIPANT_TTL_MS = 365 * 86_400_000;

const hasMedia = (claims: ClientTokenClaims) => claims.grants.canPublish || claims.grants.canSubscribe;
