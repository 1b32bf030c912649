// The meet app (/meet/?roomId=…&token=…&autojoin=1) in real pages: tiles, media, the buttons, errors.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { createRoom } from '../helpers/server.js';
import { closeAll, expectFlowing, meetParticipant, moderate, participantRows, saveScreenshot, sessionOf, token, waitFor, type Participant } from './harness.js';
import { useBrowserSuite } from './browser-suite.js';

const { server, browser } = useBrowserSuite({ EMPTY_ROOM_GRACE_MS: '300' });
const ROOM = 'window.meet.room';

const tile = (p: Participant | string, key = 'self') => `.tile[data-participant-id="${typeof p === 'string' ? p : p.id}"][data-stream-key="${key}"]`;
const attr = (page: Page, selector: string, name: string) => page.getAttribute(selector, name);
const errorText = (page: Page) => page.textContent('#error');

describe('meet app', { timeout: 120_000 }, () => {
  test('two participants: a labelled tile each, media both ways, mute, camera off, screen share, active speaker, leave', async () => {
    const room = await createRoom(server);
    const a = await meetParticipant(browser, server, { roomId: room.id, token: await token(server, room.id), name: 'Alice' });
    const b = await meetParticipant(browser, server, { roomId: room.id, token: await token(server, room.id), name: 'Bob' });
    try {
      await a.page.waitForSelector(tile(b));
      await b.page.waitForSelector(tile(a));
      expect(await a.page.textContent(`${tile(b)} .label`)).toBe('Bob');
      expect(await b.page.textContent(`${tile(a)} .label`)).toBe('Alice');
      expect(await a.page.locator('.tile:not([data-local])').count()).toBe(1);
      await Promise.all([expectFlowing(a.page, [`${b.id}:self`], { roomExpr: ROOM }), expectFlowing(b.page, [`${a.id}:self`], { roomExpr: ROOM })]);
      // The tile's video element plays the remote track.
      await waitFor('B’s video to play at A', () => a.page.$eval(`${tile(b)} video`, (v) => (v as HTMLVideoElement).videoWidth > 0 && !(v as HTMLVideoElement).paused));
      await saveScreenshot(a.page, 'meet-two-participants');

      // Active speaker: the room's dominant speaker gets the highlight.
      const speaker = await waitFor('an active speaker', () => a.page.evaluate(() => (window as any).meet.room.getState().activeSpeaker?.participantId));
      await a.page.waitForSelector(`.tile.speaking[data-participant-id="${speaker}"][data-stream-key="self"]`);
      expect(await a.page.locator('.tile.speaking').count()).toBe(1);

      // Mute and unmute.
      await a.page.click('#mute');
      await b.page.waitForSelector(`${tile(a)}[data-audio-enabled="false"]`);
      expect(await b.page.textContent(`${tile(a)} .flags`)).toContain('muted');
      expect(await a.page.textContent('#mute')).toBe('Unmute');
      await a.page.click('#mute');
      await b.page.waitForSelector(`${tile(a)}[data-audio-enabled="true"]`);

      // Camera off and on.
      await a.page.click('#camera');
      await b.page.waitForSelector(`${tile(a)}[data-video-enabled="false"]`);
      expect(await b.page.textContent(`${tile(a)} .flags`)).toContain('camera off');
      await a.page.click('#camera');
      await b.page.waitForSelector(`${tile(a)}[data-video-enabled="true"]`);

      // Screen share: a second stream, a second tile at B, decoded.
      await a.page.click('#share');
      await b.page.waitForSelector(tile(a, 'presentation'));
      expect(await b.page.textContent(`${tile(a, 'presentation')} .label`)).toBe('Alice (screen)');
      await expectFlowing(b.page, [`${a.id}:presentation`], { roomExpr: ROOM, audio: false });
      expect(await a.page.textContent('#share')).toBe('Stop sharing');
      await saveScreenshot(b.page, 'meet-screen-share');
      await a.page.click('#share');
      await b.page.waitForSelector(tile(a, 'presentation'), { state: 'detached' });

      // Leave.
      // Leaving is no error: a calm screen that offers to rejoin.
      await a.page.click('#leave');
      await a.page.waitForSelector('#ended[data-reason="user_initiated"][data-tone="calm"]');
      expect(await a.page.textContent('#ended h1')).toBe('You left the meeting');
      expect(await a.page.locator('#error').count()).toBe(0);
      expect(await a.page.isEnabled('#rejoin')).toBe(true);
      await saveScreenshot(a.page, 'meet-left');
      await b.page.waitForSelector(tile(a), { state: 'detached' });
      const rows = await participantRows(server, room.id);
      expect(rows.find((r) => r.id === a.id)?.left_reason).toBe('left');
      expect(rows.find((r) => r.id === b.id)?.left_at).toBeNull();
    } finally {
      await closeAll(a, b);
    }
  });

  test('four participants: three remote tiles each, all decoding', async () => {
    const room = await createRoom(server);
    const ps: Participant[] = [];
    try {
      for (const name of ['One', 'Two', 'Three', 'Four']) ps.push(await meetParticipant(browser, server, { roomId: room.id, token: await token(server, room.id), name }));
      for (const p of ps) for (const o of ps) if (o !== p) await p.page.waitForSelector(tile(o));
      await Promise.all(
        ps.map((p) =>
          expectFlowing(
            p.page,
            ps.filter((o) => o !== p).map((o) => `${o.id}:self`),
            { roomExpr: ROOM, timeoutMs: 30_000 },
          ),
        ),
      );
      for (const p of ps) expect(await p.page.locator('.tile:not([data-local])').count()).toBe(3);
    } finally {
      await closeAll(...ps);
    }
  });

  test('errors are shown: room full, kicked, expired token', async () => {
    const room = await createRoom(server, { maxParticipants: 2 });
    const stays = await meetParticipant(browser, server, { roomId: room.id, token: await token(server, room.id), name: 'Stays' });
    const kicked = await meetParticipant(browser, server, { roomId: room.id, token: await token(server, room.id), name: 'Kicked' });
    let full: Participant | undefined;
    let expiring: Participant | undefined;
    try {
      full = await meetParticipant(browser, server, { roomId: room.id, token: await token(server, room.id), name: 'Third', expectError: true });
      expect(await errorText(full.page)).toContain('The room is full');
      expect(await attr(full.page, '#error', 'data-code')).toBe('ROOM_FULL');

      await moderate(server, 'kickParticipants', await sessionOf(kicked.page, ROOM), [kicked.id]);
      await kicked.page.waitForSelector('#error:not([hidden])');
      expect(await errorText(kicked.page)).toContain('removed from the meeting');
      expect(await attr(kicked.page, '#error', 'data-reason')).toBe('kicked');
      expect(await kicked.page.locator('.tile').count()).toBe(0);

      // A token of 10 s (the shortest): its participant is removed when it runs out.
      expiring = await meetParticipant(browser, server, { roomId: room.id, token: await token(server, room.id, { ttl: 10 }), name: 'Short' });
      await expiring.page.waitForSelector('#error:not([hidden])', { timeout: 20_000 });
      expect(await errorText(expiring.page)).toContain('access token has expired');
      expect(await attr(expiring.page, '#error', 'data-reason')).toBe('unauthorized');
      await stays.page.waitForSelector(tile(expiring), { state: 'detached' });
      const rows = await participantRows(server, room.id);
      expect(rows.map((r) => r.left_reason).sort()).toEqual(['kicked', 'token_expired', null].sort());

      // A link without its room or token says so.
      await stays.page.goto(`${server.url}/meet/?name=Nobody`);
      await stays.page.waitForSelector('#error[data-code="MISSING_PARAMETERS"]');
      expect(await stays.page.textContent('#ended h1')).toBe('This meeting link is incomplete');
    } finally {
      await closeAll(stays, kicked, full, expiring);
    }
  });
});
