// The dashboard's operations pages in Chromium against the real server: the webhook delivery log
// follows events and retries as they happen, and API keys are created (shown once) and revoked.
import { afterAll, describe, expect, it } from 'vitest';
import { createRoom, mutate } from '../helpers/server.js';
import { WebhookReceiver } from '../helpers/webhook-receiver.js';
import { useBrowserSuite } from './browser-suite.js';
import { NARROW, openDashboard } from './dashboard-harness.js';
import { saveScreenshot, waitFor } from './harness.js';

// Retries come quickly, so that a failed delivery turning into a delivered one fits in a test.
const { server, browser } = useBrowserSuite({ WEBHOOK_RETRY_BASE_MS: '1500', WEBHOOK_POLL_MS: '100' });

/** Opens a dashboard page whose waits fail (and say where) well before the test's own timeout. */
const open = async (...args: Parameters<typeof openDashboard>) => {
  const d = await openDashboard(...args);
  d.page.setDefaultTimeout(10_000);
  return d;
};

const UPDATE = `mutation($id: ID!, $n: Int) { updateRoom(id: $id, input: {maxParticipants: $n}) { __typename } }`;

describe('dashboard webhooks', () => {
  const hooks = new WebhookReceiver();
  afterAll(() => hooks.stop());

  it('lists deliveries with status, attempts and response code, live as events happen and attempts are retried', async () => {
    await hooks.start();
    const room = await createRoom(server, { uniqueName: 'support-desk', webhookEventUrl: hooks.url });
    await waitFor('the created event to be delivered', () => hooks.received.length === 1);
    const d = await open(browser, server, '/webhooks');
    try {
      const { page } = d;
      const log = page.getByRole('table');
      await log.getByRole('row').filter({ hasText: 'room.created' }).filter({ hasText: 'Delivered' }).filter({ hasText: '200' }).waitFor();
      await expect(page.getByRole('row').filter({ hasText: 'room.created' }).getByRole('button', { name: 'support-desk' }).isVisible()).resolves.toBe(true);

      // A receiver that fails: the attempt shows up on its own, then its retry succeeds.
      hooks.answer = 503;
      const before = Date.now();
      await mutate(server, UPDATE, { id: room.id, n: 5 });
      const updated = log.getByRole('row').filter({ hasText: 'room.updated' });
      await updated.filter({ hasText: 'Pending' }).filter({ hasText: '503' }).waitFor({ timeout: 5000 });
      expect(await updated.textContent()).toMatch(/Next try/);
      expect(await updated.textContent()).toContain('HTTP 503');
      hooks.answer = 200;
      await updated.filter({ hasText: 'Delivered' }).waitFor({ timeout: 10_000 });
      const cells = await updated.getByRole('cell').allTextContents();
      // At least the failed attempt and the good one (a retry may fail before the receiver recovers).
      expect(Number(cells[3])).toBeGreaterThanOrEqual(2); // attempts
      expect(cells[4]).toBe('200'); // response
      expect(Date.now() - before).toBeLessThan(10_000);

      // The signing key, with a copy button and how to verify.
      const key = (await server.gql('{ webhookSigningKey { publicKey } }')).data.webhookSigningKey.publicKey;
      await page.getByLabel('public key', { exact: true }).getByText(key).waitFor();
      await page.getByText('client/webhooks/verify-webhook.ts').waitFor();
      await d.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
      await page.getByRole('button', { name: 'Copy public key' }).click();
      await page.getByRole('button', { name: 'Copied ✓' }).waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);

      // A room's name narrows the log to that room.
      const other = await createRoom(server, { uniqueName: 'other-room', webhookEventUrl: hooks.url });
      await log.getByRole('button', { name: 'other-room' }).waitFor();
      await log.getByRole('button', { name: 'support-desk' }).first().click();
      await page.getByText('Room: support-desk').waitFor();
      await waitFor('only support-desk rows', async () => (await log.getByRole('button', { name: 'other-room' }).count()) === 0);
      await page.getByRole('button', { name: "Show every room's deliveries" }).click();
      await log.getByRole('button', { name: 'other-room' }).waitFor();
      expect(other.id).toBeTruthy();

      // A receiver that is down: its delivery waits for its next try, with the reason.
      const down = new WebhookReceiver();
      await down.start();
      const deadUrl = down.url;
      await down.stop();
      await createRoom(server, { uniqueName: 'billing-events', webhookEventUrl: deadUrl });
      await log.getByRole('row').filter({ hasText: 'billing-events' }).filter({ hasText: 'Pending' }).filter({ hasText: 'ECONNREFUSED' }).waitFor();
      await saveScreenshot(page, 'dashboard-webhooks');
      expect(d.consoleErrors).toEqual([]);
    } finally {
      await d.close();
    }
  });

  it('reads well on a narrow window', async () => {
    const d = await open(browser, server, '/webhooks', { viewport: NARROW });
    try {
      await d.page.getByRole('row').filter({ hasText: 'room.created' }).first().waitFor();
      const overflow = await d.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await saveScreenshot(d.page, 'dashboard-webhooks-narrow');
      expect(d.consoleErrors).toEqual([]);
    } finally {
      await d.close();
    }
  });
});

describe('dashboard API keys', () => {
  it('creates a key shown once, lists it, and revokes it after a confirmation', async () => {
    const d = await open(browser, server, '/api-keys');
    try {
      const { page } = d;
      // Signed in with API_KEY, which is not stored: said so.
      await page.getByRole('note').filter({ hasText: 'API_KEY' }).waitFor();
      // The label holds the field's error too: its name starts with "Name".
      const name = page.getByRole('textbox', { name: /^Name/ });
      await name.fill('   ');
      await page.getByRole('button', { name: 'Create key' }).click();
      await page.locator('#key-name-error').waitFor();
      expect(await name.getAttribute('aria-invalid')).toBe('true');

      await name.fill('billing backend');
      await page.getByRole('button', { name: 'Create key' }).click();
      const shown = page.getByLabel('API key', { exact: true });
      await shown.waitFor();
      const key = (await shown.textContent())!;
      expect(key).toMatch(/^vr_/);
      await page.getByText('you will not see it again').waitFor();
      expect(await name.inputValue()).toBe('');
      // The key works.
      expect((await server.gql('{ viewer { kind } }', {}, key)).data.viewer.kind).toBe('API_KEY');
      const row = page.getByRole('row').filter({ hasText: 'billing backend' });
      await row.filter({ hasText: 'Active' }).waitFor();
      expect(await row.textContent()).toContain(key.slice(0, 10));
      await saveScreenshot(page, 'dashboard-api-keys');

      // Once dismissed, the key is gone from the page for good.
      await page.getByRole('button', { name: 'I have stored it' }).click();
      expect(await page.getByText(key).count()).toBe(0);

      await row.getByRole('button', { name: 'Revoke billing backend' }).click();
      const dialog = page.getByRole('dialog', { name: 'Revoke “billing backend”?' });
      await dialog.waitFor();
      expect(await dialog.textContent()).not.toContain('signs you out');
      await dialog.getByRole('button', { name: 'Revoke key' }).click();
      await dialog.waitFor({ state: 'detached' });
      // Revoked keys leave the active list; the revoked list has it.
      await waitFor('the key to leave the active list', async () => (await row.count()) === 0);
      await page.getByLabel('Show').selectOption('revoked');
      await page.getByRole('row').filter({ hasText: 'billing backend' }).filter({ hasText: 'Revoked' }).waitFor();
      expect((await server.gql('{ viewer { kind } }', {}, key)).status).toBe(401);
      expect(d.consoleErrors).toEqual([]);
    } finally {
      await d.close();
    }
  });

  it('warns before revoking the key the dashboard is signed in with, and signs out when it is', async () => {
    const created = await mutate(server, 'mutation { createApiKey(name: "operator laptop") { ... on CreateApiKeyPayload { created { key } } } }');
    const d = await open(browser, server, '/api-keys', { apiKey: created.created.key });
    try {
      const { page } = d;
      const row = page.getByRole('row').filter({ hasText: 'operator laptop' });
      await row.getByText('this session').waitFor();
      await row.getByRole('button', { name: 'Revoke operator laptop' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('This is the key you are signed in with').waitFor();
      await dialog.getByRole('button', { name: 'Revoke key' }).click();
      await page.getByText('You were signed out: this API key has been revoked').waitFor({ timeout: 10_000 });
      await page.getByLabel('API key').waitFor();
    } finally {
      await d.close();
    }
  });

  it('reads well on a narrow window', async () => {
    const d = await open(browser, server, '/api-keys', { viewport: NARROW });
    try {
      await d.page.getByRole('button', { name: 'Create key' }).waitFor();
      await d.page.getByLabel('Show').selectOption('all');
      await d.page.getByRole('row').filter({ hasText: 'billing backend' }).waitFor();
      await saveScreenshot(d.page, 'dashboard-api-keys-narrow');
      const overflow = await d.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(d.consoleErrors).toEqual([]);
    } finally {
      await d.close();
    }
  });
});
