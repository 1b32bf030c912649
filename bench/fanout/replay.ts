import { randomInt } from 'node:crypto';
import dgram from 'node:dgram';
import { performance } from 'node:perf_hooks';
import type { FrameLoop, RtpFrame } from './capture-file.js';

export interface ReplayTarget {
  port: number;
  ssrc: number;
  payloadType: number;
  clockRate: number;
  rewritesPictureId: boolean;
  /** Adds an RFC 6464 ssrc-audio-level header extension (one-byte form) to every packet. */
  audioLevel?: { extensionId: number; dBov: number };
}

/**
 * Sends a capture in an endless loop at its real rate, one burst per frame at the frame's due
 * time. Every packet is rewritten so that the loop is one seamless stream to the producer:
 * continuous sequence numbers, timestamps that keep advancing, our SSRC and payload type, and a
 * VP8 PictureID that keeps counting.
 */
export class RtpReplay {
  private readonly frames: RtpFrame[];
  private readonly socket = dgram.createSocket('udp4');
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private startedAt = 0;
  private frameIndex = 0;
  private loop = 0;
  private seq = randomInt(0x10000);
  private readonly timestampBase = randomInt(2 ** 32);
  private sentPackets = 0;

  constructor(
    private readonly source: FrameLoop,
    private readonly target: ReplayTarget,
  ) {
    // Private copies: packets are rewritten in place on every send.
    const level = target.audioLevel;
    const copy = (p: Buffer) => (level ? withAudioLevel(p, level.extensionId, level.dBov) : Buffer.from(p));
    this.frames = source.frames.map((f) => ({ offset: f.offset, packets: f.packets.map(copy) }));
  }

  /** Packets sent so far (for the input rate of a window). */
  get sent(): number {
    return this.sentPackets;
  }

  start(): void {
    this.running = true;
    this.startedAt = performance.now();
    this.pump();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    this.socket.close();
  }

  private readonly pump = (): void => {
    if (!this.running) return;
    const now = performance.now();
    for (;;) {
      const frame = this.frames[this.frameIndex];
      const due = this.startedAt + (1000 * (this.loop * this.source.loopTicks + frame.offset)) / this.target.clockRate;
      if (due > now) {
        this.timer = setTimeout(this.pump, due - now);
        return;
      }
      this.send(frame);
      if (++this.frameIndex === this.frames.length) {
        this.frameIndex = 0;
        this.loop++;
      }
    }
  };

  private send(frame: RtpFrame): void {
    const timestamp = (this.timestampBase + this.loop * this.source.loopTicks + frame.offset) % 2 ** 32;
    const pictureId = this.loop * this.frames.length + this.frameIndex;
    for (const p of frame.packets) {
      p[1] = (p[1] & 0x80) | this.target.payloadType;
      p.writeUInt16BE(this.seq, 2);
      this.seq = (this.seq + 1) & 0xffff;
      p.writeUInt32BE(timestamp, 4);
      p.writeUInt32BE(this.target.ssrc, 8);
      if (this.target.rewritesPictureId) writeVp8PictureId(p, pictureId);
      this.socket.send(p, this.target.port, '127.0.0.1');
      this.sentPackets++;
    }
  }
}

/** RFC 7741 payload descriptor: X bit, then I bit, then a 7- or 15-bit PictureID (M bit). */
function writeVp8PictureId(packet: Buffer, pictureId: number): void {
  let at = 12 + 4 * (packet[0] & 0x0f);
  if (packet[0] & 0x10) at += 4 + 4 * packet.readUInt16BE(at + 2);
  if (at + 3 > packet.length || !(packet[at] & 0x80) || !(packet[at + 1] & 0x80)) return;
  if (packet[at + 2] & 0x80) packet.writeUInt16BE(0x8000 | (pictureId & 0x7fff), at + 2);
  else packet[at + 2] = pictureId & 0x7f;
}

/**
 * A copy of the packet with an RFC 8285 one-byte header extension block carrying only the
 * RFC 6464 audio level (voice bit set, `dBov` = -dBov), as a browser's audio packets carry it.
 * A packet that already has an extension block is copied as it is.
 */
export function withAudioLevel(packet: Buffer, extensionId: number, dBov: number): Buffer {
  if (packet[0] & 0x10) return Buffer.from(packet);
  const headerLength = 12 + 4 * (packet[0] & 0x0f);
  // 0xBEDE, length 1 word; element: id << 4 | (length - 1), value; two bytes of padding.
  const extension = Buffer.from([0xbe, 0xde, 0x00, 0x01, (extensionId << 4) | 0, 0x80 | (dBov & 0x7f), 0, 0]);
  const out = Buffer.concat([packet.subarray(0, headerLength), extension, packet.subarray(headerLength)]);
  out[0] |= 0x10;
  return out;
}
