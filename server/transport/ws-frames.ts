import type { ExecutionResult } from 'graphql';
import type { WebSocket } from 'ws';

const SUFFIX = Buffer.from('}');

/** A result's JSON, made once per result object: a shared result (shared-subscription-results) goes to many sockets. */
const payloads = new WeakMap<object, Buffer>();

export function payloadBytes(result: ExecutionResult): Buffer {
  let bytes = payloads.get(result);
  if (!bytes) {
    // GraphQLError's toJSON gives the same shape graphql-ws would send.
    bytes = Buffer.from(JSON.stringify(result));
    payloads.set(result, bytes);
  }
  return bytes;
}

/**
 * Frames handed to a socket and not yet taken by it, per subscription. Past this, results wait in
 * the subscription's bounded queue, which cuts off a client that does not read.
 */
const MAX_FRAMES_IN_FLIGHT = 16;

/**
 * A subscription's results written to its socket as graphql-ws `next` frames by this server, not
 * by graphql-ws, which would stringify every result again for every subscriber: here only the
 * frame's head (the operation id) is the subscriber's own, around the result's shared bytes.
 * graphql-ws iterates what this returns, which yields nothing: it ends when the results end (then
 * graphql-ws sends `complete`, after every frame), fails when they fail or the socket does (then
 * graphql-ws sends the `error`), and its `return` (the client's `complete`, a closed socket) ends
 * the results.
 */
export function resultsWrittenAsFrames(results: AsyncIterable<ExecutionResult>, socket: WebSocket, id: string): AsyncIterableIterator<never> {
  const source = results[Symbol.asyncIterator]();
  const head = Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`);
  let ended = false;
  let inFlight = 0;
  let failure: Error | undefined;
  let taken: (() => void) | undefined;
  const onSent = (err?: Error) => {
    inFlight--;
    failure ??= err;
    const wake = taken;
    taken = undefined;
    wake?.();
  };
  const done = { done: true as const, value: undefined as never };
  const end = async () => {
    ended = true;
    taken?.();
    await source.return?.();
    return done;
  };
  return {
    async next() {
      while (!ended) {
        if (failure) throw failure;
        if (inFlight >= MAX_FRAMES_IN_FLIGHT) {
          await new Promise<void>((resolve) => (taken = resolve));
          continue;
        }
        const r = await source.next();
        if (r.done || ended) break;
        inFlight++;
        socket.send(Buffer.concat([head, payloadBytes(r.value), SUFFIX]), { binary: false }, onSent);
      }
      ended = true;
      return done;
    },
    return: end,
    async throw(err: unknown) {
      await end();
      throw err;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
