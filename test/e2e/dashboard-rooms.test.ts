// The rooms list and the overview in Chromium against the real server: filters and pages, the
// forms with the server's field errors, delete with a confirmation, "Open in meet" joining for
// real, and the live figures of the overview.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createRoom, mutate } from '../helpers/server.js';
import { useBrowserSuite } from './browser-suite.js';
import { NARROW, openDashboard } from './dashboard-harness.js';
import { closeAll, meetParticipant, saveScreenshot, token, waitFor, type Participant } from './harness.js';

const row = (page: Page, name: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
const pagerText = (page: Page) => page.getByRole('navigation', { name: 'rooms pages' }).locator('.muted').textContent();
const today = () => new Date().toISOString().slice(0, 10);

describe('dashboard rooms and overview', { timeout: 120_000 }, () => {
  const { server, browser } = useBrowserSuite({ EMPTY_ROOM_GRACE_MS: '300' });
  const tag = Date.now().toString(36);

  it('lists rooms in pages, filters them, and shows a room created elsewhere without a reload', async () => {
    for (let i = 1; i <= 22; i++) await createRoom(server, { uniqueName: `${tag}-room-${String(i).padStart(2, '0')}`, enableRecording: i % 5 === 0 });
    await createRoom(server);
    const d = await openDashboard(browser, server, '/rooms');
    try {
      const { page } = d;
      await row(page, `${tag}-room-22`).waitFor();
      const total = (await server.gql('{ rooms { totalCount } }')).data.rooms.totalCount as number;
      expect(await pagerText(page)).toBe(`1–20 of ${total} rooms`);
      expect(await page.locator('tbody tr').count()).toBe(20);
      await saveScreenshot(page, 'dashboard-rooms');

      await page.getByRole('button', { name: 'Next →' }).click();
      await waitFor('the second page', async () => (await pagerText(page)) === `21–${total} of ${total} rooms`);
      await row(page, `${tag}-room-01`).waitFor();
      await page.getByRole('button', { name: '← Previous' }).click();
      await waitFor('the first page again', async () => (await pagerText(page))?.startsWith('1–20 of'));

      // An exact name, then days: created today, created after today.
      await page.getByRole('searchbox', { name: 'Name' }).fill(`${tag}-room-07`);
      await waitFor('one room', async () => (await pagerText(page)) === '1–1 of 1 rooms');
      await row(page, `${tag}-room-07`).waitFor();
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await page.getByLabel('Created: day').fill(today());
      await waitFor('rooms created today', async () => (await pagerText(page)) === `1–20 of ${total} rooms`);
      await page.getByLabel('Created: how').selectOption('gte');
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      await page.getByLabel('Created: day').fill(tomorrow);
      await page.getByText('No room matches these filters.').waitFor();
      await page.getByRole('button', { name: 'Clear filters' }).click();

      // Deleted rooms only when asked for.
      const gone = await createRoom(server, { uniqueName: `${tag}-deleted` });
      await mutate(server, 'mutation($id: ID!) { deleteRoom(id: $id) { __typename } }', { id: gone.id });
      await page.getByRole('searchbox', { name: 'Name' }).fill(`${tag}-deleted`);
      await page.getByText('No room matches these filters.').waitFor();
      await page.getByRole('checkbox', { name: 'Include deleted' }).check();
      await row(page, `${tag}-deleted`).getByText('deleted', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Clear filters' }).click();

      // Live: a room created through the API appears at the top.
      await createRoom(server, { uniqueName: `${tag}-from-elsewhere` });
      await row(page, `${tag}-from-elsewhere`).waitFor({ timeout: 5000 });
      expect(await page.locator('tbody tr').first().textContent()).toContain(`${tag}-from-elsewhere`);
      expect(d.consoleErrors).toEqual([]);
    } finally {
      await d.close();
    }
  });

  it('creates, edits and deletes a room, showing the server’s errors next to the field', async () => {
    await createRoom(server, { uniqueName: `${tag}-taken` });
    const d = await openDashboard(browser, server, '/rooms');
    try {
      const { page } = d;
      await page.getByRole('button', { name: 'New room' }).click();
      const form = page.getByRole('dialog', { name: 'New room' });
      await form.getByLabel('Unique name').fill(`${tag}-created`);
      await form.getByLabel('Max participants').fill('100');
      await form.getByRole('button', { name: 'Create room' }).click();
      const max = form.getByLabel('Max participants');
      await waitFor('the field error', async () => (await max.getAttribute('aria-invalid')) === 'true');
      const describedBy = await max.getAttribute('aria-describedby');
      expect(await page.locator(`#${describedBy}`).textContent()).toMatch(/must be from 2 to 50/);
      await saveScreenshot(page, 'dashboard-room-create-error');

      // A name in use: the server's ConflictError, under the name.
      await max.fill('6');
      await form.getByLabel('Unique name').fill(`${tag}-taken`);
      await form.getByRole('button', { name: 'Create room' }).click();
      await form.getByText(`a room named "${tag}-taken" already exists`).waitFor();
      expect(await form.getByLabel('Unique name').getAttribute('aria-invalid')).toBe('true');

      await form.getByLabel('Unique name').fill(`${tag}-created`);
      await form.getByRole('button', { name: 'Create room' }).click();
      await form.waitFor({ state: 'detached' });
      await page
        .getByRole('status')
        .filter({ hasText: `${tag}-created created.` })
        .waitFor();
      const created = row(page, `${tag}-created`);
      await created.waitFor();
      expect(await created.locator('td').nth(2).textContent()).toBe('6');

      // Edit: only what changed is sent; the row follows.
      await page.getByRole('button', { name: `Edit ${tag}-created` }).click();
      const edit = page.getByRole('dialog', { name: 'Edit room' });
      expect(await edit.getByLabel('Max participants').inputValue()).toBe('6');
      await edit.getByLabel('Max participants').fill('8');
      await edit.getByLabel('Record every participant’s audio and video').check();
      await edit.getByRole('button', { name: 'Save changes' }).click();
      await edit.waitFor({ state: 'detached' });
      await waitFor('the edited row', async () => (await created.locator('td').nth(2).textContent()) === '8');
      await created.getByText('on', { exact: true }).waitFor();

      // Delete asks first; Cancel keeps the room.
      await page.getByRole('button', { name: `Delete ${tag}-created` }).click();
      const confirm = page.getByRole('dialog', { name: `Delete ${tag}-created?` });
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      await confirm.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: `Delete ${tag}-created` }).click();
      await page
        .getByRole('dialog', { name: `Delete ${tag}-created?` })
        .getByRole('button', { name: 'Delete room' })
        .click();
      await created.waitFor({ state: 'detached' });
      const stored = await server.gql('query($f: RoomFilter) { rooms(filter: $f) { edges { node { deletedAt } } } }', { f: { uniqueName: `${tag}-created`, includeDeleted: true } });
      expect(stored.data.rooms.edges[0].node.deletedAt).not.toBeNull();
      expect(d.consoleErrors).toEqual([]);
    } finally {
      await d.close();
    }
  });

  it('opens a room in the meet app as the operator, live in the list and on the overview', async () => {
    const room = await createRoom(server, { uniqueName: `${tag}-meet` });
    const d = await openDashboard(browser, server, '/rooms');
    let other: Participant | undefined;
    try {
      const { page } = d;
      const line = row(page, `${tag}-meet`);
      await line.getByText('idle').waitFor();
      const [meet] = await Promise.all([d.context.waitForEvent('page'), page.getByRole('button', { name: `Open ${tag}-meet in meet` }).click()]);
      await meet.waitForURL(/\/meet\/\?/);
      const params = new URL(meet.url()).searchParams;
      expect(params.get('roomId')).toBe(room.id);
      expect(params.get('name')).toBe('Operator');
      expect(params.get('token')).toBeTruthy();
      expect(params.get('refreshToken')).toBeTruthy();
      // The operator lands on the meet app's pre-join screen, named, and joins from there.
      expect(await meet.getByLabel('Your name').inputValue()).toBe('Operator');
      await meet.getByRole('button', { name: 'Join now' }).click();
      await meet.waitForSelector('#status[data-status="connected"]', { timeout: 30_000 });
      // The list counts the operator in the room, without a reload.
      await line.getByText('1 live').waitFor({ timeout: 5000 });

      other = await meetParticipant(browser, server, { roomId: room.id, token: await token(server, room.id), name: 'Guest' });
      await line.getByText('2 live').waitFor({ timeout: 5000 });

      // The overview: live counts and the media worker's CPU.
      await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Overview' }).click();
      const stat = (label: string) => page.locator('.stat').filter({ hasText: label }).locator('.value');
      await waitFor('two live participants', async () => (await stat('Live participants').textContent()) === '2');
      expect(await stat('Live rooms').textContent()).toBe('1');
      const workers = page.getByRole('table', { name: 'Media workers' });
      await waitFor('a CPU reading', async () => / %$/.test((await workers.locator('tbody tr').first().locator('td').nth(1).textContent()) ?? ''));
      expect(Number(await workers.locator('tbody tr').first().locator('td').nth(5).textContent())).toBeGreaterThanOrEqual(4);
      await page.getByRole('heading', { name: /Usage, last 30 days/ }).waitFor();
      await page.getByRole('img', { name: 'Participant-minutes per day, last 30 days' }).waitFor();
      // Let the live charts gather a few readings for the screenshot.
      await new Promise((r) => setTimeout(r, 8000));
      await saveScreenshot(page, 'dashboard-overview');
      await meet.close();
      expect(d.consoleErrors).toEqual([]);
    } finally {
      await closeAll(other);
      await d.close();
    }
  });

  it('fits a narrow window', async () => {
    const d = await openDashboard(browser, server, '/rooms', { viewport: NARROW });
    try {
      await d.page.locator('tbody tr').first().waitFor();
      expect(await d.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await saveScreenshot(d.page, 'dashboard-rooms-narrow');
      await d.page.goto(`${server.url}/dashboard/`);
      await d.page.locator('.stat .value').first().waitFor();
      expect(await d.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await saveScreenshot(d.page, 'dashboard-overview-narrow');
      expect(d.consoleErrors).toEqual([]);
    } finally {
      await d.close();
    }
  });
});
