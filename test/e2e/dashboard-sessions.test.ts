// The dashboard's sessions pages in Chromium against the real server and real media: the session
// history and the participants, live; a session's timeline drawn to scale with the recordings
// made in it, played in the page.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createRoom } from '../helpers/server.js';
import { useBrowserSuite } from './browser-suite.js';
import { NARROW, openDashboard } from './dashboard-harness.js';
import { overflowing } from './dashboard-layout.js';
import { expectPlays, recordSession } from './dashboard-records-fixtures.js';
import { closeAll, saveScreenshot, sdkParticipant, token, waitFor, type Participant } from './harness.js';

/** Marks the page: if it reloads, the mark is gone. */
const markPage = (page: Page) => page.evaluate(() => ((window as any).__notReloaded = true));
const stillSamePage = (page: Page) => page.evaluate(() => (window as any).__notReloaded === true);

const barWidth = (page: Page, name: string) => page.getByRole('img', { name: new RegExp(`^${name} in the room from`) }).evaluate((el) => el.getBoundingClientRect().width);

describe('dashboard sessions', { timeout: 180_000 }, () => {
  const { server, browser } = useBrowserSuite({ EMPTY_ROOM_GRACE_MS: '300' });

  /** How long each participant of a session stayed, in seconds, by id. */
  const staySeconds = async (sessionId: string): Promise<Record<string, number>> => {
    const res = await server.gql('query($f: ParticipantFilter) { participants(filter: $f) { edges { node { id joinedAt leftAt } } } }', { f: { sessionId } });
    const nodes = res.data.participants.edges.map((e: any) => e.node) as { id: string; joinedAt: string; leftAt: string }[];
    return Object.fromEntries(nodes.map((p) => [p.id, (Date.parse(p.leftAt) - Date.parse(p.joinedAt)) / 1000]));
  };

  it('shows a session starting, people joining and leaving, and the session ending, without a reload', async () => {
    const room = await createRoom(server, { uniqueName: 'live-standup' });
    const d = await openDashboard(browser, server, '/sessions');
    let cleo: Participant | undefined;
    let dan: Participant | undefined;
    try {
      await d.page.getByRole('tab', { name: 'Sessions' }).waitFor();
      await d.page.getByText('No sessions yet').waitFor();
      await markPage(d.page);
      const join = async (name: string) => sdkParticipant(browser, server, { roomId: room.id, token: await token(server, room.id), context: JSON.stringify({ name }), publish: false });

      cleo = await join('Cleo');
      const joined = Date.now();
      const row = d.page.getByRole('row').filter({ hasText: 'live-standup' });
      await row.getByText('Live', { exact: true }).waitFor({ timeout: 5000 });
      console.log(`a join showed on the sessions page ${Date.now() - joined} ms after the participant had joined`);
      expect(await row.getByRole('cell').nth(4).textContent()).toBe('1');
      expect(await row.getByRole('link', { name: 'live-standup' }).getAttribute('href')).toBe(`/dashboard/rooms/${room.id}`);

      // The live session's page: Cleo's bar grows; Dan appears when he joins.
      await row.getByRole('link', { name: /^Timeline of session/ }).click();
      await waitFor('the session page', () => /\/dashboard\/sessions\/[0-9a-f-]{36}$/.test(d.page.url()));
      await d.page.getByRole('img', { name: /^Cleo in the room from .* until now$/ }).waitFor();
      const before = await barWidth(d.page, 'Cleo');
      await new Promise((r) => setTimeout(r, 2500));
      expect(await barWidth(d.page, 'Cleo')).toBeGreaterThan(before);
      dan = await join('Dan');
      await d.page.getByRole('img', { name: /^Dan in the room from/ }).waitFor({ timeout: 5000 });
      await d.page.getByRole('link', { name: 'Live room' }).waitFor();
      await saveScreenshot(d.page, 'dashboard-session-live');

      // Back to the list; the participants' view has both, in the room.
      await d.page.goBack();
      await row.getByRole('cell').nth(4).filter({ hasText: '2' }).waitFor({ timeout: 5000 });
      await d.page.getByRole('tab', { name: 'Participants' }).click();
      for (const name of ['Cleo', 'Dan']) await d.page.getByRole('row').filter({ hasText: name }).getByText('In the room').waitFor();

      // Dan leaves: his row says so; Cleo leaves: the session ends — all without a reload.
      await dan.page.evaluate(() => (window as any).app.room.disconnect());
      await d.page.getByRole('row').filter({ hasText: 'Dan' }).getByRole('cell', { name: 'left', exact: true }).waitFor({ timeout: 5000 });
      await cleo.page.evaluate(() => (window as any).app.room.disconnect());
      await d.page.getByRole('tab', { name: 'Sessions' }).click();
      await row.getByText('Ended', { exact: true }).waitFor({ timeout: 5000 });
      await row.getByText('everyone left').waitFor();
      expect(await stillSamePage(d.page)).toBe(true);
      expect(d.consoleErrors).toEqual([]);
    } finally {
      await closeAll(cleo, dan);
      await d.close();
    }
  });

  it('draws a recorded session to scale, with each participant’s recordings, which play in the page', async () => {
    const rec = await recordSession(server, browser, { names: ['Ann', 'Bob'], uniqueName: 'design-review' });
    const d = await openDashboard(browser, server, '/sessions');
    try {
      const row = d.page.getByRole('row').filter({ hasText: 'design-review' });
      await row.waitFor();
      expect(await row.getByRole('cell').nth(2).textContent()).toContain('Ended');
      expect(await row.getByRole('cell').nth(4).textContent()).toBe('2');
      expect(await row.getByRole('cell').nth(5).textContent()).toBe('4');
      await saveScreenshot(d.page, 'dashboard-sessions');

      // Filtering by room keeps this session only (and the address says so).
      await d.page.getByLabel('Room').selectOption({ label: 'design-review' });
      await d.page.getByText('1–1 of 1 sessions').waitFor();
      expect(new URL(d.page.url()).searchParams.get('room')).toBe(rec.roomId);

      await row.getByRole('link', { name: /^Timeline of session/ }).click();
      await waitFor('the session page', () => d.page.url().endsWith(`/dashboard/sessions/${rec.sessionId}`));
      const timeline = d.page.getByRole('group', { name: 'Session timeline' });
      const stays = await staySeconds(rec.sessionId);
      for (const name of ['Ann', 'Bob']) {
        const bar = timeline.getByRole('img', { name: new RegExp(`^${name} in the room from .* to .*\\(left\\)$`) });
        await bar.waitFor();
        expect((await bar.boundingBox())!.width).toBeGreaterThan(50);
        for (const kind of ['video', 'audio']) {
          const button = timeline.getByRole('button', { name: `Play ${name}'s ${kind} recording` });
          expect(await button.isEnabled()).toBe(true);
          // The recording lies within the participant's time in the room, on the same scale (its
          // file is closed up to a second after the participant has gone).
          const [r, b] = [await button.boundingBox(), await bar.boundingBox()];
          const second = b!.width / stays[rec.ids[name]!]!;
          expect(r!.x).toBeGreaterThanOrEqual(b!.x - 2);
          expect(r!.x + r!.width).toBeLessThanOrEqual(b!.x + b!.width + second);
        }
      }
      // Ann joined first: her bar starts further left.
      const [ann, bob] = [await timeline.getByRole('img', { name: /^Ann in/ }).boundingBox(), await timeline.getByRole('img', { name: /^Bob in/ }).boundingBox()];
      expect(ann!.x).toBeLessThan(bob!.x);
      await d.page.getByRole('table').getByRole('row').nth(4).waitFor();
      await saveScreenshot(d.page, 'dashboard-session-timeline');

      await timeline.getByRole('button', { name: "Play Bob's video recording" }).click();
      const dialog = d.page.getByRole('dialog', { name: 'Bob · video' });
      await expectPlays(dialog.locator('video'));
      await dialog.getByRole('button', { name: 'Close' }).click();
      await dialog.waitFor({ state: 'detached' });

      // The participants of the session, by a link's filter.
      await d.page.goto(`${server.url}/dashboard/sessions?view=participants&session=${rec.sessionId}`);
      await d.page.getByText('1–2 of 2 participants').waitFor();
      for (const name of ['Ann', 'Bob']) expect(await d.page.getByRole('row').filter({ hasText: name }).getByRole('cell').nth(6).textContent()).toBe('2');
      await saveScreenshot(d.page, 'dashboard-participants');
      // A session id that is not one is refused next to its field.
      await d.page.getByLabel('Session id').fill('nope');
      await d.page.getByLabel('Session id').press('Enter');
      await d.page.getByRole('alert').filter({ hasText: 'UUID' }).waitFor();
      expect(d.consoleErrors).toEqual([]);
    } finally {
      await d.close();
    }

    const narrow = await openDashboard(browser, server, `/sessions/${rec.sessionId}`, { viewport: NARROW });
    try {
      await narrow.page.getByRole('img', { name: /^Bob in the room/ }).waitFor();
      await narrow.page.getByRole('heading', { name: 'Timeline' }).evaluate((h) => h.scrollIntoView());
      await saveScreenshot(narrow.page, 'dashboard-session-timeline-narrow');
      expect(await overflowing(narrow.page)).toEqual([]);
      expect(narrow.consoleErrors).toEqual([]);
    } finally {
      await narrow.close();
    }
  });
});
