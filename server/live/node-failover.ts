import type { Logger } from '../app/logger.js';
import type { LiveDirectory } from '../ports/live-directory.js';
import type { NodeRegistry } from '../ports/node-registry.js';
import type { RoomSessions } from './room-sessions.js';

/** Long enough for one node to close a dead node's sessions; another takes over if it dies doing it. */
const CLEANUP_LOCK_MS = 60_000;

/**
 * In a cluster: cleans up after nodes that died. Their clients rejoin by themselves, on live nodes
 * (the first join of a room claims it again and closes the dead node's session there); this closes
 * what nobody came back to: every session a dead node left open ends (`node_lost`, its participants
 * leaving with the same reason), and its rooms and presence leave the directory. One node does it
 * per dead node (a lock in Redis); each looks once per heartbeat.
 */
export class NodeFailover {
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly deps: {
      nodes: NodeRegistry;
      directory: LiveDirectory;
      sessions: RoomSessions;
      /** Finalizes the recordings a dead node was writing (the files play up to where it died). */
      finalizeRecordingsOf: (nodeId: string) => Promise<number>;
      /** Ends the ingresses a dead node ran (their ffmpeg and transports died with it). */
      endIngressesOf: (nodeId: string) => Promise<number>;
      /** The nodes named by sessions still open in the database (some may never have beaten since Redis restarted). */
      nodesWithOpenSessions: () => Promise<string[]>;
      log: Logger;
    },
    private readonly everyMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.check(), this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** One round: returns the nodes this node cleaned up after. */
  async check(): Promise<string[]> {
    if (this.running) return [];
    this.running = true;
    const { nodes, directory, sessions, log } = this.deps;
    const cleaned: string[] = [];
    try {
      const fromDatabase = (await this.deps.nodesWithOpenSessions()).filter((id) => id !== nodes.nodeId);
      for (const nodeId of await nodes.deadNodes(fromDatabase)) {
        if (!(await nodes.lockCleanup(nodeId, CLEANUP_LOCK_MS))) continue;
        const closed = await sessions.closeSessionsOf(nodeId);
        const recordings = await this.deps.finalizeRecordingsOf(nodeId);
        await this.deps.endIngressesOf(nodeId);
        await directory.forgetNode(nodeId);
        await nodes.forget(nodeId);
        cleaned.push(nodeId);
        log.warn({ nodeId, sessionsClosed: closed, recordingsFinalized: recordings }, 'node lost: closed the sessions it left open, finalized its recordings, dropped it from the directory');
      }
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'looking for lost nodes failed; trying again at the next beat');
    } finally {
      this.running = false;
    }
    return cleaned;
  }
}
