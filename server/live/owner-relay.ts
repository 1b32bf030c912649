import type { NodeRpc } from '../ports/node-rpc.js';
import type { RoomManager } from './room-manager.js';

/**
 * Runs an operation on a live room where the room runs. A room's live state and media are on one
 * node; an API call about it (moderation, an operator's message, a room's deletion, a watcher's
 * first snapshot) may reach any node, which hands it to the holder over the RPC port. One node:
 * always here.
 */
export class OwnerRelay {
  private readonly handlers = new Map<string, (args: never) => Promise<unknown>>();

  constructor(
    private readonly rooms: RoomManager,
    private readonly rpc: NodeRpc,
  ) {}

  /**
   * Declares an operation: `local` runs it on this node. Returns the function to call it with,
   * which runs it here when the room is not live on another alive node, and there otherwise.
   */
  define<A extends { roomId: string }, R>(method: string, local: (args: A) => Promise<R>): (args: A) => Promise<R> {
    if (this.handlers.has(method)) throw new Error(`relayed operation ${method} is defined twice`);
    this.handlers.set(method, local as (args: never) => Promise<unknown>);
    this.rpc.handle(method, (args) => local(args as A));
    return async (args: A) => {
      const holder = await this.rooms.remoteHolder(args.roomId);
      return holder ? this.rpc.call<R>(holder, method, args) : local(args);
    };
  }
}
