// Recording a real session: two browsers (fake camera and microphone) in a room with recording
// on, for about five seconds. Every published track becomes a file whose codec, tracks and
// duration ffprobe confirms. Real server, real mediasoup, real Chromium, real ffmpeg.
import { describe, expect, test } from 'vitest';
import { probeMediaFile } from '../../media/probe.js';
import { createRoom, ERROR_FIELDS, mutate } from '../helpers/server.js';
import { closeAll, expectFlowing, finishedRecordings, sdkParticipant, token, waitFor, type Participant } from './harness.js';
import { useBrowserSuite } from './browser-suite.js';

const { server, browser } = useBrowserSuite({ EMPTY_ROOM_GRACE_MS: '300' });

describe('recording', { timeout: 120_000 }, () => {
  test('records each participant’s audio and video into playable files as long as they published', async () => {
    const room = await createRoom(server, { enableRecording: true });
    const join = async (name: string) => sdkParticipant(browser, server, { roomId: room.id, token: await token(server, room.id), context: JSON.stringify({ name }) });
    let a: Participant | undefined;
    let b: Participant | undefined;
    let together: number;
    let span: number;
    try {
      const joining = Date.now();
      a = await join('Ann');
      b = await join('Bob');
      await Promise.all([expectFlowing(a.page, [`${b.id}:self`]), expectFlowing(b.page, [`${a.id}:self`])]);
      const flowing = Date.now();
      await new Promise((r) => setTimeout(r, 5000));
      // Media certainly flowed until the disconnects were asked for (they take a while on a busy
      // machine: counting that time too would claim media nobody promised), and at most until
      // they were done.
      together = (Date.now() - flowing) / 1000;
      await Promise.all([a, b].map((p) => p!.page.evaluate(() => (window as any).app.room.disconnect())));
      span = (Date.now() - joining) / 1000;
    } finally {
      await closeAll(a, b);
    }

    const db = server.running.services.db;
    const rows = await finishedRecordings(server, room.id, 4);
    for (const r of rows) expect(r, r.failure_reason ?? '').toMatchObject({ status: 'completed', stream_key: 'self' });
    const tracks = rows.map((r) => `${r.participant_id === a!.id ? 'Ann' : 'Bob'}:${r.type}:${r.codec}`).sort();
    expect(tracks).toEqual(['Ann:audio:opus', 'Ann:video:vp8', 'Bob:audio:opus', 'Bob:video:vp8']);

    for (const r of rows) {
      const probed = await probeMediaFile(server.running.services.storage.pathForRead(r.storage_key!));
      expect(probed?.streams).toEqual([expect.objectContaining({ kind: r.type, codec: r.codec })]);
      if (r.type === 'video') expect(probed!.streams[0]).toMatchObject({ width: 320, height: 240 });
      // The file holds the whole time the two were together, to within a second, and no more
      // than the whole test.
      expect(probed!.durationSecs, `${r.type}: ${probed!.durationSecs} s of media; together ${together} s`).toBeGreaterThan(together - 1);
      expect(probed!.durationSecs).toBeLessThan(span + 1);
      expect(r.duration_secs).toBe(Math.max(1, Math.round(probed!.durationSecs)));
      // Its times fall within the participant's time in the room.
      const p = await db.selectFrom('participants').selectAll().where('id', '=', r.participant_id).executeTakeFirstOrThrow();
      expect(r.started_at.getTime()).toBeGreaterThanOrEqual(p.joined_at.getTime());
      expect(r.ended_at!.getTime()).toBeLessThanOrEqual(p.left_at!.getTime() + 1000);
      expect(r.size_bytes).toBeGreaterThan(0);
    }

    const events = await db.selectFrom('events').select('event_type').where('room_id', '=', room.id).where('event_type', 'like', 'video.room.recording.%').execute();
    const counts = events.reduce<Record<string, number>>((acc, e) => ({ ...acc, [e.event_type]: (acc[e.event_type] ?? 0) + 1 }), {});
    expect(counts).toEqual({ 'video.room.recording.started': 4, 'video.room.recording.completed': 4 });

    // That session composed into one video, as MP4 and as WebM: the size asked for, both voices
    // mixed into one audio track, and as long as the session's recorded time.
    const sessionSecs = (Math.max(...rows.map((r) => r.ended_at!.getTime())) - Math.min(...rows.map((r) => r.started_at.getTime()))) / 1000;
    for (const format of ['MP4', 'WEBM'] as const) {
      const created = await mutate(
        server,
        `mutation($input: CreateCompositionInput!) { createComposition(input: $input) { ${ERROR_FIELDS} ... on CreateCompositionPayload { composition { id } } } }`,
        { input: { sessionId: rows[0]!.session_id, format, resolution: '640x360' } },
      );
      expect(created.__typename, JSON.stringify(created)).toBe('CreateCompositionPayload');
      const done = await waitFor(
        `the ${format} composition`,
        async () => {
          const c = (await server.gql(`query($id: ID!) { composition(id: $id) { status progress durationSecs failureReason } }`, { id: created.composition.id })).data.composition;
          return c.status === 'COMPLETED' || c.status === 'FAILED' ? c : undefined;
        },
        90_000,
      );
      expect(done, done.failureReason ?? '').toMatchObject({ status: 'COMPLETED', progress: 1 });
      const row = await db.selectFrom('compositions').select('storage_key').where('id', '=', created.composition.id).executeTakeFirstOrThrow();
      const probed = await probeMediaFile(server.running.services.storage.pathForRead(row.storage_key!));
      expect(probed!.streams.filter((x) => x.kind === 'video')).toEqual([expect.objectContaining({ width: 640, height: 360 })]);
      expect(probed!.streams.filter((x) => x.kind === 'audio')).toHaveLength(1);
      expect(Math.abs(probed!.durationSecs - sessionSecs), `${format}: ${probed!.durationSecs} s, session ${sessionSecs} s`).toBeLessThan(1);
    }
  });
});
