import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { types as ms } from 'mediasoup';
import { freeUdpPortPair } from './free-udp-ports.js';
import { plainRtpCapabilities } from './plain-rtp.js';
import { spawnTied } from './tied-process.js';
import type { RoomMedia } from './room-media.js';
import type { TrackRef } from './types.js';

export interface TrackRecorderOptions {
  /** The file to write, without extension: the codec decides the container. */
  fileBase: string;
  /** How long ffmpeg may take to finish its file before it is killed (default 20 s). */
  stopTimeoutMs?: number;
}

export interface RecorderExit {
  /** ffmpeg finished its file: it exited 0, or 255 after the SIGINT that stop() sends. */
  ok: boolean;
  /** ffmpeg's exit code; null when it was killed. */
  code: number | null;
  /** The end of what ffmpeg printed, for a failure reason. */
  log: string;
}

/** Containers that take a codec as-is (`-c copy`) and stay readable if the writer dies. */
const CONTAINERS: Record<string, { ext: string; format: string }> = {
  'audio/opus': { ext: 'webm', format: 'webm' },
  'video/vp8': { ext: 'webm', format: 'webm' },
  'video/vp9': { ext: 'webm', format: 'webm' },
  'video/h264': { ext: 'mkv', format: 'matroska' },
};

function sdpFor(kind: 'audio' | 'video', port: number, codec: ms.RtpCodecParameters): string {
  const name = codec.mimeType.split('/')[1]!;
  const rtpmap = `${codec.payloadType} ${name}/${codec.clockRate}${codec.channels ? `/${codec.channels}` : ''}`;
  const fmtp = Object.entries(codec.parameters ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(';');
  return [
    'v=0',
    'o=- 0 0 IN IP4 127.0.0.1',
    's=video-rooms recording',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    `m=${kind} ${port} RTP/AVP ${codec.payloadType}`,
    `a=rtpmap:${rtpmap}`,
    ...(fmtp ? [`a=fmtp:${codec.payloadType} ${fmtp}`] : []),
    'a=recvonly',
    '',
  ].join('\r\n');
}

const run = promisify(execFile);

/**
 * Rewrites a recording's container without touching its media: a file whose writer was stopped
 * at once, or died, has its clusters but no index or duration; the copy has both. Leaves the
 * file as it was if the copy fails.
 */
export async function remuxInPlace(file: string): Promise<boolean> {
  const ext = file.slice(file.lastIndexOf('.') + 1);
  const tmp = `${file}.remux.${ext}`;
  try {
    await run('ffmpeg', ['-nostdin', '-loglevel', 'error', '-i', file, '-map', '0', '-c', 'copy', '-f', ext === 'mkv' ? 'matroska' : 'webm', '-y', tmp]);
    await rename(tmp, file);
    return true;
  } catch {
    await rm(tmp, { force: true });
    return false;
  }
}

/** Resolves once some process has bound the UDP port on 127.0.0.1 (ffmpeg is ready to receive). */
async function udpPortBound(port: number, timeoutMs: number): Promise<void> {
  // Lines look like `  12: 0100007F:61A8 00000000:0000 07 …`: the second field is the local address.
  const local = new RegExp(`^\\s*\\d+:\\s+[0-9A-F]+:${port.toString(16).toUpperCase().padStart(4, '0')}\\s`, 'm');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const table = await readFile('/proc/net/udp', 'utf8').catch(() => '');
    if (local.test(table)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`ffmpeg did not open port ${port} within ${timeoutMs} ms`);
}

/**
 * Records one published track into a file with ffmpeg, without transcoding: a plain transport
 * sends the track (media codec only: no RTX, no header extensions, which ffmpeg would take for
 * loss) to an ffmpeg that copies it into WebM/Matroska, a container written as it goes, so a
 * file cut short by a crash still plays.
 */
export class TrackRecorder {
  readonly exited: Promise<RecorderExit>;
  private log = '';
  private keyFrameTimer?: NodeJS.Timeout;
  private stopping?: Promise<RecorderExit>;
  #interruption?: string;

  private constructor(
    readonly file: string,
    readonly codec: string,
    private readonly ffmpeg: ChildProcess,
    cleanup: () => void,
    private readonly stopTimeoutMs: number,
  ) {
    ffmpeg.stderr?.on('data', (chunk: Buffer) => {
      this.log = (this.log + chunk.toString()).slice(-4000);
    });
    this.exited = once(ffmpeg, 'exit').then(([code]) => {
      clearInterval(this.keyFrameTimer);
      cleanup();
      const log = this.log.trim();
      const ok = code === 0 || (code === 255 && /Exiting normally, received signal 2/.test(log));
      return { ok, code: code as number | null, log };
    });
  }

  static async start(room: RoomMedia, track: TrackRef, opts: TrackRecorderOptions): Promise<TrackRecorder> {
    // The recorder is a subscriber of its own, so the publisher leaving closes its consumer.
    const recorderId = `recorder:${track.participantId}:${track.streamKey}:${track.kind}`;
    const port = await freeUdpPortPair();
    // On the main router with the producer, however big the room: recording never hangs on a pipe.
    const transport = await room.createPlainTransport(recorderId, 'recv', { comedia: false, rtcpMux: false, mainRouter: true });
    const sdp = `${opts.fileBase}.sdp`;
    let recorder: TrackRecorder | undefined;
    // The worker under the room died with the recorder's transport: nothing more will come, so
    // the file is finished now rather than after ffmpeg's input gives up waiting.
    const onLost = ({ participantIds }: { participantIds: string[] }) => {
      if (participantIds.includes(recorderId)) recorder?.interrupt('the media worker under the room died');
    };
    room.on('lost', onLost);
    const cleanup = () => {
      room.off('lost', onLost);
      room.removeParticipant(recorderId);
      void rm(sdp, { force: true });
    };
    let ffmpeg: ChildProcess | undefined;
    try {
      const consumer = await room.consume(recorderId, {
        track,
        rtpCapabilities: plainRtpCapabilities(await room.getRtpCapabilities()),
      });
      const codec = consumer.rtpParameters.codecs[0]!;
      const container = CONTAINERS[codec.mimeType.toLowerCase()];
      if (!container) throw new Error(`cannot record ${codec.mimeType}`);
      const file = `${opts.fileBase}.${container.ext}`;
      await writeFile(sdp, sdpFor(track.kind, port, codec));
      ffmpeg = spawnTied(
        'ffmpeg',
        [
          ...['-nostdin', '-hide_banner', '-loglevel', 'info', '-nostats'],
          ...['-protocol_whitelist', 'file,rtp,udp', '-fflags', '+genpts'],
          ...['-analyzeduration', '1M', '-probesize', '1M', '-i', sdp],
          // Short clusters flushed at once: a crash loses at most the last second.
          ...['-map', '0', '-c', 'copy', '-cluster_time_limit', '1000', '-flush_packets', '1'],
          ...['-f', container.format, '-y', file],
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      const started = new TrackRecorder(file, codec.mimeType.split('/')[1]!.toLowerCase(), ffmpeg, cleanup, opts.stopTimeoutMs ?? 20_000);
      recorder = started;
      await Promise.race([udpPortBound(port, 10_000), started.exited.then((e) => Promise.reject(new Error(`ffmpeg exited early: ${e.log}`)))]);
      await room.connectPlainTransport(recorderId, transport.id, { ip: '127.0.0.1', port, rtcpPort: port + 1 });
      await room.resumeConsumer(recorderId, track);
      // A video file starts at a key frame: ask at once, and a few times more in case the first
      // answer is lost before ffmpeg has the stream's parameters.
      let asks = 0;
      const ask = () => void room.requestKeyFrame(recorderId, track).catch(() => {});
      ask();
      started.keyFrameTimer = setInterval(() => (++asks >= 4 ? clearInterval(started.keyFrameTimer) : ask()), 1000);
      return started;
    } catch (err) {
      ffmpeg?.kill('SIGKILL');
      cleanup();
      throw err;
    }
  }

  /** The ffmpeg process writing the file (for CPU figures). */
  get pid(): number | undefined {
    return this.ffmpeg.pid;
  }

  /** Why the recording stopped before its track did, if a fault cut it short. */
  get interruption(): string | undefined {
    return this.#interruption;
  }

  /** A fault cut the track off: the file is finished with what came until now. */
  interrupt(reason: string): void {
    this.#interruption ??= reason;
    void this.stop(1000);
  }

  /**
   * Stops the recording and lets ffmpeg finish the file (the rest of the media, the index).
   * SIGINT takes effect at ffmpeg's next packet, or, once the track has gone, when its input
   * gives up waiting (about 10 s): the file is complete either way. A second SIGINT interrupts
   * the wait but also the writing of the last cluster and the index (a remux restores the
   * index), so it is only the fallback, sent after `waitMs`; SIGKILL is the last resort.
   */
  stop(waitMs = 12_000): Promise<RecorderExit> {
    this.stopping ??= (async () => {
      if (this.ffmpeg.exitCode !== null || this.ffmpeg.signalCode !== null) return this.exited;
      let forced = false;
      this.ffmpeg.kill('SIGINT');
      const again = setTimeout(() => {
        forced = true;
        this.ffmpeg.kill('SIGINT');
      }, waitMs);
      const timer = setTimeout(() => this.ffmpeg.kill('SIGKILL'), this.stopTimeoutMs);
      const exit = await this.exited;
      clearTimeout(again);
      clearTimeout(timer);
      if (forced && exit.ok) await remuxInPlace(this.file);
      return exit;
    })();
    return this.stopping;
  }
}
