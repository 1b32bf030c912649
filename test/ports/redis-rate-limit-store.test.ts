import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RateLimitRates } from '../../server/ports/rate-limit-store.js';
import { RedisRateLimitStore } from '../../server/ports/redis/redis-rate-limit-store.js';
import { useRedisServer } from '../helpers/redis-server.js';
import { capturedLog, redisConnections, waitFor } from './support.js';

const rates: RateLimitRates = {
  apiKey: { points: 3, durationSecs: 60 },
  clientToken: { points: 10, durationSecs: 1 },
  messages: { points: 0, durationSecs: 1 },
  joins: { points: 3, durationSecs: 60 },
  anonymous: { points: 5, durationSecs: 60 },
};

const { log, lines } = capturedLog();
const connect = redisConnections(log);

describe('RedisRateLimitStore', () => {
  const redis = useRedisServer();
  /** Two "nodes": two stores on two connections, one key prefix. */
  const twoStores = async () => {
    const keyPrefix = `t${randomUUID().slice(0, 8)}:rl:`;
    const connections = [1, 2].map((n) => connect(redis.url, `rl-${n}`));
    // Up before the first consume: until then the insurance decides (rejectIfRedisNotReady).
    await Promise.all(connections.map((c) => c.ping()));
    const stores = connections.map((c) => new RedisRateLimitStore({ redis: c, rates, log, keyPrefix }));
    return Object.assign(stores, { connections });
  };

  it('shares one budget between the nodes, per bucket and key', async () => {
    const [a, b] = await twoStores();
    expect(await a!.consume('apiKey', 'k1')).toEqual({ allowed: true });
    expect(await b!.consume('apiKey', 'k1')).toEqual({ allowed: true });
    expect(await a!.consume('apiKey', 'k1')).toEqual({ allowed: true });
    const refused = await b!.consume('apiKey', 'k1');
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) {
      expect(refused.retryAfterMs).toBeGreaterThan(55_000);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
    }
    expect((await a!.consume('apiKey', 'k1')).allowed).toBe(false);
    // Another key, another bucket with the same key: budgets of their own.
    expect(await b!.consume('apiKey', 'k2')).toEqual({ allowed: true });
    expect(await b!.consume('joins', 'k1')).toEqual({ allowed: true });
    expect(a!.counters.insured + b!.counters.insured).toBe(0);
  });

  it('consumes several points at once, and a bucket with 0 points is off', async () => {
    const [a, b] = await twoStores();
    expect(await a!.consume('anonymous', '10.0.0.1', 4)).toEqual({ allowed: true });
    expect((await b!.consume('anonymous', '10.0.0.1', 2)).allowed).toBe(false);
    for (let i = 0; i < 20; i++) expect(await a!.consume('messages', 'p')).toEqual({ allowed: true });
  });

  it('opens a new window when the duration has passed', async () => {
    const [a, b] = await twoStores();
    for (let i = 0; i < 10; i++) expect((await (i % 2 ? a : b)!.consume('clientToken', 'jti')).allowed).toBe(true);
    const refused = await a!.consume('clientToken', 'jti');
    expect(refused.allowed).toBe(false);
    await new Promise((r) => setTimeout(r, refused.allowed ? 0 : refused.retryAfterMs + 50));
    expect(await b!.consume('clientToken', 'jti')).toEqual({ allowed: true });
  });

  it('decides in memory, with the same rate, while Redis is down, and in Redis again once it is back', async () => {
    const stores = await twoStores();
    const [a, b] = stores;
    expect(await a!.consume('joins', 't')).toEqual({ allowed: true });
    await redis.stop();
    await waitFor('the connections to notice', () => stores.connections.every((c) => c.status !== 'ready'));
    // Never an error, never a refusal beyond the rate: each node counts on its own.
    for (let i = 0; i < 3; i++) expect(await a!.consume('joins', 't')).toEqual({ allowed: true });
    expect((await a!.consume('joins', 't')).allowed).toBe(false);
    expect(await b!.consume('joins', 't')).toEqual({ allowed: true });
    expect(a!.counters.insured).toBe(4);
    expect(lines.filter((l) => l.msg === 'rate limits: redis unavailable, counting in this node only').length).toBeGreaterThan(0);

    await redis.restart();
    await waitFor('the connections back', () => stores.connections.every((c) => c.status === 'ready'), 10_000);
    expect(lines.some((l) => l.msg === 'redis connection back' && l.redis === 'rl-1')).toBe(true);
    const insured = a!.counters.insured;
    expect(await a!.consume('joins', 't')).toEqual({ allowed: true });
    expect(a!.counters.insured).toBe(insured);
  });

  it('decides in memory when Redis does not answer in time', async () => {
    const [a] = await twoStores();
    const raw = connect(redis.url, 'raw');
    await raw.ping();
    expect(await a!.consume('apiKey', 'slow')).toEqual({ allowed: true });
    // Redis stops answering writes for 1.5 s (the store's timeout is 1 s).
    await raw.call('CLIENT', 'PAUSE', '1500', 'WRITE');
    expect(await a!.consume('apiKey', 'slow')).toEqual({ allowed: true });
    expect(a!.counters.insured).toBe(1);
  });
});
