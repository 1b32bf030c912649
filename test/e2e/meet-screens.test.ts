// The meet app as a person uses it, at 1280×800 and on a phone-sized window (390×844): the
// pre-join screen, the gallery, chat, the people list, a shared screen in the spotlight, speaker
// view, initials for a camera that is off, quality bars. Each screen is saved in test-artifacts/.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { createRoom } from '../helpers/server.js';
import { closeAll, meetJoined, meetPage, meetParticipant, saveScreenshot, token, waitFor, type Participant } from './harness.js';
import { useBrowserSuite } from './browser-suite.js';

const { server, browser } = useBrowserSuite({ EMPTY_ROOM_GRACE_MS: '300' });

const WIDE = { width: 1280, height: 800 };
const NARROW = { width: 390, height: 844 };
const tile = (p: Participant | string, key = 'self') => `.tile[data-participant-id="${typeof p === 'string' ? p : p.id}"][data-stream-key="${key}"]`;

/** Nothing sticks out sideways, and every visible button is inside the window. */
async function fitsTheWindow(page: Page): Promise<void> {
  const out = await page.evaluate(() => {
    const width = window.innerWidth;
    const buttons = [...document.querySelectorAll('button')].filter((b) => b.getClientRects().length && getComputedStyle(b).visibility !== 'hidden');
    const outside = buttons.filter((b) => {
      const r = b.getBoundingClientRect();
      return r.left < 0 || r.right > width + 0.5 || r.bottom > window.innerHeight + 0.5;
    });
    return { scroll: document.documentElement.scrollWidth, width, outside: outside.map((b) => b.id || b.title) };
  });
  expect(out.scroll).toBeLessThanOrEqual(out.width);
  expect(out.outside).toEqual([]);
}

/** How much of the stage the tiles' bounding box covers, across and down. */
const stageCover = (page: Page) =>
  page.evaluate(() => {
    const stage = document.getElementById('stage')!.getBoundingClientRect();
    const rects = [...document.querySelectorAll<HTMLElement>('#stage .tile')].filter((t) => t.style.display !== 'none').map((t) => t.getBoundingClientRect());
    const left = Math.min(...rects.map((r) => r.left));
    const right = Math.max(...rects.map((r) => r.right));
    const top = Math.min(...rects.map((r) => r.top));
    const bottom = Math.max(...rects.map((r) => r.bottom));
    return { across: (right - left) / stage.width, down: (bottom - top) / stage.height, tiles: rects.length };
  });

const rectOf = (page: Page, selector: string) => page.$eval(selector, (el) => el.getBoundingClientRect().toJSON() as DOMRect);

describe('the meet app’s screens', { timeout: 180_000 }, () => {
  test('pre-join, gallery, chat, people, spotlight, initials and quality, wide and narrow', async () => {
    const room = await createRoom(server);
    let cy: Participant | undefined;
    let ada: { page: Page; context: any } | undefined;
    let bob: { page: Page; context: any } | undefined;
    try {
      cy = await meetParticipant(browser, server, { roomId: room.id, token: await token(server, room.id), name: 'Cyrus Young' });
      ada = await meetPage(browser, server, { roomId: room.id, token: await token(server, room.id), name: 'Ada Lovelace', viewport: WIDE });
      bob = await meetPage(browser, server, { roomId: room.id, token: await token(server, room.id), name: 'Bob', viewport: NARROW });

      // Pre-join: the name from the link, the devices listed, the camera previewed.
      for (const [p, size] of [
        [ada.page, '1280'],
        [bob.page, '390'],
      ] as const) {
        await waitFor('the preview to play', () => p.$eval('#preview', (v) => (v as HTMLVideoElement).videoWidth > 0 && !(v as HTMLVideoElement).paused));
        expect(await p.locator('#camera-select option').count()).toBeGreaterThan(0);
        expect(await p.locator('#mic-select option').count()).toBeGreaterThan(0);
        expect(await p.isEnabled('#join')).toBe(true);
        await fitsTheWindow(p);
        await saveScreenshot(p, `meet-prejoin-${size}`);
      }
      expect(await ada.page.inputValue('#name')).toBe('Ada Lovelace');

      // Ada joins muted; Bob renames himself and joins with his camera off.
      await ada.page.click('#prejoin-mic');
      expect(await ada.page.getAttribute('#prejoin-mic', 'aria-pressed')).toBe('true');
      await ada.page.click('#join');
      await bob.page.fill('#name', 'Bob Builder');
      await bob.page.click('#prejoin-camera');
      await bob.page.waitForSelector('.preview-frame[data-camera="off"] .avatar');
      await bob.page.click('#join');
      const adaId = await meetJoined(ada.page);
      const bobId = await meetJoined(bob.page);

      // Cy sees Ada muted and Bob as his initials, each by the name they joined with.
      await cy.page.waitForSelector(`${tile(adaId)}[data-audio-enabled="false"]`);
      expect(await cy.page.textContent(`${tile(adaId)} .label`)).toBe('Ada Lovelace');
      expect(await cy.page.textContent(`${tile(adaId)} .flags`)).toContain('muted');
      await cy.page.waitForSelector(`${tile(bobId)}[data-published="true"] .avatar`);
      expect(await cy.page.textContent(`${tile(bobId)} .avatar`)).toBe('BB');
      expect(await cy.page.textContent(`${tile(bobId)} .label`)).toBe('Bob Builder');
      expect(await cy.page.locator(`${tile(bobId)} video`).count()).toBe(0);

      // The gallery fills the window: three tiles reach across or down most of the stage.
      await waitFor('Cy’s video at Ada', () => ada!.page.$eval(`${tile(cy!)} video`, (v) => (v as HTMLVideoElement).videoWidth > 0));
      for (const p of [ada.page, bob.page]) {
        const cover = await stageCover(p);
        expect(cover.tiles).toBe(3);
        expect(Math.max(cover.across, cover.down), JSON.stringify(cover)).toBeGreaterThan(0.9);
        expect(cover.across * cover.down, JSON.stringify(cover)).toBeGreaterThan(0.6);
      }
      await fitsTheWindow(bob.page);
      // Quality bars come with the SDK's network metrics (every 5 s).
      await ada.page.waitForSelector(`${tile(cy)} .quality[data-quality]`, { timeout: 15_000 });
      await saveScreenshot(ada.page, 'meet-grid-3-1280');
      await saveScreenshot(bob.page, 'meet-grid-3-390');

      // Chat: Bob writes; Ada's chat button counts it until she opens the chat.
      await bob.page.click('#chat-toggle');
      await bob.page.fill('#chat-input', 'Hello from the phone');
      await bob.page.press('#chat-input', 'Enter');
      await bob.page.waitForSelector('.message.local .message-text:has-text("Hello from the phone")');
      await ada.page.waitForSelector('#unread:has-text("1")');
      await ada.page.click('#chat-toggle');
      await ada.page.waitForSelector('#unread', { state: 'detached' });
      expect(await ada.page.textContent('.message[data-from="' + bobId + '"] .sender')).toBe('Bob Builder');
      expect(await ada.page.textContent('.message[data-from="' + bobId + '"] .message-text')).toBe('Hello from the phone');
      expect(await ada.page.textContent('.message[data-from="' + bobId + '"] time')).toMatch(/\d{1,2}:\d{2}/);
      await ada.page.fill('#chat-input', 'Hi Bob!');
      await ada.page.click('#chat-send');
      await bob.page.waitForSelector(`.message[data-from="${adaId}"] .message-text:has-text("Hi Bob!")`);
      expect(await bob.page.textContent(`.message[data-from="${adaId}"] .sender`)).toBe('Ada Lovelace');
      // On a phone the chat covers the stage.
      const panel = await rectOf(bob.page, '#side-panel');
      expect(panel.width).toBeGreaterThanOrEqual(NARROW.width - 1);
      await fitsTheWindow(bob.page);
      await saveScreenshot(ada.page, 'meet-chat-1280');
      await saveScreenshot(bob.page, 'meet-chat-390');

      // The people list: everyone by name, with their microphone and camera.
      for (const p of [ada.page, bob.page]) {
        await p.click('#people-toggle');
        await p.waitForSelector('#people-list');
        expect(await p.locator('#people-list .person').count()).toBe(3);
      }
      expect(await ada.page.textContent('#people-list .person:first-child .person-name')).toBe('Ada Lovelace (You)');
      expect(await ada.page.getAttribute(`#people-list [data-participant-id="${adaId}"]`, 'data-mic')).toBe('off');
      expect(await ada.page.getAttribute(`#people-list [data-participant-id="${bobId}"]`, 'data-camera')).toBe('off');
      expect(await ada.page.getAttribute(`#people-list [data-participant-id="${cy.id}"]`, 'data-camera')).toBe('on');
      await fitsTheWindow(bob.page);
      await saveScreenshot(ada.page, 'meet-people-1280');
      await saveScreenshot(bob.page, 'meet-people-390');
      await ada.page.click('#people-toggle');
      await bob.page.click('#side-panel .panel-header button');

      // A shared screen takes the big tile, the cameras go to the strip.
      await cy.page.click('#share');
      for (const [p, size] of [
        [ada.page, '1280'],
        [bob.page, '390'],
      ] as const) {
        await p.waitForSelector(`#stage[data-layout="spotlight"] ${tile(cy, 'presentation')}[data-spotlight="true"]`);
        await waitFor('the screen to play', () => p.$eval(`${tile(cy!, 'presentation')} video`, (v) => (v as HTMLVideoElement).videoWidth > 0));
        const big = await rectOf(p, tile(cy!, 'presentation'));
        const small = await rectOf(p, tile(cy!));
        expect(big.width * big.height).toBeGreaterThan(4 * small.width * small.height);
        await fitsTheWindow(p);
        await saveScreenshot(p, `meet-spotlight-${size}`);
      }
      await cy.page.click('#share');
      await ada.page.waitForSelector('#stage[data-layout="grid"]');

      // Speaker view: the one of the others who speaks (or spoke last) gets the big tile.
      await ada.page.click('#layout');
      await ada.page.waitForSelector('#stage[data-layout="spotlight"]');
      const spotlit = await ada.page.getAttribute('.tile[data-spotlight="true"]', 'data-participant-id');
      const speaker = await ada.page.evaluate(() => (window as any).meet.room.getState().activeSpeaker?.participantId);
      expect([cy.id, bobId]).toContain(spotlit);
      if (speaker && speaker !== adaId) expect(spotlit).toBe(speaker);
      await ada.page.click('#layout');

      // Camera off (the V key): the others see initials instead of a black box.
      await cy.page.keyboard.press('v');
      await ada.page.waitForSelector(`${tile(cy)}[data-video-enabled="false"] .avatar`);
      expect(await ada.page.textContent(`${tile(cy)} .avatar`)).toBe('CY');
      expect(await cy.page.getAttribute('#camera', 'title')).toContain('(V)');

      // Leaving: a calm screen, not an error, with a way back in.
      for (const [p, size] of [
        [ada.page, '1280'],
        [bob.page, '390'],
      ] as const) {
        await p.click('#leave');
        await p.waitForSelector('#ended[data-tone="calm"] #rejoin');
        await fitsTheWindow(p);
        await saveScreenshot(p, `meet-left-${size}`);
      }
    } finally {
      await closeAll(cy, ada, bob);
    }
  });
});
