import type { ChildProcess } from 'node:child_process';

// Everything the benchmark starts (ffmpeg, the receiver, mediasoup workers) is listed here, so
// that it goes down with the benchmark however the benchmark ends: normal exit, an exception,
// Ctrl-C or SIGTERM.
const pids = new Set<number>();

export function trackChild(child: ChildProcess): ChildProcess {
  if (child.pid !== undefined) {
    const pid = child.pid;
    pids.add(pid);
    child.once('exit', () => pids.delete(pid));
  }
  return child;
}

export function trackPid(pid: number): void {
  pids.add(pid);
}

export function untrackPid(pid: number): void {
  pids.delete(pid);
}

export function killAllTracked(): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  pids.clear();
}

let installed = false;

/** Kills what is tracked on exit; on SIGINT/SIGTERM runs `beforeExit` first, then exits. */
export function killTrackedOnExit(beforeExit: () => Promise<void>): void {
  if (installed) return;
  installed = true;
  process.once('exit', killAllTracked);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping`);
      const hardStop = setTimeout(() => process.exit(130), 3000);
      hardStop.unref();
      void beforeExit().finally(() => process.exit(130));
    });
  }
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
