import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * PGlite is an in-process database: two processes opening one data folder would corrupt it.
 * The lock file names the process that holds the folder, so a second server, or the CLI,
 * stops with a clear message instead.
 */
export class DataDirLock {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'pglite.lock');
  }

  /** The pid of a live process holding the folder, if any; a lock left by a crash does not count. */
  holder(): number | undefined {
    let pid: number;
    try {
      pid = Number(readFileSync(this.file, 'utf8').trim());
    } catch {
      return undefined;
    }
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return undefined;
    try {
      process.kill(pid, 0);
      return pid;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
    }
  }

  acquire(): void {
    const holder = this.holder();
    if (holder) {
      throw new Error(
        `the embedded database in ${path.dirname(this.file)} is in use by process ${holder}: stop it first, ` +
          'or use another DATA_DIR (with the server running, manage API keys through the GraphQL API instead)',
      );
    }
    mkdirSync(path.dirname(this.file), { recursive: true });
    writeFileSync(this.file, String(process.pid));
  }

  release(): void {
    try {
      if (readFileSync(this.file, 'utf8').trim() === String(process.pid)) rmSync(this.file);
    } catch {
      // Already gone: nothing to release.
    }
  }
}
