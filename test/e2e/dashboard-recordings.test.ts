// The dashboard's recordings page in Chromium against the real server and real media: recordings
// appear as they start and finish, play in the page, download with their type, and delete — one,
// or every one the filter matches after the dialog has counted them.
import type { Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { useBrowserSuite } from './browser-suite.js';
import { NARROW, openDashboard } from './dashboard-harness.js';
import { overflowing } from './dashboard-layout.js';
import { expectPlays, recordSession } from './dashboard-records-fixtures.js';
import { saveScreenshot, waitFor } from './harness.js';
import type { TestServer } from '../helpers/server.js';

const count = async (server: TestServer, filter: Record<string, unknown>) =>
  (await server.gql('query($f: RecordingFilter) { recordings(filter: $f) { totalCount } }', { f: filter })).data.recordings.totalCount as number;

const rowsOf = (page: Page, name: string) => page.getByRole('table').getByRole('row').filter({ hasText: name });

describe('dashboard recordings', { timeout: 180_000 }, () => {
  const { server, browser } = useBrowserSuite({ EMPTY_ROOM_GRACE_MS: '300' });

  it('lists recordings live, plays, downloads and deletes them, and bulk-deletes exactly what it counted', async () => {
    const d = await openDashboard(browser, server, '/recordings');
    try {
      await d.page.getByText('No recordings yet').waitFor();
      await d.page.evaluate(() => ((window as any).__notReloaded = true));
      // Recording while the page is open: the rows come in as "Recording", then turn "Completed".
      const recording = recordSession(server, browser, { names: ['Eve', 'Finn'], via: 'sdk', uniqueName: 'weekly-sync' });
      await rowsOf(d.page, 'Eve').getByText('Recording', { exact: true }).first().waitFor({ timeout: 20_000 });
      const rec = await recording;
      await waitFor('four completed rows', async () => (await d.page.getByRole('table').getByText('Completed', { exact: true }).count()) === 4, 10_000);
      expect(await d.page.evaluate(() => (window as any).__notReloaded)).toBe(true);
      await d.page.getByText('1–4 of 4 recordings').waitFor();
      await saveScreenshot(d.page, 'dashboard-recordings');

      // Plays in the page: video in a <video>, audio in an <audio>.
      await d.page.getByRole('button', { name: /^Play Eve's video recording/ }).click();
      let dialog = d.page.getByRole('dialog', { name: 'Eve · video' });
      await expectPlays(dialog.locator('video'));
      await dialog.getByRole('button', { name: 'Close' }).click();
      await d.page.getByRole('button', { name: /^Play Finn's audio recording/ }).click();
      dialog = d.page.getByRole('dialog', { name: 'Finn · audio' });
      await expectPlays(dialog.locator('audio'));
      await dialog.getByRole('button', { name: 'Close' }).click();

      // Downloads: the link answers with the file and its type, without credentials.
      for (const [name, kind, type] of [
        ['Eve', 'video', 'video/webm'],
        ['Finn', 'audio', 'audio/webm'],
      ] as const) {
        const href = await d.page.getByRole('link', { name: new RegExp(`^Download ${name}'s ${kind} recording`) }).getAttribute('href');
        const res = await fetch(href!);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe(type);
        expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
      }

      // A participant's name narrows the list to their recordings, in place; the chip widens it again.
      await rowsOf(d.page, 'Eve').first().getByRole('link', { name: 'Eve', exact: true }).click();
      await d.page.getByRole('list', { name: 'Narrowed to' }).getByText('Eve').waitFor();
      await d.page.getByText('1–2 of 2 recordings').waitFor();
      expect(new URL(d.page.url()).searchParams.get('participant')).toBe(rec.ids.Eve);
      await d.page.getByRole('button', { name: 'Show recordings of every participant' }).click();
      await d.page.getByText('1–4 of 4 recordings').waitFor();

      // Delete one, after confirming.
      await d.page.getByRole('button', { name: /^Delete Eve's audio recording/ }).click();
      dialog = d.page.getByRole('dialog', { name: 'Delete this recording?' });
      await dialog.getByText("Eve's audio recording").waitFor();
      await dialog.getByRole('button', { name: 'Delete recording' }).click();
      await dialog.waitFor({ state: 'detached' });
      await d.page.getByText('1–3 of 3 recordings').waitFor();
      expect(await count(server, { roomId: rec.roomId })).toBe(3);

      // Another room's recording, which the room filter must leave alone.
      const other = await otherRoomRecording(server);

      // Bulk delete by the room filter: the dialog counts first, deletes, and says how many.
      await d.page.getByLabel('Room').selectOption({ label: 'weekly-sync' });
      await waitFor('the room in the address', () => new URL(d.page.url()).searchParams.get('room') === rec.roomId);
      await d.page.getByText('1–3 of 3 recordings').waitFor();
      await d.page.getByRole('button', { name: 'Delete matching…' }).click();
      dialog = d.page.getByRole('dialog', { name: 'Delete matching recordings' });
      await dialog.getByText('room is weekly-sync').waitFor();
      const status = dialog.getByRole('status');
      await status.filter({ hasText: 'will be deleted' }).waitFor();
      const shown = Number(/(\d+) recordings? will be deleted/.exec((await status.textContent())!)![1]);
      expect(shown).toBe(3);
      await saveScreenshot(d.page, 'dashboard-recordings-bulk-delete');
      const before = await count(server, {});
      await dialog.getByRole('button', { name: `Delete ${shown} recordings` }).click();
      await dialog.getByText(`Deleted ${shown} recordings.`).waitFor();
      expect(before - (await count(server, {}))).toBe(shown);
      expect(await count(server, { roomId: rec.roomId })).toBe(0);
      expect(await count(server, { roomId: other })).toBe(1);
      await dialog.getByRole('button', { name: 'Close' }).click();
      await d.page.getByText('No recording matches these filters.').waitFor();
      // The sidebar's link to this same page starts over: no filter in the address or on screen.
      await d.page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Recordings', exact: true }).click();
      await waitFor('the filters gone from the address', () => new URL(d.page.url()).search === '');
      await d.page.getByText('1–1 of 1 recordings').waitFor();
      expect(d.consoleErrors).toEqual([]);
    } finally {
      await d.close();
    }
  });

  it('fits a narrow window', async () => {
    const d = await openDashboard(browser, server, '/recordings', { viewport: NARROW });
    try {
      await d.page.getByRole('table').getByText('Completed').first().waitFor();
      await saveScreenshot(d.page, 'dashboard-recordings-narrow');
      expect(await overflowing(d.page)).toEqual([]);
      expect(d.consoleErrors).toEqual([]);
    } finally {
      await d.close();
    }
  });
});

/** A finished recording row (no file needed) in a room of its own. */
async function otherRoomRecording(server: TestServer): Promise<string> {
  const db = server.running.services.db;
  const roomId = (await server.gql('mutation { createRoom(input: { uniqueName: "other-room" }) { ... on CreateRoomPayload { room { id } } } }')).data.createRoom.room.id as string;
  const [sessionId, participantId, at] = [uuidv7(), uuidv7(), new Date()];
  await db.insertInto('room_sessions').values({ id: sessionId, room_id: roomId, active: false, created_at: at, updated_at: at, ended_at: at, ended_reason: 'empty' }).execute();
  await db
    .insertInto('participants')
    .values({ id: participantId, session_id: sessionId, room_id: roomId, context: '{"name":"Gus"}', joined_at: at, left_at: at, left_reason: 'left', updated_at: at })
    .execute();
  await db
    .insertInto('recordings')
    .values({
      id: uuidv7(),
      room_id: roomId,
      session_id: sessionId,
      participant_id: participantId,
      type: 'audio',
      status: 'completed',
      started_at: at,
      ended_at: at,
      created_at: at,
      updated_at: at,
      duration_secs: 3,
    })
    .execute();
  return roomId;
}
