import { afterAll, beforeAll } from 'vitest';
import type { Logger } from '../../server/app/logger.js';
import { standIn } from './stand-in.js';
import { startTestServer, type Dialect, type TestServer } from './server.js';

/**
 * A test server for the enclosing `describe` (or the file): started before its tests, stopped after
 * them. Hooks the caller registers afterwards run after the start and, for `afterAll`, before the
 * stop (vitest runs after-hooks in reverse), so a file can close its own clients first.
 */
export function useTestServer(dialect: Dialect, env: Record<string, string> = {}, options: { log?: Logger } = {}): TestServer {
  const server = standIn<TestServer>(`the ${dialect} test server`);
  beforeAll(async () => server.set(await startTestServer(dialect, env, options)));
  afterAll(async () => {
    await server.current?.stop();
    server.set(undefined);
  });
  return server.proxy;
}

/**
 * Connections a suite opens, closed after its tests (before its server stops, when registered after
 * it). One that a test already closed, or the server cut off, may fail to close again: no matter.
 */
export function closeAfterAll<T extends { close(): unknown }>(): T[] {
  const open: T[] = [];
  afterAll(async () => {
    await Promise.allSettled(open.map(async (c) => c.close()));
  });
  return open;
}
