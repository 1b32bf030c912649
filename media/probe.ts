import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ProbedStream {
  kind: 'audio' | 'video' | 'other';
  codec: string;
  width?: number;
  height?: number;
}

export interface ProbeResult {
  /** Container duration in seconds; for a file cut short (no index) the last packet's time. */
  durationSecs: number;
  streams: ProbedStream[];
}

/** What a media file holds, read with Debian's ffprobe; undefined when it holds nothing readable. */
export async function probeMediaFile(file: string): Promise<ProbeResult | undefined> {
  let out: string;
  try {
    ({ stdout: out } = await run('ffprobe', ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', file], { maxBuffer: 4 << 20 }));
  } catch {
    return undefined;
  }
  const info = JSON.parse(out) as { format?: { duration?: string }; streams?: Array<Record<string, any>> };
  const streams: ProbedStream[] = (info.streams ?? []).map((s) => ({
    kind: s.codec_type === 'audio' || s.codec_type === 'video' ? s.codec_type : 'other',
    codec: String(s.codec_name ?? 'unknown'),
    width: s.width,
    height: s.height,
  }));
  if (!streams.length) return undefined;
  let duration = Number(info.format?.duration);
  if (!Number.isFinite(duration) || duration <= 0) duration = await lastPacketTime(file);
  return { durationSecs: duration, streams };
}

/** A recording whose writer died has no duration in its header: read it from the last packet. */
async function lastPacketTime(file: string): Promise<number> {
  try {
    const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', file], { maxBuffer: 64 << 20 });
    const times = stdout
      .split('\n')
      .map(Number)
      .filter((t) => Number.isFinite(t));
    return times.length ? Math.max(...times) - Math.min(...times) : 0;
  } catch {
    return 0;
  }
}
