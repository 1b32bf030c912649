import type { LiveDirectory, PresenceEntry } from './live-directory.js';

/** The directory of one process: two maps in memory. */
export class LocalLiveDirectory implements LiveDirectory {
  private readonly holders = new Map<string, string>();
  private readonly presence = new Map<string, PresenceEntry>();

  async holdRoom(roomId: string, nodeId: string): Promise<void> {
    this.holders.set(roomId, nodeId);
  }

  async releaseRoom(roomId: string): Promise<void> {
    this.holders.delete(roomId);
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
}
