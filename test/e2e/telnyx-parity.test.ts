// A program written against @telnyx/video's API (test/sdk/fixtures/telnyx-app.ts, type-checked
// against our declarations by test/sdk/telnyx-parity.test.ts) runs a two-person call through our
// SDK bundle: media both ways, mute by leaving the track out, a camera switch by passing a new
// track, messages, network metrics with streams, the mixed room audio, leaving.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { createRoom } from '../helpers/server.js';
import { closeAll, expectFlowing, newPage, received, token, waitFor, type Participant } from './harness.js';
import { useBrowserSuite } from './browser-suite.js';

const { server, browser } = useBrowserSuite({ EMPTY_ROOM_GRACE_MS: '300' });

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../sdk/fixtures/telnyx-app.ts');
const CALL = 'window.call.room';

/** The program as the browser runs it: bundled, its import of our SDK pointed at the served bundle. */
async function program(): Promise<string> {
  const out = await esbuild.build({
    entryPoints: [FIXTURE],
    bundle: true,
    format: 'esm',
    target: 'chrome110',
    write: false,
    plugins: [{ name: 'served-sdk', setup: (b) => b.onResolve({ filter: /client\/sdk\/index\.js$/ }, () => ({ path: '/sdk/video-rooms.js', external: true })) }],
  });
  return out.outputFiles[0]!.text;
}

async function startCall(code: string, roomId: string, username: string, startOff = false): Promise<Participant> {
  const { page, context } = await newPage(browser);
  await page.goto(`${server.url}/healthz`);
  await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body><script type="module">${code}</script></body></html>`);
  await page.waitForFunction(() => typeof (window as any).startCall === 'function');
  const id = await page.evaluate(
    async (o) => {
      const call = await (window as any).startCall(o);
      (window as any).call = call;
      return call.participantId as string;
    },
    { roomId, clientToken: await token(server, roomId), username, startOff },
  );
  return { page, context, id };
}

const log = (p: Participant, name?: string) =>
  p.page.evaluate((n) => ((window as any).call.log.events as { name: string; args: unknown[] }[]).filter((e) => !n || e.name === n).map((e) => e.args), name);
const call = <T>(page: Page, fn: string, ...args: unknown[]) => page.evaluate(([f, a]) => (window as any).call[f as string](...(a as unknown[])), [fn, args] as const) as Promise<T>;
const ownStream = (p: Participant) =>
  p.page.evaluate(() => {
    const s = (window as any).call.room.getLocalStreams().self;
    return { isAudioEnabled: s.isAudioEnabled, isVideoEnabled: s.isVideoEnabled, audio: !!s.audioTrack, videoId: s.videoTrack?.id ?? null };
  });

describe('a Telnyx-style program on our SDK', { timeout: 120_000 }, () => {
  test('two people: media, mute and unmute, camera switch, messages, metrics, mixed audio, leave', async () => {
    const room = await createRoom(server);
    const code = await program();
    const a = await startCall(code, room.id, 'ann');
    const b = await startCall(code, room.id, 'bob');
    try {
      await Promise.all([expectFlowing(a.page, [`${b.id}:self`], { roomExpr: CALL }), expectFlowing(b.page, [`${a.id}:self`], { roomExpr: CALL })]);
      expect(await log(a, 'participant_joined')).toEqual([[b.id]]);
      expect(await log(b, 'subscription_started')).toEqual([[a.id, 'self']]);
      // B's page renders A's video from the stream subscription_started pointed at.
      await waitFor('A’s video playing at B', () => b.page.$eval(`#remote-${a.id}-self`, (v) => (v as HTMLVideoElement).videoWidth > 0));

      // Mute, Telnyx's way: the audio track left out. B hears track_disabled; A's state drops the track.
      await call(a.page, 'mute');
      await waitFor('track_disabled at B', async () => (await log(b, 'track_disabled')).length === 1);
      expect(await log(b, 'track_disabled')).toEqual([[a.id, 'self', 'audio']]);
      expect(await ownStream(a)).toMatchObject({ isAudioEnabled: false, isVideoEnabled: true, audio: false });
      await new Promise((r) => setTimeout(r, 500));
      const muted = (await received(b.page, CALL))[`${a.id}:self`]!;
      await waitFor('video to go on', async () => (await received(b.page, CALL))[`${a.id}:self`]!.frames > muted.frames + 10);
      expect((await received(b.page, CALL))[`${a.id}:self`]!.audioPackets).toBe(muted.audioPackets);
      await call(a.page, 'unmute');
      await waitFor('track_enabled at B', async () => (await log(b, 'track_enabled')).length === 1);
      expect(await log(b, 'track_enabled')).toEqual([[a.id, 'self', 'audio']]);
      await expectFlowing(b.page, [`${a.id}:self`], { roomExpr: CALL });

      // Another camera: the track passed replaces the published one, and B keeps decoding.
      const newTrack = await call<string>(a.page, 'switchCamera');
      expect(await ownStream(a)).toMatchObject({ isAudioEnabled: true, isVideoEnabled: true, audio: true, videoId: newTrack });
      await expectFlowing(b.page, [`${a.id}:self`], { roomExpr: CALL });
      // Metrics reports from here on are taken with the media flowing.
      const reportsBefore: number = await a.page.evaluate(() => (window as any).call.log.metrics.length);

      // Messages (enableMessages: true), broadcast.
      await call(a.page, 'say', 'hello bob');
      await waitFor('message at B', async () => (await log(b, 'message_received')).length === 1);
      expect(await log(b, 'message_received')).toEqual([[a.id, { type: 'text', payload: 'hello bob' }, null]]);

      // Network metrics, enabled for everyone with includeStreams: per participant and per stream.
      const metrics = await waitFor('metrics on both at A', () =>
        a.page.evaluate(
          ({ bId, since }) => {
            const all = (window as any).call.log.metrics as Record<string, { connectionQuality: number; streams?: Map<string, unknown> }>[];
            const m = all
              .slice(since)
              .reverse()
              .find((r) => bId in r && Object.keys(r).length === 2);
            return m ? Object.fromEntries(Object.entries(m).map(([id, e]) => [id, { q: e.connectionQuality, streams: e.streams instanceof Map ? Object.fromEntries(e.streams) : null }])) : null;
          },
          { bId: b.id, since: reportsBefore },
        ),
      );
      expect(metrics[a.id]!.streams).toMatchObject({ self: { audio: { direction: 'sending' }, video: { direction: 'sending' } } });
      expect(metrics[b.id]!.streams).toMatchObject({ self: { audio: { direction: 'receiving' }, video: { direction: 'receiving' } } });
      for (const m of Object.values(metrics)) expect(m.q).toBeGreaterThanOrEqual(3);

      // The room's audio as one track: A's fake microphone beeps through it at B.
      expect(await call<number>(b.page, 'mixedLevel', 3000)).toBeGreaterThan(0.01);

      // Telnyx's errors and shapes.
      const shapes = await a.page.evaluate(() => {
        const room = (window as any).call.room;
        let thrown = '';
        try {
          room.getParticipantStream('nobody', 'self');
        } catch (e) {
          thrown = (e as Error).message;
        }
        const spread = { ...room };
        return { thrown, plain: Object.getPrototypeOf(room.getLocalStreams()) === Object.prototype, spreadWorks: typeof spread.connect === 'function' && typeof spread.addStream === 'function' };
      });
      expect(shapes).toEqual({ thrown: 'No participant exists with the id: nobody', plain: true, spreadWorks: true });

      // B leaves: A hears it as Telnyx's SDK tells it (reason null: not kicked), B is disconnected(user_initiated).
      await call(b.page, 'leave');
      await waitFor('A sees B leave', async () => (await log(a, 'participant_left')).length === 1);
      expect(await log(a, 'participant_leaving')).toEqual([[b.id, null]]);
      expect(await log(b, 'disconnected')).toEqual([['user_initiated', 'disconnected']]);
      expect(await log(a, 'disconnected')).toEqual([]);
    } finally {
      await closeAll(a, b);
    }
  });

  test('joining with camera and microphone off: an empty stream of one’s own, published to others once updateStream gives it tracks', async () => {
    const room = await createRoom(server);
    const code = await program();
    const a = await startCall(code, room.id, 'ann', true);
    const b = await startCall(code, room.id, 'bob');
    try {
      await expectFlowing(a.page, [`${b.id}:self`], { roomExpr: CALL });
      expect(await ownStream(a)).toEqual({ isAudioEnabled: false, isVideoEnabled: false, audio: false, videoId: null });
      expect(await log(a, 'stream_published')).toContainEqual([a.id, 'self']);
      // The server knows streams by their tracks: B has nothing of A's yet (Telnyx's would show an empty stream).
      expect(await b.page.evaluate((id) => (window as any).call.room.getParticipantStreams(id).size, a.id)).toBe(0);

      await call(a.page, 'unmute');
      await expectFlowing(b.page, [`${a.id}:self`], { roomExpr: CALL });
      expect(await log(b, 'stream_published')).toContainEqual([a.id, 'self']);
      expect(await ownStream(a)).toMatchObject({ isAudioEnabled: true, isVideoEnabled: true, audio: true });
      // Still one stream of its own, announced once.
      expect((await log(a, 'stream_published')).filter((args) => args[0] === a.id)).toEqual([[a.id, 'self']]);
    } finally {
      await closeAll(a, b);
    }
  });
});
