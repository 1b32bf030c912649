/** What a node tells the others about itself with each heartbeat. */
export interface NodeLoad {
  rooms: number;
  participants: number;
  consumers: number;
  /** Mean CPU of its media workers since the last beat, in % of one core. */
  workerCpuPercent: number;
}

export interface NodeInfo {
  nodeId: string;
  /** Its base URL (PUBLIC_URL): clients are sent there to join the rooms it runs. */
  url: string;
  /** Stopping: it takes no new rooms. */
  draining: boolean;
  load: NodeLoad;
  startedAt: string;
  /** When it last beat (ms since the epoch). */
  beatAt: number;
}

/**
 * The nodes of the platform and whether each is alive. One process: itself only. With Redis, each
 * node beats with its load, and a node not heard from within the timeout is dead.
 */
export interface NodeRegistry {
  readonly nodeId: string;
  /** Starts beating (at once, then every period) with the load `load()` reads. */
  start(url: string, load: () => NodeLoad): Promise<void>;
  stop(): Promise<void>;
  /** Nodes heard from within the timeout, this one included. */
  liveNodes(): Promise<NodeInfo[]>;
  isLive(nodeId: string): Promise<boolean>;
  /**
   * Nodes that were registered (or are named in `alsoCheck`) and have been silent for longer than
   * the timeout, as this node has seen it.
   */
  deadNodes(alsoCheck?: readonly string[]): Promise<string[]>;
  /** Takes the lock on cleaning up after a dead node for `ttlMs`: true for the one node that does it. */
  lockCleanup(nodeId: string, ttlMs: number): Promise<boolean>;
  /** A dead node's leftovers are cleaned up: it leaves the registry. */
  forget(nodeId: string): Promise<void>;
  /** From now on this node takes no new rooms. */
  setDraining(): Promise<void>;
}
