import { Worker } from 'node:worker_threads';

export type ThreadRequest = { type: 'query'; id: number; sql: string; params: readonly unknown[] } | { type: 'close' };

export type ThreadReply = { type: 'ready' } | { type: 'result'; id: number; rows: Record<string, unknown>[]; affectedRows?: number } | { type: 'error'; id: number; error: WireError };

/** A database error as it crosses the thread: its message and its string fields (code, constraint, detail…). */
export type WireError = { message: string } & Record<string, string>;

export interface ThreadResult {
  rows: Record<string, unknown>[];
  affectedRows?: number;
}

interface Pending {
  resolve(result: ThreadResult): void;
  reject(err: Error): void;
}

// The worker is a TypeScript source like the rest of the project, so its thread registers tsx's
// hooks before importing it. `execArgv: ['--import', 'tsx']` is not enough on Node 20: the worker's
// entry module is loaded before those hooks apply. tsx is resolved here, not by name in the
// thread, so that it does not depend on the process's working folder.
const TSX_API = import.meta.resolve('tsx/esm/api');
const WORKER = new URL('./pglite-worker.ts', import.meta.url).href;
const BOOTSTRAP = `import(${JSON.stringify(TSX_API)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER)}); })`;

/**
 * The main thread's side of an embedded PGlite running in a worker thread (pglite-worker.ts).
 * Queries are messages answered by id; the thread runs them one after another in arrival order.
 * When the thread dies every waiting and later query fails with the reason instead of hanging.
 */
export class PGliteThread {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure?: Error;
  private closing?: Promise<void>;

  private constructor(
    /** Exposed so that tests can kill the thread the way a crash would. */
    readonly worker: Worker,
    private readonly onDeath: (err: Error) => void,
  ) {
    worker.on('message', (reply: ThreadReply) => this.settle(reply));
    worker.on('error', (err) => this.die(new Error(`the embedded database thread failed: ${err.message}`, { cause: err })));
    worker.on('exit', (code) => this.die(new Error(`the embedded database thread stopped (exit code ${code})`)));
    // Like PGlite in this thread, an idle database does not keep the process alive (a script that
    // forgets to close it still ends); a query on its way does.
    worker.unref();
  }

  /** Starts the thread and opens the database in `dir`; rejects with PGlite's reason if it cannot. */
  static async start(dir: string, onDeath: (err: Error) => void = () => {}): Promise<PGliteThread> {
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { dir } });
    await new Promise<void>((resolve, reject) => {
      const stopListening = () => {
        worker.off('message', ready).off('error', fail).off('exit', exited);
      };
      const fail = (err: Error) => {
        stopListening();
        reject(new Error(`the embedded database in ${dir} could not be opened: ${err.message}`, { cause: err }));
      };
      const exited = (code: number) => fail(new Error(`its thread stopped (exit code ${code})`));
      const ready = (reply: ThreadReply) => {
        if (reply.type !== 'ready') return;
        stopListening();
        resolve();
      };
      worker.on('message', ready).on('error', fail).on('exit', exited);
    });
    return new PGliteThread(worker, onDeath);
  }

  query(sql: string, params: readonly unknown[]): Promise<ThreadResult> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closing) return Promise.reject(new Error('the embedded database is closed'));
    const id = this.nextId++;
    if (this.pending.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.post({ type: 'query', id, sql, params });
    });
  }

  /** Closes PGlite in the thread (its files are consistent and released) and ends the thread. */
  close(): Promise<void> {
    if (this.failure) return Promise.resolve();
    this.closing ??= new Promise<void>((resolve) => {
      this.worker.ref();
      this.worker.once('exit', () => resolve());
      this.post({ type: 'close' });
    });
    return this.closing;
  }

  private post(request: ThreadRequest): void {
    try {
      this.worker.postMessage(request);
    } catch (err) {
      // A parameter structured clone cannot copy (a function, a class with private state).
      if (request.type === 'query') this.take(request.id)?.reject(err as Error);
      else throw err;
    }
  }

  private settle(reply: ThreadReply): void {
    if (reply.type === 'result') this.take(reply.id)?.resolve({ rows: reply.rows, affectedRows: reply.affectedRows });
    else if (reply.type === 'error') this.take(reply.id)?.reject(fromWire(reply.error));
  }

  private take(id: number): Pending | undefined {
    const waiting = this.pending.get(id);
    this.pending.delete(id);
    if (this.pending.size === 0 && !this.closing) this.worker.unref();
    return waiting;
  }

  private die(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    for (const waiting of this.pending.values()) waiting.reject(err);
    this.pending.clear();
    // A thread that ends after close() asked it to is not a death.
    if (!this.closing) this.onDeath(err);
  }
}

/** The error callers see: an Error (with a stack from this thread) carrying the Postgres fields. */
function fromWire(wire: WireError): Error {
  const { message, ...fields } = wire;
  return Object.assign(new Error(message), fields);
}
