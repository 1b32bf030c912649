import { execFile, type ChildProcess } from 'node:child_process';
import { spawnTied } from './tied-process.js';
import { once } from 'node:events';
import { freeUdpPortPair } from './free-udp-ports.js';
import type { IngestInput, IngestVideoCodec } from './ingest.js';
import type { MediaKind } from './types.js';

/** What an ingress input may be read through: files and the web, nothing ffmpeg could chain to others. */
const INGEST_PROTOCOLS = 'file,http,https,tcp,tls';

/** What an input holds that an ingest can publish: its first video and first audio stream. */
export interface IngestSource {
  video?: { codec: string; profile?: string };
  audio?: { codec: string };
}

export type ProbeOutcome = { ok: true; source: IngestSource; videoCodec: IngestVideoCodec } | { ok: false; reason: string };

const PROBE_TIMEOUT_MS = 15_000;

/** H264 profiles a browser decodes as the Constrained Baseline the ingest announces. */
const BASELINE = new Set(['constrained baseline', 'baseline']);

/**
 * Reads what `url` (a file path or a URL ffmpeg can open) holds, with ffprobe. The reasons it
 * gives for refusing are for people: the ingress shows them as its failure reason.
 */
export function probeIngestSource(url: string): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    execFile('ffprobe', ['-v', 'error', '-protocol_whitelist', INGEST_PROTOCOLS, '-show_streams', '-of', 'json', url], { timeout: PROBE_TIMEOUT_MS, maxBuffer: 4 << 20 }, (err, stdout, stderr) => {
      if (err) {
        const why = (err as { killed?: boolean }).killed ? `no answer within ${PROBE_TIMEOUT_MS / 1000} s` : lastLine(stderr) || err.message;
        return resolve({ ok: false, reason: `cannot read the input: ${why}` });
      }
      const streams = (JSON.parse(stdout) as { streams?: Array<Record<string, unknown>> }).streams ?? [];
      const first = (type: string) => streams.find((s) => s.codec_type === type && typeof s.codec_name === 'string');
      const v = first('video');
      const a = first('audio');
      if (!v && !a) return resolve({ ok: false, reason: 'the input has no audio or video stream' });
      const source: IngestSource = {
        ...(v ? { video: { codec: String(v.codec_name), ...(typeof v.profile === 'string' ? { profile: v.profile } : {}) } } : {}),
        ...(a ? { audio: { codec: String(a.codec_name) } } : {}),
      };
      resolve({ ok: true, source, videoCodec: source.video?.codec === 'h264' && copiesH264(source) ? 'H264' : 'VP8' });
    });
  });
}

function copiesH264(source: IngestSource): boolean {
  return BASELINE.has((source.video?.profile ?? '').toLowerCase());
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1)?.trim() ?? '';
}

/** Whether a stream can go out as it is: transcoding costs a core, so only what does not fit is re-encoded. */
export function copies(source: IngestSource, kind: MediaKind): boolean {
  if (kind === 'audio') return source.audio?.codec === 'opus';
  return source.video?.codec === 'vp8' || (source.video?.codec === 'h264' && copiesH264(source));
}

function codecArgs(source: IngestSource, kind: MediaKind): string[] {
  if (kind === 'audio') return copies(source, kind) ? ['-c:a', 'copy'] : ['-c:a', 'libopus', '-ar', '48000', '-ac', '2', '-b:a', '64k'];
  if (!copies(source, kind)) {
    // Realtime VP8 with a key frame every two seconds: the ingest cannot answer a subscriber's
    // key frame request, so late subscribers wait for the next one.
    return ['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '800k', '-g', '50', '-auto-alt-ref', '0', '-error-resilient', '1', '-pix_fmt', 'yuv420p'];
  }
  // An MP4's H264 keeps its parameter sets out of band; the stream must carry them for a receiver.
  return source.video?.codec === 'h264' ? ['-c:v', 'copy', '-bsf:v', 'h264_mp4toannexb'] : ['-c:v', 'copy'];
}

export interface UrlIngestExit {
  /** The input ended (ffmpeg exited 0): an ingress that does not loop is done. */
  ended: boolean;
  /** stop() was called. */
  stopped: boolean;
  code: number | null;
  /** The end of what ffmpeg printed, for a failure reason. */
  log: string;
}

/** A file that ends at once must not make a looping ingress spin. */
const MIN_RESTART_MS = 1000;

/**
 * ffmpeg reading a file or URL at its own pace (`-re`), once or in a loop, and sending its first
 * video and audio stream as RTP to an ingest's inputs.
 *
 * ffmpeg 5.1 loops by itself (`-stream_loop`) except when a bitstream filter is in the way (it
 * fails with "A non-NULL packet sent after an EOF" at the first loop): an MP4's H264 copied then
 * loops by starting ffmpeg again, the receiver taking the new sequence numbers as a restart.
 */
export class UrlIngest {
  readonly exited: Promise<UrlIngestExit>;
  private log = '';
  private stopped = false;
  private child!: ChildProcess;

  private constructor(
    private readonly spawnOnce: () => ChildProcess,
    private readonly restart: boolean,
  ) {
    this.exited = this.run();
  }

  private async run(): Promise<UrlIngestExit> {
    for (;;) {
      const started = Date.now();
      this.child = this.spawnOnce();
      this.child.stderr?.on('data', (chunk: Buffer) => {
        this.log = (this.log + chunk.toString()).slice(-2000);
      });
      const [code] = (await once(this.child, 'exit')) as [number | null];
      if (code === 0 && this.restart && !this.stopped) {
        await new Promise((r) => setTimeout(r, Math.max(0, MIN_RESTART_MS - (Date.now() - started))));
        if (!this.stopped) continue;
      }
      return { ended: code === 0 && !this.stopped, stopped: this.stopped, code, log: this.log.trim() };
    }
  }

  static async start(url: string, opts: { loop: boolean; source: IngestSource; inputs: IngestInput[] }): Promise<UrlIngest> {
    const filtered = opts.inputs.some((input) => codecArgs(opts.source, input.kind).includes('-bsf:v'));
    const restart = opts.loop && filtered;
    const outputs: string[] = [];
    for (const input of opts.inputs) {
      // A comedia transport takes packets from its first sender only: an ffmpeg started again must send from the same ports.
      const local = restart ? await freeUdpPortPair() : undefined;
      outputs.push(
        ...['-map', input.kind === 'video' ? '0:v:0' : '0:a:0', ...codecArgs(opts.source, input.kind)],
        ...['-f', 'rtp', '-payload_type', String(input.payloadType), '-ssrc', String(input.ssrc)],
        `rtp://${input.ip}:${input.port}?rtcpport=${input.rtcpPort}&pkt_size=1200${local ? `&localrtpport=${local}&localrtcpport=${local + 1}` : ''}`,
      );
    }
    const args = [
      ...['-nostdin', '-hide_banner', '-loglevel', 'error', '-re'],
      ...(opts.loop && !restart ? ['-stream_loop', '-1'] : []),
      '-protocol_whitelist',
      INGEST_PROTOCOLS,
      '-i',
      url,
      ...outputs,
    ];
    return new UrlIngest(() => spawnTied('ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'] }), restart);
  }

  /** The ffmpeg running now. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Stops sending: SIGTERM, and SIGKILL if ffmpeg has not gone within two seconds. */
  async stop(): Promise<UrlIngestExit> {
    this.stopped = true;
    const child = this.child;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await this.exited;
      clearTimeout(timer);
    }
    return this.exited;
  }
}
