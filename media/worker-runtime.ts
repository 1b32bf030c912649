import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { types as mediasoupTypes } from 'mediasoup';
import { loadMediasoup } from './mediasoup-loader.js';

/**
 * Which libsrtp a worker process runs on.
 * - `openssl`: libsrtp 2.3.0 built on OpenSSL by `scripts/setup-media.sh libsrtp` into
 *   `.media/libsrtp-openssl` (what mediasoup's own build links; ~11 µs per forwarded SRTP packet).
 * - `system`: Debian's libsrtp2-1, which the Debian worker links by default. Its AES goes through
 *   NSS and costs about three times as much (~25 µs), so a worker serves ~1/3 of the consumers.
 */
export type SrtpLibrary = 'openssl' | 'system';

/** `auto` takes the OpenSSL build when it has been built, Debian's otherwise. */
export type SrtpPreference = SrtpLibrary | 'auto';

export interface MediasoupWorkerOptions {
  /** Default: the `MEDIASOUP_SRTP` environment variable (`auto` | `openssl` | `system`), else `auto`. */
  srtp?: SrtpPreference;
}

export interface MediasoupWorker {
  worker: mediasoupTypes.Worker;
  /** Read back from the running process (`/proc/<pid>/maps`), so it is what the worker really loaded. */
  srtpLibrary: SrtpLibrary;
  /** The libsrtp file the worker mapped; the worker binary itself when libsrtp is linked statically. */
  srtpLibraryPath: string;
  /** The worker binary in use (MEDIASOUP_WORKER_BIN, or the project's `.media/mediasoup-worker`). */
  workerBin: string;
}

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where `scripts/setup-media.sh libsrtp` puts `libsrtp2.so.1`. */
export const PROJECT_SRTP_DIR = path.join(projectRoot, '.media', 'libsrtp-openssl');

/** Whether the project's OpenSSL libsrtp has been built (the worker can be given it). */
export function projectSrtpAvailable(): boolean {
  return existsSync(path.join(PROJECT_SRTP_DIR, 'libsrtp2.so.1'));
}

/**
 * The one way this project starts a mediasoup worker process.
 *
 *   const { worker, srtpLibrary } = await createMediasoupWorker({ logLevel: 'warn', rtcMinPort, rtcMaxPort });
 *   log.info({ pid: worker.pid, srtpLibrary }, 'mediasoup worker started');
 *
 * `settings` go unchanged to mediasoup's `createWorker`. The worker gets the right binary (through
 * `loadMediasoup()`) and, unless told `srtp: 'system'` (or MEDIASOUP_SRTP=system), the project's
 * OpenSSL libsrtp. Only the worker's environment changes: `process.env` is restored before this
 * returns, so ffmpeg and every other child process keep the normal library path.
 * Throws when `srtp: 'openssl'` is asked for and the library has not been built.
 */
export async function createMediasoupWorker(settings: mediasoupTypes.WorkerSettings = {}, options: MediasoupWorkerOptions = {}): Promise<MediasoupWorker> {
  const wanted = resolveLibrary(options.srtp ?? parsePreference(process.env.MEDIASOUP_SRTP));
  const { mediasoup, workerBin } = await loadMediasoup();

  // mediasoup 3.8.4 copies process.env into the worker inside the synchronous part of
  // createWorker (the spawn happens before its first await), so the variable only needs to be
  // in place for this one call; nothing else can run in between.
  const restore = setLibraryPath(libraryPathFor(wanted, process.env.LD_LIBRARY_PATH));
  let starting: Promise<mediasoupTypes.Worker>;
  try {
    starting = mediasoup.createWorker(settings);
  } finally {
    restore();
  }
  const worker = await starting;

  const loaded = loadedSrtp(worker.pid, workerBin);
  return {
    worker,
    srtpLibrary: loaded?.library ?? wanted,
    srtpLibraryPath: loaded?.file ?? (wanted === 'openssl' ? path.join(PROJECT_SRTP_DIR, 'libsrtp2.so.1') : 'libsrtp2.so.1'),
    workerBin,
  };
}

function parsePreference(value: string | undefined): SrtpPreference {
  if (value === undefined || value === '') return 'auto';
  if (value === 'auto' || value === 'openssl' || value === 'system') return value;
  throw new Error(`MEDIASOUP_SRTP must be "auto", "openssl" or "system" (got "${value}")`);
}

function resolveLibrary(preference: SrtpPreference): SrtpLibrary {
  if (preference === 'system') return 'system';
  if (projectSrtpAvailable()) return 'openssl';
  if (preference === 'openssl') {
    throw new Error(`libsrtp on OpenSSL was asked for but ${PROJECT_SRTP_DIR}/libsrtp2.so.1 does not exist: run "scripts/setup-media.sh libsrtp"`);
  }
  return 'system';
}

/**
 * The project folder goes first for `openssl` and is removed for `system`, so that a user's own
 * LD_LIBRARY_PATH pointing at it cannot make `system` a lie. Empty entries are dropped because
 * the loader reads them as the current directory.
 */
function libraryPathFor(library: SrtpLibrary, current: string | undefined): string | undefined {
  const others = (current ?? '').split(':').filter((entry) => entry !== '' && path.resolve(entry) !== PROJECT_SRTP_DIR);
  const entries = library === 'openssl' ? [PROJECT_SRTP_DIR, ...others] : others;
  return entries.length > 0 ? entries.join(':') : undefined;
}

function setLibraryPath(value: string | undefined): () => void {
  const had = Object.prototype.hasOwnProperty.call(process.env, 'LD_LIBRARY_PATH');
  const previous = process.env.LD_LIBRARY_PATH;
  if (value === undefined) delete process.env.LD_LIBRARY_PATH;
  else process.env.LD_LIBRARY_PATH = value;
  return () => {
    if (had) process.env.LD_LIBRARY_PATH = previous;
    else delete process.env.LD_LIBRARY_PATH;
  };
}

/**
 * libsrtp is a DT_NEEDED library of the worker, so it is mapped before the worker's main() runs
 * and therefore before createWorker resolves. A worker without a libsrtp mapping carries it
 * statically, which only mediasoup's own build does, and that build uses OpenSSL.
 * Undefined where /proc cannot be read (not Linux).
 */
export function loadedSrtp(pid: number, workerBin: string): { library: SrtpLibrary; file: string } | undefined {
  let maps: string;
  try {
    maps = readFileSync(`/proc/${pid}/maps`, 'utf8');
  } catch {
    return undefined;
  }
  const file = mappedFiles(maps).find((f) => /\/libsrtp2\.so(\.|$)/.test(f));
  if (file === undefined) return { library: 'openssl', file: workerBin };
  const projectDir = existsSync(PROJECT_SRTP_DIR) ? realpathSync(PROJECT_SRTP_DIR) : PROJECT_SRTP_DIR;
  return { library: file.startsWith(projectDir + path.sep) ? 'openssl' : 'system', file };
}

function mappedFiles(maps: string): string[] {
  // address perms offset dev inode path; the path may contain spaces, so take the rest of the line
  return maps
    .split('\n')
    .map((line) => line.match(/^\S+\s+\S+\s+\S+\s+\S+\s+\d+\s+(\/.*)$/)?.[1])
    .filter((f): f is string => f !== undefined);
}
