import dgram from 'node:dgram';
import { setTimeout as sleep } from 'node:timers/promises';

export interface FrameSize {
  width: number;
  height: number;
}

function isRtcp(packet: Buffer): boolean {
  return packet.length >= 2 && packet[1]! >= 192 && packet[1]! <= 223;
}

function rtpPayload(packet: Buffer): Buffer | undefined {
  if (packet.length < 12 || packet[0]! >> 6 !== 2) return undefined;
  let offset = 12 + 4 * (packet[0]! & 0x0f);
  if (packet[0]! & 0x10) {
    if (packet.length < offset + 4) return undefined;
    offset += 4 + 4 * packet.readUInt16BE(offset + 2);
  }
  return packet.subarray(offset);
}

/** The size of a VP8 key frame starting in this RTP payload (RFC 7741 descriptor, RFC 6386 header). */
export function vp8KeyFrameSize(payload: Buffer): FrameSize | undefined {
  let offset = 1;
  const first = payload[0]!;
  const startOfPartition = (first & 0x10) !== 0 && (first & 0x07) === 0;
  if (!startOfPartition) return undefined;
  if (first & 0x80) {
    const ext = payload[offset++]!;
    if (ext & 0x80) offset += payload[offset]! & 0x80 ? 2 : 1;
    if (ext & 0x40) offset += 1;
    if (ext & 0x30) offset += 1;
  }
  const frame = payload.subarray(offset);
  const isKeyFrame = frame.length >= 10 && (frame[0]! & 0x01) === 0;
  if (!isKeyFrame || frame[3] !== 0x9d || frame[4] !== 0x01 || frame[5] !== 0x2a) return undefined;
  return { width: frame.readUInt16LE(6) & 0x3fff, height: frame.readUInt16LE(8) & 0x3fff };
}

/** A UDP socket playing the receiving endpoint: counts the RTP it gets and the VP8 key frames' sizes. */
export class RtpSink {
  rtpPackets = 0;
  rtpBytes = 0;
  keyFrames: FrameSize[] = [];
  private constructor(private readonly socket: dgram.Socket) {
    socket.on('message', (packet) => {
      if (isRtcp(packet)) return;
      const payload = rtpPayload(packet);
      if (!payload) return;
      this.rtpPackets += 1;
      this.rtpBytes += packet.length;
      const size = payload.length > 0 ? vp8KeyFrameSize(payload) : undefined;
      if (size) this.keyFrames.push(size);
    });
  }

  static async open(): Promise<RtpSink> {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return new RtpSink(socket);
  }

  get port(): number {
    return this.socket.address().port;
  }

  reset(): void {
    this.rtpPackets = 0;
    this.rtpBytes = 0;
    this.keyFrames = [];
  }

  close(): void {
    this.socket.close();
  }
}

/**
 * Forwards every datagram it receives to a target port that can change: lets one ffmpeg process,
 * with several outputs, reach mediasoup from one address, and follow a rebuilt room to its new port.
 */
export class UdpRelay {
  target: number | undefined;
  private closed = false;
  private constructor(private readonly socket: dgram.Socket) {
    socket.on('message', (packet) => {
      this.forward(packet);
      // ffmpeg sends its first sender report before its first RTP packet, when mediasoup does not
      // know the stream yet and drops it, and the next one 5 s later; a simulcast consumer cannot
      // switch layers without one. A sender report stays true later, so send it again.
      if (packet[1] === 200) setTimeout(() => this.forward(packet), 500).unref();
    });
  }

  private forward(packet: Buffer): void {
    // A sender report sent again after close has nowhere to go.
    if (this.target !== undefined && !this.closed) this.socket.send(packet, this.target, '127.0.0.1');
  }

  static async open(): Promise<UdpRelay> {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return new UdpRelay(socket);
  }

  get port(): number {
    return this.socket.address().port;
  }

  close(): void {
    this.closed = true;
    this.socket.close();
  }
}

export const audioLevelExtensionId = 1;

/**
 * Sends opus-like RTP every 20 ms carrying the ssrc-audio-level header extension (RFC 6464), the
 * only thing mediasoup's audio observers read. `level()` is in -dBov: 0 loudest, 127 silence.
 */
export async function startAudioLevelSender(options: { port: number; ssrc: number; payloadType: number; level: () => number }): Promise<{ stop(): void }> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  let sequence = 0;
  let timestamp = 0;
  const timer = setInterval(() => {
    const packet = Buffer.alloc(12 + 8 + 3);
    packet[0] = 0x90;
    packet[1] = options.payloadType;
    packet.writeUInt16BE(sequence++ & 0xffff, 2);
    packet.writeUInt32BE(timestamp >>> 0, 4);
    timestamp += 960;
    packet.writeUInt32BE(options.ssrc, 8);
    packet.writeUInt16BE(0xbede, 12);
    packet.writeUInt16BE(1, 14);
    const level = Math.min(127, Math.max(0, Math.round(options.level())));
    packet[16] = audioLevelExtensionId << 4;
    packet[17] = (level < 127 ? 0x80 : 0) | level;
    packet.fill(0xfc, 20);
    socket.send(packet, options.port, '127.0.0.1');
  }, 20);
  return {
    stop() {
      clearInterval(timer);
      socket.close();
    },
  };
}

export async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
}
