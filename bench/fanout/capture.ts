import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decodeDatagrams, encodeDatagrams, framesOf, sequenceGaps, type FrameLoop } from './capture-file.js';
import { trackChild } from './child-processes.js';
import type { StreamSpec } from './streams.js';

export interface CapturedStream extends FrameLoop {
  file: string;
  reused: boolean;
  averagePacketBytes: number;
  /** Packets per second of the source at real time. */
  packetsPerSecond: number;
}

/**
 * The source is encoded once by Debian's ffmpeg and kept in .cache/, so no encoder competes with
 * the worker for the two cores during a measurement (the baseline does the same).
 */
export async function ensureCapture(stream: StreamSpec, cacheDir: string): Promise<CapturedStream> {
  mkdirSync(cacheDir, { recursive: true });
  const file = path.join(cacheDir, stream.captureFile);
  const reused = existsSync(file);
  if (!reused) await capture(stream, file);
  const packets = decodeDatagrams(readFileSync(file));
  const loop = framesOf(packets);
  const bytes = loop.frames.reduce((sum, f) => sum + f.packets.reduce((s, p) => s + p.length, 0), 0);
  return {
    ...loop,
    file,
    reused,
    averagePacketBytes: bytes / loop.packetCount,
    packetsPerSecond: (loop.packetCount * stream.clockRate) / loop.loopTicks,
  };
}

async function capture(stream: StreamSpec, file: string): Promise<void> {
  const rtp = dgram.createSocket({ type: 'udp4', recvBufferSize: 4 << 20 });
  // ffmpeg sends RTCP too; give it a socket of its own so it meets no ICMP errors.
  const rtcp = dgram.createSocket('udp4');
  const packets: Buffer[] = [];
  rtp.on('message', (m) => packets.push(Buffer.from(m)));
  rtcp.on('message', () => {});
  await Promise.all([bind(rtp), bind(rtcp)]);
  const target = `rtp://127.0.0.1:${rtp.address().port}?rtcpport=${rtcp.address().port}`;

  try {
    await runFfmpeg(stream.ffmpegArgs(target));
    await new Promise((resolve) => setTimeout(resolve, 200)); // the last datagrams are in flight
  } finally {
    rtp.close();
    rtcp.close();
  }

  const gaps = sequenceGaps(packets);
  if (packets.length === 0 || gaps > 0) {
    throw new Error(`${stream.kind} capture is unusable: ${packets.length} packets, ${gaps} sequence gaps`);
  }
  const partial = `${file}.partial`;
  writeFileSync(partial, encodeDatagrams(packets));
  renameSync(partial, file);
}

function bind(socket: dgram.Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve());
  });
}

function runFfmpeg(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = trackChild(
      spawn('ffmpeg', ['-nostdin', '-hide_banner', '-loglevel', 'error', ...args], {
        stdio: ['ignore', 'ignore', 'pipe'],
      }),
    );
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', (e) => reject(new Error(`cannot run ffmpeg (${e.message}): apt-get install ffmpeg`)));
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited with ${code}: ${stderr.trim()}`))));
  });
}
