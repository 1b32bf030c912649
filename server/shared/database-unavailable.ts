import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../app/logger.js';

// SQLSTATE classes and codes that mean the database went away, not that the statement was wrong:
// connection exceptions (08…), and the server shutting down or starting (57P01–57P03).
const UNAVAILABLE_CODES = /^(08\d{3}|57P0[123])$/;
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
// What node-postgres says when a connection ends under it; it gives these no code.
const UNAVAILABLE_MESSAGES = /Connection terminated|Client has encountered a connection error|Connection closed|the database system is (starting up|shutting down)/i;

/** Whether `err` says that the database cannot be reached now (it may come back), rather than that a statement failed. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown[] } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && (UNAVAILABLE_CODES.test(e.code) || UNAVAILABLE_ERRNOS.has(e.code))) return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
    // A refused connection to a host with several addresses comes as an AggregateError.
    if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
  }
  return false;
}

/** What a caller is told when the database is away: nothing of its request was done. */
export const DATABASE_UNAVAILABLE_MESSAGE = 'the database is not reachable at the moment: nothing was changed; try again shortly';

/**
 * Runs `write` until it succeeds or fails for another reason than the database being away, for
 * up to `maxMs`: for what already happened and cannot be refused (a participant left, a session
 * ended), whose record must not be lost to a database restart. `onDown` runs once, at the first
 * failure (e.g. to announce what happened without waiting for its record).
 */
export async function retryWhileDatabaseDown<T>(write: () => Promise<T>, opts: { log: Logger; what: string; maxMs?: number; onDown?: () => void }): Promise<T> {
  const deadline = Date.now() + (opts.maxMs ?? 60_000);
  let delay = 200;
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await write();
      if (attempt > 1) opts.log.info({ attempts: attempt }, `${opts.what} was written once the database was back`);
      return result;
    } catch (err) {
      if (!isDatabaseUnavailable(err) || Date.now() + delay > deadline) throw err;
      if (attempt === 1) {
        opts.log.warn({ err }, `the database is not reachable: ${opts.what} is written when it is back`);
        opts.onDown?.();
      }
      await sleep(delay);
      delay = Math.min(delay * 2, 2000);
    }
  }
}
