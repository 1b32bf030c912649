// Opening the dashboard in Chromium for the browser tests: a page already signed in with an API key
// (or not), its console errors collected, at the size of a laptop screen unless told otherwise.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestServer } from '../helpers/server.js';

export interface DashboardPage {
  page: Page;
  context: BrowserContext;
  /** Errors the page logged or threw: a dashboard that works logs none. */
  consoleErrors: string[];
  close(): Promise<void>;
}

export const LAPTOP = { width: 1280, height: 800 };
export const NARROW = { width: 390, height: 844 };

export async function openDashboard(browser: Browser, server: TestServer, path = '/', opts: { apiKey?: string | null; viewport?: { width: number; height: number } } = {}): Promise<DashboardPage> {
  const context = await browser.newContext({ viewport: opts.viewport ?? LAPTOP });
  const apiKey = opts.apiKey === undefined ? server.apiKey : opts.apiKey;
  // Signed in as the dashboard keeps it: the key in this tab's session storage.
  if (apiKey) await context.addInitScript((key) => sessionStorage.setItem('video-rooms.dashboard.apiKey', key), apiKey);
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('pageerror', (err) => consoleErrors.push(err.message));
  page.on('console', (msg) => {
    // A refused sign-in answers 401 on purpose; the browser logs the status of such a request.
    if (msg.type() === 'error' && !/status of 401/.test(msg.text())) consoleErrors.push(msg.text());
  });
  await page.goto(`${server.url}/dashboard${path === '/' ? '/' : path}`);
  return { page, context, consoleErrors, close: () => context.close() };
}
