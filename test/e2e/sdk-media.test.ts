// The SDK used directly (a small page importing /sdk/video-rooms.js): media between two and four
// participants, unpublish and republish, camera off, server mute, grants, room capacity,
// messages and network metrics. Real server, real mediasoup, real Chromium with fake devices.
import { describe, expect, test } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createRoom } from '../helpers/server.js';
import { closeAll, events, expectFlowing, moderate, participantRows, received, sdkPage, sdkParticipant, sessionOf, sessionRows, token, waitFor, type Participant } from './harness.js';
import { useBrowserSuite } from './browser-suite.js';

const { server, browser } = useBrowserSuite({ EMPTY_ROOM_GRACE_MS: '300' });

async function join(roomId: string, name: string, extra: Record<string, unknown> = {}, grants?: Record<string, boolean>): Promise<Participant> {
  return sdkParticipant(browser, server, { roomId, token: await token(server, roomId, grants ? { grants } : {}), context: JSON.stringify({ name }), ...extra });
}

const key = (p: Participant, stream = 'self') => `${p.id}:${stream}`;

describe('SDK', { timeout: 120_000 }, () => {
  test('two participants receive each other’s audio and video; state, messages, metrics and database rows follow', async () => {
    const room = await createRoom(server);
    const a = await join(room.id, 'Ann', { metricsMs: 1000 });
    const b = await join(room.id, 'Bob');
    try {
      await Promise.all([expectFlowing(a.page, [key(b)]), expectFlowing(b.page, [key(a)])]);
      // Reports from here on are taken with both of B's tracks received (one taken while A was
      // still subscribing truly said B's video was not received yet).
      const reportsBefore: number = await a.page.evaluate(() => (window as any).app.metrics.length);

      // A's view of the room: both participants, both streams, B's context, a subscription to B.
      const view = await a.page.evaluate(() => {
        const st = (window as any).app.room.getState();
        const other = [...st.participants.values()].find((p: any) => p.origin === 'remote');
        const stream = (window as any).app.room.getParticipantStream(other.id, 'self');
        return {
          status: st.status,
          participants: st.participants.size,
          streams: st.streams.size,
          otherContext: other.context,
          frozen: Object.isFrozen(st) && Object.isFrozen(stream),
          hasTracks: stream.audioTrack?.kind === 'audio' && stream.videoTrack?.kind === 'video',
          local: (window as any).app.room.getLocalParticipant().id,
        };
      });
      expect(view).toEqual({ status: 'connected', participants: 2, streams: 2, otherContext: JSON.stringify({ name: 'Bob' }), frozen: true, hasTracks: true, local: a.id });
      expect((await events(a.page, 'participant_joined')).map((e) => e.args[0])).toEqual([b.id]);
      expect((await events(b.page, 'subscription_started')).map((e) => e.args.slice(0, 2))).toEqual([[a.id, 'self']]);

      // Messages: a broadcast reaches the other participant (not the sender).
      await a.page.evaluate(() => (window as any).app.room.sendMessage({ type: 'text', payload: 'hello', meta: 'm' }));
      const msg = await waitFor('message at B', async () => (await events(b.page, 'message_received'))[0]);
      expect(msg.args).toEqual([a.id, { type: 'text', payload: 'hello', meta: 'm' }, null]);
      expect(await events(a.page, 'message_received')).toEqual([]);

      // Network metrics every second (set for the test; 5 s by default), enabled for both with
      // includeStreams: a grade for A's own link and for what A receives of B, and per stream.
      const metrics = await waitFor('a metrics report with B, taken with media flowing', () =>
        a.page.evaluate(
          ({ bId, since }) => {
            const m = [...(window as any).app.metrics.slice(since)].reverse().find((r: Record<string, unknown>) => bId in r);
            return m ? Object.fromEntries(Object.entries(m).map(([id, e]: [string, any]) => [id, { ...e, streams: Object.fromEntries(e.streams ?? []) }])) : null;
          },
          { bId: b.id, since: reportsBefore },
        ),
      );
      expect(Object.keys(metrics).sort()).toEqual([a.id, b.id].sort());
      for (const m of Object.values(metrics) as any[]) {
        expect(m.connectionQuality).toBeGreaterThanOrEqual(3);
        expect(m.connectionQuality).toBeLessThanOrEqual(5);
      }
      expect(metrics[a.id].streams.self).toMatchObject({ audio: { direction: 'sending' }, video: { direction: 'sending' } });
      expect(metrics[b.id].streams.self).toMatchObject({ audio: { direction: 'receiving' }, video: { direction: 'receiving' } });
      // B enabled nothing: it hears no reports.
      expect(await b.page.evaluate(() => (window as any).app.metrics.length)).toBe(0);

      const rows = await participantRows(server, room.id);
      expect(rows.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
      expect(new Set(rows.map((r) => r.session_id)).size).toBe(1);
      expect(rows.every((r) => r.left_at === null && r.left_reason === null)).toBe(true);
      expect(rows.find((r) => r.id === b.id)!.context).toBe(JSON.stringify({ name: 'Bob' }));

      // Both leave: disconnected(user_initiated), rows closed with `left`, the session ends once empty.
      const leftAt = Date.now();
      await a.page.evaluate(() => (window as any).app.room.disconnect());
      await waitFor('B sees A leave', async () => (await events(b.page, 'participant_left')).length === 1);
      await b.page.evaluate(() => (window as any).app.room.disconnect());
      expect((await events(a.page, 'disconnected'))[0]!.args[0]).toBe('user_initiated');
      const ended = await waitFor('session ended', async () => (await sessionRows(server, room.id)).find((s) => s.ended_at));
      expect(ended.ended_reason).toBe('empty');
      const after = await participantRows(server, room.id);
      for (const r of after) {
        expect(r.left_reason).toBe('left');
        expect(r.left_at!.getTime()).toBeGreaterThanOrEqual(r.joined_at.getTime());
        expect(Math.abs(r.left_at!.getTime() - leftAt)).toBeLessThan(5000);
      }
      expect(ended.ended_at!.getTime()).toBeGreaterThanOrEqual(Math.max(...after.map((r) => r.left_at!.getTime())));
    } finally {
      await closeAll(a, b);
    }
  });

  test('four participants each receive the three others’ audio and video', async () => {
    const room = await createRoom(server);
    const ps: Participant[] = [];
    try {
      for (const name of ['P1', 'P2', 'P3', 'P4']) ps.push(await join(room.id, name));
      await Promise.all(
        ps.map((p) =>
          expectFlowing(
            p.page,
            ps.filter((o) => o !== p).map((o) => key(o)),
            { timeoutMs: 30_000 },
          ),
        ),
      );
      const rows = await participantRows(server, room.id);
      expect(rows).toHaveLength(4);
      expect(rows.every((r) => !r.left_at)).toBe(true);
    } finally {
      await closeAll(...ps);
    }
  });

  test('unpublish and republish: the subscriber sees stream_unpublished, then receives the new stream', async () => {
    const room = await createRoom(server);
    const a = await join(room.id, 'A');
    const b = await join(room.id, 'B');
    try {
      await expectFlowing(b.page, [key(a)]);
      await a.page.evaluate(() => (window as any).app.room.removeStream('self'));
      await waitFor('B sees the stream go', async () => (await events(b.page, 'stream_unpublished')).some((e) => e.args[0] === a.id));
      expect((await events(b.page, 'subscription_ended')).map((e) => e.args.slice(0, 2))).toEqual([[a.id, 'self']]);
      expect(await received(b.page)).toEqual({});
      expect(await b.page.evaluate((id) => (window as any).app.room.getParticipantStream(id, 'self'), a.id)).toBeUndefined();

      await a.page.evaluate(() => (window as any).app.room.addStream('self', { audio: true, video: { width: 320, height: 240 } }));
      await expectFlowing(b.page, [key(a)]);
      expect((await events(b.page, 'subscription_started')).length).toBe(2);
    } finally {
      await closeAll(a, b);
    }
  });

  test('camera off: track_disabled at the subscriber and the video stops; camera on: track_enabled and it resumes', async () => {
    const room = await createRoom(server);
    const a = await join(room.id, 'A');
    const b = await join(room.id, 'B');
    try {
      await expectFlowing(b.page, [key(a)]);
      await a.page.evaluate(() => (window as any).app.room.updateStream('self', { audio: true, video: false }));
      const off = await waitFor('track_disabled at B', async () => (await events(b.page, 'track_disabled'))[0]);
      expect(off.args).toEqual([a.id, 'self', 'video']);
      expect(await b.page.evaluate((id) => (window as any).app.room.getParticipantStream(id, 'self').isVideoEnabled, a.id)).toBe(false);
      // No more video packets reach B; audio still does.
      await new Promise((r) => setTimeout(r, 500));
      const r1 = (await received(b.page))[key(a)]!;
      await waitFor('audio to go on', async () => (await received(b.page))[key(a)]!.audioPackets > r1.audioPackets + 20);
      const r2 = (await received(b.page))[key(a)]!;
      expect(r2.videoPackets).toBe(r1.videoPackets);

      await a.page.evaluate(() => (window as any).app.room.updateStream('self', { audio: true, video: true }));
      const on = await waitFor('track_enabled at B', async () => (await events(b.page, 'track_enabled'))[0]);
      expect(on.args).toEqual([a.id, 'self', 'video']);
      await waitFor('video again', async () => (await received(b.page))[key(a)]!.frames > r2.frames + 5);
    } finally {
      await closeAll(a, b);
    }
  });

  test('server mute: track_censored at every client, audio stops at the subscriber, self-unmute refused; unmute restores', async () => {
    const room = await createRoom(server);
    const a = await join(room.id, 'A');
    const b = await join(room.id, 'B');
    const c = await join(room.id, 'C');
    try {
      await Promise.all([expectFlowing(b.page, [key(a)]), expectFlowing(c.page, [key(a)])]);
      const sessionId = await sessionOf(a.page);
      expect(await moderate(server, 'muteParticipants', sessionId, [a.id])).toEqual([a.id]);
      for (const p of [a, b, c]) {
        const ev = await waitFor(`track_censored at ${p === a ? 'A' : p === b ? 'B' : 'C'}`, async () => (await events(p.page, 'track_censored'))[0]);
        expect(ev.args).toEqual([a.id, 'self', 'audio']);
      }
      // A's audio stops at the SFU: B's packet counter stands still while A's video still arrives.
      await new Promise((r) => setTimeout(r, 500));
      const r1 = (await received(b.page))[key(a)]!;
      await waitFor('video to go on', async () => (await received(b.page))[key(a)]!.frames > r1.frames + 15);
      const r2 = (await received(b.page))[key(a)]!;
      expect(r2.audioPackets).toBe(r1.audioPackets);

      // A cannot lift a moderator's mute by turning its microphone off and on.
      await a.page.evaluate(() => (window as any).app.room.updateStream('self', { audio: false, video: true }));
      const refused = await a.page.evaluate(() =>
        (window as any).app.room.updateStream('self', { audio: true, video: true }).then(
          () => 'ok',
          (e: any) => e.code,
        ),
      );
      expect(refused).toBe('FORBIDDEN');
      await a.page.evaluate(() => (window as any).app.room.updateStream('self', { audio: true, video: true }).catch(() => {}));

      // A message to chosen recipients reaches only them.
      await b.page.evaluate((to) => (window as any).app.room.sendMessage('psst', [to]), a.id);
      await waitFor('message at A', async () => (await events(a.page, 'message_received')).length === 1);
      expect((await events(a.page, 'message_received'))[0]!.args).toEqual([b.id, { type: 'text', payload: 'psst' }, [a.id]]);

      expect(await moderate(server, 'unmuteParticipants', sessionId, [a.id])).toEqual([a.id]);
      for (const p of [b, c]) await waitFor('track_uncensored', async () => (await events(p.page, 'track_uncensored')).length === 1);
      // A turned its microphone off meanwhile: unmuting by the moderator does not turn it back on.
      expect(await b.page.evaluate((id) => (window as any).app.room.getParticipantStream(id, 'self'), a.id)).toMatchObject({ isAudioCensored: false, isAudioEnabled: false });
      await a.page.evaluate(() => (window as any).app.room.updateStream('self', { audio: true, video: true }));
      await expectFlowing(b.page, [key(a)]);
      await expectFlowing(c.page, [key(a)]);
      expect(await events(c.page, 'message_received')).toEqual([]);
    } finally {
      await closeAll(a, b, c);
    }
  });

  test('a token with canPublish false cannot publish, but receives', async () => {
    const room = await createRoom(server);
    const a = await join(room.id, 'A');
    const viewer = await join(room.id, 'Viewer', { publish: false }, { canPublish: false, canSubscribe: true });
    try {
      await expectFlowing(viewer.page, [key(a)]);
      const err = await viewer.page.evaluate(() =>
        (window as any).app.room.addStream('self', { audio: true }).then(
          () => null,
          (e: any) => ({ code: e.code, message: e.message }),
        ),
      );
      expect(err?.code).toBe('FORBIDDEN');
      expect(await a.page.evaluate((id) => (window as any).app.room.getState().participants.get(id).canPublish, viewer.id)).toBe(false);

      // The server refuses too, whatever a client sends: join on a bare WebSocket and try.
      const client = createClient({
        url: server.url.replace(/^http/, 'ws') + '/graphql',
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${await token(server, room.id, { grants: { canPublish: false } })}` },
        lazy: false,
        retryAttempts: 0,
      });
      try {
        const run = (query: string, variables?: Record<string, unknown>) =>
          new Promise<any>((resolve, reject) => {
            let out: any;
            client.subscribe({ query, variables }, { next: (r) => (out = r), error: reject, complete: () => resolve(out) });
          });
        const joined = await run('mutation { join { __typename ... on JoinPayload { joined { participantId sendTransport { id } } } } }');
        expect(joined.data.join.joined.sendTransport).toBeNull();
        const published = await run('mutation { publishStream(streamKey: "self", kind: AUDIO, rtpParameters: {codecs: [], encodings: []}) { __typename ... on UserError { code } } }');
        expect(published.data.publishStream).toEqual({ __typename: 'ForbiddenError', code: 'FORBIDDEN' });
      } finally {
        await client.dispose();
      }
      const streams = await a.page.evaluate(() => [...(window as any).app.room.getState().streams.keys()]);
      expect(streams).toEqual([key(a)]);
    } finally {
      await closeAll(a, viewer);
    }
  });

  test('the browser’s capabilities are probed once, while the page is idle: each connect() builds only its two transports, and media flows to every Room of the page', async () => {
    const room = await createRoom(server);
    const a = await join(room.id, 'A');
    const { page, context } = await sdkPage(browser, server);
    try {
      // The SDK asked for an idle callback when it loaded; this one runs after it, so the probe has begun.
      await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5000 })));
      await page.evaluate(() => {
        const Native = window.RTCPeerConnection;
        (window as any).peerConnections = 0;
        window.RTCPeerConnection = class extends Native {
          constructor(config?: RTCConfiguration) {
            super(config);
            (window as any).peerConnections += 1;
          }
        } as typeof RTCPeerConnection;
      });
      const tokens = [await token(server, room.id), await token(server, room.id)];
      for (const clientToken of tokens) {
        const built = await page.evaluate(
          async ({ roomId, clientToken }) => {
            const w = window as any;
            await w.app.room?.disconnect();
            const before = w.peerConnections;
            w.app.room = await w.app.VR.initialize({ roomId, clientToken, logLevel: 'WARN' });
            await w.app.room.connect();
            return w.peerConnections - before;
          },
          { roomId: room.id, clientToken },
        );
        // A send and a recv transport; mediasoup-client alone would add two probes per Device.
        expect(built).toBe(2);
        await page.evaluate((pid) => (window as any).app.room.addSubscription(pid, 'self', { audio: true, video: true }), a.id);
        await expectFlowing(page, [key(a)]);
      }
    } finally {
      await page.evaluate(() => (window as any).app.room?.disconnect()).catch(() => {});
      await context.close();
      await closeAll(a);
    }
  });

  test('with maxParticipants 2 the third join gets ROOM_FULL', async () => {
    const room = await createRoom(server, { maxParticipants: 2 });
    const a = await join(room.id, 'A', { publish: false });
    const b = await join(room.id, 'B', { publish: false });
    const third = await sdkPage(browser, server);
    try {
      const t = await token(server, room.id);
      const outcome = await third.page.evaluate(
        async ({ roomId, t }) => {
          const app = (window as any).app;
          const err = await app.start({ roomId, token: t, publish: false }).then(
            () => null,
            (e: any) => ({ code: e.code, message: e.message }),
          );
          return { err, status: app.room.getState().status, disconnected: app.events.filter((e: any) => e.name === 'disconnected').map((e: any) => e.args[0]) };
        },
        { roomId: room.id, t },
      );
      expect(outcome.err?.code).toBe('ROOM_FULL');
      expect(outcome.status).toBe('disconnected');
      expect(outcome.disconnected).toEqual(['forbidden']);
      expect((await participantRows(server, room.id)).map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    } finally {
      await closeAll(a, b, third);
    }
  });
});
