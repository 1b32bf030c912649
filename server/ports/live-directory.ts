/** Where a participant is: enough for any node to route a request about it. */
export interface PresenceEntry {
  participantId: string;
  roomId: string;
  sessionId: string;
  /** The node holding the participant's room (and its connection and media). */
  nodeId: string;
}

/**
 * The directory of live rooms and presence: which node holds which room, and who is in it. The
 * node holding a room writes here; any node reads. In-process for one node; a Redis
 * implementation shares it between nodes.
 */
export interface LiveDirectory {
  /**
   * Claims the room for `nodeId` if its holder is still `previous` (undefined: nobody), atomically:
   * of two nodes placing one room at once, one wins. The claim lapses after `ttlMs` unless the node
   * starts the room's session (holdRoom) meanwhile: a client sent there may never arrive.
   */
  claimRoom(roomId: string, nodeId: string, previous: string | undefined, ttlMs: number): Promise<boolean>;
  /** Records that `nodeId` holds the room's live state and media from now on (no lapse). */
  holdRoom(roomId: string, nodeId: string): Promise<void>;
  /** The room is no longer live on `nodeId` (nothing changes if another node holds it now). */
  releaseRoom(roomId: string, nodeId: string): Promise<void>;
  /** The node holding the room, if it is live. */
  roomHolder(roomId: string): Promise<string | undefined>;
  addPresence(entry: PresenceEntry): Promise<void>;
  removePresence(participantId: string): Promise<void>;
  findPresence(participantId: string): Promise<PresenceEntry | undefined>;
  /** Who is in the room, in order of joining. */
  presentIn(roomId: string): Promise<PresenceEntry[]>;
  /** The rooms `nodeId` holds. */
  roomsHeldBy(nodeId: string): Promise<string[]>;
  /** A dead node's rooms and presence are dropped (rooms another node took meanwhile stay theirs). */
  forgetNode(nodeId: string): Promise<void>;
}
