import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { standIn } from '../helpers/stand-in.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { ensureClientBuilt, launchBrowser } from './harness.js';

/**
 * The set-up of a browser test file: the client built (unless `buildClient` is false), an embedded
 * server with `env`, and one Chromium, started together before the file's tests and closed after
 * them. Kept apart from harness.ts, which the join benchmark imports outside vitest.
 */
export function useBrowserSuite(env: Record<string, string> = {}, options: { buildClient?: boolean } = {}): { server: TestServer; browser: Browser } {
  const server = standIn<TestServer>('the test server');
  const browser = standIn<Browser>('the browser');
  beforeAll(async () => {
    if (options.buildClient !== false) ensureClientBuilt();
    // Each is kept as soon as it is up, so that afterAll closes it even when the other failed.
    await Promise.all([startTestServer('pglite', env).then((s) => server.set(s)), launchBrowser().then((b) => browser.set(b))]);
  });
  afterAll(async () => {
    await browser.current?.close();
    await server.current?.stop();
  });
  return { server: server.proxy, browser: browser.proxy };
}
