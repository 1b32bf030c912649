import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MediaRooms } from '../media/media-rooms.js';
import { probeMediaFile } from '../media/probe.js';
import { TrackRecorder } from '../media/track-recorder.js';
import type { TrackRef } from '../media/types.js';
import type { types as ms } from 'mediasoup';
import { UdpRelay } from '../test/media/helpers/rtp.js';
import { CLOCK_TICKS_PER_SECOND, processTicks } from './fanout/proc-stats.js';

// CPU of one recording: the recorder's ffmpeg (RTP in, -c copy, WebM out) while it records a
// 720p30 VP8 ~1 Mbit/s track and an opus track, as % of one core over a 10 s window. Measured in
// the same run, for scale: the mediasoup worker forwarding the same tracks, with and without the
// recorder's consumer. Run: npm run bench:recording

const WINDOW_S = Number(process.argv[2] ?? 10);

async function cpuPercent(pid: number, seconds: number): Promise<number> {
  const t0 = processTicks(pid);
  const start = performance.now();
  await sleep(seconds * 1000);
  const ticks = processTicks(pid) - t0;
  return (100 * ticks) / CLOCK_TICKS_PER_SECOND / ((performance.now() - start) / 1000);
}

const sources = {
  video: {
    rtp: { codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }], encodings: [{ ssrc: 4401 }] },
    args: [
      '-re',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=1280x720:rate=30',
      '-c:v',
      'libvpx',
      '-deadline',
      'realtime',
      '-cpu-used',
      '8',
      '-b:v',
      '1M',
      '-g',
      '60',
      '-payload_type',
      '101',
      '-ssrc',
      '4401',
    ],
  },
  audio: {
    rtp: { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }], encodings: [{ ssrc: 4402 }] },
    args: ['-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-ac', '2', '-c:a', 'libopus', '-b:a', '32k', '-payload_type', '100', '-ssrc', '4402'],
  },
} as const;

const media = await MediaRooms.start({ numWorkers: 1, rtcMinPort: 45000, rtcMaxPort: 45099 });
const room = await media.openRoom('bench-recording');
const workerPid = room.workerPid!;
const dir = mkdtempSync(path.join(tmpdir(), 'vr-bench-rec-'));
const children: ReturnType<typeof spawn>[] = [];
const relays: UdpRelay[] = [];
const rows: [string, number][] = [];
try {
  for (const kind of ['video', 'audio'] as const) {
    const participantId = `publisher-${kind}`;
    const send = await room.createPlainTransport(participantId, 'send', { comedia: true });
    await room.produce(participantId, { streamKey: 'self', kind, rtpParameters: sources[kind].rtp as unknown as ms.RtpParameters });
    const relay = await UdpRelay.open();
    relay.target = send.port;
    relays.push(relay);
    children.push(spawn('ffmpeg', ['-nostdin', '-loglevel', 'error', ...sources[kind].args, '-f', 'rtp', `rtp://127.0.0.1:${relay.port}?rtcpport=${relay.port}`], { stdio: 'ignore' }));
  }
  await sleep(3000);

  rows.push(['worker, forwarding to nobody (both tracks arriving)', await cpuPercent(workerPid, WINDOW_S)]);
  for (const kind of ['video', 'audio'] as const) {
    const track: TrackRef = { participantId: `publisher-${kind}`, streamKey: 'self', kind };
    const recorder = await TrackRecorder.start(room, track, { fileBase: path.join(dir, kind) });
    await sleep(2000);
    const [ffmpegCpu, workerCpu] = await Promise.all([cpuPercent(recorder.pid!, WINDOW_S), cpuPercent(workerPid, WINDOW_S)]);
    await recorder.stop();
    const probed = await probeMediaFile(recorder.file);
    rows.push([
      `recorder ffmpeg, ${kind} (${probed?.streams[0]?.codec} ${probed?.streams[0]?.width ?? ''}${probed?.streams[0]?.width ? 'x' + probed?.streams[0]?.height : ''}, ${probed?.durationSecs.toFixed(1)} s written)`,
      ffmpegCpu,
    ]);
    rows.push([`worker, forwarding to the ${kind} recorder`, workerCpu]);
  }
} finally {
  for (const c of children) c.kill('SIGKILL');
  for (const r of relays) r.close();
  await media.close();
  rmSync(dir, { recursive: true, force: true });
}

console.log(`\nCPU of one recording, ${WINDOW_S} s windows (% of one core)\n`);
for (const [what, cpu] of rows) console.log(`${what.padEnd(62)} ${cpu.toFixed(1).padStart(6)} %`);
