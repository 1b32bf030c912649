import { createSourceEventStream, execute, getOperationAST, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { PushStream } from '../shared/push-stream.js';
import { SHARES_RESULTS } from '../shared/subscription-sharing.js';
import { FRAME_LANE, type FrameLane } from './ws-frames.js';

type MaybePromise<T> = T | Promise<T>;

const isAsyncIterable = (x: unknown): x is AsyncIterable<unknown> => x != null && typeof (x as any)[Symbol.asyncIterator] === 'function';

/** One number per parsed document: the parse cache hands every subscriber of the same text the same document. */
const documentIds = new WeakMap<DocumentNode, number>();
let nextDocumentId = 1;

function operationKey(args: ExecutionArgs): string {
  let id = documentIds.get(args.document);
  if (id === undefined) documentIds.set(args.document, (id = nextDocumentId++));
  return `${id}\u0000${args.operationName ?? ''}\u0000${JSON.stringify(args.variableValues ?? {})}`;
}

function sharesResults(args: ExecutionArgs): boolean {
  const operation = getOperationAST(args.document, args.operationName);
  const first = operation?.operation === 'subscription' ? operation.selectionSet.selections[0] : undefined;
  if (first?.kind !== 'Field') return false;
  const field = args.schema.getSubscriptionType()?.getFields()[first.name.value];
  return field?.extensions?.[SHARES_RESULTS] === true;
}

/**
 * The results of an event, by operation: the bus hands the same event object to every subscriber
 * of its room, so the first subscriber to execute it does so for everyone with the same selection
 * and variables; the entry goes with the event.
 */
const resultsByEvent = new WeakMap<object, Map<string, MaybePromise<ExecutionResult>>>();

function sharedExecution(args: ExecutionArgs, key: string, event: unknown): MaybePromise<ExecutionResult> {
  if (typeof event !== 'object' || event === null) return execute({ ...args, rootValue: event });
  let results = resultsByEvent.get(event);
  if (!results) resultsByEvent.set(event, (results = new Map()));
  let result = results.get(key);
  if (!result) {
    result = execute({ ...args, rootValue: event });
    results.set(key, result);
  }
  return result;
}

/** The events as results: one promise per item when execution is synchronous, as it is for room events. */
function mapped(source: AsyncIterable<unknown>, execute: (event: unknown) => MaybePromise<ExecutionResult>): AsyncIterableIterator<ExecutionResult> {
  const events = source[Symbol.asyncIterator]();
  const done = { done: true as const, value: undefined };
  return {
    next: () =>
      events.next().then((r): MaybePromise<IteratorResult<ExecutionResult>> => {
        if (r.done) return done;
        const result = execute(r.value);
        return result instanceof Promise ? result.then((value) => ({ done: false, value })) : { done: false, value: result };
      }),
    return: async () => {
      await events.return?.();
      return done;
    },
    throw: async (err: unknown) => {
      await events.return?.();
      throw err;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * Executes each event of a sharing subscription field once per distinct operation (document,
 * operation name, variables), not once per subscriber: a room event watched by thousands costs one
 * execution, and the result object is the same for all of them, so the transport serializes it
 * once too (ws-frames). Everything per subscriber stays per subscriber: its stream, its filtering
 * (who a direct message is for), its bounds and its access checks. Over WebSocket, a push stream's
 * events are offered to the socket's frame lane as they are published, and written at once when
 * nothing stands before them (FrameLane.offer).
 */
export function useSharedSubscriptionResults(): Plugin {
  return {
    onSubscribe({ subscribeFn, setSubscribeFn }) {
      setSubscribeFn(async (args: ExecutionArgs) => {
        if (!sharesResults(args)) return subscribeFn(args);
        const source = await createSourceEventStream(args);
        if (!isAsyncIterable(source)) return source;
        const key = operationKey(args);
        const lane = (args.contextValue as { [FRAME_LANE]?: FrameLane } | undefined)?.[FRAME_LANE];
        if (lane && source instanceof PushStream) {
          lane.startAt(source.received);
          source.divert((event) => lane.offer(() => sharedExecution(args, key, event)));
        }
        return mapped(source, (event) => sharedExecution(args, key, event));
      });
    },
  };
}
