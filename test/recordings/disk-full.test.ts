// The disk for recordings fills up mid-call (a 256 kB tmpfs under the server's media folder):
// the recording fails saying why, the call goes on, and nothing else of the server is touched.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Vp8Source } from '../media/helpers/ffmpeg.js';
import { waitUntil, type RtpSink } from '../media/helpers/rtp.js';
import { eventually, participant, type TestParticipant } from '../helpers/participant.js';
import { publishTestVideo, receiveTestVideo } from '../helpers/plain-media.js';
import { createRoom, generateToken, startTestServer, type TestServer } from '../helpers/server.js';

const RECORDINGS = `query($r: ID!) { recordings(filter: { roomId: $r }) { edges { node { id status failureReason } } } }`;

describe('recordings on a full disk', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vr-disk-full-'));
  const small = path.join(dataDir, 'media', 'recordings');
  let server: TestServer;
  let roomId: string;
  const people: TestParticipant[] = [];
  let source: Vp8Source | undefined;
  let sink: RtpSink | undefined;

  beforeAll(async () => {
    mkdirSync(small, { recursive: true });
    // Needs the right to mount (root in the project's sandbox and CI).
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', small]);
    server = await startTestServer('pglite', { DATA_DIR: dataDir });
    roomId = (await createRoom(server, { enableRecording: true })).id;
  });

  afterAll(async () => {
    await source?.stop();
    sink?.close();
    await Promise.allSettled(people.map((p) => p.close()));
    await server?.stop();
    execFileSync('umount', [small]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const join = async (context: string) => {
    const p = participant(server.url, (await generateToken(server, roomId)).clientToken.token);
    people.push(p);
    const joined = await p.join(context);
    return { p, id: joined.joined.participantId as string };
  };

  it('fails the recording with the reason, while the call and the rest of the server go on', { timeout: 60_000 }, async () => {
    const ann = await join('ann');
    const bob = await join('bob');
    const media = server.running.services.orchestrator.media;
    source = await publishTestVideo(media, roomId, ann.id, ann.p, 44440001);
    sink = await receiveTestVideo(media, roomId, bob.id, bob.p, ann.id);

    // 300 kbit/s fills 256 kB in about seven seconds.
    const failed = await eventually(
      'the recording failed',
      async () => (await server.gql(RECORDINGS, { r: roomId })).data.recordings.edges.map((e: any) => e.node).find((r: any) => r.status === 'FAILED'),
      30_000,
    );
    expect(failed.failureReason).toMatch(/disk for recordings is full \(ENOSPC\)/);

    // The call goes on: Bob still receives Ann's video, both are still in the room.
    const before = sink.rtpPackets;
    await waitUntil(() => sink!.rtpPackets > before + 30, 5000, 'video after the disk filled');
    const state = (await server.gql(`query($r: ID!) { roomState(roomId: $r) { participants { id } } }`, { r: roomId })).data.roomState;
    expect(state.participants.map((p: any) => p.id).sort()).toEqual([ann.id, bob.id].sort());

    // The rest of the server writes as before (its database is not on that disk).
    const other = await createRoom(server, { uniqueName: `after-the-disk-filled-${Date.now()}` });
    expect((await server.gql(`query($id: ID!) { room(id: $id) { id } }`, { id: other.id })).data.room.id).toBe(other.id);
  });
});
