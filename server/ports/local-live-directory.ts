import type { LiveDirectory, PresenceEntry } from './live-directory.js';

/** The directory of one process: two maps in memory (claims never lapse: there is no other node to wait for). */
export class LocalLiveDirectory implements LiveDirectory {
  private readonly holders = new Map<string, string>();
  private readonly presence = new Map<string, PresenceEntry>();

  async claimRoom(roomId: string, nodeId: string, previous: string | undefined): Promise<boolean> {
    if (this.holders.get(roomId) !== previous) return false;
    this.holders.set(roomId, nodeId);
    return true;
  }

  async holdRoom(roomId: string, nodeId: string): Promise<void> {
    this.holders.set(roomId, nodeId);
  }

  async releaseRoom(roomId: string, nodeId: string): Promise<void> {
    if (this.holders.get(roomId) === nodeId) this.holders.delete(roomId);
  }

  async roomHolder(roomId: string): Promise<string | undefined> {
    return this.holders.get(roomId);
  }

  async addPresence(entry: PresenceEntry): Promise<void> {
    this.presence.set(entry.participantId, { ...entry });
  }

  async removePresence(participantId: string): Promise<void> {
    this.presence.delete(participantId);
  }

  async findPresence(participantId: string): Promise<PresenceEntry | undefined> {
    const entry = this.presence.get(participantId);
    return entry && { ...entry };
  }

  async presentIn(roomId: string): Promise<PresenceEntry[]> {
    return [...this.presence.values()].filter((e) => e.roomId === roomId).map((e) => ({ ...e }));
  }

  async roomsHeldBy(nodeId: string): Promise<string[]> {
    return [...this.holders].filter(([, holder]) => holder === nodeId).map(([roomId]) => roomId);
  }

  async forgetNode(nodeId: string): Promise<void> {
    for (const [roomId, holder] of this.holders) if (holder === nodeId) this.holders.delete(roomId);
    for (const [id, entry] of this.presence) if (entry.nodeId === nodeId) this.presence.delete(id);
  }
}
