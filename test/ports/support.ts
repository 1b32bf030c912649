import { afterAll } from 'vitest';
import { createLogger, type Logger } from '../../server/app/logger.js';
import { closeRedis, openRedis, type Redis } from '../../server/ports/redis/redis-connection.js';

/** A logger whose JSON lines the test reads back. */
export function capturedLog(): { log: Logger; lines: any[] } {
  const lines: any[] = [];
  const log = createLogger('debug', { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { log, lines };
}

/** Polls `check` until it holds (returns true or a value other than false/undefined); fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | false | undefined, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== false && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Connections opened by a suite, closed after its tests. */
export function redisConnections(log: Logger): (url: string, name: string) => Redis {
  const open: Redis[] = [];
  afterAll(async () => {
    await Promise.all(open.map((r) => closeRedis(r)));
  });
  return (url, name) => {
    const redis = openRedis(url, { name, log });
    open.push(redis);
    return redis;
  };
}
