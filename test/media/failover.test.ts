import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { types as ms } from 'mediasoup';
import { MediaRooms, type MediaRoomsEvents } from '../../media/media-rooms.js';
import { plainRtpCapabilities } from '../../media/plain-rtp.js';
import type { RoomMedia } from '../../media/room-media.js';
import type { TrackRef } from '../../media/types.js';
import type { WorkerPoolEvents } from '../../media/worker-pool.js';
import { Vp8Source } from './helpers/ffmpeg.js';
import { RtpSink, waitUntil } from './helpers/rtp.js';

const layer = { width: 320, height: 180, ssrc: 55550001, kbps: 300 };
const track: TrackRef = { participantId: 'publisher', streamKey: 'self', kind: 'video' };

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** What a client does on join: a send transport fed by its encoder, a recv transport, publish, subscribe. */
async function join(room: RoomMedia, source: Vp8Source, sink: RtpSink): Promise<void> {
  const send = await room.createPlainTransport('publisher', 'send', { comedia: true });
  await room.produce('publisher', { streamKey: 'self', kind: 'video', rtpParameters: Vp8Source.rtpParameters([layer]) });
  source.sendTo(send.port);
  const recv = await room.createPlainTransport('subscriber', 'recv');
  await room.connectPlainTransport('subscriber', recv.id, { ip: '127.0.0.1', port: sink.port });
  await room.consume('subscriber', { track, rtpCapabilities: plainRtpCapabilities(await room.getRtpCapabilities()) });
  await room.resumeConsumer('subscriber', track);
}

describe('a worker process dies', () => {
  let media: MediaRooms;
  let source: Vp8Source;
  let sink: RtpSink;
  let doomed: RoomMedia;
  let survivor: RoomMedia;
  let capabilitiesBefore: ms.RtpCapabilities;
  const lost: MediaRoomsEvents['roomMediaLost'][0][] = [];
  const rebuilt: MediaRoomsEvents['roomMediaRebuilt'][0][] = [];
  const replaced: WorkerPoolEvents['workerReplaced'][0][] = [];

  beforeAll(async () => {
    media = await MediaRooms.start({ numWorkers: 2, rtcMinPort: 44300, rtcMaxPort: 44399 });
    media.on('roomMediaLost', (event) => lost.push(event));
    media.on('roomMediaRebuilt', (event) => rebuilt.push(event));
    media.pool.on('workerReplaced', (event) => replaced.push(event));
    doomed = await media.openRoom('doomed');
    survivor = await media.openRoom('survivor');
    capabilitiesBefore = await doomed.getRtpCapabilities();
    source = await Vp8Source.start([layer]);
    sink = await RtpSink.open();
    await join(doomed, source, sink);
    await waitUntil(() => sink.keyFrames.length > 0, 5000, `video before the crash (ffmpeg: ${source.stderr})`);
  });

  afterAll(async () => {
    await source?.stop();
    sink?.close();
    await media?.close();
  });

  it('is replaced, and only the rooms it hosted are reported lost, then rebuilt on a live worker', async () => {
    const deadPid = doomed.workerPid!;
    expect(survivor.workerPid).not.toBe(deadPid);
    const survivorPid = survivor.workerPid;

    // A client that rejoins as soon as it is told, before the router is rebuilt, is not refused.
    let earlyRejoin: Promise<unknown> | undefined;
    media.once('roomMediaLost', () => {
      earlyRejoin = doomed.createWebRtcTransport('early', 'recv');
    });
    process.kill(deadPid, 'SIGKILL');
    await waitUntil(() => rebuilt.length > 0 && replaced.length > 0, 5000, 'the rebuild and the replacement');
    await expect(earlyRejoin).resolves.toMatchObject({ id: expect.any(String) });
    doomed.removeParticipant('early');

    expect(lost).toEqual([{ roomId: 'doomed', participantIds: ['publisher', 'subscriber'] }]);
    expect(rebuilt).toHaveLength(1);
    expect(rebuilt[0]!.roomId).toBe('doomed');
    expect(rebuilt[0]!.workerPid).not.toBe(deadPid);
    expect(processExists(rebuilt[0]!.workerPid)).toBe(true);
    expect(doomed.workerPid).toBe(rebuilt[0]!.workerPid);

    // The pool is back to two live workers, without the dead one.
    expect(processExists(deadPid)).toBe(false);
    expect(replaced).toEqual([{ deadPid, pid: expect.any(Number) }]);
    const pids = media.pool.workers().map((w) => w.pid);
    expect(pids).toHaveLength(2);
    expect(pids).not.toContain(deadPid);
    expect(pids).toContain(replaced[0]!.pid);

    // The other room never noticed.
    expect(survivor.workerPid).toBe(survivorPid);
    expect(media.findRoom('doomed')).toBe(doomed);
  });

  it('leaves the room empty with the same capabilities, so clients rejoin without reloading their device', async () => {
    expect(doomed.participantIds()).toEqual([]);
    expect(doomed.producers()).toEqual([]);
    expect(await doomed.getRtpCapabilities()).toEqual(capabilitiesBefore);
    await expect(doomed.resumeConsumer('subscriber', track)).rejects.toMatchObject({ code: 'CONSUMER_NOT_FOUND' });
  });

  it('carries media again once the participants rejoin', async () => {
    sink.reset();
    await join(doomed, source, sink);
    await waitUntil(() => sink.keyFrames.length > 0, 5000, 'video after the rejoin');
    expect(sink.keyFrames[0]).toEqual({ width: 320, height: 180 });
    // A key frame's size is in its first packet: the ones after it follow, and keep coming.
    await waitUntil(() => sink.rtpPackets > 10, 5000, 'packets after the key frame');
  });
});
