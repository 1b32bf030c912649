import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { types as ms } from 'mediasoup';
import type { MediaConfig } from './config.js';
import { MediaError } from './errors.js';
import { createMediasoupWorker, type SrtpLibrary } from './worker-runtime.js';
import { WorkerLoad, type MediaObjectCounts, type WorkerDump } from './worker-load.js';

export interface WorkerPoolEvents {
  /** A worker process exited on its own; its routers are gone. A replacement is being spawned. */
  workerDied: [event: { pid: number; error: Error }];
  workerReplaced: [event: { deadPid: number; pid: number }];
  /** Every attempt to replace a dead worker failed: the pool runs with one worker fewer. */
  workerReplaceFailed: [event: { deadPid: number; error: Error }];
}

export interface WorkerInfo {
  pid: number;
  load: number;
  /** The libsrtp the process really loaded: `system` costs about three times more CPU per packet. */
  srtpLibrary: SrtpLibrary;
  /** The media objects it hosts, by kind (recorders' PlainTransports and consumers included). */
  objects: MediaObjectCounts;
}

/** What the kernel says a worker process used (getrusage), for the metrics. */
export interface WorkerUsage {
  pid: number;
  /** User plus system CPU time since the process started. */
  cpuSeconds: number;
  /** Resident memory now (Linux /proc); undefined where that cannot be read. */
  rssBytes?: number;
}

// Not getrusage's ru_maxrss: Linux keeps it across execve, so a worker spawned by a large Node
// process reports the parent's peak (hundreds of MB for a worker using a dozen).
async function residentBytes(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kib = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kib === undefined ? undefined : Number(kib) * 1024;
  } catch {
    return undefined;
  }
}

interface LiveWorker {
  load: WorkerLoad;
  srtpLibrary: SrtpLibrary;
}

const replaceAttempts = 3;
const replaceRetryDelayMs = 1000;
const exitPollMs = 20;
const exitTimeoutMs = 5000;

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A fixed number of mediasoup workers, kept at that number when one dies. */
export class WorkerPool extends EventEmitter<WorkerPoolEvents> {
  readonly #config: MediaConfig;
  readonly #live = new Map<ms.Worker, LiveWorker>();
  readonly #replacements = new Set<Promise<void>>();
  #closed = false;

  private constructor(config: MediaConfig) {
    super();
    this.#config = config;
  }

  /** Spawns `config.numWorkers` workers; fails (and leaves none running) if any cannot start. */
  static async start(config: MediaConfig): Promise<WorkerPool> {
    const pool = new WorkerPool(config);
    const results = await Promise.allSettled(Array.from({ length: config.numWorkers }, () => pool.#spawn()));
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) {
      await pool.close();
      throw new MediaError('NO_WORKER', `could not start a mediasoup worker: ${String(failure.reason)}`, undefined, {
        cause: failure.reason,
      });
    }
    return pool;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** The live workers, in no particular order. */
  workers(): WorkerInfo[] {
    return [...this.#live].map(([worker, { load, srtpLibrary }]) => ({ pid: worker.pid, load: load.value, srtpLibrary, objects: load.objects }));
  }

  /**
   * CPU and memory of each live worker. A worker that does not answer within `timeoutMs` is left
   * out rather than holding up the caller (a metrics scrape).
   */
  async resourceUsage(timeoutMs = 1000): Promise<WorkerUsage[]> {
    const usages = await Promise.all(
      this.#liveWorkers().map(async (worker): Promise<WorkerUsage | undefined> => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)));
        try {
          const usage = await Promise.race([worker.getResourceUsage(), timeout]);
          if (!usage) return undefined;
          // mediasoup reports CPU times in ms.
          return { pid: worker.pid, cpuSeconds: (usage.ru_utime + usage.ru_stime) / 1000, rssBytes: await residentBytes(worker.pid) };
        } catch {
          return undefined;
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    return usages.filter((u): u is WorkerUsage => u !== undefined);
  }

  /**
   * The live worker hosting the fewest media objects. When every worker is dead it waits for the
   * replacements under way rather than failing, so a room lost with its worker can be rebuilt.
   */
  async leastLoaded(): Promise<ms.Worker> {
    while (!this.#closed && this.#liveWorkers().length === 0 && this.#replacements.size > 0) {
      await Promise.race(this.#replacements);
    }
    if (this.#closed) throw new MediaError('NO_WORKER', 'the media worker pool is closed');
    let best: ms.Worker | undefined;
    let bestLoad = Infinity;
    for (const worker of this.#liveWorkers()) {
      const load = this.#live.get(worker)?.load.value ?? Infinity;
      if (load < bestLoad) {
        best = worker;
        bestLoad = load;
      }
    }
    if (!best) throw new MediaError('NO_WORKER', 'no live media worker');
    return best;
  }

  /**
   * The live workers other than `excludePid`, each with the consumers it hosts (every room's):
   * where a big room can spread its subscribers.
   */
  othersThan(excludePid: number): Array<{ worker: ms.Worker; consumers: number }> {
    return this.#liveWorkers()
      .filter((worker) => worker.pid !== excludePid)
      .map((worker) => ({ worker, consumers: this.#live.get(worker)?.load.objects.consumers ?? 0 }));
  }

  /** The ids of the routers each live worker really hosts, read from the workers (dump). */
  async routerIds(): Promise<Array<{ pid: number; routerIds: string[] }>> {
    return Promise.all(
      this.#liveWorkers().map(async (worker) => {
        const dump = (await worker.dump()) as { routerIds?: string[] };
        return { pid: worker.pid, routerIds: dump.routerIds ?? [] };
      }),
    );
  }

  /**
   * The media objects each live worker process really holds, read from the worker itself
   * (`worker.dump()` for its routers, `router.dump()` for their transports, producers and
   * consumers), not from this side's bookkeeping: what a leak in the worker would show. A router
   * the worker holds but this side closed counts as a router only (its contents cannot be asked).
   */
  async dumpObjects(): Promise<WorkerDump[]> {
    return Promise.all(
      this.#liveWorkers().map(async (worker) => {
        const dump = (await worker.dump()) as { routerIds?: string[] };
        const routerIds = new Set(dump.routerIds ?? []);
        const objects: MediaObjectCounts = { routers: routerIds.size, transports: 0, producers: 0, consumers: 0 };
        const routers = [...(this.#live.get(worker)?.load.routers ?? [])].filter((r) => routerIds.has(r.id) && !r.closed);
        for (const router of routers) {
          const r = (await router.dump().catch(() => ({}))) as { transportIds?: string[]; mapProducerIdConsumerIds?: object; mapConsumerIdProducerId?: object };
          objects.transports += r.transportIds?.length ?? 0;
          objects.producers += Object.keys(r.mapProducerIdConsumerIds ?? {}).length;
          objects.consumers += Object.keys(r.mapConsumerIdProducerId ?? {}).length;
        }
        return { pid: worker.pid, ...objects };
      }),
    );
  }

  /** Stops every worker and resolves once their processes have exited. */
  async close(): Promise<void> {
    this.#closed = true;
    const pids = [...this.#live.keys()].map((worker) => {
      worker.close();
      return worker.pid;
    });
    this.#live.clear();
    await Promise.all([...this.#replacements]);
    const deadline = Date.now() + exitTimeoutMs;
    while (pids.some(processExists) && Date.now() < deadline) await sleep(exitPollMs);
  }

  // A worker that died is already closed, but its 'died' event may not have reached us yet.
  #liveWorkers(): ms.Worker[] {
    return [...this.#live.keys()].filter((worker) => !worker.closed);
  }

  async #spawn(): Promise<ms.Worker> {
    const { logLevel, rtcMinPort, rtcMaxPort } = this.#config;
    const { worker, srtpLibrary } = await createMediasoupWorker({ logLevel, rtcMinPort, rtcMaxPort });
    if (this.#closed) {
      worker.close();
      throw new MediaError('NO_WORKER', 'the media worker pool was closed while a worker started');
    }
    this.#live.set(worker, { load: new WorkerLoad(worker), srtpLibrary });
    worker.once('died', (error: Error) => this.#onDied(worker, error));
    return worker;
  }

  #onDied(worker: ms.Worker, error: Error): void {
    this.#live.delete(worker);
    if (this.#closed) return;
    this.emit('workerDied', { pid: worker.pid, error });
    const replacement = this.#replace(worker.pid).finally(() => this.#replacements.delete(replacement));
    this.#replacements.add(replacement);
  }

  async #replace(deadPid: number): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const worker = await this.#spawn();
        this.emit('workerReplaced', { deadPid, pid: worker.pid });
        return;
      } catch (error) {
        if (this.#closed) return;
        if (attempt >= replaceAttempts) {
          this.emit('workerReplaceFailed', { deadPid, error: error instanceof Error ? error : new Error(String(error)) });
          return;
        }
        await sleep(replaceRetryDelayMs * attempt);
      }
    }
  }
}
