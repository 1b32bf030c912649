// Join latency in the meet app with its pre-join screen in front: the camera is already previewed
// when the person clicks "Join now"; from there (the app's `meet:connect` mark, just before
// room.connect()) to the first decoded frame of the participant already in the room, and to the
// first frame its tile shows. In Chromium through the real server; each join a fresh browser
// context; the one in the room is the SDK test page, sending 640x360 VP8 + opus.
// Run: npm run bench:meet-join [-- joins=10 res=640x360]
import type { Page } from 'playwright-core';
import { createRoom, startTestServer } from '../test/helpers/server.js';
import { ensureClientBuilt, launchBrowser, meetJoined, meetPage, sdkParticipant, token } from '../test/e2e/harness.js';
import { summarize, type Summary } from './stats.js';

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1) ?? fallback;
const JOINS = Number(arg('joins', '10'));
const [W, H] = arg('res', '640x360').split('x').map(Number) as [number, number];

ensureClientBuilt();
const server = await startTestServer('pglite', { MEDIA_WORKERS: '1', EMPTY_ROOM_GRACE_MS: '200' });
const browser = await launchBrowser();
const fmt = (v: number) => v.toFixed(0).padStart(6);

/** In the page, after the click: polls (every 5 ms) until a remote frame is decoded and shown; ms from `meet:connect`. */
function timeFirstFrame(page: Page) {
  // No named helpers inside: tsx would wrap them in a __name() the page does not have.
  return page.evaluate(async () => {
    let decoded: number | undefined;
    let shown: number | undefined;
    for (;;) {
      const mark = performance.getEntriesByName('meet:connect')[0];
      const room = (window as any).meet?.room;
      if (mark && room) {
        const now = performance.now() - mark.startTime;
        if (decoded === undefined) {
          for (const [pid, subs] of room.getState().subscriptions) {
            for (const [key] of subs) {
              const stats = await room.getWebRTCStatsForStream(pid, key);
              if (Object.values(stats.receivers.video ?? {}).some((s: any) => s.type === 'inbound-rtp' && s.framesDecoded > 0)) decoded = now;
            }
          }
        }
        const video = document.querySelector<HTMLVideoElement>('.tile:not([data-local]) video');
        if (shown === undefined && video && video.videoWidth > 0 && video.currentTime > 0) shown = now;
        if (decoded !== undefined && shown !== undefined) {
          const connected = performance.getEntriesByName('meet:connected')[0]!.startTime - mark.startTime;
          return { connected, decoded, shown };
        }
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  });
}

try {
  const room = await createRoom(server);
  const publisher = await sdkParticipant(browser, server, { roomId: room.id, token: await token(server, room.id), context: '{"name":"Publisher"}', video: { width: W, height: H, frameRate: 20 } });
  const samples = { connected: [] as number[], decoded: [] as number[], shown: [] as number[] };
  for (let i = -1; i < JOINS; i++) {
    const { page, context } = await meetPage(browser, server, { roomId: room.id, token: await token(server, room.id), name: `Joiner ${i}`, params: { res: `${W}x${H}`, fps: '20' } });
    // The pre-join screen is up with its preview playing: what a person sees before clicking.
    await page.waitForFunction(() => {
      const v = document.querySelector<HTMLVideoElement>('#preview');
      return !!v && v.videoWidth > 0 && !(document.querySelector('#join') as HTMLButtonElement).disabled;
    });
    const timing = timeFirstFrame(page);
    await page.click('#join');
    const r = await timing;
    await meetJoined(page);
    // i = -1 warms up (first router, first page of the browser).
    if (i >= 0) {
      samples.connected.push(r.connected);
      samples.decoded.push(r.decoded);
      samples.shown.push(r.shown);
    }
    await page.evaluate(() => (window as any).meet.room.disconnect());
    await context.close();
  }
  await publisher.context.close();
  const rows: [string, Summary][] = [
    ['Join now (connect()) → first decoded remote frame', summarize(samples.decoded)],
    ['Join now (connect()) → first remote frame on its tile', summarize(samples.shown)],
    ['  of which connect() resolved', summarize(samples.connected)],
  ];
  console.log(`\nMeet app join latency over ${JOINS} joins, pre-join screen in front, the other participant sending ${W}x${H} VP8 + opus (ms)\n`);
  console.log(`${'measure'.padEnd(56)} ${'p50'.padStart(6)} ${'p95'.padStart(6)} ${'max'.padStart(6)}`);
  for (const [name, s] of rows) console.log(`${name.padEnd(56)} ${fmt(s.p50)} ${fmt(s.p95)} ${fmt(s.p99)}`);
} finally {
  await browser.close();
  await server.stop();
}
