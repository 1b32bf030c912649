// Runs inside the worker thread started by pglite-thread.ts: it owns the embedded database, so that
// PGlite's synchronous WASM (parsing, planning, executing) blocks this thread, not the server's
// event loop. It answers one message per query; the dialect (pglite-thread-dialect.ts) decides
// what may be sent when.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { INT8_OID, int8AsNumber } from './int8.js';
import type { ThreadReply, ThreadRequest, WireError } from './pglite-thread.js';

const port = parentPort!;
const { dir } = workerData as { dir: string };

const send = (reply: ThreadReply) => port.postMessage(reply);

const pglite = await PGlite.create(dir, { parsers: { [INT8_OID]: int8AsNumber } });

// Statements run strictly in the order they arrive: the main thread sends statements from several
// callers at once and relies on that order to keep them out of each other's transactions.
let previous: Promise<unknown> = Promise.resolve();
const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
  const turn = previous.then(work);
  previous = turn.catch(() => {});
  return turn;
};

port.on('message', (request: ThreadRequest) => {
  if (request.type === 'close') {
    // Once PGlite has closed, nothing is left to keep the thread alive: it ends, which the main
    // thread waits for.
    void inTurn(() => pglite.close()).finally(() => port.close());
    return;
  }
  inTurn(() => pglite.query(request.sql, [...request.params])).then(
    (result) => send({ type: 'result', id: request.id, rows: result.rows as Record<string, unknown>[], affectedRows: result.affectedRows }),
    (err: unknown) => send({ type: 'error', id: request.id, error: toWire(err) }),
  );
});
send({ type: 'ready' });

/**
 * An error crosses the thread as a plain object: structured clone keeps an Error's message but
 * drops the Postgres fields (code, constraint, detail…) that callers decide on, so the string ones
 * are copied explicitly.
 */
function toWire(err: unknown): WireError {
  if (!(err instanceof Error)) return { message: String(err) };
  const fields: WireError = { message: err.message };
  for (const [key, value] of Object.entries(err)) if (typeof value === 'string') fields[key] = value;
  return fields;
}
