// The cluster's settings as an operator writes them: a value the server cannot use stops it with a
// ConfigError naming the variable (process.test.ts shows that this exits 2 with the message).
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/app/config.js';

const DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/video';
const REDIS_URL = 'redis://127.0.0.1:6379';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('cluster configuration', () => {
  it('without REDIS_URL the server is one process: no cluster settings, whatever else is set', () => {
    expect(loadConfig({}).cluster).toBeUndefined();
    expect(loadConfig({ DATABASE_URL }).cluster).toBeUndefined();
    expect(loadConfig({ DATABASE_URL, REDIS_URL: '  ', NODE_HEARTBEAT_MS: '500' }).cluster).toBeUndefined();
  });

  it('reads REDIS_URL with DATABASE_URL, the node id and the timings; defaults for the rest', () => {
    expect(loadConfig({ DATABASE_URL, REDIS_URL }).cluster).toEqual({ redisUrl: REDIS_URL, nodeId: undefined, heartbeatMs: 1_000, nodeTimeoutMs: 3_000, drainTimeoutMs: 30_000 });
    expect(
      loadConfig({
        DATABASE_URL,
        REDIS_URL: ' rediss://user:secret@redis.internal:6380/2 ',
        NODE_ID: 'eu-west_1.node:a-64',
        NODE_HEARTBEAT_MS: '500',
        NODE_TIMEOUT_MS: '2000',
        DRAIN_TIMEOUT_MS: '0',
      }).cluster,
    ).toEqual({ redisUrl: 'rediss://user:secret@redis.internal:6380/2', nodeId: 'eu-west_1.node:a-64', heartbeatMs: 500, nodeTimeoutMs: 2000, drainTimeoutMs: 0 });
    expect(loadConfig({ DATABASE_URL, REDIS_URL, NODE_ID: 'n'.repeat(64) }).cluster?.nodeId).toBe('n'.repeat(64));
  });

  it('REDIS_URL without DATABASE_URL: the nodes could not share an embedded database', () => {
    const err = configError({ REDIS_URL });
    expect(err.variable).toBe('REDIS_URL');
    expect(err.message).toMatch(/^REDIS_URL: .*DATABASE_URL/);
  });

  it('REDIS_URL that is not a redis:// or rediss:// URL', () => {
    for (const value of ['http://127.0.0.1:6379', '127.0.0.1:6379', 'redis:/127.0.0.1', 'redis://a b']) {
      const err = configError({ DATABASE_URL, REDIS_URL: value });
      expect(err.variable, value).toBe('REDIS_URL');
      expect(err.message).toContain('redis://');
    }
  });

  it('NODE_ID with spaces, other characters or longer than 64', () => {
    for (const value of ['node 1', 'n'.repeat(65), 'node/1', 'nöde']) {
      const err = configError({ DATABASE_URL, REDIS_URL, NODE_ID: value });
      expect(err.variable, value).toBe('NODE_ID');
      expect(err.message).toContain(value);
    }
  });

  it('NODE_TIMEOUT_MS below twice NODE_HEARTBEAT_MS: one late beat would kill a node', () => {
    const err = configError({ DATABASE_URL, REDIS_URL, NODE_HEARTBEAT_MS: '1500', NODE_TIMEOUT_MS: '2999' });
    expect(err.variable).toBe('NODE_TIMEOUT_MS');
    expect(err.message).toContain('NODE_HEARTBEAT_MS');
    expect(loadConfig({ DATABASE_URL, REDIS_URL, NODE_HEARTBEAT_MS: '1500', NODE_TIMEOUT_MS: '3000' }).cluster?.nodeTimeoutMs).toBe(3000);
    // The default timeout (3 s) with a slow heartbeat is refused too.
    expect(configError({ DATABASE_URL, REDIS_URL, NODE_HEARTBEAT_MS: '2000' }).variable).toBe('NODE_TIMEOUT_MS');
  });

  it('timings that are not whole numbers, or out of range', () => {
    const cases: [string, string][] = [
      ['NODE_HEARTBEAT_MS', 'fast'],
      ['NODE_HEARTBEAT_MS', '1.5'],
      ['NODE_HEARTBEAT_MS', '-100'],
      ['NODE_HEARTBEAT_MS', '50'],
      ['NODE_TIMEOUT_MS', '3s'],
      ['NODE_TIMEOUT_MS', '1e4'],
      // Below 2 s a node still reconnecting after a Redis outage would be judged dead.
      ['NODE_TIMEOUT_MS', '1999'],
      ['DRAIN_TIMEOUT_MS', '30 seconds'],
      ['DRAIN_TIMEOUT_MS', '0x10'],
      ['DRAIN_TIMEOUT_MS', '3600001'],
    ];
    for (const [variable, value] of cases) {
      const err = configError({ DATABASE_URL, REDIS_URL, [variable]: value });
      expect(err.variable, `${variable}=${value}`).toBe(variable);
      expect(err.message.startsWith(`${variable}: `)).toBe(true);
    }
  });
});
