/**
 * Decides which node runs a room that is not live anywhere yet (its router, its live state, its
 * participants' connections). On one node: always this one; with several, a shared
 * implementation weighs their load.
 */
export interface RoomPlacement {
  /** This node's id, as the directory records it. */
  readonly nodeId: string;
  /** The node that should run the room. */
  place(roomId: string): Promise<string>;
}
