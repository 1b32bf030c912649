import { Redis } from 'ioredis';
import type { Logger } from '../../app/logger.js';
import { ThrottledLog } from './throttled-log.js';

export type { Redis };

/** Reconnection delays: 100 ms doubling up to this cap, plus jitter so that nodes do not reconnect in lockstep. */
export const MAX_RECONNECT_DELAY_MS = 2_000;

/** Why `url` cannot be a REDIS_URL, or null when it can: `redis://` or `rediss://` (TLS), a host, an optional database number. */
export function redisUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a URL (expected redis://host:port or rediss://host:port)';
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') return `must start with redis:// or rediss://, not ${parsed.protocol}//`;
  if (!parsed.hostname) return 'has no host';
  const db = parsed.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db)) return `names the database "${db}": it must be a number (redis://host:6379/0)`;
  return null;
}

export function redisUrlIsValid(url: string): boolean {
  return redisUrlProblem(url) === null;
}

export interface OpenRedisOptions {
  /** Shown by CLIENT LIST (`vr:<node>:bus-sub`) and in the log lines of this connection. */
  name: string;
  log: Logger;
}

/**
 * A connection configured for a server that must outlive Redis restarts:
 *
 * - it reconnects forever, with a capped backoff (100 ms doubling to {@link MAX_RECONNECT_DELAY_MS},
 *   plus jitter); subscriptions are renewed on reconnect (ioredis' autoResubscribe);
 * - connection errors are logged, at most one line per 10 s per connection, and never reach the
 *   process as an unhandled 'error' event;
 * - `maxRetriesPerRequest: 1`: a command issued while Redis is unreachable waits in the offline
 *   queue for at most two reconnection attempts (a few seconds with the capped backoff), then fails
 *   with MaxRetriesPerRequestError. Its callers are requests (rate limits, lookups) that have a
 *   fallback or answer an error: they must not hang for the length of an outage, and a queue that
 *   grows for the whole outage would hold memory and replay a flood of stale commands on reconnect.
 *   (ioredis' default, 20, means ~40 s with this backoff; `null` means forever.)
 * - `connectTimeout: 3000`: an unreachable host (not a refused port) counts as one failed attempt
 *   after 3 s rather than ioredis' 10 s.
 */
export function openRedis(url: string, opts: OpenRedisOptions): Redis {
  const log = opts.log.child({ redis: opts.name });
  const errors = new ThrottledLog(log, 'warn');
  const redis = new Redis(url, {
    connectionName: opts.name.replace(/[^\w.:-]/g, '-'),
    retryStrategy: (attempt) => Math.min(100 * 2 ** Math.min(attempt - 1, 10), MAX_RECONNECT_DELAY_MS) + Math.floor(Math.random() * 100),
    maxRetriesPerRequest: 1,
    connectTimeout: 3_000,
  });
  let outage = false;
  redis.on('error', (err: Error & { code?: string }) => {
    outage = true;
    errors.write({ err: err.message, code: err.code }, 'redis connection error (retrying)');
  });
  // A server that goes away may close the socket without an error; a reconnection follows.
  redis.on('reconnecting', () => {
    if (!outage) log.warn('redis connection lost, reconnecting');
    outage = true;
  });
  redis.on('ready', () => {
    if (outage) log.info('redis connection back');
    outage = false;
    errors.reset();
  });
  return redis;
}

/** Closes a connection politely when it is up (QUIT, bounded by `timeoutMs`), at once otherwise; never throws. */
export async function closeRedis(redis: Redis, timeoutMs = 1_000): Promise<void> {
  if (redis.status === 'end') return;
  if (redis.status === 'ready') {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([redis.quit().catch(() => undefined), timedOut]);
    clearTimeout(timer);
  }
  redis.disconnect();
}
