// A real recorded session for the dashboard's session and recording pages: fake-camera
// participants in a room with recording on, a few seconds of media, then everyone leaves and the
// files are finished. Short on purpose: the machine running the tests has two cores.
import type { Browser, Locator } from 'playwright-core';
import { createRoom, type TestServer } from '../helpers/server.js';
import { closeAll, expectFlowing, finishedRecordings, meetParticipant, sdkParticipant, token, waitFor, type Participant } from './harness.js';

export interface RecordedSession {
  roomId: string;
  sessionId: string;
  /** Participant ids by name, in the order given. */
  ids: Record<string, string>;
}

/** Joins `names` (the meet app, or the SDK page), lets media flow for `seconds`, leaves, and waits for the 2 files each. */
export async function recordSession(server: TestServer, browser: Browser, opts: { names: string[]; seconds?: number; via?: 'meet' | 'sdk'; uniqueName?: string }): Promise<RecordedSession> {
  const room = await createRoom(server, { enableRecording: true, ...(opts.uniqueName ? { uniqueName: opts.uniqueName } : {}) });
  const people: Participant[] = [];
  try {
    for (const name of opts.names) {
      const t = await token(server, room.id);
      people.push(
        opts.via === 'sdk'
          ? await sdkParticipant(browser, server, { roomId: room.id, token: t, context: JSON.stringify({ name }) })
          : await meetParticipant(browser, server, { roomId: room.id, token: t, name }),
      );
    }
    const roomExpr = opts.via === 'sdk' ? undefined : 'window.meet.room';
    const others = (p: Participant) => people.filter((o) => o !== p).map((o) => `${o.id}:self`);
    await Promise.all(people.map((p) => expectFlowing(p.page, others(p), { roomExpr })));
    await new Promise((r) => setTimeout(r, (opts.seconds ?? 3) * 1000));
    // Leaving one after the other: the timeline shows two different ends.
    for (const p of people) await p.page.evaluate((expr) => (0, eval)(expr).disconnect(), `${roomExpr ?? 'window.app.room'}`);
  } finally {
    await closeAll(...people);
  }
  const rows = await finishedRecordings(server, room.id, opts.names.length * 2);
  const sessionId = rows[0]!.session_id;
  await waitFor('the session to end', async () => {
    const s = await server.running.services.db.selectFrom('room_sessions').select('active').where('id', '=', sessionId).executeTakeFirstOrThrow();
    return !s.active;
  });
  return { roomId: room.id, sessionId, ids: Object.fromEntries(opts.names.map((n, i) => [n, people[i]!.id])) };
}

/** The media element has data to show and its time moves on. */
export async function expectPlays(media: Locator): Promise<void> {
  await waitFor('the recording to load', () => media.evaluate((m: HTMLMediaElement) => m.readyState >= 2), 15_000);
  const t0 = await media.evaluate((m: HTMLMediaElement) => m.currentTime);
  await waitFor('the recording to play on', () => media.evaluate((m: HTMLMediaElement, t: number) => m.currentTime > t + 0.3, t0), 10_000);
}
