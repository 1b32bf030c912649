import { MaxRetriesPerRequestError } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { redisUrlIsValid, redisUrlProblem } from '../../server/ports/redis/redis-connection.js';
import { useRedisServer } from '../helpers/redis-server.js';
import { capturedLog, redisConnections, waitFor } from './support.js';

describe('redisUrlProblem', () => {
  it('accepts redis:// and rediss:// URLs with a host, an optional port, credentials and database number', () => {
    for (const url of ['redis://127.0.0.1:6379', 'redis://localhost', 'rediss://user:secret@redis.example.com:6380/2', 'redis://:pw@[::1]:6379/0']) {
      expect(redisUrlProblem(url), url).toBeNull();
      expect(redisUrlIsValid(url)).toBe(true);
    }
  });

  it('refuses anything else, saying why', () => {
    expect(redisUrlProblem('localhost:6379')).toMatch(/redis:\/\/ or rediss:\/\//);
    expect(redisUrlProblem('http://localhost:6379')).toMatch(/must start with redis:\/\/ or rediss:\/\/, not http:/);
    expect(redisUrlProblem('not a url')).toMatch(/is not a URL/);
    expect(redisUrlProblem('redis://')).toMatch(/has no host/);
    expect(redisUrlProblem('redis://localhost/cache')).toMatch(/database "cache"/);
    expect(redisUrlIsValid('')).toBe(false);
  });
});

describe('openRedis', () => {
  const redis = useRedisServer();
  const { log, lines } = capturedLog();
  const connect = redisConnections(log);

  it('survives an outage: errors logged once, not thrown; commands fail within seconds; back when Redis is', async () => {
    const conn = connect(redis.url, 'vr:test:conn');
    expect(await conn.ping()).toBe('PONG');
    expect(await conn.client('GETNAME')).toBe('vr:test:conn');

    await redis.stop();
    await waitFor('the connection to notice', () => conn.status !== 'ready');
    // Fails after two reconnection attempts (maxRetriesPerRequest: 1) rather than waiting for Redis.
    const err = await conn.get('k').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MaxRetriesPerRequestError);
    // Retries go on (several per second at first); the log gets one line for them, not one each.
    await new Promise((r) => setTimeout(r, 1_000));
    const own = lines.filter((l) => l.redis === 'vr:test:conn');
    expect(own.filter((l) => l.msg === 'redis connection error (retrying)').length).toBe(1);
    expect(own.filter((l) => l.msg === 'redis connection lost, reconnecting').length).toBe(1);

    await redis.restart();
    await waitFor('the connection back', () => conn.status === 'ready', 10_000);
    expect(await conn.ping()).toBe('PONG');
    expect(lines.some((l) => l.redis === 'vr:test:conn' && l.msg === 'redis connection back')).toBe(true);
  });
});
