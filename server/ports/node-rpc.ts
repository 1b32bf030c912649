/**
 * Requests from one node to another (the distributed mode: a room's media lives on its owner node,
 * and a node that received a request for it asks the owner). A node registers a handler per
 * method; any node calls a method on a node by its id and gets the handler's result, or its error.
 *
 * What crosses (arguments, results, errors' fields) must be structured-cloneable: plain objects,
 * arrays, Dates, Maps, Sets, primitives; no functions, no class instances beyond those.
 */
export interface NodeRpc {
  /** Calls `method` on node `nodeId`. Rejects with {@link NodeUnreachableError} when the node does not answer in time (default {@link DEFAULT_RPC_TIMEOUT_MS}), with the handler's error when it failed. */
  call<R>(nodeId: string, method: string, args: unknown, timeoutMs?: number): Promise<R>;
  /** Serves `method` on this node. One handler per method. */
  handle(method: string, fn: (args: unknown) => Promise<unknown>): void;
}

export const DEFAULT_RPC_TIMEOUT_MS = 5_000;

/**
 * The other node did not answer: it is gone (crashed, stopped), cut off, or Redis is down. Not a
 * failure of the operation itself: the caller may re-place what lived there, or retry later.
 */
export class NodeUnreachableError extends Error {
  readonly code = 'NODE_UNREACHABLE' as const;
  constructor(
    readonly nodeId: string,
    readonly method: string,
    readonly reason: string,
  ) {
    super(`node ${nodeId} did not answer ${method}: ${reason}`);
    this.name = 'NodeUnreachableError';
  }
}

/** The node has no handler for this method (a bug, or nodes of different versions). */
export class UnknownRpcMethodError extends Error {
  readonly code = 'UNKNOWN_RPC_METHOD' as const;
  constructor(
    readonly nodeId: string,
    readonly method: string,
  ) {
    super(`node ${nodeId} has no handler for ${method}`);
    this.name = 'UnknownRpcMethodError';
  }
}

/**
 * A handler on another node threw an error of a class the caller cannot rebuild (a TypeError, a
 * plain Error): same name and message, its `code` if it had one, its other fields in `extensions`.
 */
export class RemoteCallError extends Error {
  constructor(
    name: string,
    message: string,
    readonly code: string | undefined,
    readonly extensions: Record<string, unknown>,
  ) {
    super(message);
    this.name = name;
  }
}
