import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync } from 'node:fs';

// util-linux's setpriv (in every Debian) sets the parent-death signal, then execs the command in
// the same process: the child is killed when the server dies, however it dies. Without it a
// SIGKILLed server would leave its ffmpegs running (a recorder waiting on a port forever, a
// looping ingress sending to nobody).
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));

/**
 * Spawns a long-running helper (ffmpeg) that must not outlive this process. Signals sent to the
 * child reach the command itself (setpriv execs it), so stopping it works as with a plain spawn.
 */
export function spawnTied(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  if (!SETPRIV || process.platform !== 'linux') return spawn(command, args, options);
  return spawn(SETPRIV, ['--pdeathsig', 'KILL', '--', command, ...args], options);
}
