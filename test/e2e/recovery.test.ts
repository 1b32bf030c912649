// Getting back on its feet without the app's help: a WebSocket dropped and restored within the
// grace period, an ICE restart, a mediasoup worker killed under a live room.
import { describe, expect, test } from 'vitest';
import { createRoom } from '../helpers/server.js';
import { closeAll, events, expectFlowing, participantRows, sdkParticipant, token, waitFor, type Participant } from './harness.js';
import { useBrowserSuite } from './browser-suite.js';

const { server, browser } = useBrowserSuite({ RECONNECT_GRACE_MS: '4000' });

async function pair(): Promise<{ roomId: string; a: Participant; b: Participant }> {
  const room = await createRoom(server);
  const a = await sdkParticipant(browser, server, { roomId: room.id, token: await token(server, room.id), context: 'A' });
  const b = await sdkParticipant(browser, server, { roomId: room.id, token: await token(server, room.id), context: 'B' });
  await Promise.all([expectFlowing(a.page, [`${b.id}:self`]), expectFlowing(b.page, [`${a.id}:self`])]);
  return { roomId: room.id, a, b };
}

const hooks = (p: Participant, call: string) => p.page.evaluate((c) => (window as any).app.room.__testHooks[c](), call);
const leaveEvents = async (p: Participant) => (await events(p.page)).filter((e) => /participant_le|disconnected|subscription_ended/.test(e.name));

describe('recovery', { timeout: 120_000 }, () => {
  test('a WebSocket dropped and restored within the grace period keeps the participant and its media', async () => {
    const { roomId, a, b } = await pair();
    try {
      const transportsBefore = await hooks(a, 'transportIds');
      await hooks(a, 'dropConnection');
      // The server saw the socket close (the participant waits out its grace period), and the SDK came back on a new one.
      await waitFor('A to reconnect', async () => (await hooks(a, 'connectionCount')) === 2);
      await waitFor('A to get its room events back', () => a.page.evaluate(() => (window as any).app.room.getState().participants.size === 2));
      expect(await hooks(a, 'participantId')).toBe(a.id);
      // The same transports: the media never stopped.
      expect(await hooks(a, 'transportIds')).toEqual(transportsBefore);
      await Promise.all([expectFlowing(a.page, [`${b.id}:self`]), expectFlowing(b.page, [`${a.id}:self`])]);
      // Still working as a participant over the new socket.
      await a.page.evaluate(() => (window as any).app.room.updateStream('self', { audio: true, video: false }));
      await waitFor('B sees A turn its camera off', async () => (await events(b.page, 'track_disabled')).length === 1);
      // Wait past the grace period: nobody left.
      await new Promise((r) => setTimeout(r, 4500));
      expect(await leaveEvents(b)).toEqual([]);
      expect(await leaveEvents(a)).toEqual([]);
      const rows = await participantRows(server, roomId);
      expect(rows.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
      expect(rows.every((r) => r.left_at === null)).toBe(true);
    } finally {
      await closeAll(a, b);
    }
  });

  test('a WebSocket back after the grace period: the SDK joins as a new participant, publishes and subscribes again', async () => {
    const { roomId, a, b } = await pair();
    try {
      // An outage longer than the server's grace period (4 s here). A's page subscribes to nothing
      // itself from now on: the SDK restores its subscription to B.
      await a.page.evaluate(() => ((window as any).app.autoSubscribe = false));
      await a.page.evaluate(() => (window as any).app.room.__testHooks.dropConnection(5000));
      await waitFor('B to see A leave (disconnected)', async () => (await events(b.page, 'participant_leaving')).some((e) => e.args[0] === a.id && e.args[2] === 'disconnected'), 10_000);
      const newId = await waitFor(
        'A to come back as someone else',
        async () => {
          const id = await hooks(a, 'participantId');
          return id !== a.id ? (id as string) : null;
        },
        15_000,
      );
      await waitFor('B to see the new participant', async () => (await events(b.page, 'participant_joined')).some((e) => e.args[0] === newId));
      await Promise.all([expectFlowing(a.page, [`${b.id}:self`]), expectFlowing(b.page, [`${newId}:self`])]);
      // The app was not involved, and still sees a connected room with two participants.
      expect(await events(a.page, 'disconnected')).toEqual([]);
      const view = await a.page.evaluate(() => {
        const st = (window as any).app.room.getState();
        return { status: st.status, local: st.localParticipantId, participants: [...st.participants.keys()].sort() };
      });
      expect(view).toEqual({ status: 'connected', local: newId, participants: [b.id, newId].sort() });
      const rows = await participantRows(server, roomId);
      expect(rows).toHaveLength(3);
      const old = rows.find((r) => r.id === a.id)!;
      expect(old.left_reason).toBe('disconnected');
      // It left when the grace period ran out, about 4 s after the drop.
      expect(old.left_at!.getTime() - old.joined_at.getTime()).toBeGreaterThan(4000);
      expect(rows.find((r) => r.id === newId)!.left_at).toBeNull();
      expect(new Set(rows.map((r) => r.session_id)).size).toBe(1);
    } finally {
      await closeAll(a, b);
    }
  });

  test('an ICE restart keeps the media flowing', async () => {
    const { a, b } = await pair();
    try {
      await hooks(a, 'restartIce');
      await Promise.all([expectFlowing(a.page, [`${b.id}:self`]), expectFlowing(b.page, [`${a.id}:self`])]);
    } finally {
      await closeAll(a, b);
    }
  });

  test('a killed mediasoup worker: every client rebuilds its media and the media flows again', async () => {
    const { roomId, a, b } = await pair();
    try {
      const pool = server.running.services.orchestrator.media.pool;
      const [worker] = pool.workers();
      const transportsBefore = await hooks(a, 'transportIds');
      // From here on the pages do not subscribe to anything themselves: the SDK must restore.
      for (const p of [a, b]) await p.page.evaluate(() => ((window as any).app.autoSubscribe = false));
      process.kill(worker!.pid, 'SIGKILL');
      await waitFor('a new worker', () => pool.workers().some((w) => w.pid !== worker!.pid));
      await waitFor('A to get new transports', async () => (await hooks(a, 'transportIds')).send !== transportsBefore.send, 20_000);
      await Promise.all([expectFlowing(a.page, [`${b.id}:self`], { timeoutMs: 30_000 }), expectFlowing(b.page, [`${a.id}:self`], { timeoutMs: 30_000 })]);
      // Same participants, same WebSocket, the subscriptions restored by the SDK itself.
      expect(await hooks(a, 'participantId')).toBe(a.id);
      expect(await hooks(a, 'connectionCount')).toBe(1);
      expect((await events(b.page, 'subscription_started')).length).toBe(2);
      expect((await events(a.page)).filter((e) => /participant_le|disconnected/.test(e.name))).toEqual([]);
      const rows = await participantRows(server, roomId);
      expect(rows.every((r) => r.left_at === null)).toBe(true);
      expect(rows).toHaveLength(2);
    } finally {
      await closeAll(a, b);
    }
  });
});
