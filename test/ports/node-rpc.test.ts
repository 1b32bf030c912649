import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalNodeRpc } from '../../server/ports/local-node-rpc.js';
import { NodeUnreachableError, RemoteCallError, UnknownRpcMethodError } from '../../server/ports/node-rpc.js';
import { RedisEventBus } from '../../server/ports/redis/redis-event-bus.js';
import { RedisNodeRpc } from '../../server/ports/redis/redis-node-rpc.js';
import { RequestRefusedError, RoomFullError, UserError, ValidationError } from '../../server/shared/errors.js';
import { useRedisServer, type TestRedis } from '../helpers/redis-server.js';
import { capturedLog, redisConnections, waitFor } from './support.js';

const { log } = capturedLog();
const connect = redisConnections(log);

describe('LocalNodeRpc', () => {
  it('runs a call to its own node directly, and knows no other node', async () => {
    const rpc = new LocalNodeRpc('solo');
    rpc.handle('double', async (n) => (n as number) * 2);
    expect(await rpc.call<number>('solo', 'double', 21)).toBe(42);
    const gone = await rpc.call('elsewhere', 'double', 1).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(NodeUnreachableError);
    expect(gone).toMatchObject({ nodeId: 'elsewhere', method: 'double', code: 'NODE_UNREACHABLE' });
    expect((gone as Error).message).toMatch(/runs alone/);
    await expect(rpc.call('solo', 'nope', 1)).rejects.toBeInstanceOf(UnknownRpcMethodError);
    rpc.handle('fail', async () => {
      throw new RoomFullError('r', 2);
    });
    await expect(rpc.call('solo', 'fail', null)).rejects.toBeInstanceOf(RoomFullError);
    expect(() => rpc.handle('double', async () => 0)).toThrow(/already has a handler/);
  });
});

/** A "node": its RPC and its bus sharing two connections, as the server wires them. */
function nodes(redis: TestRedis) {
  const prefix = `t${randomUUID().slice(0, 8)}:`;
  const started: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    await Promise.all(started.map((s) => s.close()));
  });
  return async (nodeId: string) => {
    const [pub, sub] = [connect(redis.url, `${nodeId}:pub`), connect(redis.url, `${nodeId}:sub`)];
    const rpc = new RedisNodeRpc({ nodeId, pub, sub, log, channelPrefix: `${prefix}rpc:` });
    const bus = new RedisEventBus<{ room: { n: number } }>({ nodeId, pub, sub, log, channelPrefix: `${prefix}bus:` });
    await Promise.all([rpc.start(), bus.start()]);
    started.push(rpc, bus);
    return Object.assign(rpc, { bus, rpcPrefix: `${prefix}rpc:` });
  };
}

describe('RedisNodeRpc between two nodes', () => {
  const redis = useRedisServer();

  it('calls a handler on the other node and returns its result intact', async () => {
    const node = nodes(redis);
    const [a, b] = [await node('a'), await node('b')];
    b.handle('describe', async (args) => ({ args, at: new Date('2024-01-02T03:04:05.006Z'), none: null, on: 'b' }));
    const result = await a.call<any>('b', 'describe', { roomId: 'r1', list: [1, { deep: new Date(7) }] });
    expect(result).toEqual({ args: { roomId: 'r1', list: [1, { deep: new Date(7) }] }, at: new Date('2024-01-02T03:04:05.006Z'), none: null, on: 'b' });
    expect(result.at).toBeInstanceOf(Date);
    // Many at once: each reply finds its call.
    b.handle('square', async (n) => (n as number) ** 2);
    const squares = await Promise.all(Array.from({ length: 50 }, (_, i) => a.call<number>('b', 'square', i)));
    expect(squares).toEqual(Array.from({ length: 50 }, (_, i) => i * i));
    // The bus on the same connections still works.
    const heard: number[] = [];
    b.bus.subscribe('room', 'x', (m) => heard.push(m.n));
    a.bus.publish('room', 'x', { n: 1 });
    await waitFor('the bus message', () => heard.length === 1);
  });

  it("rethrows the handler's error as the same class, with its message, code and fields", async () => {
    const node = nodes(redis);
    const [a, b] = [await node('a'), await node('b')];
    b.handle('full', async () => {
      throw new RoomFullError('room-9', 10);
    });
    b.handle('invalid', async () => {
      throw new ValidationError([{ field: 'input.maxParticipants', message: 'must be 2..50' }]);
    });
    b.handle('refused', async () => {
      throw new RequestRefusedError('FORBIDDEN', 'no', { reason: 'revoked' });
    });
    b.handle('bug', async () => {
      throw Object.assign(new TypeError('x is not a function'), { code: 'E_BUG', detail: { at: 3 }, fn: () => 0 });
    });

    const full = await a.call('b', 'full', null).catch((e: unknown) => e);
    expect(full).toBeInstanceOf(RoomFullError);
    expect(full).toBeInstanceOf(UserError);
    expect(full).toMatchObject({ name: 'RoomFullError', code: 'ROOM_FULL', field: null, roomId: 'room-9', maxParticipants: 10 });
    expect((full as Error).message).toBe('room room-9 is full: it holds at most 10 participants');
    expect((full as Error).stack).toContain('RoomFullError: room room-9 is full');

    const invalid = await a.call('b', 'invalid', null).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(ValidationError);
    expect(invalid).toMatchObject({ code: 'VALIDATION_FAILED', field: 'input.maxParticipants', problems: [{ field: 'input.maxParticipants', message: 'must be 2..50' }] });

    const refused = await a.call('b', 'refused', null).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RequestRefusedError);
    expect(refused).toMatchObject({ code: 'FORBIDDEN', message: 'no', details: { reason: 'revoked' } });

    const bug = await a.call('b', 'bug', null).catch((e: unknown) => e);
    expect(bug).toBeInstanceOf(RemoteCallError);
    expect(bug).toMatchObject({ name: 'TypeError', message: 'x is not a function', code: 'E_BUG', extensions: { detail: { at: 3 } } });
  });

  it('rejects a method the other node does not serve', async () => {
    const node = nodes(redis);
    const [a] = [await node('a'), await node('b')];
    const err = await a.call('b', 'nope', 1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownRpcMethodError);
    expect(err).toMatchObject({ code: 'UNKNOWN_RPC_METHOD', nodeId: 'b', method: 'nope' });
  });

  it('rejects with NodeUnreachableError when the node does not answer in time, or is not there at all', async () => {
    const node = nodes(redis);
    const a = await node('a');
    // Someone listens on ghost's channel and never answers: a node that hangs.
    const ghost = connect(redis.url, 'ghost');
    await ghost.subscribe(`${a.rpcPrefix}ghost`);
    const started = Date.now();
    const hung = await a.call('ghost', 'anything', {}, 300).catch((e: unknown) => e);
    expect(hung).toBeInstanceOf(NodeUnreachableError);
    expect(hung).toMatchObject({ nodeId: 'ghost', method: 'anything', reason: 'no answer within 300 ms' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(a.counters.timeouts).toBe(1);
    // Nobody listens on its channel: known at once, without waiting for the timeout.
    const gone = await a.call('gone', 'anything', {}, 20_000).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(NodeUnreachableError);
    expect(gone).toMatchObject({ reason: 'no node listens on its channel' });
  });

  it('calls its own node without Redis', async () => {
    const a = await nodes(redis)('a');
    a.handle('me', async () => new Date(1));
    expect(await a.call('a', 'me', null)).toEqual(new Date(1));
  });

  it('skips garbage on its channel and goes on serving', async () => {
    const node = nodes(redis);
    const [a, b] = [await node('a'), await node('b')];
    b.handle('ping', async () => 'pong');
    const raw = connect(redis.url, 'raw');
    await raw.publish(`${a.rpcPrefix}b`, Buffer.from('garbage'));
    await raw.publish(`${a.rpcPrefix}b`, 'also garbage');
    expect(await a.call('b', 'ping', null)).toBe('pong');
    expect(b.counters.decodeFailures).toBe(2);
  });
});

describe('RedisNodeRpc with Redis down', () => {
  const redis = useRedisServer();

  it('rejects at once with NodeUnreachableError, and calls again once Redis is back', async () => {
    const node = nodes(redis);
    const [a, b] = [await node('a'), await node('b')];
    b.handle('ping', async () => 'pong');
    await redis.stop();
    await waitFor('a to notice', () => !a.bus.connected);
    const err = await a.call('b', 'ping', null).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NodeUnreachableError);
    expect((err as NodeUnreachableError).reason).toMatch(/redis is not reachable/);
    await redis.restart();
    await waitFor('both nodes back', () => a.bus.connected && b.bus.connected, 10_000);
    // b's subscription is renewed right after its connection is ready: retry until it answers.
    let answer: unknown;
    for (let i = 0; i < 50 && answer !== 'pong'; i++) {
      answer = await a.call('b', 'ping', null, 500).catch((e: unknown) => e);
      if (answer !== 'pong') await new Promise((r) => setTimeout(r, 50));
    }
    expect(answer).toBe('pong');
  });
});
