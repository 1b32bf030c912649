// The media worker under a room is killed while the room records: the recording keeps the file it
// wrote up to the kill, playable, and its row says that a fault cut it short; once the publisher
// is back on the rebuilt worker, recording goes on in a new file.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Vp8Source } from '../media/helpers/ffmpeg.js';
import { eventually, participant, type TestParticipant } from '../helpers/participant.js';
import { publishTestVideo } from '../helpers/plain-media.js';
import { createRoom, generateToken, startTestServer, type TestServer } from '../helpers/server.js';

const run = promisify(execFile);

const RECORDINGS = `query($r: ID!) { recordings(filter: { roomId: $r }) { edges { node {
  id status durationSecs failureReason interruption downloadUrl startedAt endedAt } } } }`;

/** Video frames ffmpeg decodes from the file: a playable file has them. */
async function decodedFrames(file: string): Promise<number> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', file]);
  return Number(stdout.trim());
}

describe('a media worker killed while its room records', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'vr-worker-killed-'));
  let server: TestServer;
  let roomId: string;
  let ann: TestParticipant;
  const sources: Vp8Source[] = [];

  beforeAll(async () => {
    server = await startTestServer('pglite');
    roomId = (await createRoom(server, { enableRecording: true })).id;
  });

  afterAll(async () => {
    await Promise.allSettled(sources.map((s) => s.stop()));
    await ann?.close();
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  const recordingsNow = async () => (await server.gql(RECORDINGS, { r: roomId })).data.recordings.edges.map((e: any) => e.node);

  it('keeps the file up to the kill, playable, says so on the row, and records again once the publisher is back', { timeout: 90_000 }, async () => {
    ann = participant(server.url, (await generateToken(server, roomId)).clientToken.token);
    const annId = (await ann.join('ann')).joined.participantId as string;
    const media = server.running.services.orchestrator.media;
    sources.push(await publishTestVideo(media, roomId, annId, ann, 44450001));
    const first = await eventually('a recording in progress', async () => (await recordingsNow()).find((r: any) => r.status === 'PROCESSING'), 15_000);

    // A few seconds of video, then the worker goes.
    await new Promise((r) => setTimeout(r, 4000));
    const killedAt = Date.now();
    process.kill(media.getRoom(roomId).workerPid!, 'SIGKILL');

    const done = await eventually('the cut recording finished', async () => (await recordingsNow()).find((r: any) => r.id === first.id && r.status !== 'PROCESSING'), 30_000);
    const finishedAfterMs = Date.now() - killedAt;
    expect(done).toMatchObject({ status: 'COMPLETED', failureReason: null, interruption: expect.stringMatching(/media worker under the room died/) });
    // It holds what came before the kill: about four seconds, not nothing and not more.
    expect(done.durationSecs).toBeGreaterThanOrEqual(2);
    expect(done.durationSecs).toBeLessThanOrEqual(6);
    expect(new Date(done.endedAt).getTime()).toBeLessThanOrEqual(killedAt + 2000);

    const file = path.join(scratch, 'cut.webm');
    const res = await fetch(done.downloadUrl);
    expect(res.status).toBe(200);
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    // The test source sends 15 frames per second: the file decodes to about as many seconds of
    // video as the row says it holds (the first second or so before the first key frame aside).
    const frames = await decodedFrames(file);
    expect(frames).toBeGreaterThan(30);
    expect(Math.abs(frames / 15 - done.durationSecs)).toBeLessThanOrEqual(1.5);

    // The participant is still in the room; its client publishes again on the rebuilt worker
    // (as the SDK does on MediaReconnectRequired), and a new recording starts.
    sources.push(await publishTestVideo(media, roomId, annId, ann, 44450002));
    const second = await eventually('a new recording in progress', async () => (await recordingsNow()).find((r: any) => r.id !== first.id && r.status === 'PROCESSING'), 15_000);
    expect(second.interruption).toBeNull();
    console.log(`worker killed while recording: the cut recording was finished ${finishedAfterMs} ms after the kill (${done.durationSecs} s kept)`);
  });
});
