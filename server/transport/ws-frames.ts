import type { ExecutionResult } from 'graphql';
import type { WebSocket } from 'ws';
import type { AnswersInFlight } from './answers-in-flight.js';

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

/** Where an operation's context holds its FrameLane (WebSocket subscriptions only). */
export const FRAME_LANE = Symbol('frameLane');

type MaybePromise<T> = T | Promise<T>;

/**
 * One subscription's `next` frames on its socket, written by this server rather than by
 * graphql-ws, which would stringify every result again for every subscriber: only the frame's
 * head (the operation id) is the subscriber's own, around the result's shared bytes.
 *
 * Results arrive two ways, in one order. The ordinary way is the subscription's async stream
 * (its bounds, its access checks, the plugins' hooks), read by `frames`. The direct way is
 * `offer`: the event source hands an event here the moment it is published, and if every earlier
 * event has been written, the result is ready at once and clean (no errors for a plugin to
 * rewrite), and the socket keeps up, it is written there and then — on the busiest path of the
 * server, a room event to thousands, that skips the stream's promise hops. Anything else declines,
 * and the event takes the ordinary way behind those before it — as does every event while the
 * socket waits for the answer to one of its own queries or mutations (AnswersInFlight).
 */
export class FrameLane {
  readonly #socket: WebSocket;
  readonly #head: Buffer;
  readonly #answers: AnswersInFlight | undefined;
  #offered = 0;
  #written = 0;
  #inFlight = 0;
  #closed = false;
  #offers = true;
  #failure: Error | undefined;
  #taken: (() => void) | undefined;
  /** Events (by position) that wait for answers their socket owed when they were published. */
  readonly #held = new Map<number, Promise<void>>();

  constructor(socket: WebSocket, id: string, answers?: AnswersInFlight) {
    this.#socket = socket;
    this.#answers = answers;
    this.#head = Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`);
  }

  /** Events the source had before it could offer any: they come the ordinary way, and count. */
  startAt(received: number): void {
    this.#offered = received;
  }

  /**
   * The subscription is ending with a last result of its own (access withdrawn): no event may
   * overtake it, so none is taken here any more.
   */
  stopOffers(): void {
    this.#offers = false;
  }

  /** Writes the event's result now if nothing stands before it; false: it is for the stream. */
  offer(result: () => MaybePromise<ExecutionResult>): boolean {
    const position = this.#offered++;
    if (this.#answers?.pending) {
      this.#held.set(position, this.#answers.barrier());
      return false;
    }
    if (!this.#offers || this.#closed || this.#failure || position !== this.#written || this.#inFlight >= MAX_FRAMES_IN_FLIGHT) return false;
    const r = result();
    if (r instanceof Promise || r.errors) return false;
    this.#write(r);
    return true;
  }

  #write(result: ExecutionResult): void {
    this.#written++;
    this.#inFlight++;
    this.#socket.send(Buffer.concat([this.#head, payloadBytes(result), SUFFIX]), { binary: false }, this.#onSent);
  }

  readonly #onSent = (err?: Error) => {
    this.#inFlight--;
    this.#failure ??= err;
    const wake = this.#taken;
    this.#taken = undefined;
    wake?.();
  };

  /**
   * The subscription's stream written as frames. graphql-ws iterates what this returns, which
   * yields nothing: it ends when the results end (then graphql-ws sends `complete`, after every
   * frame), fails when they fail or the socket does (then graphql-ws sends the `error`), and its
   * `return` (the client's `complete`, a closed socket) ends the results.
   */
  frames(results: AsyncIterable<ExecutionResult>): AsyncIterableIterator<never> {
    const source = results[Symbol.asyncIterator]();
    const done = { done: true as const, value: undefined as never };
    const end = async () => {
      this.#closed = true;
      this.#taken?.();
      await source.return?.();
      return done;
    };
    return {
      next: async () => {
        while (!this.#closed) {
          if (this.#failure) throw this.#failure;
          if (this.#inFlight >= MAX_FRAMES_IN_FLIGHT) {
            await new Promise<void>((resolve) => (this.#taken = resolve));
            continue;
          }
          const r = await source.next();
          if (r.done || this.#closed) break;
          const held = this.#held.get(this.#written);
          if (held) {
            this.#held.delete(this.#written);
            await held;
            if (this.#closed) break;
          }
          this.#write(r.value);
        }
        this.#closed = true;
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
}
