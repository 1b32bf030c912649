import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoom, DIALECTS, ERROR_FIELDS, mutate, startTestServer, type TestServer } from '../helpers/server.js';

// The recording API over rows and files made here (the browser test records for real): delete,
// bulk delete, downloads, and recordings left PROCESSING by a crash.

function makeVp8File(file: string, seconds: number): void {
  execFileSync('ffmpeg', [
    '-nostdin',
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=320x240:rate=15:duration=${seconds}`,
    '-c:v',
    'libvpx',
    '-deadline',
    'realtime',
    '-b:v',
    '200k',
    '-f',
    'webm',
    '-y',
    file,
  ]);
}

// Encoded once for the whole file: each recording gets a copy.
const fixtures = mkdtempSync(path.join(tmpdir(), 'vr-rec-fixtures-'));
const sample: Record<number, string> = {};
function sampleFile(seconds: number): string {
  if (!sample[seconds]) makeVp8File((sample[seconds] = path.join(fixtures, `${seconds}s.webm`)), seconds);
  return sample[seconds]!;
}

afterAll(() => rmSync(fixtures, { recursive: true, force: true }));

describe.each(DIALECTS)('the recording API on %s', (dialect) => {
  let server: TestServer;
  let roomId: string;
  let sessionId: string;
  let participantId: string;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    roomId = (await createRoom(server, { enableRecording: true })).id;
    sessionId = uuidv7();
    participantId = uuidv7();
    const db = server.running.services.db;
    const at = new Date();
    await db.insertInto('room_sessions').values({ id: sessionId, room_id: roomId, active: false, created_at: at, updated_at: at, ended_at: at, ended_reason: 'empty' }).execute();
    await db.insertInto('participants').values({ id: participantId, session_id: sessionId, room_id: roomId, context: null, joined_at: at, left_at: at, left_reason: 'left', updated_at: at }).execute();
  });
  afterAll(() => server?.stop());

  /** A recording row with a real file, as the recorder leaves one. */
  const recording = async (status: 'completed' | 'processing', opts: { file?: boolean; seconds?: number; type?: 'audio' | 'video' } = {}) => {
    const id = uuidv7();
    const key = `recordings/${roomId}/${sessionId}/${id}.webm`;
    if (opts.file !== false) copyFileSync(sampleFile(opts.seconds ?? 2), server.running.services.storage.pathForWrite(key));
    const at = new Date();
    await server.running.services.db
      .insertInto('recordings')
      .values({
        id,
        room_id: roomId,
        session_id: sessionId,
        participant_id: participantId,
        type: opts.type ?? 'video',
        stream_key: 'self',
        status,
        codec: 'vp8',
        duration_secs: status === 'completed' ? 2 : null,
        size_bytes: null,
        storage_key: key,
        started_at: at,
        created_at: at,
        updated_at: at,
        ended_at: status === 'completed' ? at : null,
      })
      .execute();
    return { id, file: server.running.services.storage.pathForRead(key) };
  };

  const DELETE = `mutation($id: ID!) { deleteRecording(id: $id) { ${ERROR_FIELDS} ... on DeleteRecordingPayload { recording { id status } } } }`;
  const BULK = `mutation($f: RecordingFilter!, $all: Boolean) { deleteRecordings(filter: $f, all: $all) { ${ERROR_FIELDS} ... on DeleteRecordingsPayload { count } } }`;

  it('deletes a finished recording with its file, and refuses one in progress', async () => {
    const done = await recording('completed');
    const live = await recording('processing');
    expect(await mutate(server, DELETE, { id: done.id })).toMatchObject({ __typename: 'DeleteRecordingPayload', recording: { id: done.id } });
    expect(existsSync(done.file)).toBe(false);
    expect((await server.gql(`query($id: ID!) { recording(id: $id) { id } }`, { id: done.id })).data.recording).toBeNull();
    expect(await mutate(server, DELETE, { id: live.id })).toMatchObject({ __typename: 'ConflictError', field: 'id' });
    expect(existsSync(live.file)).toBe(true);
    expect(await mutate(server, DELETE, { id: done.id })).toMatchObject({ __typename: 'NotFoundError' });
    expect(await mutate(server, DELETE, { id: 'x' })).toMatchObject({ __typename: 'ValidationError', field: 'id' });
    await server.running.services.db.deleteFrom('recordings').where('id', '=', live.id).execute();
  });

  it('bulk-deletes what the filter matches, and nothing for an empty filter without all', async () => {
    const made = [await recording('completed'), await recording('completed'), await recording('completed')];
    const before = (await server.gql('{ recordings { totalCount } }')).data.recordings.totalCount;
    expect(await mutate(server, BULK, { f: {} })).toMatchObject({ __typename: 'ValidationError', field: 'filter' });
    expect((await server.gql('{ recordings { totalCount } }')).data.recordings.totalCount).toBe(before);
    expect(await mutate(server, BULK, { f: { participantId: uuidv7() } })).toMatchObject({ count: 0 });
    expect(await mutate(server, BULK, { f: { participantId, durationSecs: 3 } })).toMatchObject({ count: 0 });
    expect(await mutate(server, BULK, { f: { participantId, type: 'VIDEO' } })).toMatchObject({ count: 3 });
    expect(made.every((m) => !existsSync(m.file))).toBe(true);
    await recording('completed');
    expect(await mutate(server, BULK, { f: {}, all: true })).toMatchObject({ count: 1 });
  });

  it('bulk-deletes past recordings still in progress, more than one page of them', async () => {
    const other = uuidv7();
    const db = server.running.services.db;
    const at = new Date();
    await db.insertInto('participants').values({ id: other, session_id: sessionId, room_id: roomId, context: null, joined_at: at, left_at: at, left_reason: 'left', updated_at: at }).execute();
    const rows = (status: 'completed' | 'processing', n: number) =>
      Array.from({ length: n }, () => ({
        id: uuidv7(),
        room_id: roomId,
        session_id: sessionId,
        participant_id: other,
        type: 'audio' as const,
        status,
        started_at: at,
        created_at: at,
        updated_at: at,
      }));
    // The newest rows are in progress: the first page of the deletion holds them.
    await db.insertInto('recordings').values(rows('completed', 260)).execute();
    await db.insertInto('recordings').values(rows('processing', 5)).execute();
    expect(await mutate(server, BULK, { f: { participantId: other } })).toMatchObject({ count: 260 });
    const left = await db.selectFrom('recordings').select('status').where('participant_id', '=', other).execute();
    expect(left.map((r) => r.status)).toEqual(Array(5).fill('processing'));
    await db.deleteFrom('recordings').where('participant_id', '=', other).execute();
  });

  it('serves the file with an API key or a signed link, and to nobody else', async () => {
    const { id, file } = await recording('completed');
    const path = `/downloads/recordings/${id}`;
    const withKey = await fetch(server.url + path, { headers: { authorization: `Bearer ${server.apiKey}` } });
    expect(withKey.status).toBe(200);
    expect(withKey.headers.get('content-type')).toBe('video/webm');
    const bytes = Buffer.from(await withKey.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(1000);
    expect(bytes.subarray(0, 4).toString('hex')).toBe('1a45dfa3');

    expect((await fetch(server.url + path)).status).toBe(401);
    expect((await fetch(server.url + path, { headers: { authorization: 'Bearer vr_wrong' } })).status).toBe(401);
    const url = (await server.gql(`query($id: ID!) { recording(id: $id) { downloadUrl } }`, { id })).data.recording.downloadUrl as string;
    expect(url.startsWith(server.url + path + '?')).toBe(true);
    const signed = await fetch(url);
    expect(signed.status).toBe(200);
    expect(Buffer.from(await signed.arrayBuffer()).equals(bytes)).toBe(true);
    expect((await fetch(url.replace(/signature=./, 'signature=A'))).status).toBe(403);
    const old = server.running.services.downloads.signedUrl('recordings', id, Date.now() - 7200_000);
    const expired = await fetch(old);
    expect(expired.status).toBe(403);
    expect(await expired.json()).toMatchObject({ error: 'link_expired' });
    const other = await recording('processing');
    expect((await fetch(server.url + `/downloads/recordings/${other.id}`, { headers: { authorization: `Bearer ${server.apiKey}` } })).status).toBe(409);
    expect(file).toBeTruthy();
  });

  it('tells when a download link expires, and serves parts of the file for players that seek', async () => {
    const { id } = await recording('completed');
    const asked = Date.now();
    const r = (await server.gql(`query($id: ID!) { recording(id: $id) { downloadUrl downloadUrlExpiresAt } }`, { id })).data.recording;
    const answered = Date.now();
    // The expiry is the one the link carries, an hour (DOWNLOAD_URL_TTL_SECS) from the second the
    // server made it, which lies between the question and the answer.
    const expires = Number(new URL(r.downloadUrl).searchParams.get('expires'));
    expect(new Date(r.downloadUrlExpiresAt).getTime()).toBe(expires * 1000);
    expect(expires).toBeGreaterThanOrEqual(Math.floor(asked / 1000) + 3600);
    expect(expires).toBeLessThanOrEqual(Math.floor(answered / 1000) + 3600);
    const processing = await recording('processing');
    expect((await server.gql(`query($id: ID!) { recording(id: $id) { downloadUrl downloadUrlExpiresAt } }`, { id: processing.id })).data.recording).toEqual({
      downloadUrl: null,
      downloadUrlExpiresAt: null,
    });
    await server.running.services.db.deleteFrom('recordings').where('id', '=', processing.id).execute();

    const whole = Buffer.from(await (await fetch(r.downloadUrl)).arrayBuffer());
    const part = await fetch(r.downloadUrl, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${whole.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(whole.subarray(100, 200))).toBe(true);
    const tail = await fetch(r.downloadUrl, { headers: { range: 'bytes=-50' } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(whole.subarray(whole.length - 50))).toBe(true);
    const rest = await fetch(r.downloadUrl, { headers: { range: `bytes=${whole.length - 10}-` } });
    expect(Buffer.from(await rest.arrayBuffer()).equals(whole.subarray(whole.length - 10))).toBe(true);
    const beyond = await fetch(r.downloadUrl, { headers: { range: `bytes=${whole.length}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${whole.length}`);
    // Several ranges are not served apart: the whole file answers.
    expect((await fetch(r.downloadUrl, { headers: { range: 'bytes=0-1,5-6' } })).status).toBe(200);
  });

  it('serves an audio recording as audio', async () => {
    const { id } = await recording('completed', { type: 'audio' });
    const res = await fetch(server.url + `/downloads/recordings/${id}`, { headers: { authorization: `Bearer ${server.apiKey}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/webm');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
  });

  it('finalizes recordings a stopped server left in progress: completed if the file plays, failed if not', async () => {
    const playable = await recording('processing', { seconds: 3 });
    const empty = await recording('processing', { file: false });
    await server.restart();
    const q = `query($id: ID!) { recording(id: $id) { status durationSecs sizeMb codec failureReason interruption endedAt } }`;
    const ok = (await server.gql(q, { id: playable.id })).data.recording;
    expect(ok).toMatchObject({ status: 'COMPLETED', durationSecs: 3, codec: 'vp8', interruption: expect.stringMatching(/server stopped while recording/) });
    expect(ok.sizeMb).toBeGreaterThan(0);
    const bad = (await server.gql(q, { id: empty.id })).data.recording;
    expect(bad).toMatchObject({ status: 'FAILED' });
    expect(bad.failureReason).toMatch(/server stopped while recording|no media/);
  });
});
