import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { spawnTied } from '../../media/index.js';

export interface FfmpegRun {
  /** Resolves when ffmpeg exits: ok, or why not (`killed` when we stopped it). */
  done: Promise<{ ok: true } | { ok: false; killed: boolean; reason: string }>;
  /** Stops ffmpeg at once (SIGKILL: nothing is finalized, the caller removes the file). */
  kill(): void;
  pid: number | undefined;
}

const STDERR_KEEP = 4000;

/**
 * Runs one ffmpeg command that was given `-progress pipe:1`: calls `onProgress` with the seconds
 * of output written, as ffmpeg reports them (every -stats_period).
 */
export function runFfmpeg(command: string, args: readonly string[], onProgress: (outSecs: number) => void): FfmpegRun {
  let killed = false;
  let stderr = '';
  const child: ChildProcess = spawnTied(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_KEEP);
  });
  // -progress prints key=value lines in blocks; out_time_us is the output written so far
  // (out_time_ms is, despite its name, also microseconds).
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const m = /^out_time_us=(\d+)$/.exec(line.trim());
    if (m) onProgress(Number(m[1]) / 1e6);
  });
  const done = new Promise<Awaited<FfmpegRun['done']>>((resolve) => {
    child.once('error', (err) => resolve({ ok: false, killed, reason: `could not start ${command}: ${err.message}` }));
    child.once('close', (code, signal) => {
      if (code === 0 && !killed) return resolve({ ok: true });
      const last = stderr.trim().split('\n').slice(-6).join('\n');
      resolve({ ok: false, killed, reason: `ffmpeg ${signal ? `was stopped by ${signal}` : `exited with code ${code}`}${last ? `: ${last}` : ''}` });
    });
  });
  return {
    done,
    pid: child.pid,
    kill: () => {
      killed = true;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** Runs a short command to its end and returns its standard output. */
function capture(command: string, args: readonly string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs, killSignal: 'SIGKILL' });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err = (err + c).slice(-STDERR_KEEP)));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} exited with code ${code}: ${err.trim()}`))));
  });
}

/** Duration in seconds of a media file, as ffprobe reads its container (undefined if unknown). */
export async function probeDuration(file: string, ffprobePath = 'ffprobe'): Promise<number | undefined> {
  const out = await capture(ffprobePath, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'json', file], 30_000);
  const duration = Number((JSON.parse(out) as { format?: { duration?: string } }).format?.duration);
  return Number.isFinite(duration) ? duration : undefined;
}
