// Access tokens that renew themselves: a meeting on 10 s access tokens outlives them many times
// over (one participant renews from a refresh token, the other from the app's server through
// getToken); the meet app renews from the refreshToken of its URL; an app that gives neither hears
// token_expiring in time and renews with updateToken.
import { describe, expect, test } from 'vitest';
import { createRoom, generateToken } from '../helpers/server.js';
import { closeAll, events, expectFlowing, meetParticipant, participantRows, received, sdkParticipant, token, waitFor, type Participant } from './harness.js';
import { useBrowserSuite } from './browser-suite.js';

const { server, browser } = useBrowserSuite({ EMPTY_ROOM_GRACE_MS: '300' });

const status = (p: Participant) => p.page.evaluate(() => (window as any).app.room.getState().status as string);

describe('token renewal', { timeout: 150_000 }, () => {
  test('10 s access tokens, a 120 s refresh token: media keeps flowing for 60 s with no disconnect', async () => {
    const room = await createRoom(server);
    // The shortest access token the server issues (10 s), and a refresh token that outlives the test.
    const tokens = await generateToken(server, room.id, { ttl: 10, refreshTtl: 120 });
    const a = await sdkParticipant(browser, server, { roomId: room.id, token: tokens.clientToken.token, refreshToken: tokens.clientToken.refreshToken, context: 'A' });
    // B's app hands out tokens from its own server (here: the test, with the API key).
    let minted = 0;
    const b = await sdkParticipant(browser, server, { roomId: room.id, token: await token(server, room.id, { ttl: 10 }), getToken: true, context: 'B' }, (page) =>
      page.exposeFunction('mintToken', () => {
        minted += 1;
        return token(server, room.id, { ttl: 10 });
      }),
    );
    try {
      const keys = { a: [`${b.id}:self`], b: [`${a.id}:self`] };
      let last = await Promise.all([expectFlowing(a.page, keys.a), expectFlowing(b.page, keys.b)]);
      const started = Date.now();
      // Every 10 s for a minute (six token lifetimes): both still receive more than before.
      while (Date.now() - started < 60_000) {
        await new Promise((r) => setTimeout(r, 10_000));
        const now = await Promise.all([received(a.page), received(b.page)]);
        for (const [i, k] of [keys.a[0]!, keys.b[0]!].entries()) {
          expect(now[i]![k]!.audioPackets, `audio at ${i ? 'B' : 'A'} after ${Math.round((Date.now() - started) / 1000)} s`).toBeGreaterThan(last[i]![k]!.audioPackets);
          expect(now[i]![k]!.videoPackets, `video at ${i ? 'B' : 'A'}`).toBeGreaterThan(last[i]![k]!.videoPackets);
        }
        last = now;
      }
      for (const p of [a, b]) {
        expect(await events(p.page, 'disconnected')).toEqual([]);
        expect(await events(p.page, 'participant_leaving')).toEqual([]);
        expect(await events(p.page, 'token_expiring')).toEqual([]);
        expect(await status(p)).toBe('connected');
        // Renewed on the live connection: never a reconnection.
        expect(await p.page.evaluate(() => (window as any).app.room.__testHooks.connectionCount())).toBe(1);
      }
      // A 10 s token is renewed every 5 s: about a dozen times in the minute.
      expect(minted).toBeGreaterThanOrEqual(10);
      const rows = await participantRows(server, room.id);
      expect(rows.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
      expect(rows.every((r) => r.left_at === null)).toBe(true);
    } finally {
      await closeAll(a, b);
    }
  });

  test('neither refreshToken nor getToken: token_expiring fires before the token runs out, and updateToken keeps the room', async () => {
    const room = await createRoom(server);
    const first = await generateToken(server, room.id, { ttl: 10 });
    const expiresAt = new Date(first.clientToken.tokenExpiresAt).getTime();
    const a = await sdkParticipant(browser, server, { roomId: room.id, token: first.clientToken.token, context: 'A' });
    try {
      const warning = await waitFor('token_expiring', async () => (await events(a.page, 'token_expiring'))[0], 15_000, 100);
      // At half the life of a 10 s token: about 5 s left, when it was heard.
      expect(warning.args[0]).toBeGreaterThanOrEqual(4);
      expect(warning.args[0]).toBeLessThanOrEqual(6);
      expect(warning.at).toBeLessThan(expiresAt - 3000);
      expect(await status(a)).toBe('connected');

      // The app answers with a new token from its server.
      await a.page.evaluate((t) => (window as any).app.room.updateToken(t), await token(server, room.id, { ttl: 60 }));
      await new Promise((r) => setTimeout(r, Math.max(0, expiresAt + 3000 - Date.now())));
      expect(await events(a.page, 'disconnected')).toEqual([]);
      expect(await status(a)).toBe('connected');
      expect((await events(a.page, 'token_expiring')).length).toBe(1);
      expect((await participantRows(server, room.id))[0]!.left_at).toBeNull();
    } finally {
      await closeAll(a);
    }
  });

  test('the meet app opened with &refreshToken= stays in a meeting past several 10 s tokens', async () => {
    const room = await createRoom(server);
    const t = await generateToken(server, room.id, { ttl: 10, refreshTtl: 120 });
    const other = await sdkParticipant(browser, server, { roomId: room.id, token: await token(server, room.id, { ttl: 60 }), context: 'other' });
    const meet = await meetParticipant(browser, server, { roomId: room.id, token: t.clientToken.token, refreshToken: t.clientToken.refreshToken, name: 'Meg' });
    try {
      await new Promise((r) => setTimeout(r, 25_000));
      expect(await meet.page.getAttribute('#status', 'data-status')).toBe('connected');
      expect(await meet.page.isHidden('#error')).toBe(true);
      await expectFlowing(meet.page, [`${other.id}:self`], { roomExpr: 'window.meet.room' });
      expect(await events(other.page, 'participant_leaving')).toEqual([]);
    } finally {
      await closeAll(meet, other);
    }
  });
});
