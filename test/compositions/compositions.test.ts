import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from 'graphql-ws';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/participant.js';
import { createRoom, DIALECTS, mutate, startTestServer, type TestServer } from '../helpers/server.js';
import { WebhookReceiver } from '../helpers/webhook-receiver.js';
import { wsClient } from '../helpers/ws.js';
import { claimCompositions } from '../../db/compositions.js';
import { colorName, frameAt, meanColor, probe, seedSession, type SeedParticipant } from './synthetic.js';
import { colourSession, CREATE, DELETE, ffmpegChildren, fixtures, GET, makeFixtures, maxVolumeDb, movingSession, removeFixtures, watch } from './composition-fixtures.js';

// Compositions through the real server, with real ffmpeg, on recordings made here (see
// synthetic.ts): what comes out (size, duration, audio, where each participant is and when),
// the subscription, the webhooks, validation, cancelling, and jobs surviving a restart.

beforeAll(makeFixtures, 60_000);
afterAll(removeFixtures);

describe.each(DIALECTS)('compositions on %s', (dialect) => {
  const pgliteOnly = it;
  let server: TestServer;
  let client: Client;
  let roomHooks: WebhookReceiver;
  let ownHooks: WebhookReceiver;
  let roomId: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    client = wsClient(server.url, server.apiKey);
    roomHooks = await new WebhookReceiver().start();
    ownHooks = await new WebhookReceiver().start();
    roomId = (await createRoom(server, { enableRecording: true, webhookEventUrl: roomHooks.url })).id;
  });
  afterAll(async () => {
    await client?.dispose();
    await Promise.all([roomHooks?.stop(), ownHooks?.stop()]);
    await server?.stop();
  });

  const seed = (participants: readonly SeedParticipant[]) => seedSession(server.running.services.db, server.running.services.storage, roomId, participants);
  const create = (input: Record<string, unknown>) => mutate(server, CREATE, { input });
  const get = async (id: string) => (await server.gql(GET, { id })).data.composition;
  const compositionFiles = () => {
    try {
      return readdirSync(path.join(server.dataDir, 'media', 'compositions'));
    } catch {
      return [];
    }
  };
  const finished = (id: string, timeoutMs = 60_000) =>
    eventually(
      'the composition to finish',
      async () => {
        const c = await get(id);
        return c.status === 'COMPLETED' || c.status === 'FAILED' ? c : undefined;
      },
      timeoutMs,
    );
  const download = async (url: string, ext: string) => {
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const file = path.join(fixtures, `${uuidv7()}.${ext}`);
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    return file;
  };

  it('renders MP4 at the resolution asked, with audio, as long as the session, reporting progress to 1 and to its own webhook', async () => {
    const session = await seed(movingSession);
    const created = await create({ sessionId: session.sessionId, resolution: '640x360', webhookEventUrl: ownHooks.url, webhookTimeoutSecs: 5 });
    expect(created.__typename).toBe('CreateCompositionPayload');
    const c = created.composition;
    expect(c).toMatchObject({ status: 'ENQUEUED', progress: 0, format: 'MP4', resolution: '640x360', durationSecs: null, downloadUrl: null, webhookEventUrl: ownHooks.url, webhookTimeoutSecs: 5 });
    expect(c.videoLayout).toEqual([{ name: 'main', xPos: 0, yPos: 0, zPos: 0, width: 640, height: 360, maxColumns: null, maxRows: null, videoSources: ['*'] }]);
    const w = watch(client, c.id);
    await w.completed;
    expect(w.errors).toEqual([]);

    const statuses = w.items.map((i) => i.status);
    expect(statuses.at(-1)).toBe('COMPLETED');
    const progress = w.items.map((i) => i.progress);
    expect(progress.at(-1)).toBe(1);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!).toBeGreaterThanOrEqual(progress[i - 1]!);
    expect(
      progress.some((p) => p > 0 && p < 1),
      `progress seen: ${progress.join(', ')}`,
    ).toBe(true);
    expect(statuses.slice(0, -1).every((s) => s === 'ENQUEUED' || s === 'PROCESSING')).toBe(true);

    const done = await get(c.id);
    expect(done).toMatchObject({ status: 'COMPLETED', progress: 1, failureReason: null });
    expect(Math.abs(done.durationSecs - 18)).toBeLessThanOrEqual(1);
    const file = await download(done.downloadUrl, 'mp4');
    const info = await probe(file);
    expect(Math.abs(info.duration - 18)).toBeLessThanOrEqual(1);
    expect(info.streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: 640, height: 360 });
    expect(info.streams.find((s) => s.codec_type === 'audio')).toMatchObject({ codec_name: 'aac' });
    expect(await maxVolumeDb(file)).toBeGreaterThan(-30);
    expect(done.sizeMb).toBeCloseTo((await import('node:fs')).statSync(file).size / 1e6, 6);

    const hook = await eventually('the completed webhook', () => ownHooks.received.find((h) => h.json.data.payload.composition_id === c.id));
    expect(hook.json.data.event_type).toBe('video.room.composition.completed');
    expect(hook.json.data.payload).toEqual({
      composition_id: c.id,
      room_id: roomId,
      session_id: session.sessionId,
      download_url: expect.stringContaining(`/downloads/compositions/${c.id}?`),
      duration_secs: done.durationSecs,
      format: 'mp4',
      resolution: '640x360',
      size_mb: done.sizeMb,
    });
    // Its own URL takes its events: the room's does not get this one.
    expect(roomHooks.received.some((h) => h.json.data.payload.composition_id === c.id)).toBe(false);
  });

  pgliteOnly('renders WebM as one grid of every video, each participant black until it starts, with an event to the room’s webhook', async () => {
    const session = await seed(colourSession);
    const c = (await create({ sessionId: session.sessionId, format: 'WEBM', resolution: '320x180' })).composition;
    expect(c.format).toBe('WEBM');
    const done = await finished(c.id);
    expect(done.status).toBe('COMPLETED');
    expect(Math.abs(done.durationSecs - 8)).toBeLessThanOrEqual(1);
    const file = await download(done.downloadUrl, 'webm');
    const info = await probe(file);
    expect(Math.abs(info.duration - 8)).toBeLessThanOrEqual(1);
    expect(info.streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'vp9', width: 320, height: 180 });
    expect(info.streams.find((s) => s.codec_type === 'audio')).toMatchObject({ codec_name: 'opus' });
    expect(await maxVolumeDb(file)).toBeGreaterThan(-30);

    // Two tiles of 160x180, in the order the recordings started: red, then blue (from 3 s).
    const left = { x: 40, y: 45, width: 80, height: 90 };
    const right = { x: 200, y: 45, width: 80, height: 90 };
    const early = await frameAt(file, 1.5, 320, 180);
    expect(colorName(meanColor(early, 320, left))).toBe('red');
    expect(colorName(meanColor(early, 320, right))).toBe('black');
    const both = await frameAt(file, 5, 320, 180);
    expect(colorName(meanColor(both, 320, left))).toBe('red');
    expect(colorName(meanColor(both, 320, right))).toBe('blue');

    const hook = await eventually('the completed webhook on the room URL', () => roomHooks.received.find((h) => h.json.data.payload.composition_id === c.id));
    expect(hook.json.data.event_type).toBe('video.room.composition.completed');
    expect(hook.json.data.payload).toMatchObject({ format: 'webm', resolution: '320x180', duration_secs: done.durationSecs });
  });

  pgliteOnly('places each participant in its region, stacked by zPos, at its real time', async () => {
    const session = await seed(colourSession);
    const [red, blue] = session.participants.map((p) => p.videoId!);
    const layout = [
      // Listed first but drawn last: a picture-in-picture of blue over the red region.
      { name: 'pip', xPos: 16, yPos: 100, width: 96, height: 96, zPos: 5, videoSources: [blue] },
      { name: 'left', xPos: 0, yPos: 0, width: 320, height: 360, videoSources: [red] },
      { name: 'right', xPos: 320, yPos: 0, width: 320, height: 360, zPos: -1, videoSources: [blue] },
    ];
    const created = await create({ sessionId: session.sessionId, resolution: '640x360', videoLayout: layout });
    expect(created.__typename).toBe('CreateCompositionPayload');
    expect(created.composition.videoLayout.map((r: any) => [r.name, r.zPos, r.maxColumns])).toEqual([
      ['pip', 5, null],
      ['left', 0, null],
      ['right', -1, null],
    ]);
    const done = await finished(created.composition.id);
    expect(done.status).toBe('COMPLETED');
    const file = server.running.services.storage.pathForRead(`compositions/${done.id}.mp4`);

    const leftArea = { x: 140, y: 140, width: 100, height: 80 };
    const rightArea = { x: 420, y: 100, width: 120, height: 160 };
    const pipArea = { x: 40, y: 120, width: 40, height: 60 };
    const before = await frameAt(file, 1.5, 640, 360);
    expect(colorName(meanColor(before, 640, leftArea))).toBe('red');
    expect(colorName(meanColor(before, 640, rightArea))).toBe('black');
    // Before blue starts, its picture-in-picture shows what is below: red.
    expect(colorName(meanColor(before, 640, pipArea))).toBe('red');
    const after = await frameAt(file, 5, 640, 360);
    expect(colorName(meanColor(after, 640, leftArea))).toBe('red');
    expect(colorName(meanColor(after, 640, rightArea))).toBe('blue');
    expect(colorName(meanColor(after, 640, pipArea))).toBe('blue');
  });

  it('refuses every bad request with a typed error naming the field, creating nothing', async () => {
    const session = await seed(colourSession);
    const audioId = session.participants[0]!.audioId!;
    const videoId = session.participants[0]!.videoId!;
    const s = session.sessionId;
    const cases: [Record<string, unknown>, string, string][] = [
      [{ sessionId: 'nope' }, 'VALIDATION_FAILED', 'input.sessionId'],
      [{ sessionId: s, format: null }, 'VALIDATION_FAILED', 'input.format'],
      [{ sessionId: s, resolution: '1280' }, 'VALIDATION_FAILED', 'input.resolution'],
      [{ sessionId: s, resolution: '8x720' }, 'VALIDATION_FAILED', 'input.resolution'],
      [{ sessionId: s, resolution: '1922x720' }, 'VALIDATION_FAILED', 'input.resolution'],
      [{ sessionId: s, resolution: '1920x1200' }, 'VALIDATION_FAILED', 'input.resolution'],
      [{ sessionId: s, resolution: '641x360' }, 'VALIDATION_FAILED', 'input.resolution'],
      [{ sessionId: s, videoLayout: [] }, 'VALIDATION_FAILED', 'input.videoLayout'],
      [{ sessionId: s, videoLayout: [{ name: ' ' }] }, 'VALIDATION_FAILED', 'input.videoLayout[0].name'],
      [
        {
          sessionId: s,
          videoLayout: [
            { name: 'a', width: 100 },
            { name: 'a', xPos: 100, width: 100 },
          ],
        },
        'VALIDATION_FAILED',
        'input.videoLayout[1].name',
      ],
      [{ sessionId: s, videoLayout: [{ name: 'a', xPos: -1 }] }, 'VALIDATION_FAILED', 'input.videoLayout[0].xPos'],
      [{ sessionId: s, videoLayout: [{ name: 'a', yPos: 710 }] }, 'VALIDATION_FAILED', 'input.videoLayout[0].yPos'],
      [{ sessionId: s, videoLayout: [{ name: 'a', zPos: 100 }] }, 'VALIDATION_FAILED', 'input.videoLayout[0].zPos'],
      [{ sessionId: s, videoLayout: [{ name: 'a', zPos: -100 }] }, 'VALIDATION_FAILED', 'input.videoLayout[0].zPos'],
      [{ sessionId: s, videoLayout: [{ name: 'a' }, { name: 'b', width: 15 }] }, 'VALIDATION_FAILED', 'input.videoLayout[1].width'],
      [{ sessionId: s, videoLayout: [{ name: 'a', height: 8 }] }, 'VALIDATION_FAILED', 'input.videoLayout[0].height'],
      [{ sessionId: s, videoLayout: [{ name: 'a', xPos: 1200, width: 100 }] }, 'VALIDATION_FAILED', 'input.videoLayout[0].width'],
      [{ sessionId: s, videoLayout: [{ name: 'a', maxColumns: 0 }] }, 'VALIDATION_FAILED', 'input.videoLayout[0].maxColumns'],
      [{ sessionId: s, videoLayout: [{ name: 'a', maxRows: 1001 }] }, 'VALIDATION_FAILED', 'input.videoLayout[0].maxRows'],
      [{ sessionId: s, videoLayout: [{ name: 'a', videoSources: [] }] }, 'VALIDATION_FAILED', 'input.videoLayout[0].videoSources'],
      [{ sessionId: s, videoLayout: [{ name: 'a', videoSources: ['bogus'] }] }, 'VALIDATION_FAILED', 'input.videoLayout[0].videoSources[0]'],
      [{ sessionId: s, videoLayout: [{ name: 'a', videoSources: [videoId, '*'] }] }, 'VALIDATION_FAILED', 'input.videoLayout[0].videoSources[1]'],
      [{ sessionId: s, videoLayout: [{ name: 'a', videoSources: [videoId, videoId] }] }, 'VALIDATION_FAILED', 'input.videoLayout[0].videoSources[1]'],
      [{ sessionId: s, videoLayout: [{ name: 'a', videoSources: [videoId, audioId] }] }, 'VALIDATION_FAILED', 'input.videoLayout[0].videoSources[1]'],
      [{ sessionId: s, videoLayout: [{ name: 'a', videoSources: [uuidv7()] }] }, 'VALIDATION_FAILED', 'input.videoLayout[0].videoSources[0]'],
      [{ sessionId: s, webhookEventUrl: 'ftp://example.test/x' }, 'VALIDATION_FAILED', 'input.webhookEventUrl'],
      [{ sessionId: s, webhookEventFailoverUrl: 'not a url' }, 'VALIDATION_FAILED', 'input.webhookEventFailoverUrl'],
      [{ sessionId: s, webhookTimeoutSecs: 31 }, 'VALIDATION_FAILED', 'input.webhookTimeoutSecs'],
      [{ sessionId: s, webhookTimeoutSecs: -1 }, 'VALIDATION_FAILED', 'input.webhookTimeoutSecs'],
      [{ sessionId: uuidv7() }, 'NOT_FOUND', 'input.sessionId'],
    ];
    for (const [input, code, field] of cases) {
      const result = await create(input);
      expect(result.__typename, JSON.stringify(input)).not.toBe('CreateCompositionPayload');
      expect({ code: result.code, field: result.field }, JSON.stringify(input)).toEqual({ code, field });
      if (code === 'VALIDATION_FAILED') expect(result.fieldErrors.map((e: any) => e.field)).toContain(field);
    }
    // Every problem at once.
    const many = await create({ sessionId: s, resolution: '10x10', webhookTimeoutSecs: 99, videoLayout: [{ name: 'a', zPos: 500 }] });
    expect([...new Set(many.fieldErrors.map((e: any) => e.field))].sort()).toEqual(['input.resolution', 'input.videoLayout[0].zPos', 'input.webhookTimeoutSecs']);

    // Sessions that cannot be composed yet, or at all.
    const db = server.running.services.db;
    const active = await seed(colourSession);
    await db.updateTable('room_sessions').set({ active: true, ended_at: null }).where('id', '=', active.sessionId).execute();
    const finalizing = await seed(colourSession);
    await db.updateTable('recordings').set({ status: 'processing' }).where('id', '=', finalizing.participants[1]!.videoId!).execute();
    const emptyId = uuidv7();
    const at = new Date();
    await db.insertInto('room_sessions').values({ id: emptyId, room_id: roomId, active: false, created_at: at, updated_at: at, ended_at: at, ended_reason: 'empty' }).execute();
    for (const id of [active.sessionId, finalizing.sessionId, emptyId]) {
      const result = await create({ sessionId: id });
      expect({ code: result.code, field: result.field }, id).toEqual({ code: 'CONFLICT', field: 'input.sessionId' });
    }
    for (const id of [s, active.sessionId, finalizing.sessionId, emptyId]) {
      const list = await server.gql(`query($s: ID) { compositions(filter: {sessionId: $s}) { totalCount } }`, { s: id });
      expect(list.data.compositions.totalCount).toBe(0);
    }
    // The subscription: an unknown composition is an error.
    const w = watch(client, uuidv7());
    await w.completed;
    expect(JSON.stringify(w.errors)).toContain('NOT_FOUND');
  });

  pgliteOnly('fails with the reason when a recording cannot be read, and sends the failed event', async () => {
    const session = await seed(colourSession);
    const db = server.running.services.db;
    const rec = await db.selectFrom('recordings').select('storage_key').where('id', '=', session.participants[1]!.videoId!).executeTakeFirstOrThrow();
    writeFileSync(server.running.services.storage.pathForWrite(rec.storage_key!), 'this is not a video');
    const c = (await create({ sessionId: session.sessionId, resolution: '320x180', webhookEventUrl: ownHooks.url })).composition;
    const w = watch(client, c.id);
    await w.completed;
    expect(w.items.at(-1)!.status).toBe('FAILED');
    const done = await get(c.id);
    expect(done).toMatchObject({ status: 'FAILED', downloadUrl: null });
    expect(done.failureReason).toMatch(/ffmpeg/);
    expect(compositionFiles()).not.toContain(`${c.id}.part.mp4`);
    const hook = await eventually('the failed webhook', () => ownHooks.received.find((h) => h.json.data.payload.composition_id === c.id));
    expect(hook.json.data.event_type).toBe('video.room.composition.failed');
    expect(hook.json.data.payload).toMatchObject({ room_id: roomId, session_id: session.sessionId, failure_reason: done.failureReason });
  });

  pgliteOnly('renders one composition at a time by default (COMPOSITIONS_MAX_CONCURRENT=1)', async () => {
    const session = await seed(colourSession);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await create({ sessionId: session.sessionId, resolution: '160x90' })).composition.id);
    let most = 0;
    await eventually(
      'all three to complete',
      async () => {
        const list = await server.gql(`query($s: ID) { compositions(filter: {sessionId: $s}) { edges { node { status } } } }`, { s: session.sessionId });
        const statuses: string[] = list.data.compositions.edges.map((e: any) => e.node.status);
        most = Math.max(most, statuses.filter((x) => x === 'PROCESSING').length);
        return statuses.length === 3 && statuses.every((x) => x === 'COMPLETED') ? true : undefined;
      },
      60_000,
    );
    expect(most).toBe(1);
  });

  pgliteOnly('deleteComposition stops a render in progress: ffmpeg killed, no file left, the subscription ends', async () => {
    const session = await seed(movingSession);
    const c = (await create({ sessionId: session.sessionId, resolution: '1280x720' })).composition;
    const w = watch(client, c.id);
    await eventually('rendering to be under way', async () => ((await get(c.id)).progress > 0 ? true : undefined), 30_000);
    expect(await ffmpegChildren()).toBe(1);
    expect(compositionFiles()).toContain(`${c.id}.part.mp4`);

    const deleted = await mutate(server, DELETE, { id: c.id });
    expect(deleted.__typename).toBe('DeleteCompositionPayload');
    expect(deleted.composition).toMatchObject({ id: c.id, status: 'PROCESSING', downloadUrl: null });
    expect(await ffmpegChildren()).toBe(0);
    expect(compositionFiles().filter((f) => f.startsWith(c.id))).toEqual([]);
    expect(await get(c.id)).toBeNull();
    await w.completed;
    expect(w.items.at(-1)!.status).toBe('PROCESSING');

    // A finished one: its file goes too.
    const small = (await create({ sessionId: (await seed(colourSession)).sessionId, resolution: '160x90' })).composition;
    expect((await finished(small.id)).status).toBe('COMPLETED');
    expect(compositionFiles()).toContain(`${small.id}.mp4`);
    expect((await mutate(server, DELETE, { id: small.id })).__typename).toBe('DeleteCompositionPayload');
    expect(compositionFiles().filter((f) => f.startsWith(small.id))).toEqual([]);
    const again = await mutate(server, DELETE, { id: small.id });
    expect({ code: again.code, field: again.field }).toEqual({ code: 'NOT_FOUND', field: 'id' });
    const bad = await mutate(server, DELETE, { id: 'nope' });
    expect({ code: bad.code, field: bad.field }).toEqual({ code: 'VALIDATION_FAILED', field: 'id' });
  });

  it('picks up a composition interrupted by a restart and completes it', async () => {
    const session = await seed(movingSession);
    const c = (await create({ sessionId: session.sessionId, resolution: '640x360' })).composition;
    await eventually('rendering to be under way', async () => ((await get(c.id)).progress > 0 ? true : undefined), 30_000);
    const restartedAt = Date.now();
    await server.restart();
    expect(await ffmpegChildren()).toBeLessThanOrEqual(1);
    const done = await finished(c.id);
    expect(done.status).toBe('COMPLETED');
    expect(new Date(done.startedAt).getTime()).toBeGreaterThanOrEqual(restartedAt);
    expect(Math.abs(done.durationSecs - 18)).toBeLessThanOrEqual(1);
    const info = await probe(server.running.services.storage.pathForRead(`compositions/${c.id}.mp4`));
    expect(Math.abs(info.duration - 18)).toBeLessThanOrEqual(1);
    expect(compositionFiles().filter((f) => f.includes('.part.'))).toEqual([]);
    // The attempt stopped by the restart does not count against it.
    const row = await sql<{ attempts: number }>`select attempts from compositions where id = ${c.id}`.execute(server.running.services.db);
    expect(row.rows[0]!.attempts).toBe(1);
  });

  pgliteOnly('takes over a job whose runner died once its lease lapses, and gives up after three interrupted attempts', async () => {
    const session = await seed(colourSession);
    const db = server.running.services.db;
    const now = Date.now();
    // As a crashed process leaves them: PROCESSING under a lease of a runner that is gone; and
    // one whose lease still runs (another process is rendering it).
    const job = (lease_owner: string, leaseMs: number, attempts: number) => ({
      id: uuidv7(),
      room_id: roomId,
      session_id: session.sessionId,
      status: 'processing',
      progress: 0.4,
      format: 'mp4',
      resolution: '160x90',
      video_layout: JSON.stringify([{ name: 'main', xPos: 0, yPos: 0, zPos: 0, width: 160, height: 90, maxColumns: null, maxRows: null, videoSources: ['*'] }]),
      lease_owner,
      lease_expires_at: new Date(now + leaseMs),
      attempts,
      started_at: new Date(now - 90_000),
      created_at: new Date(now - 100_000),
      updated_at: new Date(now - 60_000),
    });
    const orphan = job('crashed', -60_000, 1);
    const hopeless = job('crashed', -60_000, 3);
    const elsewhere = job('elsewhere', 60_000, 1);
    await (db as any).insertInto('compositions').values([orphan, hopeless, elsewhere]).execute();
    server.running.services.compositions.runner.wake();
    const done = await finished(orphan.id);
    expect(done.status).toBe('COMPLETED');
    expect(new Date(done.startedAt).getTime()).toBeGreaterThanOrEqual(now);
    const gaveUp = await finished(hopeless.id);
    expect(gaveUp.status).toBe('FAILED');
    expect(gaveUp.failureReason).toMatch(/interrupted 3 times/);
    expect(await get(elsewhere.id)).toMatchObject({ status: 'PROCESSING', progress: 0.4 });
    await sql`delete from compositions where id = ${elsewhere.id}`.execute(db);
  });

  it('gives each job to one runner when runners claim at the same time (SKIP LOCKED)', async () => {
    const session = await seed(colourSession);
    const db = server.running.services.db;
    const now = new Date();
    const rows = Array.from({ length: 6 }, (_, i) => ({
      id: uuidv7(),
      room_id: roomId,
      session_id: session.sessionId,
      status: 'enqueued' as const,
      progress: 0,
      format: 'mp4' as const,
      resolution: '160x90',
      video_layout: '[]',
      created_at: new Date(now.getTime() - 10_000 + i),
      updated_at: now,
    }));
    await db.insertInto('compositions').values(rows).execute();
    const claims = await Promise.all(['runner-a', 'runner-b', 'runner-c'].map((owner) => claimCompositions(db, owner, 3, 60_000)));
    const ids = claims.flat().map((r) => r.id);
    expect(ids.sort()).toEqual(rows.map((r) => r.id).sort());
    for (const claim of claims) for (const r of claim) expect(r).toMatchObject({ status: 'processing', attempts: 1 });
    expect(claims.map((c) => c.length).reduce((a, b) => a + b)).toBe(6);
    await db
      .deleteFrom('compositions')
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
  });
});
