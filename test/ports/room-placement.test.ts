// Where a new room goes: the least-loaded live node that is not draining, the deciding node on a
// tie, and a clear error when no node may take it. The registry is faked: only liveNodes() counts.
import { describe, expect, it } from 'vitest';
import type { NodeInfo, NodeLoad, NodeRegistry } from '../../server/ports/node-registry.js';
import { loadScore, RedisRoomPlacement } from '../../server/ports/redis/redis-room-placement.js';

function node(nodeId: string, load: Partial<NodeLoad> = {}, draining = false): NodeInfo {
  return {
    nodeId,
    url: `http://${nodeId}.test`,
    draining,
    load: { rooms: 0, participants: 0, consumers: 0, workerCpuPercent: 0, ...load },
    startedAt: new Date(0).toISOString(),
    beatAt: Date.now(),
  };
}

function placementOn(self: string, nodes: NodeInfo[]): RedisRoomPlacement {
  const registry = {
    nodeId: self,
    liveNodes: async () => nodes,
  } as unknown as NodeRegistry;
  return new RedisRoomPlacement(registry);
}

describe('room placement', () => {
  it('scores a node by its media CPU, plus a little per participant and per room', () => {
    expect(loadScore(node('a'))).toBe(0);
    expect(loadScore(node('a', { workerCpuPercent: 40 }))).toBe(40);
    expect(loadScore(node('a', { participants: 3, rooms: 2 }))).toBe(3 * 2 + 2);
    // Rooms started together, before their CPU shows, still count: a node with one more room scores higher.
    expect(loadScore(node('a', { rooms: 1 }))).toBeGreaterThan(loadScore(node('b')));
    // Consumers are not part of the score.
    expect(loadScore(node('a', { consumers: 500 }))).toBe(0);
  });

  it('picks the least-loaded node', async () => {
    const nodes = [node('a', { workerCpuPercent: 80, participants: 4, rooms: 2 }), node('b', { workerCpuPercent: 10, participants: 2, rooms: 1 }), node('c', { workerCpuPercent: 50 })];
    expect(await placementOn('a', nodes).place()).toBe('b');
    expect(await placementOn('c', nodes).place()).toBe('b');
  });

  it('never picks a draining node, however idle', async () => {
    const nodes = [node('idle-but-stopping', {}, true), node('busy', { workerCpuPercent: 90, participants: 20, rooms: 5 })];
    expect(await placementOn('idle-but-stopping', nodes).place()).toBe('busy');
  });

  it('keeps the room on the deciding node when it ties with the least loaded', async () => {
    const tie = { workerCpuPercent: 5, participants: 1, rooms: 1 };
    const nodes = [node('a', tie), node('b', tie), node('c', tie), node('d', { workerCpuPercent: 60 })];
    expect(await placementOn('a', nodes).place()).toBe('a');
    expect(await placementOn('b', nodes).place()).toBe('b');
    expect(await placementOn('c', nodes).place()).toBe('c');
    // The deciding node is loaded more than the others: it sends the room away.
    expect(await placementOn('d', nodes).place()).not.toBe('d');
    // Tied nodes other than itself: one of them, never a busier one.
    expect(['a', 'b', 'c']).toContain(await placementOn('elsewhere', nodes).place());
  });

  it('a draining deciding node sends a room elsewhere even on a tie', async () => {
    const nodes = [node('a', {}, true), node('b')];
    expect(await placementOn('a', nodes).place()).toBe('b');
  });

  it('throws an error that says why when every node is draining, or none is live', async () => {
    await expect(placementOn('a', [node('a', {}, true), node('b', {}, true)]).place()).rejects.toThrow(/no live node can take a room.*draining/);
    await expect(placementOn('a', []).place()).rejects.toThrow(/no live node can take a room/);
  });
});
