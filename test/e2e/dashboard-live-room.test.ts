// The live room page in Chromium, against the real server and real media: two fake-camera
// participants in the meet app, an operator watching and moderating them from the dashboard.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createRoom, mutate } from '../helpers/server.js';
import { useBrowserSuite } from './browser-suite.js';
import { LAPTOP, NARROW, openDashboard, type DashboardPage } from './dashboard-harness.js';
import { closeAll, expectFlowing, meetParticipant, participantRows, received, saveScreenshot, token, waitFor, type Participant } from './harness.js';

const MEET = 'window.meet.room';
const tile = (p: Participant, key = 'self') => `.tile[data-participant-id="${p.id}"][data-stream-key="${key}"]`;

/** Records, in the dashboard page, when each participant's card first appears (the page's clock is the machine's). */
async function watchArrivals(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: Record<string, number> = {};
    (window as any).__arrivals = seen;
    const note = () => {
      for (const el of document.querySelectorAll('article[data-participant-id]')) seen[(el as HTMLElement).dataset.participantId!] ??= Date.now();
    };
    new MutationObserver(note).observe(document.body, { childList: true, subtree: true });
    note();
  });
}

/** The path of a sparkline: it changes when a new reading moves the line. */
const sparkPath = (page: Page, label: string) => page.getByRole('img', { name: label }).locator('path').getAttribute('d');

/** Audio packets `watcher` has received from `speaker` over `ms`. */
async function audioOver(watcher: Participant, speaker: Participant, ms: number): Promise<number> {
  const before = (await received(watcher.page, MEET))[`${speaker.id}:self`]?.audioPackets ?? 0;
  await new Promise((r) => setTimeout(r, ms));
  return ((await received(watcher.page, MEET))[`${speaker.id}:self`]?.audioPackets ?? 0) - before;
}

describe('dashboard live room', { timeout: 180_000 }, () => {
  const { server, browser } = useBrowserSuite({ EMPTY_ROOM_GRACE_MS: '300' });

  it('says so when the room does not exist, is not a room id, or was deleted', async () => {
    const deleted = await createRoom(server, { uniqueName: `gone-${Date.now()}` });
    await mutate(server, 'mutation($id: ID!) { deleteRoom(id: $id) { __typename } }', { id: deleted.id });
    const d = await openDashboard(browser, server, '/rooms/01900000-0000-7000-8000-000000000000');
    try {
      await d.page.getByRole('heading', { name: 'Room not found' }).waitFor();
      await d.page.getByText('No room has the id').waitFor();
      await d.page.goto(`${server.url}/dashboard/rooms/not-a-room`);
      await d.page.getByRole('heading', { name: 'Room not found' }).waitFor();
      await d.page.goto(`${server.url}/dashboard/rooms/${deleted.id}`);
      await d.page.getByText('This room was deleted on').waitFor();
      await d.page.getByRole('link', { name: 'Back to the rooms' }).click();
      await waitFor('the rooms list', () => d.page.url().endsWith('/dashboard/rooms'));
      expect(d.consoleErrors).toEqual([]);
    } finally {
      await d.close();
    }
  });

  it('follows two participants live, with their quality, and moderates them on the real media', async () => {
    const room = await createRoom(server, { uniqueName: `live-${Date.now()}` });
    let d: DashboardPage | undefined;
    let alice: Participant | undefined;
    let bob: Participant | undefined;
    try {
      d = await openDashboard(browser, server, `/rooms/${room.id}`);
      const page = d.page;
      await page.getByText('Nobody is in the room right now.').waitFor();
      await watchArrivals(page);

      // A join shows on the page without a reload: measured from the server's record of the join.
      alice = await meetParticipant(browser, server, { roomId: room.id, token: await token(server, room.id), name: 'Alice' });
      await page.getByRole('article', { name: 'Alice' }).waitFor({ timeout: 2000 });
      const joinedAt = (await participantRows(server, room.id)).find((r) => r.id === alice!.id)!.joined_at;
      const shownAt = await page.evaluate((id) => (window as any).__arrivals[id] as number, alice.id);
      const joinToPage = shownAt - new Date(joinedAt).getTime();
      console.log(`join→page: ${joinToPage} ms`);
      expect(joinToPage).toBeLessThan(2000);

      bob = await meetParticipant(browser, server, { roomId: room.id, token: await token(server, room.id), name: 'Bob' });
      const aliceCard = page.getByRole('article', { name: 'Alice' });
      const bobCard = page.getByRole('article', { name: 'Bob' });
      await bobCard.waitFor({ timeout: 2000 });
      await aliceCard.getByLabel('Camera: Camera on').waitFor();
      await bobCard.getByLabel('Microphone: Mic on').waitFor();
      await page.getByText('2 of 10 participants').waitFor();
      await page.getByRole('log', { name: 'Room events' }).getByText('Bob joined').waitFor();
      await Promise.all([expectFlowing(alice.page, [`${bob.id}:self`], { roomExpr: MEET }), expectFlowing(bob.page, [`${alice.id}:self`], { roomExpr: MEET })]);

      // The quality sparklines move with each roomStats reading.
      const bitrate = 'Alice: bitrate sent, last minute';
      await page.getByRole('img', { name: bitrate }).waitFor({ timeout: 10_000 });
      const first = await sparkPath(page, bitrate);
      await waitFor('the bitrate sparkline to move', async () => (await sparkPath(page, bitrate)) !== first, 10_000);
      await waitFor('a quality score', async () => /\d\/5/.test((await aliceCard.locator('.quality').textContent()) ?? ''), 10_000);
      // Someone speaks (the fake microphone beeps): the page says who.
      await page.locator('.speaking-badge').first().waitFor({ timeout: 15_000 });
      // The screenshot shows some history: 12 readings (about 24 s) on the line.
      await waitFor('a longer sparkline', async () => ((await sparkPath(page, bitrate)) ?? '').split('L').length >= 12, 40_000, 500);
      await saveScreenshot(page, 'dashboard-live-room');

      // Narrow window: nothing sticks out sideways.
      await page.setViewportSize(NARROW);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await saveScreenshot(page, 'dashboard-live-room-narrow');
      await page.setViewportSize(LAPTOP);

      // Mute Alice: her audio stops reaching Bob, both pages say so.
      expect(await audioOver(bob, alice, 1000)).toBeGreaterThan(5);
      await page.getByRole('button', { name: 'Mute Alice' }).click();
      await aliceCard.getByLabel('Microphone: Muted by moderator').waitFor();
      await bob.page.waitForSelector(`${tile(alice)}[data-audio-censored="true"]`);
      expect(await bob.page.textContent(`${tile(alice)} .flags`)).toContain('muted');
      expect(await alice.page.isDisabled('#mute')).toBe(true);
      await new Promise((r) => setTimeout(r, 500));
      expect(await audioOver(bob, alice, 2500)).toBeLessThanOrEqual(2);
      await page.getByRole('log', { name: 'Room events' }).getByText('Alice was muted by a moderator').waitFor();

      // Unmute: her audio flows again.
      await page.getByRole('button', { name: 'Unmute Alice' }).click();
      await aliceCard.getByLabel('Microphone: Mic on').waitFor();
      await bob.page.waitForSelector(`${tile(alice)}[data-audio-censored="false"]`);
      await waitFor('Alice’s audio at Bob again', async () => (await audioOver(bob!, alice!, 1000)) > 5, 15_000);

      // A message from the operator reaches both participants' SDK as message_received.
      for (const p of [alice, bob]) {
        await p.page.evaluate(() => {
          const w = window as any;
          w.__messages = [];
          w.meet.room.on('message_received', (from: string, m: unknown) => w.__messages.push({ from, m }));
        });
      }
      await page.getByRole('textbox', { name: 'Message' }).fill('The room closes in five minutes');
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByRole('status').filter({ hasText: 'Sent to 2 participants.' }).waitFor();
      for (const p of [alice, bob]) {
        const got = await waitFor('the operator’s message', () => p.page.evaluate(() => (window as any).__messages[0]));
        expect(got).toEqual({ from: 'API_KEY', m: { type: 'text', payload: 'The room closes in five minutes', fromOperator: true } });
      }
      await page.getByRole('log', { name: 'Room events' }).getByText('Operator → everyone: The room closes in five minutes').waitFor();

      // Mute everyone but Alice: Bob alone is muted.
      await page.getByRole('button', { name: 'Mute all…' }).click();
      const everyone = page.getByRole('dialog', { name: 'Mute everyone?' });
      await everyone.getByRole('checkbox', { name: 'Alice' }).check();
      await everyone.getByRole('button', { name: 'Mute 1 participant' }).click();
      await bobCard.getByLabel('Microphone: Muted by moderator').waitFor();
      expect(await aliceCard.getByLabel('Microphone: Mic on').count()).toBe(1);
      await alice.page.waitForSelector(`${tile(bob)}[data-audio-censored="true"]`);

      // Kick Bob, after a confirmation.
      await page.getByRole('button', { name: 'Kick Bob' }).click();
      const confirm = page.getByRole('dialog', { name: 'Kick Bob?' });
      await confirm.getByRole('button', { name: 'Kick' }).click();
      await bobCard.waitFor({ state: 'detached' });
      await bob.page.waitForSelector('#error:not([hidden])');
      expect(await bob.page.textContent('#error')).toContain('removed from the meeting');
      await alice.page.waitForSelector(tile(bob), { state: 'detached' });
      await page.getByRole('log', { name: 'Room events' }).getByText('Bob was kicked').waitFor();

      // End the session: Alice is removed, the room is idle again.
      await page.getByRole('button', { name: 'End session' }).click();
      await page.getByRole('dialog', { name: 'End the session?' }).getByRole('button', { name: 'End session' }).click();
      await page.getByText('Nobody is in the room right now.').waitFor();
      await page.getByRole('log', { name: 'Room events' }).getByText('Session ended: ended by an operator').waitFor();
      await alice.page.waitForSelector('#ended[data-reason="session_terminated"]');
      expect((await participantRows(server, room.id)).map((r) => r.left_reason).sort()).toEqual(['kicked', 'session_ended']);
      expect(d.consoleErrors).toEqual([]);
    } finally {
      await closeAll(alice, bob);
      await d?.close();
    }
  });
});
