import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';

/** A holder that has not refreshed its lock for this long is gone, wherever it ran. */
const STALE_MS = 60_000;
const REFRESH_MS = 5_000;

interface Holder {
  pid: number;
  host: string;
}

/**
 * PGlite is an in-process database: two processes opening one data folder would corrupt it.
 * proper-lockfile takes the folder atomically (a lock folder made with mkdir) and keeps the lock
 * fresh while we hold it, which also covers holders we cannot see: another container or host on
 * a shared volume. Beside it, a pid file names the holder, so that a second server, or the CLI,
 * stops with a clear message, and a lock left by a crash on this machine is taken over at once
 * rather than after STALE_MS. (The pid file is not inside the lock folder: writing there would
 * change the folder's mtime, which proper-lockfile reads as the lock having been taken over.)
 */
export class DataDirLock {
  private readonly dir: string;
  private readonly lockDir: string;
  private readonly pidFile: string;
  private unlock?: () => void;

  constructor(dataDir: string) {
    this.dir = dataDir;
    this.lockDir = path.join(dataDir, 'pglite.lock');
    this.pidFile = path.join(dataDir, 'pglite.pid');
  }

  /** The pid of a live process holding the folder, if any; a lock left by a crash here does not count. */
  holder(): number | undefined {
    const holder = this.recordedHolder();
    if (!holder || (holder.host === hostname() && (holder.pid === process.pid || !isAlive(holder.pid)))) return undefined;
    return holder.pid;
  }

  acquire(): void {
    mkdirSync(this.dir, { recursive: true });
    this.dropLegacyLockFile();
    try {
      this.unlock = this.lock();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
      // Held and fresh. Ours to take only if its holder ran here and is dead (a crash); without a
      // pid file, another process is taking the lock right now.
      const holder = this.recordedHolder();
      if (!holder || this.holder() !== undefined) throw this.inUse(holder);
      rmSync(this.lockDir, { recursive: true, force: true });
      this.unlock = this.lock();
    }
    writeFileSync(this.pidFile, `${process.pid} ${hostname()}`);
  }

  release(): void {
    const unlock = this.unlock;
    this.unlock = undefined;
    if (!unlock) return;
    if (this.recordedHolder()?.pid === process.pid) rmSync(this.pidFile, { force: true });
    try {
      unlock();
    } catch {
      // Already gone (removed under us): nothing to release.
    }
  }

  private lock(): () => void {
    return lockfile.lockSync(this.dir, {
      lockfilePath: this.lockDir,
      realpath: false,
      stale: STALE_MS,
      update: REFRESH_MS,
      // Losing the lock (its folder removed under us, or the process stalled past STALE_MS) must
      // not bring a running server down; the default would throw from a timer.
      onCompromised: () => {},
    });
  }

  /** Earlier versions kept the holder's pid in a plain file where the lock folder now goes. */
  private dropLegacyLockFile(): void {
    if (!statSync(this.lockDir, { throwIfNoEntry: false })?.isFile()) return;
    const pid = Number(readFileSync(this.lockDir, 'utf8').trim());
    if (pid !== process.pid && isAlive(pid)) throw this.inUse({ pid, host: hostname() });
    rmSync(this.lockDir, { force: true });
  }

  private recordedHolder(): Holder | undefined {
    try {
      const [pid, host = hostname()] = readFileSync(this.pidFile, 'utf8').trim().split(' ');
      return Number.isInteger(Number(pid)) && Number(pid) > 0 ? { pid: Number(pid), host } : undefined;
    } catch {
      return undefined;
    }
  }

  private inUse(holder: Holder | undefined): Error {
    const who = !holder ? 'another process' : holder.host === hostname() ? `process ${holder.pid}` : `process ${holder.pid} on ${holder.host}`;
    return new Error(
      `the embedded database in ${this.dir} is in use by ${who}: stop it first, ` + 'or use another DATA_DIR (with the server running, manage API keys through the GraphQL API instead)',
    );
  }
}

/** Whether a process with this pid runs on this machine (EPERM: it does, under another user). */
function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
