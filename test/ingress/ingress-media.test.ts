import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RtpSink } from '../media/helpers/rtp.js';
import { eventually, ROOM_EVENTS } from '../helpers/participant.js';
import { createRoom, mutate } from '../helpers/server.js';
import { closeAfterAll, useTestServer } from '../helpers/server-suite.js';
import { collect, wsClient } from '../helpers/ws.js';
import { createdIngress, deleteIngress, getIngress, H264_AAC, H264_BASELINE_AAC, makeMediaFile, receiveTrack, sendRtp, VP8_OPUS } from './helpers.js';
import { processAlive } from '../helpers/processes.js';

// Ingress with media flowing, end to end on the server: ffmpeg reads a file (or sends RTP) into
// mediasoup, a plain-RTP subscriber counts what the room forwards, and the ingress's participant
// joins, publishes, is recorded, muted, kicked and leaves like anyone else.

const dir = mkdtempSync(path.join(tmpdir(), 'vr-ingress-media-'));
const vp8File = path.join(dir, 'vp8-opus.webm');
const h264File = path.join(dir, 'h264-aac.mp4');
const baselineFile = path.join(dir, 'h264-baseline-aac.mp4');
beforeAll(() => {
  makeMediaFile(vp8File, { seconds: 4, ...VP8_OPUS });
  makeMediaFile(h264File, { seconds: 2, ...H264_AAC });
  makeMediaFile(baselineFile, { seconds: 2, ...H264_BASELINE_AAC });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const server = useTestServer('pglite');
const sinks = closeAfterAll<RtpSink>();
const clients = closeAfterAll<{ close(): unknown }>();
const senders: ChildProcess[] = [];
afterAll(() => senders.forEach((p) => p.kill('SIGKILL')));

const roomState = async (roomId: string) =>
  (await server.gql(`query($r: ID!) { roomState(roomId: $r) { sessionId participants { id context streams { key audio { censored } video { censored } } } } }`, { r: roomId })).data.roomState;
const eventTypes = async (roomId: string) =>
  (await server.running.services.db.selectFrom('events').select('event_type').where('room_id', '=', roomId).orderBy('seq').execute()).map((e) => e.event_type);
const statusIs = (id: string, status: string, timeoutMs = 15_000) =>
  eventually(
    `ingress ${id} ${status}`,
    async () => {
      const i = await getIngress(server, id);
      return i?.status === status ? i : undefined;
    },
    timeoutMs,
  );

async function packetsArrive(sink: RtpSink, what: string): Promise<void> {
  const before = sink.rtpPackets;
  await eventually(what, () => (sink.rtpPackets > before + 10 ? true : undefined), 10_000);
}

/** The ingress publishes, and a subscriber receives its video and its audio. */
async function bothTracksFlow(ingressId: string, roomId: string, participantId: string, from: string): Promise<void> {
  await statusIs(ingressId, 'PUBLISHING');
  for (const kind of ['video', 'audio'] as const) {
    const sink = await receiveTrack(server, roomId, participantId, kind);
    sinks.push(sink);
    await packetsArrive(sink, `${kind} from ${from}`);
  }
}

describe('a URL ingress', () => {
  it('publishes a file as a participant, is recorded, and ends with its input', async () => {
    const room = await createRoom(server, { enableRecording: true });
    const watcher = wsClient(server.url, server.apiKey, false);
    clients.push({ close: () => watcher.dispose() });
    const events = collect(watcher, ROOM_EVENTS, { roomId: room.id });
    await events.next(1);

    const ingress = await createdIngress(server, { roomId: room.id, kind: 'URL', url: vp8File, context: 'from a file' });
    expect(ingress).toMatchObject({ status: 'CONNECTING', kind: 'URL', loop: false, participant: { context: 'from a file' }, rtpInputs: [] });
    const participantId = ingress.participant.id as string;
    await bothTracksFlow(ingress.id, room.id, participantId, 'the file');
    expect((await roomState(room.id)).participants).toEqual([{ id: participantId, context: 'from a file', streams: [{ key: 'self', audio: { censored: false }, video: { censored: false } }] }]);

    const ended = await statusIs(ingress.id, 'ENDED', 20_000);
    expect(ended).toMatchObject({ endedReason: 'input_ended', failureReason: null, participant: { leftAt: expect.any(String), leftReason: 'left' } });
    const items = events.items.map((e) => e.roomEvents);
    const types = items.map((e) => e.__typename);
    expect(types).toEqual(expect.arrayContaining(['ParticipantJoined', 'StreamPublished', 'ParticipantLeft']));
    expect(items.find((e) => e.__typename === 'ParticipantJoined').participant).toEqual({ id: participantId, context: 'from a file' });
    expect(await eventTypes(room.id)).toEqual(
      expect.arrayContaining([
        'video.room.participant.joined',
        'video.room.ingress.created',
        'video.room.ingress.publishing',
        'video.room.recording.started',
        'video.room.ingress.ended',
        'video.room.participant.left',
      ]),
    );
    const recorded = await eventually(
      'both tracks recorded',
      async () => {
        const rows = await server.running.services.db.selectFrom('recordings').select(['type', 'status', 'codec']).where('participant_id', '=', participantId).orderBy('type').execute();
        return rows.length === 2 && rows.every((r) => r.status !== 'processing') ? rows : undefined;
      },
      30_000,
    );
    expect(recorded).toEqual([
      { type: 'audio', status: 'completed', codec: 'opus' },
      { type: 'video', status: 'completed', codec: 'vp8' },
    ]);
  });

  it('reads an HTTP URL', async () => {
    const http = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'video/webm' });
      createReadStream(vp8File).pipe(res);
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    clients.push({ close: () => http.close() });
    const room = await createRoom(server);
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/intro.webm`;
    const ingress = await createdIngress(server, { roomId: room.id, kind: 'URL', url });
    const video = await receiveTrack(server, room.id, (await statusIs(ingress.id, 'PUBLISHING')).participant.id, 'video');
    sinks.push(video);
    await packetsArrive(video, 'video read over HTTP');
    expect(await statusIs(ingress.id, 'ENDED', 20_000)).toMatchObject({ endedReason: 'input_ended' });
  });

  it('transcodes what does not fit (H264 High, AAC), loops, is muted at the SFU and can be kicked', async () => {
    const room = await createRoom(server);
    const ingress = await createdIngress(server, { roomId: room.id, kind: 'URL', url: h264File, loop: true });
    const participantId = ingress.participant.id as string;
    await statusIs(ingress.id, 'PUBLISHING');
    const pid = server.running.services.ingresses.ffmpegPid(ingress.id)!;
    expect(processAlive(pid)).toBe(true);
    const media = server.running.services.orchestrator.media.getRoom(room.id);
    expect(
      media
        .producers()
        .filter((p) => p.participantId === participantId)
        .map((p) => p.kind)
        .sort(),
    ).toEqual(['audio', 'video']);
    const video = await receiveTrack(server, room.id, participantId, 'video');
    sinks.push(video);
    await packetsArrive(video, 'transcoded video');
    // Re-encoded to VP8: no browser is sure to decode a High profile H264.
    expect((await media.getProducerStats({ participantId, streamKey: 'self', kind: 'video' }))[0]!.mimeType).toBe('video/VP8');
    // The file is 2 s long: still publishing well after, it loops.
    await new Promise((r) => setTimeout(r, 3000));
    await packetsArrive(video, 'video after the first loop');
    expect((await getIngress(server, ingress.id))!.status).toBe('PUBLISHING');

    const muted = await mutate(server, `mutation($s: ID!, $p: [ID!]) { muteParticipants(sessionId: $s, participants: {ids: $p}) { __typename } }`, { s: ingress.session.id, p: [participantId] });
    expect(muted.__typename).toBe('MuteParticipantsPayload');
    expect(media.producers().find((p) => p.participantId === participantId && p.kind === 'audio')!.paused).toBe(true);
    expect((await roomState(room.id)).participants[0].streams[0].audio).toEqual({ censored: true });

    const kicked = await mutate(server, `mutation($s: ID!, $p: [ID!]) { kickParticipants(sessionId: $s, participants: {ids: $p}) { __typename } }`, { s: ingress.session.id, p: [participantId] });
    expect(kicked.__typename).toBe('KickParticipantsPayload');
    expect(await statusIs(ingress.id, 'ENDED')).toMatchObject({ endedReason: 'kicked', participant: { leftReason: 'kicked' } });
    await eventually('ffmpeg gone after the kick', () => (processAlive(pid) ? undefined : true));
  });

  it('copies a Constrained Baseline H264 as it is, and loops it', async () => {
    const room = await createRoom(server);
    const ingress = await createdIngress(server, { roomId: room.id, kind: 'URL', url: baselineFile, loop: true });
    const participantId = ingress.participant.id as string;
    await statusIs(ingress.id, 'PUBLISHING');
    const media = server.running.services.orchestrator.media.getRoom(room.id);
    const video = await receiveTrack(server, room.id, participantId, 'video');
    sinks.push(video);
    await packetsArrive(video, 'H264 video');
    expect((await media.getProducerStats({ participantId, streamKey: 'self', kind: 'video' }))[0]!.mimeType).toBe('video/H264');
    await new Promise((r) => setTimeout(r, 3000));
    await packetsArrive(video, 'H264 video after the first loop');
    await deleteIngress(server, ingress.id);
  });

  it('stops its ffmpeg and its participant when deleted', async () => {
    const room = await createRoom(server);
    const ingress = await createdIngress(server, { roomId: room.id, kind: 'URL', url: vp8File, loop: true });
    await statusIs(ingress.id, 'PUBLISHING');
    const pid = server.running.services.ingresses.ffmpegPid(ingress.id)!;
    expect(processAlive(pid)).toBe(true);
    expect(await deleteIngress(server, ingress.id)).toMatchObject({ ingress: { status: 'ENDED', endedReason: 'deleted' } });
    expect(processAlive(pid)).toBe(false);
    expect((await roomState(room.id)).participants).toEqual([]);
    expect(await getIngress(server, ingress.id)).toBeNull();
  });

  it('ends with its room', async () => {
    const room = await createRoom(server);
    const ingress = await createdIngress(server, { roomId: room.id, kind: 'URL', url: vp8File, loop: true });
    await statusIs(ingress.id, 'PUBLISHING');
    const pid = server.running.services.ingresses.ffmpegPid(ingress.id)!;
    await mutate(server, `mutation($id: ID!) { deleteRoom(id: $id) { __typename } }`, { id: room.id });
    expect(await statusIs(ingress.id, 'ENDED')).toMatchObject({ endedReason: 'room_deleted' });
    await eventually('ffmpeg gone with the room', () => (processAlive(pid) ? undefined : true));
  });
});

describe('an RTP ingress', () => {
  it('answers where to send, and publishes what an RTP sender sends there', async () => {
    const room = await createRoom(server);
    const ingress = await createdIngress(server, { roomId: room.id, kind: 'RTP', context: 'camera' });
    const participantId = ingress.participant.id as string;
    // Nothing sent yet: the participant is in, its stream is not.
    expect((await roomState(room.id)).participants).toEqual([{ id: participantId, context: 'camera', streams: [] }]);
    const sender = sendRtp(ingress.rtpInputs);
    senders.push(sender);
    await bothTracksFlow(ingress.id, room.id, participantId, 'the RTP sender');
    const stats = await server.running.services.orchestrator.media.getRoom(room.id).getProducerStats({ participantId, streamKey: 'self', kind: 'video' });
    expect(stats[0]).toMatchObject({ mimeType: 'video/VP8', ssrc: ingress.rtpInputs.find((i: any) => i.kind === 'video').ssrc });
    expect(stats[0]!.packetCount).toBeGreaterThan(0);

    await deleteIngress(server, ingress.id);
    expect((await roomState(room.id)).participants).toEqual([]);
    sender.kill('SIGKILL');
  });
});

describe('the server stopping', () => {
  it('ends every ingress and kills its ffmpeg; the next start ends those a dead process left', async () => {
    const room = await createRoom(server);
    const ingress = await createdIngress(server, { roomId: room.id, kind: 'URL', url: vp8File, loop: true });
    await statusIs(ingress.id, 'PUBLISHING');
    const pid = server.running.services.ingresses.ffmpegPid(ingress.id)!;
    // As a process that died would leave one: still marked publishing, run by nobody.
    const at = new Date();
    const orphan = { id: uuidv7(), room_id: room.id, kind: 'rtp' as const, loop: false, status: 'publishing' as const, created_at: at, updated_at: at };
    await server.running.services.db.insertInto('ingresses').values(orphan).execute();
    await server.restart();
    expect(processAlive(pid)).toBe(false);
    expect(await getIngress(server, ingress.id)).toMatchObject({ status: 'ENDED', endedReason: 'server_shutdown' });
    expect(await getIngress(server, orphan.id)).toMatchObject({ status: 'ENDED', endedReason: 'server_restarted' });
  });
});

describe('the media worker under the room dying', () => {
  it('fails the ingress, and its participant leaves', async () => {
    const room = await createRoom(server);
    const ingress = await createdIngress(server, { roomId: room.id, kind: 'RTP' });
    const sender = sendRtp(ingress.rtpInputs);
    senders.push(sender);
    await statusIs(ingress.id, 'PUBLISHING');
    process.kill(server.running.services.orchestrator.media.getRoom(room.id).workerPid!, 'SIGKILL');
    expect(await statusIs(ingress.id, 'FAILED')).toMatchObject({ failureReason: expect.stringMatching(/media server/), participant: { leftAt: expect.any(String) } });
    expect((await roomState(room.id)).participants).toEqual([]);
    sender.kill('SIGKILL');
  });
});
