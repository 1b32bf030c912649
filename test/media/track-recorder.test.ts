import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaRooms } from '../../media/media-rooms.js';
import { probeMediaFile } from '../../media/probe.js';
import type { RoomMedia } from '../../media/room-media.js';
import { TrackRecorder } from '../../media/track-recorder.js';
import { Vp8Source } from './helpers/ffmpeg.js';
import { UdpRelay } from './helpers/rtp.js';

const layer = { width: 640, height: 360, ssrc: 33330001, kbps: 400 };
const OPUS_PT = 100;
const OPUS_SSRC = 33330002;

/**
 * ffmpeg sending an opus tone over RTP, as a browser's microphone would, through a relay: ffmpeg
 * sends RTP and RTCP from two sockets, and the room's transport learns one address (comedia).
 */
function opusSource(port: number): ChildProcess {
  return spawn(
    'ffmpeg',
    [
      ...['-nostdin', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'],
      ...['-ac', '2', '-c:a', 'libopus', '-b:a', '32k', '-payload_type', String(OPUS_PT), '-ssrc', String(OPUS_SSRC)],
      ...['-f', 'rtp', `rtp://127.0.0.1:${port}?rtcpport=${port}`],
    ],
    { stdio: 'ignore' },
  );
}

describe('recording a published track without transcoding', () => {
  let media: MediaRooms;
  let room: RoomMedia;
  let video: Vp8Source;
  let audio: ChildProcess;
  let relay: UdpRelay;
  const dir = mkdtempSync(path.join(tmpdir(), 'vr-rec-'));

  beforeAll(async () => {
    media = await MediaRooms.start({ numWorkers: 1, rtcMinPort: 44200, rtcMaxPort: 44299 });
    room = await media.openRoom('recording');
    const v = await room.createPlainTransport('publisher', 'send', { comedia: true });
    await room.produce('publisher', { streamKey: 'self', kind: 'video', rtpParameters: Vp8Source.rtpParameters([layer]) });
    video = await Vp8Source.start([layer]);
    video.sendTo(v.port);
    const a = await room.createPlainTransport('speaker', 'send', { comedia: true });
    await room.produce('speaker', {
      streamKey: 'self',
      kind: 'audio',
      rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: OPUS_PT, clockRate: 48000, channels: 2 }], encodings: [{ ssrc: OPUS_SSRC }] },
    });
    relay = await UdpRelay.open();
    relay.target = a.port;
    audio = opusSource(relay.port);
  });

  afterAll(async () => {
    await video?.stop();
    audio?.kill('SIGKILL');
    relay?.close();
    await media?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the video as VP8 in WebM, from a key frame, as long as it ran', async () => {
    const recorder = await TrackRecorder.start(room, { participantId: 'publisher', streamKey: 'self', kind: 'video' }, { fileBase: path.join(dir, 'video') });
    expect(recorder.codec).toBe('vp8');
    await sleep(4000);
    const exit = await recorder.stop();
    expect(exit.ok, exit.log).toBe(true);
    const probed = await probeMediaFile(recorder.file);
    expect(probed?.streams).toEqual([expect.objectContaining({ kind: 'video', codec: 'vp8', width: 640, height: 360 })]);
    expect(probed!.durationSecs).toBeGreaterThan(2.5);
    expect(probed!.durationSecs).toBeLessThan(5);
    // The recorder leaves nothing behind but its file.
    expect(readdirSync(dir)).toEqual(['video.webm']);
  });

  it('writes the audio as opus in WebM', async () => {
    const recorder = await TrackRecorder.start(room, { participantId: 'speaker', streamKey: 'self', kind: 'audio' }, { fileBase: path.join(dir, 'audio') });
    await sleep(3000);
    await recorder.stop();
    const probed = await probeMediaFile(recorder.file);
    expect(probed?.streams).toEqual([expect.objectContaining({ kind: 'audio', codec: 'opus' })]);
    expect(probed!.durationSecs).toBeGreaterThan(1.5);
  });

  it('leaves a readable file when ffmpeg is killed mid-recording', async () => {
    const recorder = await TrackRecorder.start(room, { participantId: 'publisher', streamKey: 'self', kind: 'video' }, { fileBase: path.join(dir, 'crash') });
    await sleep(3000);
    process.kill((recorder as unknown as { ffmpeg: ChildProcess }).ffmpeg.pid!, 'SIGKILL');
    const exit = await recorder.exited;
    expect(exit.code).toBeNull();
    const probed = await probeMediaFile(recorder.file);
    expect(probed?.streams[0]).toMatchObject({ codec: 'vp8', width: 640 });
    expect(probed!.durationSecs).toBeGreaterThan(1);
  });
});
