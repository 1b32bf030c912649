// Join latency: from room.connect() to the first decoded frame of a remote stream, in Chromium,
// through the real server and mediasoup, 20 joins of each kind (each a fresh browser context):
// connect() called as soon as the page has loaded (the page's own start-up, a new renderer process
// parsing and compiling the SDK, runs alongside the join on the two cores), and connect() called
// on a page loaded a second before (as a person clicks "join"). Baselines in the
// same run: the signalling floor (a graphql-ws connection and one round trip from the page) and
// the media floor (addSubscription → first frame on an already connected participant). Then the
// mediasoup worker's CPU for one room of four participants, each publishing camera and microphone
// and receiving the three others, over 10 s.
// Run: npm run bench:join [-- joins=20 seconds=10 res=640x360 settle=1000]
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { createRoom, startTestServer } from '../test/helpers/server.js';
import { ensureClientBuilt, expectFlowing, launchBrowser, sdkPage, sdkParticipant, token, type Participant } from '../test/e2e/harness.js';
import { summarize, type Summary } from './stats.js';

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1) ?? fallback;
const JOINS = Number(arg('joins', '20'));
const SETTLE_MS = Number(arg('settle', '1000'));
const SECONDS = Number(arg('seconds', '10'));
const [W, H] = arg('res', '640x360').split('x').map(Number) as [number, number];
const VIDEO = { width: W, height: H, frameRate: 20 };

ensureClientBuilt();
const server = await startTestServer('pglite', { MEDIA_WORKERS: '1', EMPTY_ROOM_GRACE_MS: '200' });
const browser = await launchBrowser();
const rows: [string, Summary][] = [];
const fmt = (v: number) => v.toFixed(0).padStart(6);

/**
 * In the page (installed by `openTimedPage`): waits until a frame of the subscribed stream is
 * decoded, polling the stats every 5 ms; fails after 20 s rather than hang the bench.
 */
async function untilDecoded(room: any, participantId: string, key: string, since: string): Promise<void> {
  for (const deadline = performance.now() + 20_000; ;) {
    const stats = await room.getWebRTCStatsForStream(participantId, key);
    const frames = Object.values(stats.receivers.video ?? {}).reduce((n: number, s: any) => n + (s.type === 'inbound-rtp' ? (s.framesDecoded ?? 0) : 0), 0);
    if (frames > 0) return;
    if (performance.now() > deadline) throw new Error(`no frame decoded within 20 s of ${since}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The SDK page, with `untilDecoded` for the timed steps. */
async function openTimedPage() {
  const opened = await sdkPage(browser, server);
  await opened.page.evaluate(`window.untilDecoded = ${untilDecoded}`);
  return opened;
}

/** In the page: a fresh Room, connect, subscribe to the first remote stream, wait until a frame is decoded. */
async function timedJoin(page: Page, roomId: string, clientToken: string) {
  return page.evaluate(
    async ({ roomId, clientToken }) => {
      const VR = (window as any).app.VR;
      const room = await VR.initialize({ roomId, clientToken, logLevel: 'WARN' });
      (window as any).app.room = room;
      const t0 = performance.now();
      await room.connect();
      const connected = performance.now() - t0;
      const remote = [...room.getState().streams.values()].find((s: any) => s.origin === 'remote') as any;
      await room.addSubscription(remote.participantId, remote.key, { audio: true, video: true });
      const subscribed = performance.now() - t0;
      await (window as any).untilDecoded(room, remote.participantId, remote.key, 'connect()');
      const firstFrame = performance.now() - t0;
      return { connected, subscribed, firstFrame };
    },
    { roomId, clientToken },
  );
}

/** Baseline: a graphql-ws connection from the page and one `{ __typename }` round trip. */
async function signallingFloor(page: Page, clientToken: string) {
  return page.evaluate(async (clientToken) => {
    const t0 = performance.now();
    const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    await new Promise<void>((resolve, reject) => {
      ws.onopen = () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${clientToken}` } }));
      ws.onerror = reject;
      ws.onmessage = (m) => {
        const msg = JSON.parse(m.data);
        if (msg.type === 'connection_ack') ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: '{ __typename }' } }));
        if (msg.type === 'next') resolve();
      };
    });
    const ms = performance.now() - t0;
    ws.close();
    return ms;
  }, clientToken);
}

/** Baseline: addSubscription → first frame, on a participant whose recv transport is already up. */
async function resubscribe(page: Page, publisherId: string) {
  return page.evaluate(async (pid) => {
    const room = (window as any).app.room;
    await room.removeSubscription(pid, 'self');
    // Away from the previous key frame: the publisher's browser throttles key frames asked for
    // in quick succession (a resubscription within ~0.3 s of the last one waited ~1 s here).
    await new Promise((r) => setTimeout(r, 1500));
    const t0 = performance.now();
    await room.addSubscription(pid, 'self', { audio: true, video: true });
    await (window as any).untilDecoded(room, pid, 'self', 'addSubscription()');
    return performance.now() - t0;
  }, publisherId);
}

try {
  // ---- join latency -----------------------------------------------------------------------
  const room = await createRoom(server);
  const publisher = await sdkParticipant(browser, server, { roomId: room.id, token: await token(server, room.id), context: 'publisher', video: VIDEO });
  const joins = () => ({ connected: [] as number[], subscribed: [] as number[], firstFrame: [] as number[] });
  const modes = { loading: joins(), settled: joins() };
  const floor: number[] = [];
  const media: number[] = [];
  for (let i = -1; i < JOINS; i++) {
    // Taking turns, so that whatever else the machine does weighs on both kinds alike.
    for (const mode of ['loading', 'settled'] as const) {
      const { page, context } = await openTimedPage();
      const t = await token(server, room.id);
      const signalling = await signallingFloor(page, t);
      if (mode === 'settled') await new Promise((r) => setTimeout(r, SETTLE_MS));
      const r = await timedJoin(page, room.id, t);
      const again = await resubscribe(page, publisher.id);
      if (i >= 0) {
        // i = -1 warms up (first router, first page of the browser)
        modes[mode].connected.push(r.connected);
        modes[mode].subscribed.push(r.subscribed);
        modes[mode].firstFrame.push(r.firstFrame);
        floor.push(signalling);
        media.push(again);
      }
      await page.evaluate(() => (window as any).app.room.disconnect());
      await context.close();
    }
  }
  await publisher.context.close();
  for (const [mode, label] of [
    ['settled', `page loaded ${SETTLE_MS} ms before`],
    ['loading', 'page just loaded'],
  ] as const) {
    rows.push([`connect() → first decoded remote frame, ${label}`, summarize(modes[mode].firstFrame)]);
    rows.push(['  of which connect() resolved', summarize(modes[mode].connected)]);
    rows.push(['  of which addSubscription() resolved', summarize(modes[mode].subscribed)]);
  }
  rows.push(['baseline: graphql-ws connect + 1 round trip', summarize(floor)]);
  rows.push(['baseline: addSubscription → first frame (already joined)', summarize(media)]);

  console.log(`\nJoin latency over ${JOINS} joins of each kind, publisher sending ${W}x${H} VP8 + opus (ms)\n`);
  console.log(`${'measure'.padEnd(64)} ${'p50'.padStart(6)} ${'p95'.padStart(6)} ${'max'.padStart(6)}`);
  for (const [name, s] of rows) console.log(`${name.padEnd(64)} ${fmt(s.p50)} ${fmt(s.p95)} ${fmt(s.p99)}`);

  // ---- worker CPU, one room of four ---------------------------------------------------------
  const room4 = await createRoom(server);
  const four: Participant[] = [];
  for (const name of ['p1', 'p2', 'p3', 'p4']) four.push(await sdkParticipant(browser, server, { roomId: room4.id, token: await token(server, room4.id), context: name, video: VIDEO }));
  await Promise.all(
    four.map((p) =>
      expectFlowing(
        p.page,
        four.filter((o) => o !== p).map((o) => `${o.id}:self`),
        { timeoutMs: 30_000 },
      ),
    ),
  );
  await new Promise((r) => setTimeout(r, 3000)); // past the bitrate ramp-up
  const pids = server.running.services.orchestrator.media.pool.workers().map((w) => w.pid);
  const ticks = (pid: number) => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime (fields 14 and 15 of stat)
  };
  const clockTicks = 100; // USER_HZ on Linux
  const before = pids.map(ticks);
  const nodeBefore = process.cpuUsage();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  const elapsed = (performance.now() - t0) / 1000;
  const after = pids.map(ticks);
  const node = process.cpuUsage(nodeBefore);
  const stats = await four[0]!.page.evaluate(async () => {
    const room = (window as any).app.room;
    const s = await room.getWebRTCStatsForStream(room.getState().localParticipantId, 'self');
    const out: Record<string, number> = {};
    for (const kind of ['audio', 'video']) for (const r of Object.values(s.senders[kind] ?? {}) as any[]) if (r.type === 'outbound-rtp') out[kind] = r.bytesSent;
    return out;
  });
  console.log(`\nmediasoup worker CPU, one room of 4 participants (4 publishers × 3 subscribers, audio + video, ${W}x${H}), over ${elapsed.toFixed(1)} s`);
  pids.forEach((pid, i) => console.log(`  worker ${pid}: ${((100 * (after[i]! - before[i]!)) / clockTicks / elapsed).toFixed(1)} % of one core`));
  console.log(`  node (signalling, this process, includes the bench itself): ${((node.user + node.system) / 1e4 / elapsed).toFixed(1)} % of one core`);
  console.log(`  one publisher has sent ${(stats.video! / 1e6).toFixed(2)} MB video, ${(stats.audio! / 1e6).toFixed(2)} MB audio so far`);
  for (const p of four) await p.context.close();
} finally {
  await browser.close();
  await server.stop();
}
