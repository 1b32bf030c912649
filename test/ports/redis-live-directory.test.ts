// The live directory in a real (private) redis-server, as two nodes share it: who holds a room,
// claimed atomically and lapsing until held; who is in it; what a dead node leaves behind; and a
// Redis restart, after which each node writes its own rooms and participants again.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { PresenceEntry } from '../../server/ports/live-directory.js';
import { RedisLiveDirectory } from '../../server/ports/redis/redis-live-directory.js';
import { useRedisServer, type TestRedis } from '../helpers/redis-server.js';
import { capturedLog, redisConnections } from './support.js';

const { log } = capturedLog();
const connect = redisConnections(log);
const directories: RedisLiveDirectory[] = [];
afterAll(() => directories.forEach((d) => d.close()));

/** Directories of the given nodes, each on its own connection, sharing a key prefix of their own. */
function cluster(redis: TestRedis, ...nodeIds: string[]): RedisLiveDirectory[] {
  const prefix = `t${randomUUID().slice(0, 8)}:`;
  return nodeIds.map((nodeId) => {
    const directory = new RedisLiveDirectory(connect(redis.url, `${nodeId}:commands`), nodeId, log, prefix);
    directories.push(directory);
    return directory;
  });
}

const entry = (participantId: string, roomId: string, nodeId: string): PresenceEntry => ({ participantId, roomId, sessionId: `session-${roomId}`, nodeId });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls an async check until it holds; fails after `timeoutMs`. */
async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('RedisLiveDirectory', () => {
  const redis = useRedisServer();

  it('of two nodes claiming a free room at once, exactly one wins: for each of 50 rooms', async () => {
    const [a, b] = cluster(redis, 'node-a', 'node-b');
    const rooms = Array.from({ length: 50 }, (_, i) => `room-${i}`);
    const results = await Promise.all(rooms.map((roomId) => Promise.all([a!.claimRoom(roomId, 'node-a', undefined, 10_000), b!.claimRoom(roomId, 'node-b', undefined, 10_000)])));
    for (const [i, [forA, forB]] of results.entries()) {
      expect(forA !== forB, `room-${i}: a ${forA}, b ${forB}`).toBe(true);
      // Both directories see the winner.
      const winner = forA ? 'node-a' : 'node-b';
      expect(await a!.roomHolder(`room-${i}`)).toBe(winner);
      expect(await b!.roomHolder(`room-${i}`)).toBe(winner);
    }
  });

  it('takes a room over only from the holder the caller saw (compare-and-set on previous)', async () => {
    const [a, b, c] = cluster(redis, 'node-a', 'node-b', 'node-c');
    expect(await a!.claimRoom('r', 'node-a', undefined, 10_000)).toBe(true);
    // Claimed already: "nobody holds it" is stale.
    expect(await b!.claimRoom('r', 'node-b', undefined, 10_000)).toBe(false);
    // Someone who thinks another node holds it is wrong too.
    expect(await b!.claimRoom('r', 'node-b', 'node-c', 10_000)).toBe(false);
    expect(await b!.roomHolder('r')).toBe('node-a');
    // Two nodes that both saw node-a (dead, say) take it over at once: one wins.
    const [forB, forC] = await Promise.all([b!.claimRoom('r', 'node-b', 'node-a', 10_000), c!.claimRoom('r', 'node-c', 'node-a', 10_000)]);
    expect(forB !== forC).toBe(true);
    const winner = forB ? 'node-b' : 'node-c';
    expect(await a!.roomHolder('r')).toBe(winner);
    // The loser, trying again with what it now sees, gets it.
    const loser = forB ? c! : b!;
    const loserId = forB ? 'node-c' : 'node-b';
    expect(await loser.claimRoom('r', loserId, winner, 10_000)).toBe(true);
    expect(await a!.roomHolder('r')).toBe(loserId);
  });

  it('a claim lapses after its time unless the node starts holding the room', async () => {
    const [a, b] = cluster(redis, 'node-a', 'node-b');
    expect(await a!.claimRoom('never-arrived', 'node-a', undefined, 300)).toBe(true);
    expect(await a!.claimRoom('held', 'node-a', undefined, 300)).toBe(true);
    await a!.holdRoom('held', 'node-a');
    expect(await b!.roomHolder('never-arrived')).toBe('node-a');
    await eventually('the unheld claim to lapse', async () => (await b!.roomHolder('never-arrived')) === undefined);
    // Another node may claim it as free now.
    expect(await b!.claimRoom('never-arrived', 'node-b', undefined, 10_000)).toBe(true);
    await sleep(600);
    expect(await b!.roomHolder('held')).toBe('node-a');
    expect(await b!.roomsHeldBy('node-a')).toEqual(['held']);
  });

  it('a node releasing a room it no longer holds leaves the new holder alone', async () => {
    const [a, b] = cluster(redis, 'node-a', 'node-b');
    await a!.holdRoom('r', 'node-a');
    expect(await b!.claimRoom('r', 'node-b', 'node-a', 10_000)).toBe(true);
    await b!.holdRoom('r', 'node-b');
    await a!.releaseRoom('r', 'node-a');
    expect(await a!.roomHolder('r')).toBe('node-b');
    expect(await a!.roomsHeldBy('node-a')).toEqual([]);
    expect(await a!.roomsHeldBy('node-b')).toEqual(['r']);
    // The holder's own release frees it.
    await b!.releaseRoom('r', 'node-b');
    expect(await a!.roomHolder('r')).toBeUndefined();
    expect(await a!.roomsHeldBy('node-b')).toEqual([]);
  });

  it('records who is where: found from any node, listed in the order they joined, removed', async () => {
    const [a, b] = cluster(redis, 'node-a', 'node-b');
    await a!.holdRoom('r1', 'node-a');
    await a!.holdRoom('r2', 'node-a');
    // Joined one after another, as fast as one node can write them.
    const ids = Array.from({ length: 20 }, (_, i) => `p${String(i).padStart(2, '0')}`).reverse();
    for (const id of ids) await a!.addPresence(entry(id, 'r1', 'node-a'));
    await a!.addPresence(entry('other', 'r2', 'node-a'));
    expect((await b!.presentIn('r1')).map((e) => e.participantId)).toEqual(ids);
    expect(await b!.presentIn('r2')).toEqual([entry('other', 'r2', 'node-a')]);
    expect(await b!.findPresence('p05')).toEqual(entry('p05', 'r1', 'node-a'));
    expect(await b!.findPresence('nobody')).toBeUndefined();
    expect(await b!.presentIn('empty-room')).toEqual([]);

    // Removed by the holder, or by another node that only finds the entry in Redis.
    await a!.removePresence('p05');
    await b!.removePresence('p06');
    expect(await b!.findPresence('p05')).toBeUndefined();
    expect(await a!.findPresence('p06')).toBeUndefined();
    expect((await a!.presentIn('r1')).map((e) => e.participantId)).toEqual(ids.filter((id) => id !== 'p05' && id !== 'p06'));
    // Removing someone not there is harmless.
    await b!.removePresence('nobody');
    expect(await a!.presentIn('r2')).toHaveLength(1);
  });

  it('lists the rooms each node holds', async () => {
    const [a, b] = cluster(redis, 'node-a', 'node-b');
    await a!.holdRoom('r1', 'node-a');
    await a!.holdRoom('r2', 'node-a');
    await b!.holdRoom('r3', 'node-b');
    expect((await b!.roomsHeldBy('node-a')).sort()).toEqual(['r1', 'r2']);
    expect(await a!.roomsHeldBy('node-b')).toEqual(['r3']);
    expect(await a!.roomsHeldBy('node-c')).toEqual([]);
    await a!.releaseRoom('r1', 'node-a');
    expect(await b!.roomsHeldBy('node-a')).toEqual(['r2']);
  });

  it('forgets a dead node: its rooms and participants go, a room another node took stays theirs', async () => {
    const [dead, survivor] = cluster(redis, 'node-dead', 'node-b');
    await dead!.holdRoom('lost', 'node-dead');
    await dead!.holdRoom('taken', 'node-dead');
    await dead!.addPresence(entry('d1', 'lost', 'node-dead'));
    await dead!.addPresence(entry('d2', 'lost', 'node-dead'));
    await dead!.addPresence(entry('d3', 'taken', 'node-dead'));
    // The room "taken" was rejoined on node-b before the cleanup: its new participant is node-b's.
    expect(await survivor!.claimRoom('taken', 'node-b', 'node-dead', 10_000)).toBe(true);
    await survivor!.holdRoom('taken', 'node-b');
    await survivor!.addPresence(entry('b1', 'taken', 'node-b'));
    await survivor!.holdRoom('elsewhere', 'node-b');

    await survivor!.forgetNode('node-dead');

    expect(await survivor!.roomHolder('lost')).toBeUndefined();
    expect(await survivor!.presentIn('lost')).toEqual([]);
    expect(await survivor!.findPresence('d1')).toBeUndefined();
    expect(await survivor!.findPresence('d3')).toBeUndefined();
    expect(await survivor!.roomHolder('taken')).toBe('node-b');
    expect(await survivor!.presentIn('taken')).toEqual([entry('b1', 'taken', 'node-b')]);
    expect(await survivor!.roomsHeldBy('node-dead')).toEqual([]);
    expect((await survivor!.roomsHeldBy('node-b')).sort()).toEqual(['elsewhere', 'taken']);
    // A node forgotten twice, or never known, is no error.
    await survivor!.forgetNode('node-dead');
    await survivor!.forgetNode('never-was');
  });
});

describe('RedisLiveDirectory across a Redis restart', () => {
  const redis = useRedisServer();

  it('each node writes its own rooms and participants again once Redis is back, empty', async () => {
    const [a, b] = cluster(redis, 'node-a', 'node-b');
    await a!.holdRoom('ra', 'node-a');
    await b!.holdRoom('rb', 'node-b');
    await a!.addPresence(entry('a1', 'ra', 'node-a'));
    await a!.addPresence(entry('a2', 'ra', 'node-a'));
    await b!.addPresence(entry('b1', 'rb', 'node-b'));
    // Gone before the restart: must not come back.
    await a!.holdRoom('closed', 'node-a');
    await a!.addPresence(entry('left', 'ra', 'node-a'));
    await a!.removePresence('left');
    await a!.releaseRoom('closed', 'node-a');
    // Only claimed, never held: lapses with the restart.
    expect(await b!.claimRoom('claimed', 'node-b', undefined, 60_000)).toBe(true);

    await redis.restart();

    await eventually('both nodes to write their rooms and participants again', async () => {
      const [ra, rb, inA, inB] = await Promise.all([b!.roomHolder('ra'), a!.roomHolder('rb'), b!.presentIn('ra'), a!.presentIn('rb')]);
      return ra === 'node-a' && rb === 'node-b' && inA.length === 2 && inB.length === 1;
    });
    expect((await b!.presentIn('ra')).map((e) => e.participantId)).toEqual(['a1', 'a2']);
    expect(await b!.findPresence('a2')).toEqual(entry('a2', 'ra', 'node-a'));
    expect(await a!.findPresence('b1')).toEqual(entry('b1', 'rb', 'node-b'));
    expect(await b!.roomsHeldBy('node-a')).toEqual(['ra']);
    expect(await a!.roomsHeldBy('node-b')).toEqual(['rb']);
    expect(await a!.roomHolder('closed')).toBeUndefined();
    expect(await a!.findPresence('left')).toBeUndefined();
    expect(await a!.roomHolder('claimed')).toBeUndefined();
  });
});
