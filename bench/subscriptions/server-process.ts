import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { trackChild } from '../fanout/child-processes.js';

const GC_PRELOAD = fileURLToPath(new URL('./gc-on-signal.ts', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  /** Its stdout and stderr, for when it fails. */
  logFile: string;
  stop(): Promise<void>;
}

/**
 * Starts `node --expose-gc --import tsx <args>` (SIGUSR2: a full GC, see gc-on-signal.ts) pinned to one core with `taskset -c <core>` (taskset execs node: the pid
 * is node's), its output into `logFile`, and waits until `readyUrl` answers 200.
 */
export async function startPinned(opts: {
  core: number;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  logFile: string;
  readyUrl: string;
  headers?: Record<string, string>;
}): Promise<ServerProcess> {
  const out = openSync(opts.logFile, 'a');
  // BENCH_CPU_PROF_DIR: each server writes a V8 CPU profile there when it stops, to see where its time goes.
  const profile = process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`] : [];
  const child = trackChild(
    spawn('taskset', ['-c', String(opts.core), process.execPath, '--expose-gc', ...profile, '--import', 'tsx', '--import', GC_PRELOAD, ...opts.args], {
      cwd: opts.cwd,
      env: opts.env,
      stdio: ['ignore', out, out],
    }),
  );
  closeSync(out);
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `exited (${code ?? signal})`));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`server ${exited} before it was ready:\n${tail(opts.logFile)}`);
    try {
      const res = await fetch(opts.readyUrl, { headers: opts.headers });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server not ready within 60 s:\n${tail(opts.logFile)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    child,
    pid: child.pid!,
    logFile: opts.logFile,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        // Writing a CPU profile takes a while: it is lost if the server is killed first.
        const kill = setTimeout(() => child.kill('SIGKILL'), profile.length ? 60_000 : 5000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

export function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
