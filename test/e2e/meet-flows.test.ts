// The meet app's flows over time: leaving and rejoining, keyboard shortcuts (and none while
// typing), the recording badge, and a dropped connection shown as reconnecting, not as an error.
import { describe, expect, test } from 'vitest';
import { createRoom } from '../helpers/server.js';
import { closeAll, endSession, expectFlowing, meetJoined, meetParticipant, saveScreenshot, sessionOf, token, type Participant } from './harness.js';
import { useBrowserSuite } from './browser-suite.js';

const { server, browser } = useBrowserSuite({ EMPTY_ROOM_GRACE_MS: '300' });
const ROOM = 'window.meet.room';
const tile = (id: string, key = 'self') => `.tile[data-participant-id="${id}"][data-stream-key="${key}"]`;

describe('the meet app over a meeting', { timeout: 120_000 }, () => {
  test('shortcuts (never while typing), leave, and rejoin as one left', async () => {
    const room = await createRoom(server);
    let ann: Participant | undefined;
    let ben: Participant | undefined;
    try {
      ann = await meetParticipant(browser, server, { roomId: room.id, token: await token(server, room.id), name: 'Ann' });
      ben = await meetParticipant(browser, server, { roomId: room.id, token: await token(server, room.id), name: 'Ben' });
      expect(await ann.page.getAttribute('#mute', 'title')).toBe('Mute (M)');
      // The tracks Ann sends, kept while both are on (the SDK's state shows a track only while it is on).
      await ann.page.evaluate(() => {
        const state = (window as any).meet.room.getState();
        const self = state.streams.get(`${state.localParticipantId}:self`);
        (window as any).sentTracks = [self.audioTrack, self.videoTrack];
      });

      // M mutes.
      await ann.page.keyboard.press('m');
      await ben.page.waitForSelector(`${tile(ann.id)}[data-audio-enabled="false"]`);
      expect(await ann.page.textContent('#mute')).toBe('Unmute');

      // C opens the chat with its box focused: letters typed there are text, not shortcuts.
      await ann.page.keyboard.press('c');
      await ann.page.waitForSelector('#chat-input:focus');
      await ann.page.keyboard.type('mvmv');
      expect(await ann.page.inputValue('#chat-input')).toBe('mvmv');
      expect(await ann.page.textContent('#mute')).toBe('Unmute');
      expect(await ann.page.textContent('#camera')).toBe('Camera off');
      await ann.page.keyboard.press('Enter');
      await ben.page.waitForSelector('#unread:has-text("1")');

      // Leave, then rejoin with the same link: a new participant, still muted as Ann left.
      await ann.page.click('#leave');
      await ann.page.waitForSelector('#ended[data-reason="user_initiated"]');
      await ben.page.waitForSelector(tile(ann.id), { state: 'detached' });
      // The camera and microphone were let go (their light goes out).
      expect(await ann.page.evaluate(() => (window as any).sentTracks.map((t: MediaStreamTrack) => t.readyState))).toEqual(['ended', 'ended']);
      await ann.page.click('#rejoin');
      const again = await meetJoined(ann.page);
      expect(again).not.toBe(ann.id);
      await ben.page.waitForSelector(`${tile(again)}[data-audio-enabled="false"][data-video-enabled="true"]`);
      expect(await ben.page.textContent(`${tile(again)} .label`)).toBe('Ann');
      await expectFlowing(ben.page, [`${again}:self`], { roomExpr: ROOM, audio: false });
      await expectFlowing(ann.page, [`${ben.id}:self`], { roomExpr: ROOM });

      // The meeting ended for everyone: said plainly, calmly, with no rejoin that cannot work.
      await endSession(server, await sessionOf(ben.page, ROOM));
      await ben.page.waitForSelector('#ended[data-reason="session_terminated"][data-tone="calm"]');
      expect(await ben.page.textContent('#ended h1')).toBe('The meeting has ended');
      expect(await ben.page.locator('#rejoin').count()).toBe(0);
    } finally {
      await closeAll(ann, ben);
    }
  });

  test('a recorded room says so; a dropped connection shows as reconnecting, then the meeting goes on', async () => {
    const recorded = await createRoom(server, { enableRecording: true });
    const plain = await createRoom(server);
    let rec: Participant | undefined;
    let other: Participant | undefined;
    try {
      rec = await meetParticipant(browser, server, { roomId: recorded.id, token: await token(server, recorded.id), name: 'Rec' });
      await rec.page.waitForSelector('#recording:has-text("Recording")');
      other = await meetParticipant(browser, server, { roomId: plain.id, token: await token(server, plain.id), name: 'Plain' });
      expect(await other.page.locator('#recording').count()).toBe(0);

      // The WebSocket drops for 3 s: the app says it is reconnecting, not that the meeting ended.
      await rec.page.evaluate(() => (window as any).meet.room.__testHooks.dropConnection(3000));
      await rec.page.waitForSelector('#status[data-status="reconnecting"]');
      expect(await rec.page.textContent('#reconnecting')).toContain('Reconnecting');
      expect(await rec.page.locator('#error, #ended').count()).toBe(0);
      await saveScreenshot(rec.page, 'meet-reconnecting');
      await rec.page.waitForSelector('#status[data-status="connected"]', { timeout: 20_000 });
      expect(await rec.page.locator('#reconnecting, #error, #ended').count()).toBe(0);
      await rec.page.waitForSelector('#recording');
    } finally {
      await closeAll(rec, other);
    }
  });
});
