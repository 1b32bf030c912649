// GraphiQL at /graphql in Chromium: it renders from this server alone (no CDN), under the
// server's Content-Security-Policy, reads the schema and runs a query with an API key header.
import type { BrowserContext } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import { createRoom, uniqueName } from '../helpers/server.js';
import { useBrowserSuite } from './browser-suite.js';
import { saveScreenshot } from './harness.js';

const { server, browser } = useBrowserSuite({}, { buildClient: false });
let context: BrowserContext | undefined;
afterAll(() => context?.close());

describe('GraphiQL', { timeout: 90_000 }, () => {
  test('renders offline from the server alone, shows the schema docs and runs a query with an API key', async () => {
    const room = await createRoom(server, { uniqueName: uniqueName('graphiql') });
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const origin = new URL(server.url).origin;
    const requested: string[] = [];
    const offMachine: string[] = [];
    // Anything that would leave the machine is refused (and noted), so a CDN reference fails the test at once.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) return route.continue();
      offMachine.push(url);
      return route.abort();
    });
    context.on('request', (r) => requested.push(r.url()));
    // Policy violations are reported to the page; the console catches those of workers too.
    await context.addInitScript(() => {
      (window as any).__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => (window as any).__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));

    const introspection = page.waitForRequest((r) => r.url() === `${server.url}/graphql` && r.method() === 'POST' && /__schema/.test(r.postData() ?? ''));
    const response = await page.goto(`${server.url}/graphql`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.waitForSelector('.graphiql-container', { timeout: 30_000 });
    await introspection;

    // The schema arrived: the documentation explorer lists the root types.
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    await page.locator('.graphiql-doc-explorer').getByText('Root Types').waitFor();
    expect(await page.locator('.graphiql-doc-explorer').textContent()).toContain('mutation: Mutation');

    // The API key goes into the headers editor, as the README tells people to do.
    await page.getByRole('button', { name: 'Headers' }).click();
    await page.locator('.graphiql-editor-tool .monaco-editor').last().click();
    await page.keyboard.type(JSON.stringify({ Authorization: `Bearer ${server.apiKey}` }));
    await page.getByRole('button', { name: 'Execute query (Ctrl-Enter)' }).click();
    await page.locator('.graphiql-response').getByText(room.uniqueName).waitFor({ timeout: 15_000 });
    expect(await page.locator('.graphiql-response').textContent()).toMatch(/"totalCount":\s*1\b/);

    await saveScreenshot(page, 'graphiql');

    expect(offMachine).toEqual([]);
    const foreign = requested.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(foreign).toEqual([]);
    expect(requested.some((u) => u.endsWith('/graphiql/graphiql.js'))).toBe(true);
    expect(await page.evaluate(() => (window as any).__cspViolations)).toEqual([]);
    expect(consoleErrors.filter((t) => /Content Security Policy|Refused to/.test(t))).toEqual([]);
  });
});
