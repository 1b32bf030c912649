import { hostname } from 'node:os';
import { v7 as uuidv7 } from 'uuid';
import type { DomainBus, DomainTopics } from '../events/topics.js';
import type { LiveDirectory } from '../ports/live-directory.js';
import { LocalEventBus } from '../ports/local-event-bus.js';
import { LocalLiveDirectory } from '../ports/local-live-directory.js';
import { LocalNodeRegistry } from '../ports/local-node-registry.js';
import { LocalNodeRpc } from '../ports/local-node-rpc.js';
import { LocalRateLimitStore } from '../ports/local-rate-limit-store.js';
import { LocalRoomPlacement } from '../ports/local-room-placement.js';
import type { NodeRegistry } from '../ports/node-registry.js';
import type { NodeRpc } from '../ports/node-rpc.js';
import type { RateLimitStore } from '../ports/rate-limit-store.js';
import { closeRedis, openRedis } from '../ports/redis/redis-connection.js';
import { RedisEventBus } from '../ports/redis/redis-event-bus.js';
import { RedisLiveDirectory } from '../ports/redis/redis-live-directory.js';
import { RedisNodeRegistry } from '../ports/redis/redis-node-registry.js';
import { RedisNodeRpc } from '../ports/redis/redis-node-rpc.js';
import { RedisRateLimitStore } from '../ports/redis/redis-rate-limit-store.js';
import { RedisRoomPlacement } from '../ports/redis/redis-room-placement.js';
import type { RoomPlacement } from '../ports/room-placement.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';

/** The implementations of the ports this process runs with: in-process for one node, Redis for several. */
export interface NodePorts {
  nodeId: string;
  /** Whether this node is one of several (REDIS_URL set). */
  distributed: boolean;
  bus: DomainBus;
  directory: LiveDirectory;
  placement: RoomPlacement;
  nodes: NodeRegistry;
  rpc: NodeRpc;
  rateLimits: RateLimitStore;
  close(): Promise<void>;
}

export async function openNodePorts(config: Config, log: Logger): Promise<NodePorts> {
  const nodeId = config.cluster?.nodeId ?? `${hostname()}:${process.pid}:${uuidv7().slice(-12)}`;
  const cluster = config.cluster;
  if (!cluster) {
    const nodes = new LocalNodeRegistry(nodeId);
    return {
      nodeId,
      distributed: false,
      bus: new LocalEventBus<DomainTopics>(),
      directory: new LocalLiveDirectory(),
      placement: new LocalRoomPlacement(nodeId),
      nodes,
      rpc: new LocalNodeRpc(nodeId),
      rateLimits: new LocalRateLimitStore(config.rateLimits),
      close: async () => {},
    };
  }
  // Two connections: commands and publishing on one (so this node's messages keep their order),
  // the subscriber mode on the other (a connection in it can run nothing else).
  const commands = openRedis(cluster.redisUrl, { name: `vr:${nodeId}:commands`, log });
  const subscriber = openRedis(cluster.redisUrl, { name: `vr:${nodeId}:subscriber`, log });
  const nodeLog = log.child({ nodeId });
  const bus = new RedisEventBus<DomainTopics>({ nodeId, pub: commands, sub: subscriber, log: nodeLog });
  const rpc = new RedisNodeRpc({ nodeId, pub: commands, sub: subscriber, log: nodeLog });
  const nodes = new RedisNodeRegistry(commands, { nodeId, heartbeatMs: cluster.heartbeatMs, timeoutMs: cluster.nodeTimeoutMs, log: nodeLog });
  const directory = new RedisLiveDirectory(commands, nodeId, nodeLog);
  try {
    await bus.start();
    await rpc.start();
  } catch (err) {
    await Promise.all([closeRedis(commands), closeRedis(subscriber)]);
    throw new Error(`could not reach Redis at REDIS_URL: ${(err as Error).message}`, { cause: err });
  }
  return {
    nodeId,
    distributed: true,
    bus,
    directory,
    placement: new RedisRoomPlacement(nodes),
    nodes,
    rpc,
    rateLimits: new RedisRateLimitStore({ redis: commands, rates: config.rateLimits, log: nodeLog }),
    close: async () => {
      await nodes.stop();
      directory.close();
      await rpc.close();
      await bus.close();
      await Promise.all([closeRedis(commands), closeRedis(subscriber)]);
    },
  };
}
