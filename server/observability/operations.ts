import { performance } from 'node:perf_hooks';
import { Kind, type DocumentNode, type GraphQLError, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { requestIdFrom } from './request-id.js';

export type OperationKind = 'query' | 'mutation' | 'subscription' | 'unknown';
export type CredentialKind = 'apiKey' | 'clientToken' | 'anonymous';

/** One GraphQL operation as the metrics and the log see it. */
export interface OperationRecord {
  requestId: string;
  transport: 'http' | 'ws';
  /** The WebSocket it came over (graphql-ws). */
  connectionId?: string;
  /** From the document when it parsed, else as the client sent it (cut to 100 characters). */
  operationName: string | null;
  kind: OperationKind;
  /** The credential the server accepted for it; `anonymous` when none was given or it was refused. */
  credential: CredentialKind;
  startedAt: number;
  /** Until its end; for a subscription, until its stream started (then `setupMs` keeps it). */
  durationMs: number;
  setupMs?: number;
  /** extensions.code of each error, once each. */
  errorCodes: string[];
  /** It passed parsing and validation: a name worth a metrics label of its own. */
  valid: boolean;
  /** A subscription whose stream opened: it has a start and, later, an end. */
  streaming: boolean;
}

export interface OperationObserver {
  /** A subscription's stream opened (queries and mutations have no start event). */
  streamStarted?(op: Readonly<OperationRecord>): void;
  /** The operation is over: answered, refused, or its stream closed. */
  ended(op: Readonly<OperationRecord>): void;
}

interface Tracked extends OperationRecord {
  ended: boolean;
  context?: Record<string, unknown>;
}

type Errorish = Pick<GraphQLError, 'message'> & { extensions?: Record<string, unknown>; originalError?: unknown };

const MAX_CODES = 5;

function codeOf(error: Errorish, fallback: string): string {
  const code = error.extensions?.code;
  if (typeof code === 'string' && code) return code.slice(0, 64);
  // An exception from a resolver, before yoga masks it, is what the client sees as INTERNAL_SERVER_ERROR.
  const original = error.originalError as { extensions?: unknown } | undefined;
  if (original && !original.extensions) return 'INTERNAL_SERVER_ERROR';
  return fallback;
}

function selectedOperation(document: DocumentNode, name: string | null | undefined): OperationDefinitionNode | undefined {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return name ? ops.find((o) => o.name?.value === name) : ops.length === 1 ? ops[0] : undefined;
}

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> => value != null && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';

/**
 * Follows every GraphQL operation from its arrival to its end, on HTTP (yoga's request hooks)
 * and WebSocket (graphql-ws runs operations through the envelope only), and tells the observers.
 *
 * Over HTTP the end is yoga's final result, so the error codes are the ones the client received
 * (after masking) whichever stage refused the operation; over WebSocket it is the stage that
 * stopped it: parse, validation, execution, or the end of a subscription's stream.
 */
export function useOperationObserver(observers: OperationObserver[]): Plugin<Record<string, unknown>> {
  // Keyed by the HTTP Request, or by the operation's context over WebSocket (one per operation).
  const ops = new WeakMap<object, Tracked>();
  const keyOf = (context: Record<string, unknown>) => (context.request as object | undefined) ?? context;

  const begin = (transport: 'http' | 'ws', requestId: string, name: unknown, connectionId?: string): Tracked => ({
    requestId,
    transport,
    connectionId,
    operationName: typeof name === 'string' && name ? name.slice(0, 100) : null,
    kind: 'unknown',
    credential: 'anonymous',
    startedAt: performance.now(),
    durationMs: 0,
    errorCodes: [],
    valid: false,
    streaming: false,
    ended: false,
  });

  const tracked = (context: Record<string, unknown>): Tracked => {
    const key = keyOf(context);
    let op = ops.get(key);
    if (!op) {
      // Over WebSocket the envelope's parse is the first thing that sees the operation.
      const params = context.params as { operationName?: unknown } | undefined;
      const request = context.request as Request | undefined;
      const connection = context.connection as { id?: string } | undefined;
      op = request ? begin('http', requestIdFrom(request.headers.get('x-request-id')), params?.operationName) : begin('ws', requestIdFrom(undefined), params?.operationName, connection?.id);
      ops.set(key, op);
    }
    op.context ??= context;
    return op;
  };

  const addErrors = (op: Tracked, errors: readonly Errorish[] | undefined, fallback: string) => {
    for (const e of errors ?? []) {
      const code = codeOf(e, fallback);
      if (!op.errorCodes.includes(code) && op.errorCodes.length < MAX_CODES) op.errorCodes.push(code);
    }
  };

  const settle = (op: Tracked) => {
    const viewer = op.context?.viewer as { kind?: CredentialKind } | undefined;
    op.credential = viewer?.kind ?? 'anonymous';
    op.durationMs = Math.round((performance.now() - op.startedAt) * 1000) / 1000;
  };

  const end = (op: Tracked, errors?: readonly Errorish[], fallback = 'GRAPHQL_ERROR') => {
    if (op.ended) return;
    op.ended = true;
    addErrors(op, errors, fallback);
    settle(op);
    for (const o of observers) o.ended(op);
  };

  return {
    onParams({ request, params }) {
      ops.set(request, begin('http', requestIdFrom(request.headers.get('x-request-id')), params.operationName));
    },
    onParse({ context }) {
      const op = tracked(context as Record<string, unknown>);
      return ({ result }) => {
        if (result instanceof Error) {
          if (op.transport === 'ws') end(op, [result as Errorish], 'GRAPHQL_PARSE_FAILED');
          return;
        }
        if (!result) return;
        const selected = selectedOperation(result as DocumentNode, (context as { params?: { operationName?: string } }).params?.operationName);
        if (selected) {
          op.kind = selected.operation as OperationKind;
          op.operationName = selected.name?.value ?? null;
        }
      };
    },
    onValidate({ context }) {
      const op = tracked(context as Record<string, unknown>);
      return ({ valid, result }) => {
        op.valid = valid;
        if (!valid && op.transport === 'ws') end(op, result as readonly Errorish[], 'GRAPHQL_VALIDATION_FAILED');
      };
    },
    onExecute({ context }) {
      const op = tracked(context as Record<string, unknown>);
      return {
        onExecuteDone({ result }) {
          // Over HTTP, onResultProcess ends it with what the client receives.
          if (op.transport === 'ws' && !isAsyncIterable(result)) end(op, (result as { errors?: readonly Errorish[] }).errors);
        },
      };
    },
    onSubscribe({ context }) {
      const op = tracked(context as Record<string, unknown>);
      return {
        onSubscribeResult({ result }) {
          if (!isAsyncIterable(result)) {
            if (op.transport === 'ws') end(op, (result as { errors?: readonly Errorish[] }).errors);
            return undefined;
          }
          op.streaming = true;
          settle(op);
          op.setupMs = op.durationMs;
          for (const o of observers) o.streamStarted?.(op);
          return { onEnd: () => end(op) };
        },
        onSubscribeError({ error }) {
          addErrors(op, [error as Errorish], 'INTERNAL_SERVER_ERROR');
        },
      };
    },
    onResultProcess({ request, result }) {
      let op = ops.get(request);
      if (!op) {
        // Refused before yoga read any parameters (a body that is not GraphQL, a wrong method).
        op = begin('http', requestIdFrom(request.headers.get('x-request-id')), undefined);
        ops.set(request, op);
      }
      if (op.streaming || op.ended) return;
      if (isAsyncIterable(result)) return end(op);
      const results = (Array.isArray(result) ? result : [result]) as { errors?: readonly Errorish[] }[];
      end(
        op,
        results.flatMap((r) => r.errors ?? []),
      );
    },
  };
}
