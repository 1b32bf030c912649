// How participants are removed, seen from the SDK and recorded in the database: kick, endSession,
// deleteRoom, an access token that runs out (and one that is refreshed in time).
import { describe, expect, test } from 'vitest';
import { createRoom, generateToken } from '../helpers/server.js';
import { closeAll, deleteRoom, endSession, events, expectFlowing, moderate, participantRows, sdkParticipant, sessionOf, sessionRows, token, waitFor, type Participant } from './harness.js';
import { useBrowserSuite } from './browser-suite.js';

const { server, browser } = useBrowserSuite({ EMPTY_ROOM_GRACE_MS: '300' });

async function join(roomId: string, name: string, tokenArgs: Record<string, unknown> = {}, publish = true): Promise<Participant> {
  return sdkParticipant(browser, server, { roomId, token: await token(server, roomId, tokenArgs), context: name, publish });
}

const disconnectReason = async (p: Participant) => (await events(p.page, 'disconnected'))[0]?.args[0];

describe('leaving a room', { timeout: 120_000 }, () => {
  test('kicked: the participant gets participant_leaving(kicked) and disconnected(kicked); the other sees it leave; the row says kicked', async () => {
    const room = await createRoom(server);
    const a = await join(room.id, 'A');
    const b = await join(room.id, 'B');
    try {
      await expectFlowing(a.page, [`${b.id}:self`]);
      const sessionId = await sessionOf(a.page);
      const before = Date.now();
      expect(await moderate(server, 'kickParticipants', sessionId, [b.id])).toEqual([b.id]);
      await waitFor('B disconnected', async () => (await disconnectReason(b)) === 'kicked');
      expect((await events(b.page, 'participant_leaving'))[0]!.args).toEqual([b.id, 'kicked', 'kicked']);
      expect(await b.page.evaluate(() => (window as any).app.room.getState().status)).toBe('disconnected');
      await waitFor('A sees B leave', async () => (await events(a.page, 'participant_left')).some((e) => e.args[0] === b.id));
      expect((await events(a.page, 'participant_leaving')).map((e) => e.args)).toEqual([[b.id, 'kicked', 'kicked']]);
      expect((await events(a.page, 'subscription_ended')).map((e) => e.args.slice(0, 2))).toEqual([[b.id, 'self']]);
      expect(await disconnectReason(a)).toBeUndefined();

      const rows = await participantRows(server, room.id);
      const kicked = rows.find((r) => r.id === b.id)!;
      expect(kicked.left_reason).toBe('kicked');
      expect(kicked.left_at!.getTime()).toBeGreaterThanOrEqual(before - 50);
      expect(rows.find((r) => r.id === a.id)!.left_at).toBeNull();
      expect((await sessionRows(server, room.id))[0]!.ended_at).toBeNull();
    } finally {
      await closeAll(a, b);
    }
  });

  test('endSession: everyone gets disconnected(session_terminated); the session row is ended by the API', async () => {
    const room = await createRoom(server);
    const a = await join(room.id, 'A');
    const b = await join(room.id, 'B', {}, false);
    try {
      const sessionId = await sessionOf(a.page);
      const ended = await endSession(server, sessionId);
      expect(ended.endedReason).toBe('ended_by_api');
      for (const p of [a, b]) await waitFor('disconnected', async () => (await disconnectReason(p)) === 'session_terminated');
      const session = (await sessionRows(server, room.id))[0]!;
      expect(session.id).toBe(sessionId);
      expect(session.active).toBe(false);
      expect(session.ended_reason).toBe('ended_by_api');
      const rows = await participantRows(server, room.id);
      expect(rows.map((r) => r.left_reason)).toEqual(['session_ended', 'session_ended']);
      for (const r of rows) expect(r.left_at!.getTime()).toBeLessThanOrEqual(session.ended_at!.getTime());

      // The room stays: joining again starts a new session.
      const c = await join(room.id, 'C', {}, false);
      expect(await sessionOf(c.page)).not.toBe(sessionId);
      await closeAll(c);
    } finally {
      await closeAll(a, b);
    }
  });

  test('deleteRoom: disconnected(room_deleted); the session ends with room_deleted and the token no longer works', async () => {
    const room = await createRoom(server);
    const t = await token(server, room.id);
    const a = await sdkParticipant(browser, server, { roomId: room.id, token: t, context: 'A' });
    try {
      await deleteRoom(server, room.id);
      await waitFor('disconnected', async () => (await disconnectReason(a)) === 'room_deleted');
      const session = (await sessionRows(server, room.id))[0]!;
      expect(session.ended_reason).toBe('room_deleted');
      expect((await participantRows(server, room.id))[0]!.left_reason).toBe('room_deleted');

      const again = await a.page.evaluate(async () => {
        const room = (window as any).app.room;
        return room.connect().then(
          () => null,
          (e: any) => ({ code: e.code, reason: e.reason }),
        );
      });
      expect(again).toEqual({ code: 'UNAUTHENTICATED', reason: 'token_room_deleted' });
    } finally {
      await closeAll(a);
    }
  });

  test('an access token that runs out removes its participant (disconnected: unauthorized); one refreshed with updateClientToken stays', async () => {
    const room = await createRoom(server);
    const short = await generateToken(server, room.id, { ttl: 10 });
    const expiresAt = new Date(short.clientToken.tokenExpiresAt).getTime();
    const expiring = await sdkParticipant(browser, server, { roomId: room.id, token: short.clientToken.token, context: 'expiring' });
    const first = await generateToken(server, room.id, { ttl: 10 });
    const firstExpiresAt = new Date(first.clientToken.tokenExpiresAt).getTime();
    const refreshed = await sdkParticipant(browser, server, { roomId: room.id, token: first.clientToken.token, context: 'refreshed' });
    try {
      await refreshed.page.evaluate((t) => (window as any).app.room.updateClientToken(t), await token(server, room.id, { ttl: 60 }));
      await expectFlowing(refreshed.page, [`${expiring.id}:self`]);
      await waitFor('the token to run out', async () => (await disconnectReason(expiring)) === 'unauthorized', 15_000, 250);
      expect((await events(expiring.page, 'participant_leaving'))[0]!.args).toEqual([expiring.id, null, 'token_expired']);
      await waitFor('the other to see it leave', async () => (await events(refreshed.page, 'participant_left')).length === 1);
      // Past the refreshed participant's first token too: the new one keeps it in.
      await new Promise((r) => setTimeout(r, Math.max(0, firstExpiresAt + 1500 - Date.now())));
      expect(await disconnectReason(refreshed)).toBeUndefined();
      expect(await refreshed.page.evaluate(() => (window as any).app.room.getState().status)).toBe('connected');

      const rows = await participantRows(server, room.id);
      const gone = rows.find((r) => r.id === expiring.id)!;
      expect(gone.left_reason).toBe('token_expired');
      // Removed when its token ran out: at tokenExpiresAt (to the timer's precision), not before.
      expect(gone.left_at!.getTime()).toBeGreaterThanOrEqual(expiresAt - 1000);
      expect(gone.left_at!.getTime()).toBeLessThan(expiresAt + 1500);
      expect(rows.find((r) => r.id === refreshed.id)!.left_at).toBeNull();
    } finally {
      await closeAll(expiring, refreshed);
    }
  });
});
