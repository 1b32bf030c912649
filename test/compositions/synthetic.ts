import { execFile } from 'node:child_process';
import { copyFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../../db/types.js';
import type { MediaStorage } from '../../server/storage/local-storage.js';

// Recordings made with Debian's ffmpeg, shaped as the recorder leaves them: one file per
// participant per track (VP8 or H.264 video in WebM or Matroska, Opus audio in WebM).

const run = promisify(execFile);

async function ffmpeg(args: string[]): Promise<void> {
  await run('ffmpeg', ['-nostdin', '-hide_banner', '-loglevel', 'error', '-y', ...args]);
}

export interface VideoSpec {
  /** An ffmpeg colour (`red`, `0x00ff00`) for a solid picture, or `testsrc` for a moving pattern. */
  color: string;
  width: number;
  height: number;
  secs: number;
  fps?: number;
  codec?: 'vp8' | 'h264';
}

export async function makeVideo(file: string, v: VideoSpec): Promise<void> {
  const fps = v.fps ?? 15;
  const src = v.color === 'testsrc' ? `testsrc2=s=${v.width}x${v.height}:r=${fps}:d=${v.secs}` : `color=c=${v.color}:s=${v.width}x${v.height}:r=${fps}:d=${v.secs}`;
  const codec =
    v.codec === 'h264'
      ? ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-f', 'matroska']
      : ['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '300k', '-f', 'webm'];
  await ffmpeg(['-f', 'lavfi', '-i', src, ...codec, file]);
}

export async function makeAudio(file: string, a: { freq: number; secs: number }): Promise<void> {
  await ffmpeg(['-f', 'lavfi', '-i', `sine=frequency=${a.freq}:sample_rate=48000:duration=${a.secs}`, '-ac', '2', '-c:a', 'libopus', '-b:a', '48k', '-f', 'webm', file]);
}

export interface SeedParticipant {
  /** Seconds after the session's start when this participant's recordings begin. */
  start: number;
  /** A prepared video file and its length, or none. */
  video?: { file: string; secs: number; codec?: string };
  audio?: { file: string; secs: number };
}

export interface SeededSession {
  sessionId: string;
  /** When the session's recordings begin (the composition's time zero, if a participant starts at 0). */
  startedAt: Date;
  participants: { id: string; videoId?: string; audioId?: string }[];
}

/**
 * An ended session of `roomId` with completed recordings whose files are copies of the given
 * ones, stored where the server keeps recordings.
 */
export async function seedSession(db: Kysely<Database>, storage: MediaStorage, roomId: string, participants: readonly SeedParticipant[]): Promise<SeededSession> {
  const sessionId = uuidv7();
  const startedAt = new Date(Date.now() - 120_000);
  const at = (secs: number) => new Date(startedAt.getTime() + Math.round(secs * 1000));
  const end = Math.max(...participants.flatMap((p) => [p.start + (p.video?.secs ?? 0), p.start + (p.audio?.secs ?? 0)]));
  await db
    .insertInto('room_sessions')
    .values({ id: sessionId, room_id: roomId, active: false, created_at: startedAt, updated_at: at(end + 1), ended_at: at(end + 1), ended_reason: 'empty' })
    .execute();
  const out: SeededSession['participants'] = [];
  for (const p of participants) {
    const id = uuidv7();
    await db
      .insertInto('participants')
      .values({ id, session_id: sessionId, room_id: roomId, context: null, joined_at: at(p.start), left_at: at(end), left_reason: 'left', updated_at: at(end) })
      .execute();
    const entry: SeededSession['participants'][number] = { id };
    for (const [type, track] of [
      ['video', p.video],
      ['audio', p.audio],
    ] as const) {
      if (!track) continue;
      const recId = uuidv7();
      const ext = track.file.endsWith('.mkv') ? 'mkv' : 'webm';
      const key = `recordings/${roomId}/${sessionId}/${recId}.${ext}`;
      await copyFile(track.file, storage.pathForWrite(key));
      await db
        .insertInto('recordings')
        .values({
          id: recId,
          room_id: roomId,
          session_id: sessionId,
          participant_id: id,
          type,
          stream_key: 'self',
          status: 'completed',
          codec: type === 'audio' ? 'opus' : ((track as { codec?: string }).codec ?? 'vp8'),
          duration_secs: Math.round(track.secs),
          size_bytes: (await storage.size(key)) ?? null,
          storage_key: key,
          started_at: at(p.start),
          ended_at: at(p.start + track.secs),
          completed_at: at(end + 1),
          created_at: at(p.start),
          updated_at: at(end + 1),
        })
        .execute();
      if (type === 'video') entry.videoId = recId;
      else entry.audioId = recId;
    }
    out.push(entry);
  }
  return { sessionId, startedAt, participants: out };
}

/** What ffprobe says of a composed file. */
export async function probe(file: string): Promise<{ duration: number; streams: { codec_type: string; codec_name: string; width?: number; height?: number }[] }> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'format=duration:stream=codec_type,codec_name,width,height', '-of', 'json', file]);
  const json = JSON.parse(stdout) as { format: { duration: string }; streams: { codec_type: string; codec_name: string; width?: number; height?: number }[] };
  return { duration: Number(json.format.duration), streams: json.streams };
}

/** One video frame at `secs` as RGB24 bytes. */
export async function frameAt(file: string, secs: number, width: number, height: number): Promise<Buffer> {
  const { stdout } = await run('ffmpeg', ['-nostdin', '-loglevel', 'error', '-ss', String(secs), '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], {
    encoding: 'buffer',
    maxBuffer: width * height * 3 + 1024,
  });
  if (stdout.length !== width * height * 3) throw new Error(`expected a ${width}x${height} frame, got ${stdout.length} bytes`);
  return stdout;
}

/** Mean [r, g, b] of a rectangle of an RGB24 frame (a margin of 4 px kept off its edges). */
export function meanColor(frame: Buffer, frameWidth: number, rect: { x: number; y: number; width: number; height: number }): [number, number, number] {
  const sum = [0, 0, 0];
  let n = 0;
  for (let y = rect.y + 4; y < rect.y + rect.height - 4; y += 2) {
    for (let x = rect.x + 4; x < rect.x + rect.width - 4; x += 2) {
      const i = (y * frameWidth + x) * 3;
      sum[0] += frame[i]!;
      sum[1] += frame[i + 1]!;
      sum[2] += frame[i + 2]!;
      n++;
    }
  }
  return sum.map((s) => Math.round(s / n)) as [number, number, number];
}

/** The name of the colour a mean is closest to: black, red, green, blue or other. */
export function colorName([r, g, b]: [number, number, number]): string {
  if (r < 40 && g < 40 && b < 40) return 'black';
  if (r > 150 && g < 60 && b < 60) return 'red';
  if (g > 100 && r < 60 && b < 60) return 'green';
  if (b > 150 && r < 60 && g < 60) return 'blue';
  return `other(${r},${g},${b})`;
}
