import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';

const run = promisify(execFile);

/** The Debian cluster's binaries: initdb and pg_ctl are not on root's PATH there. */
async function binDir(): Promise<string> {
  const { stdout } = await run('pg_config', ['--bindir']);
  return stdout.trim();
}

/**
 * A Postgres server of a test's own, on a free port, that the test may stop and start again (the
 * machine's shared one serves the other suites). Postgres will not run as root: its files and
 * process belong to the `postgres` user, as the Debian package sets up.
 */
export class PrivatePostgres {
  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  static async start(): Promise<PrivatePostgres> {
    const bin = await binDir();
    const dir = mkdtempSync(path.join(tmpdir(), 'vr-pg-'));
    const { stdout } = await run('id', ['-u', 'postgres']);
    const uid = Number(stdout.trim());
    chownSync(dir, uid, uid);
    const pg = new PrivatePostgres(bin, dir, await freePort());
    await pg.as(path.join(bin, 'initdb'), ['-D', pg.data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    await pg.startServer();
    return pg;
  }

  private get data(): string {
    return path.join(this.dir, 'data');
  }

  private as(cmd: string, args: string[]) {
    return run('runuser', ['-u', 'postgres', '--', cmd, ...args], { cwd: this.dir });
  }

  /** Starts the server and waits until it accepts connections. */
  async startServer(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    await this.as(path.join(this.bin, 'pg_ctl'), ['-D', this.data, '-o', options, '-l', path.join(this.dir, 'log'), '-w', 'start']);
  }

  /** Stops the server as an operator's restart does: connections are closed, transactions rolled back. */
  async stopServer(): Promise<void> {
    await this.as(path.join(this.bin, 'pg_ctl'), ['-D', this.data, '-m', 'fast', '-w', 'stop']);
  }

  async destroy(): Promise<void> {
    await this.stopServer().catch(() => {});
    rmSync(this.dir, { recursive: true, force: true });
  }
}
