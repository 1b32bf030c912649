import type { Redis } from 'ioredis';
import type { Logger } from '../../app/logger.js';
import type { LiveDirectory, PresenceEntry } from '../live-directory.js';

// Claims the room for a node if its holder is still the one the caller saw ('' for nobody).
const CLAIM = `
local current = redis.call('GET', KEYS[1]) or ''
if current ~= ARGV[2] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
return 1`;

// Drops the holder only if it is still the given node: another may have taken the room meanwhile.
const RELEASE = `
if (redis.call('GET', KEYS[1]) or '') == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`;

/**
 * The directory in Redis: `room:<id>:holder` names the node (lapsing while only claimed, kept once
 * the node holds the session), `holder:<node>` lists a node's rooms, `room:<id>:presence` maps
 * participants to their entries (joined in order by the entry's time). What this node wrote is kept
 * here too and written again when Redis comes back, so that a Redis restart loses no room.
 */
export class RedisLiveDirectory implements LiveDirectory {
  private readonly prefix: string;
  private readonly ownRooms = new Set<string>();
  private readonly ownPresence = new Map<string, PresenceEntry & { at: number }>();
  private readonly onReady = () => void this.restore();
  /** When the last entry was added: each later one is stamped at least 1 ms after it. */
  private lastAt = 0;

  constructor(
    private readonly redis: Redis,
    private readonly nodeId: string,
    private readonly log: Logger,
    prefix = 'vr:',
  ) {
    this.prefix = prefix;
    redis.on('ready', this.onReady);
  }

  close(): void {
    this.redis.off('ready', this.onReady);
  }

  private holderKey(roomId: string): string {
    return `${this.prefix}room:${roomId}:holder`;
  }

  private roomsKey(nodeId: string): string {
    return `${this.prefix}holder:${nodeId}`;
  }

  private presenceKey(roomId: string): string {
    return `${this.prefix}room:${roomId}:presence`;
  }

  private participantKey(participantId: string): string {
    return `${this.prefix}participant:${participantId}`;
  }

  async claimRoom(roomId: string, nodeId: string, previous: string | undefined, ttlMs: number): Promise<boolean> {
    return (await this.redis.eval(CLAIM, 1, this.holderKey(roomId), nodeId, previous ?? '', String(ttlMs))) === 1;
  }

  async holdRoom(roomId: string, nodeId: string): Promise<void> {
    if (nodeId === this.nodeId) this.ownRooms.add(roomId);
    await this.redis.multi().set(this.holderKey(roomId), nodeId).sadd(this.roomsKey(nodeId), roomId).exec();
  }

  async releaseRoom(roomId: string, nodeId: string): Promise<void> {
    if (nodeId === this.nodeId) this.ownRooms.delete(roomId);
    await this.redis.multi().eval(RELEASE, 1, this.holderKey(roomId), nodeId).srem(this.roomsKey(nodeId), roomId).exec();
  }

  async roomHolder(roomId: string): Promise<string | undefined> {
    return (await this.redis.get(this.holderKey(roomId))) ?? undefined;
  }

  async addPresence(entry: PresenceEntry): Promise<void> {
    // Joins within one millisecond keep their order: the holder writes its room's entries, and its
    // stamps only go up (a tie would leave the order to the hash).
    this.lastAt = Math.max(Date.now(), this.lastAt + 1);
    const stored = { ...entry, at: this.lastAt };
    if (entry.nodeId === this.nodeId) this.ownPresence.set(entry.participantId, stored);
    const value = JSON.stringify(stored);
    await this.redis.multi().hset(this.presenceKey(entry.roomId), entry.participantId, value).set(this.participantKey(entry.participantId), value).exec();
  }

  async removePresence(participantId: string): Promise<void> {
    const own = this.ownPresence.get(participantId);
    this.ownPresence.delete(participantId);
    const entry = own ?? (await this.findPresence(participantId));
    const tx = this.redis.multi().del(this.participantKey(participantId));
    if (entry) tx.hdel(this.presenceKey(entry.roomId), participantId);
    await tx.exec();
  }

  async findPresence(participantId: string): Promise<PresenceEntry | undefined> {
    const value = await this.redis.get(this.participantKey(participantId));
    return value ? entryOf(JSON.parse(value)) : undefined;
  }

  async presentIn(roomId: string): Promise<PresenceEntry[]> {
    const values = Object.values(await this.redis.hgetall(this.presenceKey(roomId)));
    return values
      .map((v) => JSON.parse(v) as PresenceEntry & { at: number })
      .sort((a, b) => a.at - b.at)
      .map(entryOf);
  }

  async roomsHeldBy(nodeId: string): Promise<string[]> {
    return this.redis.smembers(this.roomsKey(nodeId));
  }

  async forgetNode(nodeId: string): Promise<void> {
    for (const roomId of await this.roomsHeldBy(nodeId)) {
      const presence = await this.redis.hgetall(this.presenceKey(roomId));
      const gone = Object.entries(presence)
        .filter(([, v]) => (JSON.parse(v) as PresenceEntry).nodeId === nodeId)
        .map(([id]) => id);
      const tx = this.redis.multi().eval(RELEASE, 1, this.holderKey(roomId), nodeId);
      if (gone.length) tx.hdel(this.presenceKey(roomId), ...gone).del(...gone.map((id) => this.participantKey(id)));
      await tx.exec();
    }
    await this.redis.del(this.roomsKey(nodeId));
  }

  /** Redis is back (maybe empty after a restart): this node's rooms and participants are written again. */
  private async restore(): Promise<void> {
    if (!this.ownRooms.size && !this.ownPresence.size) return;
    try {
      const tx = this.redis.multi();
      for (const roomId of this.ownRooms) tx.set(this.holderKey(roomId), this.nodeId, 'NX').sadd(this.roomsKey(this.nodeId), roomId);
      for (const entry of this.ownPresence.values()) {
        const value = JSON.stringify(entry);
        tx.hset(this.presenceKey(entry.roomId), entry.participantId, value).set(this.participantKey(entry.participantId), value);
      }
      await tx.exec();
      this.log.info({ rooms: this.ownRooms.size, participants: this.ownPresence.size }, 'Redis is back: wrote this node’s rooms and participants again');
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'could not write this node’s rooms to Redis again');
    }
  }
}

function entryOf(v: PresenceEntry): PresenceEntry {
  return { participantId: v.participantId, roomId: v.roomId, sessionId: v.sessionId, nodeId: v.nodeId };
}
