import { randomUUID } from 'node:crypto';
import { serialize } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisEventBus } from '../../server/ports/redis/redis-event-bus.js';
import { useRedisServer, type TestRedis } from '../helpers/redis-server.js';
import { capturedLog, redisConnections, waitFor } from './support.js';

interface Topics {
  account: { id: string; at: Date; room: { name: string; endedAt: Date | null; tags: string[] } | null; missing?: undefined };
  room: { seq: number };
  ping: null;
}

const { log, lines } = capturedLog();
const connect = redisConnections(log);

/** A "node": its bus on its own two connections. */
function nodes(redis: TestRedis) {
  const prefix = `t${randomUUID().slice(0, 8)}:bus:`;
  const buses: RedisEventBus<Topics>[] = [];
  afterAll(async () => {
    await Promise.all(buses.map((b) => b.close()));
  });
  return async (nodeId: string) => {
    const bus = new RedisEventBus<Topics>({ nodeId, pub: connect(redis.url, `${nodeId}:pub`), sub: connect(redis.url, `${nodeId}:sub`), log, channelPrefix: prefix });
    await bus.start();
    buses.push(bus);
    return bus;
  };
}

describe('RedisEventBus between two nodes', () => {
  const redis = useRedisServer();

  it('delivers to a listener on the publishing node before publish returns, in order', async () => {
    const a = await nodes(redis)('a');
    const heard: number[] = [];
    a.subscribe('room', 'r1', (m) => heard.push(m.seq));
    a.publish('room', 'r1', { seq: 1 });
    expect(heard).toEqual([1]);
    a.publish('room', 'r1', { seq: 2 });
    a.publish('room', 'r2', { seq: 3 });
    expect(heard).toEqual([1, 2]);
  });

  it('carries a message to the other node with its Dates, nulls, undefined and nested objects intact', async () => {
    const node = nodes(redis);
    const [a, b] = [await node('a'), await node('b')];
    const got: Topics['account'][] = [];
    b.subscribe('account', 'room-1', (m) => got.push(m));
    const sent: Topics['account'][] = [
      { id: 'e1', at: new Date('2024-05-01T12:34:56.789Z'), room: { name: 'x', endedAt: null, tags: ['a', 'b'] }, missing: undefined },
      { id: 'e2', at: new Date(0), room: null },
    ];
    for (const m of sent) a.publish('account', 'room-1', m);
    await waitFor('both messages on b', () => got.length === 2);
    expect(got).toEqual(sent);
    expect(got[0]!.at).toBeInstanceOf(Date);
    expect(got[0]!.at.toISOString()).toBe('2024-05-01T12:34:56.789Z');
    expect(got[0]!.room!.endedAt).toBeNull();
    expect('missing' in got[0]!).toBe(true);
    const pings: null[] = [];
    a.subscribe('ping', '', (m) => pings.push(m));
    b.publish('ping', '', null);
    await waitFor('the ping on a', () => pings.length === 1);
    expect(pings).toEqual([null]);
  });

  it('keeps the publishing order of 1,000 messages across topics and keys', async () => {
    const node = nodes(redis);
    const [a, b] = [await node('a'), await node('b')];
    const got: string[] = [];
    b.subscribe('room', null, (m) => got.push(`room:${m.seq}`));
    b.subscribe('account', null, (m) => got.push(`account:${m.id}`));
    const sent: string[] = [];
    for (let i = 0; i < 1000; i++) {
      if (i % 3 === 0) {
        a.publish('account', `k${i % 7}`, { id: String(i), at: new Date(i), room: null });
        sent.push(`account:${i}`);
      } else {
        a.publish('room', `k${i % 5}`, { seq: i });
        sent.push(`room:${i}`);
      }
    }
    await waitFor('1,000 messages on b', () => got.length === 1000);
    expect(got).toEqual(sent);
    expect(b.counters.received).toBe(1000);
    await waitFor('every message accepted by redis', () => a.counters.forwarded === 1000);
  });

  it('hands a remote message to the listeners of its key and to those of every key, no others', async () => {
    const node = nodes(redis);
    const [a, b] = [await node('a'), await node('b')];
    const keyed: number[] = [];
    const other: number[] = [];
    const all: number[] = [];
    b.subscribe('room', 'r1', (m) => keyed.push(m.seq));
    b.subscribe('room', 'r2', (m) => other.push(m.seq));
    b.subscribe('room', null, (m) => all.push(m.seq));
    a.publish('room', 'r1', { seq: 1 });
    a.publish('room', 'r3', { seq: 2 });
    a.publish('room', 'r2', { seq: 3 });
    await waitFor('three on b', () => all.length === 3);
    expect(keyed).toEqual([1]);
    expect(other).toEqual([3]);
    expect(all).toEqual([1, 2, 3]);
  });

  it('ignores its own echoes: a listener on the publishing node hears a message once', async () => {
    const node = nodes(redis);
    const [a, b] = [await node('a'), await node('b')];
    const onA: number[] = [];
    const onB: number[] = [];
    a.subscribe('room', 'r', (m) => onA.push(m.seq));
    b.subscribe('room', 'r', (m) => onB.push(m.seq));
    a.publish('room', 'r', { seq: 1 });
    b.publish('room', 'r', { seq: 2 });
    await waitFor('the echoes back on both nodes', () => a.counters.echoes === 1 && b.counters.echoes === 1);
    await waitFor('the crossing messages', () => onA.length === 2 && onB.length === 2);
    // Each node hears its own message at once, the other's when it arrives.
    expect(onA).toEqual([1, 2]);
    expect(onB).toEqual([2, 1]);
    expect(a.counters.received).toBe(1);
  });

  it('counts listeners as the local bus does: one key, those of every key not counted, only on this node', async () => {
    const node = nodes(redis);
    const [a, b] = [await node('a'), await node('b')];
    expect(a.listenerCount('room', 'r')).toBe(0);
    const off1 = a.subscribe('room', 'r', () => {});
    const off2 = a.subscribe('room', 'r', () => {});
    a.subscribe('room', null, () => {});
    a.subscribe('room', 'other', () => {});
    b.subscribe('room', 'r', () => {});
    expect(a.listenerCount('room', 'r')).toBe(2);
    expect(a.listenerCount('account', 'r')).toBe(0);
    off1();
    off1();
    expect(a.listenerCount('room', 'r')).toBe(1);
    off2();
    expect(a.listenerCount('room', 'r')).toBe(0);
    expect(b.listenerCount('room', 'r')).toBe(1);
  });

  it('logs and skips garbage on its channels, and goes on delivering', async () => {
    const node = nodes(redis);
    const [a, b] = [await node('a'), await node('b')];
    const raw = connect(redis.url, 'raw');
    const got: number[] = [];
    b.subscribe('room', null, (m) => got.push(m.seq));
    a.publish('room', 'r', { seq: 1 });
    const channel = `${a.channelPrefix}room`;
    const garbage = [
      Buffer.from('not even close'),
      Buffer.alloc(0),
      Buffer.from([1, 5, 0x6e, 0x6f]), // says a 5-byte node id, has 2 bytes
      Buffer.concat([Buffer.from([1, 1, 0x7a]), Buffer.from([0xff, 0x0f, 0x6f, 0x99, 0x99])]), // a v8 header, then nonsense
      Buffer.concat([Buffer.from([1, 1, 0x7a]), serialize({ not: 'a pair' })]),
    ];
    for (const g of garbage) await raw.publish(channel, g);
    a.publish('room', 'r', { seq: 2 });
    await waitFor('the message after the garbage', () => got.length === 2);
    expect(got).toEqual([1, 2]);
    expect(b.counters.decodeFailures).toBe(garbage.length);
    const logged = lines.filter((l) => l.msg === 'event bus: undecodable message skipped' && l.nodeId === 'b');
    // One line for the first, the rest counted into the next line written (at most one per 10 s).
    expect(logged.length).toBe(1);
    expect(logged[0]).toMatchObject({ level: 50, topic: 'room' });
  });

  it('survives a listener that throws on a remote message', async () => {
    const node = nodes(redis);
    const [a, b] = [await node('a'), await node('b')];
    const got: number[] = [];
    b.subscribe('room', 'bad', () => {
      throw new Error('listener bug');
    });
    b.subscribe('room', 'good', (m) => got.push(m.seq));
    a.publish('room', 'bad', { seq: 1 });
    a.publish('room', 'good', { seq: 2 });
    await waitFor('the good message', () => got.length === 1);
    expect(b.counters.listenerFailures).toBe(1);
  });
});

describe('RedisEventBus across a Redis restart', () => {
  const redis = useRedisServer();

  it('delivers locally and drops for the others while Redis is down, then resumes when it is back', async () => {
    const node = nodes(redis);
    const [a, b] = [await node('a'), await node('b')];
    const onA: number[] = [];
    const onB: number[] = [];
    a.subscribe('room', 'r', (m) => onA.push(m.seq));
    b.subscribe('room', 'r', (m) => onB.push(m.seq));
    a.publish('room', 'r', { seq: 1 });
    await waitFor('the first message on b', () => onB.length === 1);

    await redis.stop();
    // The connections notice the server is gone (the socket closes at once on loopback).
    await waitFor('a to notice', () => !a.connected);
    a.publish('room', 'r', { seq: 2 });
    expect(onA).toEqual([1, 2]);
    expect(a.counters.dropped).toBe(1);

    await redis.restart();
    // ioredis reconnects both connections and resubscribes b: probe until a message gets through.
    let probe = 100;
    await waitFor(
      'delivery to resume',
      () => {
        if (onB.includes(probe)) return true;
        a.publish('room', 'r', { seq: ++probe });
        return false;
      },
      15_000,
    );
    a.publish('room', 'r', { seq: 3 });
    await waitFor('the message after the restart', () => onB.includes(3));
    expect(onB).not.toContain(2);
    expect(onB[0]).toBe(1);
    expect(onB.at(-1)).toBe(3);
  });
});
