// Adaptive media in the browser: a simulcast publisher (the fake camera at 1280×720, three layers)
// and a subscriber that picks layers by hand or lets the SDK's adaptive stream pick them from its
// <video> element: hidden → paused at the server, shown → resumed, small → a low layer. What the
// server does is read back through roomStats (the API key's view); what the subscriber gets, from
// its inbound-rtp stats.
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { createRoom } from '../helpers/server.js';
import { closeAll, expectFlowing, meetParticipant, sdkParticipant, token, waitFor, type Participant } from './harness.js';
import { useBrowserSuite } from './browser-suite.js';

const { server, browser } = useBrowserSuite({ EMPTY_ROOM_GRACE_MS: '300' });

const HD = { width: 1280, height: 720, frameRate: 15 };

async function join(roomId: string, name: string, extra: Record<string, unknown> = {}): Promise<Participant> {
  return sdkParticipant(browser, server, { roomId, token: await token(server, roomId), context: JSON.stringify({ name }), ...extra });
}

/** The server's side of what `subscriberId` receives as video: paused, and the layer forwarded. */
async function serverVideo(roomId: string, subscriberId: string): Promise<{ paused: boolean; spatialLayer: number | null } | undefined> {
  const res = await server.gql(`query($roomId: ID!) { roomStats(roomId: $roomId) { participants { participantId received { kind paused spatialLayer } } } }`, { roomId });
  const me = res.data?.roomStats?.participants.find((p: any) => p.participantId === subscriberId);
  return me?.received.find((r: any) => r.kind === 'VIDEO');
}

/** The subscriber's inbound video: frame size and frames decoded so far. */
function inbound(page: Page, publisherId: string): Promise<{ frameHeight: number; frameWidth: number; framesDecoded: number }> {
  return page.evaluate(async (pid) => {
    const stats = await (window as any).app.room.getWebRTCStatsForStream(pid, 'self');
    const s = (Object.values(stats.receivers.video ?? {}) as any[]).find((r) => r.type === 'inbound-rtp') ?? {};
    return { frameHeight: s.frameHeight ?? 0, frameWidth: s.frameWidth ?? 0, framesDecoded: s.framesDecoded ?? 0 };
  }, publisherId);
}

/** Attaches the page's <video> of the stream to the SDK and sizes it (display none for 0×0). */
function showAs(page: Page, publisherId: string, size: { width: number; height: number } | null, attach = false): Promise<void> {
  return page.evaluate(
    ({ pid, size, attach }) => {
      const v = document.getElementById(`${pid}:self`) as HTMLVideoElement;
      v.style.display = size ? 'block' : 'none';
      if (size) Object.assign(v.style, { width: `${size.width}px`, height: `${size.height}px`, objectFit: 'cover' });
      if (attach) (window as any).app.room.attachVideo(pid, 'self', v);
    },
    { pid: publisherId, size, attach },
  );
}

const stamp = () => performance.now();

describe('adaptive media', { timeout: 120_000 }, () => {
  test('simulcast: the subscriber switches from the high layer to the low one; its frames shrink and the server forwards layer 0', async () => {
    const room = await createRoom(server);
    const a = await join(room.id, 'Ann', { video: HD, simulcast: true });
    const b = await join(room.id, 'Bob', { publish: false });
    try {
      await expectFlowing(b.page, [`${a.id}:self`], { audio: false });
      const high = await waitFor('the 720p layer at Bob', async () => ((await inbound(b.page, a.id)).frameHeight === 720 ? inbound(b.page, a.id) : null), 30_000);
      expect(high.frameWidth).toBe(1280);
      expect(await serverVideo(room.id, b.id)).toMatchObject({ paused: false, spatialLayer: 2 });
      expect(await b.page.evaluate(() => (window as any).app.room.getState().streams.values().next().value.isSimulcast)).toBe(true);

      const asked = stamp();
      const set = await b.page.evaluate((pid) => (window as any).app.room.setPreferredLayers(pid, 'self', { spatialLayer: 0 }), a.id);
      expect(set).toMatchObject({ spatialLayer: 0 });
      const low = await waitFor('the 180p layer at Bob', async () => ((await inbound(b.page, a.id)).frameHeight === 180 ? inbound(b.page, a.id) : null), 15_000, 100);
      console.log(`[adaptive] high ${high.frameWidth}x${high.frameHeight} → low ${low.frameWidth}x${low.frameHeight} in ${Math.round(stamp() - asked)} ms`);
      expect(low.frameWidth).toBe(320);
      expect(await waitFor('layer 0 at the server', async () => (await serverVideo(room.id, b.id))?.spatialLayer === 0)).toBe(true);

      // The middle layer, then a bad request refused on this side.
      await b.page.evaluate((pid) => (window as any).app.room.setPreferredLayers(pid, 'self', { spatialLayer: 1 }), a.id);
      await waitFor('the 360p layer at Bob', async () => (await inbound(b.page, a.id)).frameHeight === 360, 15_000, 100);
      const bad = await b.page.evaluate((pid) => (window as any).app.room.setPreferredLayers(pid, 'self', { spatialLayer: -1 }).catch((e: any) => e.code), a.id);
      expect(bad).toBe('INVALID_ARGUMENT');
    } finally {
      await closeAll(a, b);
    }
  });

  test('adaptive stream: a hidden element pauses the video at the server, shown again it resumes; off-screen pauses too', async () => {
    const room = await createRoom(server);
    const a = await join(room.id, 'Ann', { video: HD, simulcast: true });
    const b = await join(room.id, 'Bob', { publish: false, adaptiveStream: true });
    try {
      await expectFlowing(b.page, [`${a.id}:self`], { audio: false });
      await showAs(b.page, a.id, { width: 320, height: 180 }, true);
      await waitFor('flowing at the server', async () => (await serverVideo(room.id, b.id))?.paused === false);

      let t0 = stamp();
      await showAs(b.page, a.id, null);
      await waitFor('paused at the server', async () => (await serverVideo(room.id, b.id))?.paused === true, 10_000, 50);
      const pauseMs = Math.round(stamp() - t0);
      // Paused: no frames come while hidden.
      const frozen = (await inbound(b.page, a.id)).framesDecoded;
      await new Promise((r) => setTimeout(r, 1000));
      expect((await inbound(b.page, a.id)).framesDecoded - frozen).toBeLessThanOrEqual(2);

      t0 = stamp();
      await showAs(b.page, a.id, { width: 320, height: 180 });
      await waitFor('resumed at the server', async () => (await serverVideo(room.id, b.id))?.paused === false, 10_000, 50);
      const resumeMs = Math.round(stamp() - t0);
      await waitFor('frames again', async () => (await inbound(b.page, a.id)).framesDecoded > frozen + 5, 10_000, 100);
      const firstFrameMs = Math.round(stamp() - t0);

      // Scrolled out of view (still displayed, with its size): paused as well.
      await b.page.evaluate((pid) => Object.assign(document.getElementById(`${pid}:self`)!.style, { position: 'absolute', top: '5000px' }), a.id);
      await waitFor('paused off-screen', async () => (await serverVideo(room.id, b.id))?.paused === true, 10_000, 50);
      await b.page.evaluate((pid) => Object.assign(document.getElementById(`${pid}:self`)!.style, { position: '', top: '' }), a.id);
      await waitFor('resumed on screen', async () => (await serverVideo(room.id, b.id))?.paused === false, 10_000, 50);
      console.log(`[adaptive] hidden → paused at the server in ${pauseMs} ms; shown → resumed in ${resumeMs} ms, frames again after ${firstFrameMs} ms`);
    } finally {
      await closeAll(a, b);
    }
  });

  test('adaptive stream: the layer follows the element: small gets layer 0, big gets the top layer', async () => {
    const room = await createRoom(server);
    const a = await join(room.id, 'Ann', { video: HD, simulcast: true });
    const b = await join(room.id, 'Bob', { publish: false, adaptiveStream: { debounceMs: 200 } });
    try {
      await expectFlowing(b.page, [`${a.id}:self`], { audio: false });
      await showAs(b.page, a.id, { width: 160, height: 90 }, true);
      await waitFor('layer 0 for a small element', async () => (await serverVideo(room.id, b.id))?.spatialLayer === 0, 15_000);
      await waitFor('180p frames', async () => (await inbound(b.page, a.id)).frameHeight === 180, 15_000, 100);

      await showAs(b.page, a.id, { width: 640, height: 360 });
      await waitFor('layer 1 for a medium element', async () => (await serverVideo(room.id, b.id))?.spatialLayer === 1, 15_000);
      await waitFor('360p frames', async () => (await inbound(b.page, a.id)).frameHeight === 360, 15_000, 100);

      await showAs(b.page, a.id, { width: 800, height: 450 });
      await waitFor('layer 2 for a big element', async () => (await serverVideo(room.id, b.id))?.spatialLayer === 2, 15_000);
      await waitFor('720p frames', async () => (await inbound(b.page, a.id)).frameHeight === 720, 20_000, 100);
    } finally {
      await closeAll(a, b);
    }
  });

  test('the meet app: tiles behind "+N more" are paused at the server, and resume when the window makes room for them', async () => {
    const room = await createRoom(server);
    const others: Participant[] = [];
    let viewer: Participant | null = null;
    try {
      for (const name of ['P1', 'P2', 'P3']) others.push(await join(room.id, name, { autoSubscribe: false }));
      // A phone held upright in speaker view: one big tile and a strip with room for one of the three others.
      viewer = await meetParticipant(browser, server, { roomId: room.id, token: await token(server, room.id), name: 'Viewer', viewport: { width: 300, height: 500 } });
      const v = viewer;
      await v.page.keyboard.press('l');
      await v.page.waitForSelector('.stage .more');
      const hidden = async () => {
        const res = await server.gql(`query($roomId: ID!) { roomStats(roomId: $roomId) { participants { participantId received { kind paused fromParticipantId } } } }`, { roomId: room.id });
        const me = res.data?.roomStats?.participants.find((p: any) => p.participantId === v.id);
        const video = (me?.received ?? []).filter((r: any) => r.kind === 'VIDEO');
        return video.length === 3
          ? video
              .filter((r: any) => r.paused)
              .map((r: any) => r.fromParticipantId)
              .sort()
          : null;
      };
      // Which tiles the strip hides follows the active speaker, which moves while the fake
      // microphones beep: the paused set is compared with the tiles hidden at the same moment.
      const behind = async () => {
        const shownIds = await v.page.$$eval('.tile:not([data-local])', (tiles) => tiles.filter((t) => (t as HTMLElement).style.display !== 'none').map((t) => t.getAttribute('data-participant-id')));
        return others
          .map((o) => o.id)
          .filter((id) => !shownIds.includes(id))
          .sort();
      };
      expect(await behind()).toHaveLength(2);
      await waitFor(
        'the two tiles behind "+2 more" paused at the server',
        async () => {
          const [before, paused, after] = [await behind(), await hidden(), await behind()];
          return before.length === 2 && JSON.stringify(before) === JSON.stringify(after) && JSON.stringify(paused) === JSON.stringify(before);
        },
        15_000,
      );

      await v.page.setViewportSize({ width: 1280, height: 800 });
      await waitFor('every video flowing once the strip has room', async () => (await hidden())?.length === 0, 15_000);
      await expectFlowing(
        v.page,
        others.map((o) => `${o.id}:self`),
        { roomExpr: 'window.meet.room', audio: false },
      );
    } finally {
      await closeAll(...others, ...(viewer ? [viewer] : []));
    }
  });
});
