import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

type Mediasoup = typeof import('mediasoup');

export interface MediasoupRuntime {
  mediasoup: Mediasoup;
  /** Absolute path of the worker binary in use. */
  workerBin: string;
}

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where the set-up script puts the worker binary (an ignored folder of the project). */
export const PROJECT_WORKER_BIN = path.join(projectRoot, '.media', 'mediasoup-worker');

let loaded: Promise<MediasoupRuntime> | undefined;

/**
 * mediasoup 3.8.4 reads MEDIASOUP_WORKER_BIN once, when its module is first evaluated, so the
 * variable must be in place before the import: that is why mediasoup is only ever imported here,
 * dynamically, and never with a static import anywhere else in the project.
 */
export function loadMediasoup(): Promise<MediasoupRuntime> {
  loaded ??= (async () => {
    const workerBin = process.env.MEDIASOUP_WORKER_BIN || PROJECT_WORKER_BIN;
    if (!existsSync(workerBin)) {
      throw new Error(`mediasoup worker binary not found at ${workerBin}: run "bash scripts/setup.sh" or set MEDIASOUP_WORKER_BIN`);
    }
    process.env.MEDIASOUP_WORKER_BIN = workerBin;
    const mediasoup = (await import('mediasoup')) as Mediasoup & { default?: Mediasoup };
    return { mediasoup: mediasoup.default ?? mediasoup, workerBin };
  })();
  return loaded;
}
