// The dashboard's front door, in Chromium against the real server: where it is, who gets in, and
// what a wrong or revoked key is told.
import { describe, expect, it } from 'vitest';
import { createRoom, mutate } from '../helpers/server.js';
import { useBrowserSuite } from './browser-suite.js';
import { NARROW, openDashboard } from './dashboard-harness.js';
import { saveScreenshot, token, waitFor } from './harness.js';

const NAV = ['Overview', 'Rooms', 'Sessions', 'Recordings', 'Compositions', 'Webhooks', 'API keys'];

describe('dashboard sign-in', () => {
  const { server, browser } = useBrowserSuite();

  it('is where an operator looks: / and /admin lead to /dashboard/, and any dashboard path serves the app', async () => {
    for (const from of ['/', '/admin', '/dashboard']) {
      const res = await fetch(`${server.url}${from}`, { redirect: 'manual' });
      expect([301, 302], from).toContain(res.status);
      expect(res.headers.get('location'), from).toBe('/dashboard/');
    }
    const deep = await fetch(`${server.url}/dashboard/rooms/00000000-0000-0000-0000-000000000000`);
    expect(deep.status).toBe(200);
    expect(deep.headers.get('content-type')).toMatch(/text\/html/);
    expect(await deep.text()).toContain('/dashboard/main.js');
    // A missing asset is still a 404, not the page.
    expect((await fetch(`${server.url}/dashboard/nothing.js`)).status).toBe(404);
  });

  it('asks for an API key, explains a wrong one, and lets a valid one in to the navigation', async () => {
    const d = await openDashboard(browser, server, '/', { apiKey: null });
    try {
      const field = d.page.getByLabel('API key');
      await field.waitFor();
      await saveScreenshot(d.page, 'dashboard-sign-in');
      await field.fill('not-a-real-key');
      await d.page.getByRole('button', { name: 'Sign in' }).click();
      await d.page.getByRole('alert').filter({ hasText: 'not valid' }).waitFor();
      expect(await d.page.evaluate(() => sessionStorage.getItem('video-rooms.dashboard.apiKey'))).toBeNull();

      await field.fill(server.apiKey);
      await d.page.getByRole('button', { name: 'Sign in' }).click();
      const nav = d.page.getByRole('navigation', { name: 'Dashboard' });
      for (const name of NAV) await nav.getByRole('link', { name, exact: true }).waitFor();
      expect(await d.page.evaluate(() => sessionStorage.getItem('video-rooms.dashboard.apiKey'))).toBe(server.apiKey);
      // Navigation moves without a reload and the address follows.
      await nav.getByRole('link', { name: 'Rooms', exact: true }).click();
      await waitFor('the rooms path', () => d.page.url().endsWith('/dashboard/rooms'));
      await d.page.goBack();
      await waitFor('the overview path', () => d.page.url().endsWith('/dashboard/'));
      expect(d.consoleErrors).toEqual([]);
    } finally {
      await d.close();
    }
  });

  it('refuses a client token, and signs out with the reason when the key is revoked while the page is open', async () => {
    const created = await mutate(server, 'mutation { createApiKey(name: "dashboard-revoke") { ... on CreateApiKeyPayload { created { key apiKey { id } } } } }');
    const { key, apiKey } = created.created;

    const room = await createRoom(server);
    const clientToken = await token(server, room.id);
    const refused = await openDashboard(browser, server, '/', { apiKey: null });
    try {
      await refused.page.getByLabel('API key').fill(clientToken);
      await refused.page.getByRole('button', { name: 'Sign in' }).click();
      await refused.page.getByRole('alert').filter({ hasText: 'not an API key' }).waitFor();
    } finally {
      await refused.close();
    }

    const d = await openDashboard(browser, server, '/', { apiKey: key });
    try {
      await d.page.getByRole('navigation', { name: 'Dashboard' }).waitFor();
      await mutate(server, 'mutation($id: ID!) { revokeApiKey(id: $id) { ... on RevokeApiKeyPayload { apiKey { id } } } }', { id: apiKey.id });
      await d.page.getByText('You were signed out: this API key has been revoked').waitFor({ timeout: 10_000 });
      await d.page.getByLabel('API key').waitFor();
      expect(await d.page.evaluate(() => sessionStorage.getItem('video-rooms.dashboard.apiKey'))).toBeNull();
    } finally {
      await d.close();
    }
  });

  it('fits a narrow window: the navigation wraps above the page', async () => {
    const d = await openDashboard(browser, server, '/', { viewport: NARROW });
    try {
      await d.page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'API keys' }).waitFor();
      const overflow = await d.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await saveScreenshot(d.page, 'dashboard-narrow');
    } finally {
      await d.close();
    }
  });
});
