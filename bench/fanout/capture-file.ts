/**
 * A capture is the datagrams as they arrived, each stored as [u32 big-endian length][packet]
 * (the baseline's format, so captures can be swapped between the two harnesses).
 */
export function encodeDatagrams(packets: readonly Buffer[]): Buffer {
  const parts: Buffer[] = [];
  for (const p of packets) {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(p.length, 0);
    parts.push(length, p);
  }
  return Buffer.concat(parts);
}

export function decodeDatagrams(file: Buffer): Buffer[] {
  const packets: Buffer[] = [];
  let at = 0;
  while (at + 4 <= file.length) {
    const length = file.readUInt32BE(at);
    if (at + 4 + length > file.length) throw new Error(`capture truncated at byte ${at}`);
    packets.push(Buffer.from(file.subarray(at + 4, at + 4 + length)));
    at += 4 + length;
  }
  return packets;
}

/** Packets that share an RTP timestamp, sent together as the baseline does (one burst per frame). */
export interface RtpFrame {
  /** RTP ticks after the first frame of the capture. */
  offset: number;
  packets: Buffer[];
}

export interface FrameLoop {
  frames: RtpFrame[];
  /** RTP ticks from the first frame of one loop to the first frame of the next. */
  loopTicks: number;
  packetCount: number;
}

export function isRtcp(packet: Buffer): boolean {
  return packet.length >= 2 && packet[1] >= 192 && packet[1] <= 223;
}

export function framesOf(packets: readonly Buffer[]): FrameLoop {
  const rtp = packets.filter((p) => p.length > 12 && !isRtcp(p));
  if (rtp.length === 0) throw new Error('capture holds no RTP packets');
  const first = rtp[0].readUInt32BE(4);
  const frames: RtpFrame[] = [];
  for (const p of rtp) {
    const offset = (p.readUInt32BE(4) - first) >>> 0;
    const last = frames.at(-1);
    if (last && last.offset === offset) last.packets.push(p);
    else frames.push({ offset, packets: [p] });
  }
  // One frame interval after the last frame, so the seam looks like any other frame boundary.
  const intervals = frames
    .slice(1)
    .map((f, i) => f.offset - frames[i].offset)
    .sort((a, b) => a - b);
  const interval = intervals.length > 0 ? intervals[Math.floor(intervals.length / 2)] : 1;
  return { frames, loopTicks: frames.at(-1)!.offset + interval, packetCount: rtp.length };
}

/** Sequence gaps in a capture mean the capture socket dropped packets: the source is unusable. */
export function sequenceGaps(packets: readonly Buffer[]): number {
  let gaps = 0;
  let previous: number | undefined;
  for (const p of packets) {
    if (p.length <= 12 || isRtcp(p)) continue;
    const seq = p.readUInt16BE(2);
    if (previous !== undefined && seq !== ((previous + 1) & 0xffff)) gaps++;
    previous = seq;
  }
  return gaps;
}
