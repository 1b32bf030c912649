import { retryWhileDatabaseDown } from '../shared/database-unavailable.js';
import type { Kysely, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { findById } from '../../db/by-id.js';
import * as participants from '../../db/participants.js';
import * as sessions from '../../db/sessions.js';
import type { Database, RoomSessionRow } from '../../db/types.js';
import type { MediaRooms } from '../../media/index.js';
import type { Logger } from '../app/logger.js';
import type { AccountEvents, Emit } from '../events/account-events.js';
import { participantLeftPayload, sessionEndedPayload } from '../events/payloads.js';
import type { LiveSessionEndReason, SessionEndReason } from '../events/reasons.js';
import type { LiveRoom } from './live-room.js';
import type { RoomManager } from './room-manager.js';

/**
 * The sessions of live rooms: one starts with a room's first participant and ends when the room
 * stays empty, when the API ends it, or when the process stops. Callers hold the room's lock.
 */
export class RoomSessions {
  private readonly emptyTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly events: AccountEvents,
    private readonly rooms: RoomManager,
    private readonly media: MediaRooms,
    /** How long an empty room keeps its session open before it ends. */
    private readonly emptyRoomGraceMs: number,
    private readonly log: Logger,
  ) {}

  /** Sessions left open by a previous process are over: nobody can still be connected to them. */
  async closeStale(): Promise<number> {
    const open = await sessions.openSessions(this.db);
    for (const session of open) await this.events.transaction((trx, emit) => this.closeAbandoned(trx, emit, session, new Date(), 'server_restarted'));
    return open.length;
  }

  /** In a cluster: the sessions a dead node ran are over; those who were in them and did not come back left. */
  async closeSessionsOf(nodeId: string): Promise<number> {
    const open = await sessions.activeSessionsOfNode(this.db, nodeId);
    let closed = 0;
    for (const session of open) {
      if (await this.events.transaction((trx, emit) => this.closeAbandoned(trx, emit, session, new Date(), 'node_lost'))) closed += 1;
    }
    return closed;
  }

  /** Within a join's transaction: the room's session in progress, or a new one. */
  async current(trx: Transaction<Database>, emit: Emit, live: LiveRoom, at: Date): Promise<string> {
    const session = live.currentSessionId ? await findById(trx, 'room_sessions', live.currentSessionId) : undefined;
    if (session?.active) return session.id;
    // This node holds the room's claim, so a session still open elsewhere was left by a node that
    // died (its clients are rejoining here): it ends before the new one starts.
    for (const orphan of await sessions.activeRoomSessions(trx, live.roomId)) await this.closeAbandoned(trx, emit, orphan, at, 'node_lost');
    const started = await sessions.insertSession(trx, { id: uuidv7(), room_id: live.roomId, at, node_id: this.rooms.nodeId });
    await emit('video.room.session.started', live.roomId, { room_id: live.roomId, session_id: started.id });
    return started.id;
  }

  /**
   * After the join committed: the room's live state follows its session. Synchronous, so the
   * participant is added in the same step; returns whether the session is new (the caller then
   * records in the directory that this node holds the room).
   */
  joined(live: LiveRoom, sessionId: string): boolean {
    this.cancelEmptyEnd(live.roomId);
    if (live.currentSessionId === sessionId) return false;
    live.startSession(sessionId);
    return true;
  }

  /** Ends the room's session now; whoever is still present must have left already. */
  async end(roomId: string, reason: LiveSessionEndReason): Promise<RoomSessionRow | undefined> {
    this.cancelEmptyEnd(roomId);
    const live = this.rooms.findRoom(roomId);
    const sessionId = live?.currentSessionId;
    if (!live || !sessionId) return undefined;
    const at = new Date();
    // A session that ended (it emptied, the room was deleted) is recorded as ended even when the database was away a moment.
    const ended = await retryWhileDatabaseDown(() => this.events.transaction((trx, emit) => this.endRow(trx, emit, sessionId, at, reason)), { log: this.log, what: 'the end of a session' });
    live.endSession(reason);
    this.media.closeRoom(roomId);
    await this.rooms.released(roomId);
    this.log.info({ roomId, sessionId, reason }, 'session ended');
    return ended;
  }

  /** The last participant left: the session ends unless someone joins within the grace period. */
  scheduleEmptyEnd(roomId: string): void {
    this.cancelEmptyEnd(roomId);
    const timer = setTimeout(() => {
      this.emptyTimers.delete(roomId);
      void this.rooms.locked(roomId, async () => {
        if (this.rooms.liveRoom(roomId).participantCount === 0) await this.end(roomId, 'empty');
      });
    }, this.emptyRoomGraceMs);
    timer.unref();
    this.emptyTimers.set(roomId, timer);
  }

  cancelEmptyEnd(roomId: string): void {
    clearTimeout(this.emptyTimers.get(roomId));
    this.emptyTimers.delete(roomId);
  }

  /** The process stops: no timer may fire after it. */
  stopTimers(): void {
    for (const timer of this.emptyTimers.values()) clearTimeout(timer);
  }

  /** Ends a session nobody runs any more, its participants first; false when it had ended meanwhile. */
  private async closeAbandoned(trx: Transaction<Database>, emit: Emit, session: RoomSessionRow, at: Date, reason: 'server_restarted' | 'node_lost'): Promise<boolean> {
    // Ended first: of two nodes closing it at once, only the one whose update took the row goes on.
    const ended = await sessions.endSession(trx, session.id, at, reason);
    if (!ended) return false;
    for (const p of await participants.presentParticipants(trx, session.id)) {
      await participants.markParticipantLeft(trx, p.id, at, reason);
      await emit('video.room.participant.left', session.room_id, participantLeftPayload(p, at, reason));
    }
    await emit('video.room.session.ended', ended.room_id, sessionEndedPayload(ended, reason));
    return true;
  }

  private async endRow(trx: Transaction<Database>, emit: Emit, sessionId: string, at: Date, reason: SessionEndReason) {
    const row = await sessions.endSession(trx, sessionId, at, reason);
    if (row) await emit('video.room.session.ended', row.room_id, sessionEndedPayload(row, reason));
    return row;
  }
}
