// Compositions from the dashboard, in Chromium against the real server and real media: a session
// recorded from two fake cameras is laid out in the editor (refused first, with the error beside
// the field at fault), rendered with a live progress bar, played in the page and deleted.
import { beforeAll, describe, expect, it } from 'vitest';
import { createRoom } from '../helpers/server.js';
import { useBrowserSuite } from './browser-suite.js';
import { NARROW, openDashboard, type DashboardPage } from './dashboard-harness.js';
import { closeAll, expectFlowing, finishedRecordings, saveScreenshot, sdkParticipant, token, waitFor, type Participant } from './harness.js';

const { server, browser } = useBrowserSuite({ EMPTY_ROOM_GRACE_MS: '300' });

/** Opens a dashboard page whose waits fail (and say where) well before the test's own timeout. */
async function open(path: string, viewport?: { width: number; height: number }): Promise<DashboardPage> {
  const d = await openDashboard(browser, server, path, { viewport });
  d.page.setDefaultTimeout(15_000);
  return d;
}

describe('dashboard compositions', { timeout: 180_000 }, () => {
  let roomId: string;
  const names = new Map<string, string>();

  beforeAll(async () => {
    // A short session: Ann and Bob on fake cameras for about three seconds, recorded.
    const room = await createRoom(server, { uniqueName: 'design-review', enableRecording: true });
    roomId = room.id;
    let ann: Participant | undefined;
    let bob: Participant | undefined;
    try {
      ann = await sdkParticipant(browser, server, { roomId, token: await token(server, roomId), context: JSON.stringify({ name: 'Ann' }) });
      bob = await sdkParticipant(browser, server, { roomId, token: await token(server, roomId), context: JSON.stringify({ name: 'Bob' }) });
      await Promise.all([expectFlowing(ann.page, [`${bob.id}:self`]), expectFlowing(bob.page, [`${ann.id}:self`])]);
      await new Promise((r) => setTimeout(r, 3000));
      await Promise.all([ann, bob].map((p) => p.page.evaluate(() => (window as any).app.room.disconnect())));
      names.set(ann.id, 'Ann').set(bob.id, 'Bob');
    } finally {
      await closeAll(ann, bob);
    }
    const rows = await finishedRecordings(server, roomId, 4);
    expect(rows.every((r) => r.status === 'completed')).toBe(true);
  }, 120_000);

  it('lays out a session in the editor, shows the server’s field error, renders with a live bar to 100 % and plays', async () => {
    const d = await open('/compositions');
    const { page } = d;
    try {
      await page.getByText('No compositions yet.').waitFor();
      await page.getByRole('link', { name: 'New composition' }).click();
      await page.getByRole('heading', { name: 'New composition' }).waitFor();

      // The session: the ended one of design-review, with its two videos.
      const sessionRow = page.getByRole('row').filter({ hasText: 'design-review' });
      expect(await sessionRow.getByRole('cell').nth(4).textContent()).toBe('2');
      await sessionRow.getByRole('button', { name: /^Compose the session of design-review/ }).click();
      await page.getByText(/design-review · session of .* · lasted \d+ s · 2 videos/).waitFor();

      await page.getByLabel('Resolution').selectOption('640x360');
      const tiles = page.getByRole('list', { name: 'Tiles' });
      // One grid of both, side by side in the 640×360 frame.
      await tiles.getByText('Ann', { exact: true }).waitFor();
      // In the server's order of the session's videos (when each started), as the render will place them.
      const order = await server.running.services.db
        .selectFrom('recordings')
        .select('participant_id')
        .where('room_id', '=', roomId)
        .where('type', '=', 'video')
        .orderBy('started_at')
        .orderBy('id')
        .execute();
      const [first, second] = order.map((r) => names.get(r.participant_id));
      expect((await tiles.getByRole('listitem').allTextContents()).map((t) => t.trim())).toEqual([`${first} in main: 320×360 at (0, 0)`, `${second} in main: 320×360 at (320, 0)`]);

      // A region that leaves the frame: drawn in red, then refused by the server beside its width.
      const region1 = page.getByRole('group', { name: 'Region 1' });
      await region1.getByRole('spinbutton', { name: 'Left (x)' }).fill('600');
      await page.getByText('main — outside the frame').waitFor();
      await page.getByRole('button', { name: 'Create composition' }).click();
      const widthError = region1.getByRole('alert').filter({ hasText: 'must fit in the frame' });
      await widthError.waitFor();
      expect(await region1.getByRole('spinbutton', { name: 'Width' }).getAttribute('aria-invalid')).toBe('true');
      expect(await page.url()).toMatch(/\/compositions\/new$/);

      // Picture in picture: everyone in the frame, Bob alone in the inset on top.
      await page.getByRole('button', { name: 'Picture in picture' }).click();
      const region2 = page.getByRole('group', { name: 'Region 2' });
      await region2.getByRole('checkbox', { name: /Every video/ }).uncheck();
      await region2.getByRole('checkbox', { name: 'Ann' }).uncheck();
      await waitFor('the inset to show Bob only', async () => {
        const now = (await tiles.getByRole('listitem').allTextContents()).map((t) => t.trim());
        if (now.filter((t) => t.includes('in inset')).join() !== 'Bob in inset: 160×90 at (468, 258)') throw new Error(now.join(' | '));
        return true;
      });
      await page.getByRole('img', { name: 'Preview of the layout at 640×360: 3 tiles' }).waitFor();
      // The earlier complaint went with the region it was about.
      expect(await widthError.count()).toBe(0);
      await page.getByRole('heading', { name: '3. Layout' }).evaluate((h) => h.scrollIntoView());
      await saveScreenshot(page, 'dashboard-composition-editor');

      await page.getByRole('button', { name: 'Create composition' }).click();
      await waitFor('the compositions list', () => /\/dashboard\/compositions\?created=/.test(page.url()));
      const id = new URL(page.url()).searchParams.get('created')!;
      const stored = (await server.gql('query($id: ID!) { composition(id: $id) { resolution format videoLayout { name xPos yPos zPos width height maxColumns maxRows videoSources } } }', { id })).data
        .composition;
      const bobVideo = (await server.running.services.db.selectFrom('recordings').select(['id', 'participant_id']).where('room_id', '=', roomId).where('type', '=', 'video').execute()).find(
        (r) => names.get(r.participant_id) === 'Bob',
      )!;
      expect(stored).toEqual({
        resolution: '640x360',
        format: 'MP4',
        videoLayout: [
          { name: 'full', xPos: 0, yPos: 0, zPos: 0, width: 640, height: 360, maxColumns: null, maxRows: null, videoSources: ['*'] },
          { name: 'inset', xPos: 468, yPos: 258, zPos: 1, width: 160, height: 90, maxColumns: 1, maxRows: 1, videoSources: [bobVideo.id] },
        ],
      });

      // The bar moves on its own to 100 %, then the video plays in the page.
      const bar = page.getByRole('progressbar', { name: 'Rendering progress' });
      await bar.waitFor();
      const seen = new Set<number>();
      await waitFor(
        'the render to reach 100 %',
        async () => {
          const now = Number(await bar.getAttribute('aria-valuenow'));
          seen.add(now);
          return now === 100;
        },
        120_000,
        100,
      );
      const row = page.getByRole('row').filter({ hasText: 'design-review' });
      await row.getByText('Completed').waitFor();
      // Done waiting: the address forgets the request (a reload would not announce it again).
      await waitFor('the address to drop ?created', () => page.url().endsWith('/dashboard/compositions'));
      const video = page.getByRole('region', { name: 'Composition player' }).locator('video');
      await video.waitFor();
      await waitFor('the composition to play', () => video.evaluate((v: HTMLVideoElement) => v.currentTime > 0.5 && !v.paused && v.videoWidth === 640), 20_000);
      // A little later, for a screenshot of both cameras rather than the first frame.
      await waitFor('the composition to play on', () => video.evaluate((v: HTMLVideoElement) => v.currentTime > 4.5 || v.ended), 20_000);
      await video.evaluate((v: HTMLVideoElement) => v.pause());
      await page.evaluate(() => window.scrollTo(0, 0));
      expect(await row.getByRole('link', { name: /^Download/ }).getAttribute('href')).toMatch(/^https?:\/\/.+/);
      await saveScreenshot(page, 'dashboard-compositions');
      console.info(`progress values seen: ${[...seen].sort((a, b) => a - b).join(', ')}`);

      // Deleted after a confirmation: gone from the list and from the server.
      await row.getByRole('button', { name: /^Delete/ }).click();
      const dialog = page.getByRole('dialog', { name: 'Delete this composition?' });
      await dialog.getByText('and its file with it').waitFor();
      await dialog.getByRole('button', { name: 'Delete composition' }).click();
      await page.getByText('No compositions yet.').waitFor();
      expect((await server.gql('query($id: ID!) { composition(id: $id) { id } }', { id })).data.composition).toBeNull();
      expect(d.consoleErrors).toEqual([]);
    } finally {
      await d.close();
    }
  });

  it('fits the editor on a narrow window', async () => {
    const d = await open('/compositions/new', NARROW);
    try {
      await d.page
        .getByRole('row')
        .filter({ hasText: 'design-review' })
        .getByRole('button', { name: /^Compose/ })
        .click();
      await d.page.getByRole('list', { name: 'Tiles' }).getByText('Bob', { exact: true }).waitFor();
      await d.page.getByRole('heading', { name: '3. Layout' }).evaluate((h) => h.scrollIntoView());
      await saveScreenshot(d.page, 'dashboard-composition-editor-narrow');
      const overflow = await d.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(d.consoleErrors).toEqual([]);
    } finally {
      await d.close();
    }
  });
});
