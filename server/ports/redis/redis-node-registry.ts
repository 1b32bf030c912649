import type { Redis } from 'ioredis';
import type { Logger } from '../../app/logger.js';
import type { NodeInfo, NodeLoad, NodeRegistry } from '../node-registry.js';

export interface RedisNodeRegistryOptions {
  nodeId: string;
  heartbeatMs: number;
  /** A node not heard from for this long is dead. */
  timeoutMs: number;
  prefix?: string;
  log: Logger;
}

/**
 * Nodes beat into Redis: each writes its record under a key that lapses after the timeout, and
 * stays in a set of the nodes ever registered. A member whose key has lapsed is dead; it leaves the
 * set once its leftovers are cleaned up (forget). A node counts another as dead only after seeing
 * it missing for a whole timeout itself: just after Redis restarts every key is gone, and the live
 * nodes' next beats bring them back well before that.
 */
export class RedisNodeRegistry implements NodeRegistry {
  readonly nodeId: string;
  private readonly prefix: string;
  private timer: NodeJS.Timeout | undefined;
  private url = '';
  private load: () => NodeLoad = () => ({ rooms: 0, participants: 0, consumers: 0, workerCpuPercent: 0 });
  private draining = false;
  private readonly startedAt = new Date().toISOString();
  private readonly missingSince = new Map<string, number>();
  private readonly onReady = () => {
    // Back from an outage: nobody has beaten for a while, and the others reconnect at their own
    // pace. Silence is counted again from now, so none is judged dead for the outage itself.
    this.missingSince.clear();
    void this.beat();
  };

  constructor(
    private readonly redis: Redis,
    private readonly opts: RedisNodeRegistryOptions,
  ) {
    this.nodeId = opts.nodeId;
    this.prefix = opts.prefix ?? 'vr:';
  }

  private key(nodeId: string): string {
    return `${this.prefix}node:${nodeId}`;
  }

  private get setKey(): string {
    return `${this.prefix}nodes`;
  }

  async start(url: string, load: () => NodeLoad): Promise<void> {
    this.url = url;
    this.load = load;
    await this.beat();
    this.timer = setInterval(() => void this.beat(), this.opts.heartbeatMs);
    this.timer.unref();
    // After Redis comes back (empty, if it restarted), this node is there again at once.
    this.redis.on('ready', this.onReady);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.redis.off('ready', this.onReady);
    // Leaving on purpose: the others need not wait for the timeout.
    await this.redis
      .multi()
      .del(this.key(this.nodeId))
      .srem(this.setKey, this.nodeId)
      .exec()
      .catch(() => {});
  }

  private async beat(): Promise<void> {
    const info: NodeInfo = { nodeId: this.nodeId, url: this.url, draining: this.draining, load: this.load(), startedAt: this.startedAt, beatAt: Date.now() };
    try {
      await this.redis.multi().set(this.key(this.nodeId), JSON.stringify(info), 'PX', this.opts.timeoutMs).sadd(this.setKey, this.nodeId).exec();
    } catch (err) {
      this.opts.log.warn({ err: (err as Error).message }, 'node heartbeat failed (Redis unreachable?)');
    }
  }

  async liveNodes(): Promise<NodeInfo[]> {
    const ids = await this.redis.smembers(this.setKey);
    if (!ids.length) return [];
    const values = await this.redis.mget(ids.map((id) => this.key(id)));
    const nodes: NodeInfo[] = [];
    for (const value of values) {
      if (!value) continue;
      try {
        nodes.push(JSON.parse(value) as NodeInfo);
      } catch {
        // A record this version cannot read is not a node it can send clients to.
      }
    }
    return nodes;
  }

  async isLive(nodeId: string): Promise<boolean> {
    if (nodeId === this.nodeId) return true;
    return (await this.redis.exists(this.key(nodeId))) === 1;
  }

  async deadNodes(alsoCheck: readonly string[] = []): Promise<string[]> {
    const ids = [...new Set([...(await this.redis.smembers(this.setKey)), ...alsoCheck])];
    const now = Date.now();
    const dead: string[] = [];
    const others = ids.filter((id) => id !== this.nodeId);
    const present = others.length ? await this.redis.mget(others.map((id) => this.key(id))) : [];
    others.forEach((id, i) => {
      if (present[i]) return void this.missingSince.delete(id);
      const since = this.missingSince.get(id) ?? now;
      this.missingSince.set(id, since);
      if (now - since >= this.opts.timeoutMs) dead.push(id);
    });
    for (const id of this.missingSince.keys()) if (!others.includes(id)) this.missingSince.delete(id);
    return dead;
  }

  async forget(nodeId: string): Promise<void> {
    this.missingSince.delete(nodeId);
    await this.redis.srem(this.setKey, nodeId);
  }

  async setDraining(): Promise<void> {
    this.draining = true;
    await this.beat();
  }

  /** Takes the lock on cleaning up after a dead node, so one node does it. */
  async lockCleanup(nodeId: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(`${this.prefix}reap:${nodeId}`, this.nodeId, 'PX', ttlMs, 'NX')) === 'OK';
  }
}
