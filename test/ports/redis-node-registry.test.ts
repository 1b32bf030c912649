// The node registry in a real (private) redis-server, as the nodes of a cluster use it: each beats
// with its URL and load, a node that stops beating is dead only once it has been seen missing for a
// whole timeout, one node cleans up after it, and a Redis restart kills nobody.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { NodeLoad } from '../../server/ports/node-registry.js';
import type { Redis } from '../../server/ports/redis/redis-connection.js';
import { RedisNodeRegistry } from '../../server/ports/redis/redis-node-registry.js';
import { useRedisServer, type TestRedis } from '../helpers/redis-server.js';
import { capturedLog, redisConnections } from './support.js';

const HEARTBEAT_MS = 200;
const TIMEOUT_MS = 1_000;

const { log } = capturedLog();
const connect = redisConnections(log);
const started: RedisNodeRegistry[] = [];
afterAll(async () => {
  await Promise.all(started.map((r) => r.stop()));
});

const load = (participants: number): NodeLoad => ({ rooms: 1, participants, consumers: participants * 2, workerCpuPercent: 12.5 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Registries of the given nodes, each on its own connection, sharing a key prefix of their own. */
function cluster(redis: TestRedis) {
  const prefix = `t${randomUUID().slice(0, 8)}:`;
  return (nodeId: string): { registry: RedisNodeRegistry; connection: Redis } => {
    const connection = connect(redis.url, `${nodeId}:commands`);
    const registry = new RedisNodeRegistry(connection, { nodeId, heartbeatMs: HEARTBEAT_MS, timeoutMs: TIMEOUT_MS, prefix, log });
    started.push(registry);
    return { registry, connection };
  };
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

const ids = async (registry: RedisNodeRegistry) => (await registry.liveNodes()).map((n) => n.nodeId).sort();

describe('RedisNodeRegistry', () => {
  const redis = useRedisServer();

  it('lists the nodes that beat, with their URL, load and whether they drain; one leaving is gone at once', async () => {
    const node = cluster(redis);
    const { registry: a } = node('node-a');
    const { registry: b } = node('node-b');
    let participantsOnB = 3;
    await a.start('http://a.test:8080', () => load(0));
    await b.start('http://b.test:8080', () => load(participantsOnB));

    const seenByA = await a.liveNodes();
    expect(seenByA.map((n) => n.nodeId).sort()).toEqual(['node-a', 'node-b']);
    const bInfo = seenByA.find((n) => n.nodeId === 'node-b')!;
    expect(bInfo).toMatchObject({ url: 'http://b.test:8080', draining: false, load: load(3) });
    expect(Date.parse(bInfo.startedAt)).not.toBeNaN();
    expect(await ids(b)).toEqual(['node-a', 'node-b']);
    expect(await a.isLive('node-b')).toBe(true);
    expect(await a.isLive('node-z')).toBe(false);

    // The load goes out with the next beat.
    participantsOnB = 7;
    await eventually('b’s new load', async () => ((await a.liveNodes()).find((n) => n.nodeId === 'node-b')?.load.participants === 7 ? true : undefined));

    await b.setDraining();
    expect((await a.liveNodes()).find((n) => n.nodeId === 'node-b')?.draining).toBe(true);
    // It stays draining in its later beats.
    await sleep(HEARTBEAT_MS * 2);
    expect((await a.liveNodes()).find((n) => n.nodeId === 'node-b')?.draining).toBe(true);
    expect((await a.liveNodes()).find((n) => n.nodeId === 'node-a')?.draining).toBe(false);

    await b.stop();
    expect(await ids(a)).toEqual(['node-a']);
    expect(await a.isLive('node-b')).toBe(false);
    // Left on purpose: never dead, even a timeout later.
    expect(await a.deadNodes()).toEqual([]);
    await sleep(TIMEOUT_MS + HEARTBEAT_MS);
    expect(await a.deadNodes()).toEqual([]);
    expect(await ids(a)).toEqual(['node-a']);
  });

  it('a node that stops beating is dead only after it has been seen missing for a whole timeout; forget() drops it', async () => {
    const node = cluster(redis);
    const { registry: a } = node('node-a');
    const { registry: crashed, connection } = node('node-crashed');
    await a.start('http://a.test', () => load(0));
    await crashed.start('http://crashed.test', () => load(1));
    expect(await ids(a)).toEqual(['node-a', 'node-crashed']);
    // Its connection goes (the process died): no more beats, no goodbye.
    connection.disconnect(false);
    expect(await a.deadNodes()).toEqual([]);

    await eventually('the crashed node to drop out of the live nodes', async () => ((await ids(a)).includes('node-crashed') ? undefined : true));
    const missingFrom = Date.now();
    expect(await a.isLive('node-crashed')).toBe(false);
    // Just gone: not dead yet (a Redis hiccup looks the same).
    expect(await a.deadNodes()).toEqual([]);
    const dead = await eventually('the crashed node to be dead', async () => {
      const d = await a.deadNodes();
      return d.length ? d : undefined;
    });
    expect(dead).toEqual(['node-crashed']);
    expect(Date.now() - missingFrom).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(await a.deadNodes()).toEqual(['node-crashed']);

    await a.forget('node-crashed');
    expect(await a.deadNodes()).toEqual([]);
    await sleep(TIMEOUT_MS + 100);
    expect(await a.deadNodes()).toEqual([]);
  });

  it('reports a node named only by the caller (by an open session, say) once it has been missing for a timeout', async () => {
    const node = cluster(redis);
    const { registry: a } = node('node-a');
    const { registry: b } = node('node-b');
    await a.start('http://a.test', () => load(0));
    await b.start('http://b.test', () => load(0));
    const askedAt = Date.now();
    // The caller's own id and a live node are never dead, however often asked.
    expect(await a.deadNodes(['ghost', 'node-a', 'node-b'])).toEqual([]);
    const dead = await eventually('the ghost to be dead', async () => {
      const d = await a.deadNodes(['ghost', 'node-a', 'node-b']);
      return d.length ? d : undefined;
    });
    expect(dead).toEqual(['ghost']);
    expect(Date.now() - askedAt).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    // Another node has its own view: it starts counting when it first looks.
    expect(await b.deadNodes(['ghost'])).toEqual([]);
    // No longer named by the caller and not registered: it is not reported.
    expect(await a.deadNodes()).toEqual([]);
  });

  it('lets exactly one of two nodes clean up after a dead node', async () => {
    const node = cluster(redis);
    const { registry: a } = node('node-a');
    const { registry: b } = node('node-b');
    for (const dead of ['d1', 'd2', 'd3', 'd4', 'd5']) {
      const [forA, forB] = await Promise.all([a.lockCleanup(dead, 5_000), b.lockCleanup(dead, 5_000)]);
      expect(forA !== forB, dead).toBe(true);
      // Asking again while the winner works gets nothing either.
      expect(await a.lockCleanup(dead, 5_000)).toBe(false);
      expect(await b.lockCleanup(dead, 5_000)).toBe(false);
    }
    // A lock whose holder died meanwhile lapses: another node takes over.
    expect(await a.lockCleanup('d6', 200)).toBe(true);
    await sleep(300);
    expect(await b.lockCleanup('d6', 200)).toBe(true);
  });
});

describe('RedisNodeRegistry across Redis restarts', () => {
  const redis = useRedisServer();

  /** Three live nodes, each asking who is dead (naming the others, as open sessions would) every 50 ms until told to stop. */
  async function watchedCluster() {
    const node = cluster(redis);
    const names = ['node-a', 'node-b', 'node-c'];
    const registries = names.map((n) => node(n).registry);
    for (const [i, r] of registries.entries()) await r.start(`http://${names[i]}.test`, () => load(i));
    const reportedDead: string[] = [];
    let watching = true;
    const watchers = registries.map(async (r) => {
      while (watching) {
        const dead = await r.deadNodes(names).catch(() => []);
        reportedDead.push(...dead.map((d) => `${r.nodeId} saw ${d} dead`));
        await sleep(50);
      }
    });
    return {
      registries,
      reportedDead,
      async stop() {
        watching = false;
        await Promise.all(watchers);
      },
    };
  }

  it('after a restart every live node is listed again within a beat or two, and none is ever reported dead', async () => {
    const watched = await watchedCluster();
    const [a] = watched.registries;
    expect(await ids(a!)).toEqual(['node-a', 'node-b', 'node-c']);
    await redis.restart();
    await eventually('all three nodes listed again', async () => ((await ids(a!)).length === 3 ? true : undefined), 10_000);
    expect(await ids(a!)).toEqual(['node-a', 'node-b', 'node-c']);
    // Watch on for longer than a timeout: a node missing after the restart would be reported by now.
    await sleep(TIMEOUT_MS * 3);
    await watched.stop();
    expect(watched.reportedDead).toEqual([]);
  });

  it('after an outage of several seconds too, when the nodes reconnect at different times', async () => {
    const watched = await watchedCluster();
    const [a] = watched.registries;
    await redis.stop();
    // Long enough for every connection's reconnection delay to reach its cap.
    await sleep(6_000);
    await redis.restart();
    await eventually('all three nodes listed again', async () => ((await ids(a!)).length === 3 ? true : undefined), 15_000);
    await sleep(TIMEOUT_MS * 3);
    await watched.stop();
    expect(watched.reportedDead).toEqual([]);
  });
});
