import type { NodeInfo, NodeRegistry } from '../node-registry.js';
import type { RoomPlacement } from '../room-placement.js';

/**
 * A room goes to the least-loaded live node that is not draining. Load is the media workers' CPU
 * (what runs out first) plus a little per participant, so that rooms started together, before
 * their CPU shows, still spread.
 */
export function loadScore(node: NodeInfo): number {
  return node.load.workerCpuPercent + node.load.participants * 2 + node.load.rooms;
}

export class RedisRoomPlacement implements RoomPlacement {
  constructor(private readonly nodes: NodeRegistry) {}

  get nodeId(): string {
    return this.nodes.nodeId;
  }

  async place(): Promise<string> {
    const candidates = (await this.nodes.liveNodes()).filter((n) => !n.draining);
    if (!candidates.length) throw new Error('no live node can take a room (every node is draining or silent)');
    // Ties go to the node deciding, which saves the client a hop.
    candidates.sort((a, b) => loadScore(a) - loadScore(b) || Number(b.nodeId === this.nodeId) - Number(a.nodeId === this.nodeId));
    return candidates[0]!.nodeId;
  }
}
