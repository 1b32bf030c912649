import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../test/helpers/free-port.js';
import { tail } from '../subscriptions/server-process.js';

// The server as an operator runs it (`node --import tsx server/app/main.ts`), in a process of its
// own, on a fresh data folder, for the soak and the load tool's --serve.

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface SoakServer {
  url: string;
  apiKey: string;
  pid: number;
  dataDir: string;
  logFile: string;
  child: ChildProcess;
  exited(): string | undefined;
  /** Stops it (SIGTERM, then SIGKILL after 20 s) and removes its data folder, log included (kept if it had exited). */
  stop(): Promise<void>;
}

export async function startServerProcess(opts: { databaseUrl?: string; env?: Record<string, string>; logFile?: string }): Promise<SoakServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vr-soak-'));
  const port = await freePort();
  const apiKey = `soak-${randomBytes(12).toString('hex')}`;
  const logFile = opts.logFile ?? path.join(dataDir, 'server.log');
  const out = openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/app/main.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      API_KEY: apiKey,
      LOG_LEVEL: 'warn',
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      // The load comes from one address with one key: limits would refuse it, not the server.
      RATE_LIMIT_API_KEY: 'off',
      RATE_LIMIT_CLIENT_TOKEN: 'off',
      RATE_LIMIT_JOINS: 'off',
      RATE_LIMIT_ANONYMOUS: 'off',
      EMPTY_ROOM_GRACE_MS: '2000',
      ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
      ...opts.env,
    },
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `exited (${code ?? signal})`));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited) throw new Error(`server ${exited} before it was ready:\n${tail(logFile)}`);
    const ok = await fetch(`${url}/healthz/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready within 90 s:\n${tail(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    apiKey,
    pid: child.pid!,
    dataDir,
    logFile,
    child,
    exited: () => exited,
    stop: async () => {
      // A server that ended by itself keeps its folder, for its log.
      if (exited) return void console.error(`the server ${exited}: its data folder and log are in ${dataDir}`);
      await new Promise<void>((resolve) => {
        const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The publishers' input: ffmpeg's test pattern and a tone, VP8 and opus in WebM, small (320x180,
 * 200 kbit/s, a key frame a second) so that an ingress copies it without transcoding.
 */
export function makeTestPattern(file: string, seconds = 20): string {
  execFileSync('ffmpeg', [
    ...['-nostdin', '-loglevel', 'error'],
    ...['-f', 'lavfi', '-i', `testsrc2=size=320x180:rate=15:duration=${seconds}`],
    ...['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`],
    ...['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '200k', '-g', '15'],
    ...['-c:a', 'libopus', '-b:a', '32k'],
    ...['-y', file],
  ]);
  return file;
}
