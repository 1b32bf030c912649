import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { UdpRelay } from './rtp.js';

export interface VideoLayer {
  width: number;
  height: number;
  ssrc: number;
  kbps: number;
}

export const vp8PayloadType = 101;
const fps = 15;

/**
 * Debian's ffmpeg encoding a test pattern to VP8 over RTP, one output (one SSRC) per layer, sent
 * through a relay so that every layer reaches mediasoup from one address and the target can move.
 */
export class Vp8Source {
  stderr = '';
  private constructor(
    private readonly process: ChildProcess,
    private readonly relay: UdpRelay,
  ) {
    process.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
  }

  static async start(layers: VideoLayer[]): Promise<Vp8Source> {
    const relay = await UdpRelay.open();
    const largest = layers.reduce((a, b) => (a.width * a.height >= b.width * b.height ? a : b));
    const args = ['-nostdin', '-loglevel', 'error', '-re', '-f', 'lavfi'];
    args.push('-i', `testsrc2=size=${largest.width}x${largest.height}:rate=${fps}`);
    for (const layer of layers) {
      args.push('-map', '0:v', '-s', `${layer.width}x${layer.height}`);
      args.push('-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', `${layer.kbps}k`);
      // A key frame every ~0.7 s: a consumer starts or switches layer only on one, and ffmpeg
      // ignores mediasoup's key frame requests.
      args.push('-g', '10', '-payload_type', String(vp8PayloadType), '-ssrc', String(layer.ssrc));
      // RTCP (sender reports) on the RTP port too: mediasoup needs them to switch simulcast layers.
      args.push('-f', 'rtp', `rtp://127.0.0.1:${relay.port}?rtcpport=${relay.port}`);
    }
    const child = spawn('ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    return new Vp8Source(child, relay);
  }

  /** The RTP parameters a producer must declare for what this source sends. */
  static rtpParameters(layers: VideoLayer[]) {
    return {
      codecs: [{ mimeType: 'video/VP8', payloadType: vp8PayloadType, clockRate: 90000 }],
      encodings: layers.map((layer) => ({ ssrc: layer.ssrc })),
    };
  }

  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  sendTo(port: number): void {
    this.relay.target = port;
  }

  async stop(): Promise<void> {
    if (this.running) {
      const exited = once(this.process, 'exit');
      this.process.kill('SIGKILL');
      await exited;
    }
    this.relay.close();
  }
}
