import type { RoomEventRecord } from '../events/catalog.js';
import type { DomainBus } from '../events/topics.js';
import type { LiveDirectory } from '../ports/live-directory.js';
import type { NodeRegistry } from '../ports/node-registry.js';
import type { RoomPlacement } from '../ports/room-placement.js';
import { KeyedLocks } from '../shared/keyed-locks.js';
import { LiveRoom } from './live-room.js';

/** Where a room runs: here, or on another node (and where to send its clients). */
export type RoomLocation = { here: true } | { here: false; nodeId: string; url: string };

/** A room claimed for a node lapses this long after the claim unless its session starts there. */
const CLAIM_TTL_MS = 30_000;

/**
 * The live rooms this node holds: each room's LiveRoom, the lock its joins, leaves and session
 * changes take, and its entry in the directory of live rooms.
 */
export class RoomManager {
  private readonly rooms = new Map<string, LiveRoom>();
  // Joins, leaves and session changes of one room run one at a time: capacity checks and the
  // start and end of a session must not interleave.
  private readonly locks = new KeyedLocks();

  constructor(
    private readonly bus: DomainBus,
    readonly directory: LiveDirectory,
    readonly placement: RoomPlacement,
    readonly nodes: NodeRegistry,
  ) {}

  get nodeId(): string {
    return this.placement.nodeId;
  }

  /** Runs `task` holding the room's lock. */
  locked<T>(roomId: string, task: () => Promise<T>): Promise<T> {
    return this.locks.run(roomId, task);
  }

  /** The room's live state, created on first use (a dashboard may watch an idle room). */
  liveRoom(roomId: string): LiveRoom {
    let room = this.rooms.get(roomId);
    if (!room) {
      room = new LiveRoom(roomId, this.bus);
      this.rooms.set(roomId, room);
    }
    return room;
  }

  findRoom(roomId: string): LiveRoom | undefined {
    return this.rooms.get(roomId);
  }

  roomIds(): string[] {
    return [...this.rooms.keys()];
  }

  /** Every delta of every room this node runs, for the server's own listeners (recordings). */
  onRoomEvent(listener: (event: RoomEventRecord) => void): () => void {
    return this.bus.subscribe('room', null, (event) => {
      if (this.rooms.get(event.roomId)?.isPublishing(event)) listener(event);
    });
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

  /**
   * Where the room runs: its holder while that node is alive; else (nobody, or a dead node) the
   * node placement chooses, claimed atomically so that two nodes placing it at once agree.
   */
  async locate(roomId: string): Promise<RoomLocation> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const holder = await this.directory.roomHolder(roomId);
      if (holder === this.nodeId) return { here: true };
      if (holder && (await this.nodes.isLive(holder))) return this.elsewhere(holder);
      const chosen = await this.placement.place(roomId);
      if (await this.directory.claimRoom(roomId, chosen, holder, CLAIM_TTL_MS)) return chosen === this.nodeId ? { here: true } : this.elsewhere(chosen);
    }
    throw new Error(`room ${roomId}: could not settle on a node (the claim kept changing hands)`);
  }

  private async elsewhere(nodeId: string): Promise<RoomLocation> {
    const node = (await this.nodes.liveNodes()).find((n) => n.nodeId === nodeId);
    if (!node) throw new Error(`node ${nodeId} went away while a room was being placed on it`);
    return { here: false, nodeId, url: node.url };
  }

  /** The live nodes' base URLs, this one first. */
  async nodeUrls(): Promise<string[]> {
    const nodes = await this.nodes.liveNodes();
    return nodes.sort((a, b) => Number(b.nodeId === this.nodeId) - Number(a.nodeId === this.nodeId)).map((n) => n.url);
  }

  /** The node holding the room's live state, if it is live on an alive node other than this one. */
  async remoteHolder(roomId: string): Promise<string | undefined> {
    const holder = await this.directory.roomHolder(roomId);
    if (!holder || holder === this.nodeId) return undefined;
    return (await this.nodes.isLive(holder)) ? holder : undefined;
  }

  /** A session started here: other nodes find the room through the directory. */
  held(roomId: string): Promise<void> {
    return this.directory.holdRoom(roomId, this.nodeId);
  }

  /** The room's session ended: it is live nowhere, and its state goes once nobody watches it. */
  async released(roomId: string): Promise<void> {
    await this.directory.releaseRoom(roomId, this.nodeId);
    this.forgetIfIdle(roomId);
  }

  /** Releases a room's state when nobody is in it or watching it. */
  forgetIfIdle(roomId: string): void {
    const live = this.rooms.get(roomId);
    if (live && !live.currentSessionId && live.watcherCount === 0) this.rooms.delete(roomId);
  }
}
