import { NodeUnreachableError, UnknownRpcMethodError, type NodeRpc } from './node-rpc.js';

/** The node RPC of a server that runs alone: a call to itself runs the handler directly, any other node does not exist. */
export class LocalNodeRpc implements NodeRpc {
  private readonly handlers = new Map<string, (args: unknown) => Promise<unknown>>();

  constructor(readonly nodeId: string) {}

  handle(method: string, fn: (args: unknown) => Promise<unknown>): void {
    if (this.handlers.has(method)) throw new Error(`node rpc: ${method} already has a handler`);
    this.handlers.set(method, fn);
  }

  async call<R>(nodeId: string, method: string, args: unknown, _timeoutMs?: number): Promise<R> {
    if (nodeId !== this.nodeId) throw new NodeUnreachableError(nodeId, method, `this server runs alone (node ${this.nodeId}, no REDIS_URL): there is no other node`);
    const fn = this.handlers.get(method);
    if (!fn) throw new UnknownRpcMethodError(nodeId, method);
    return (await fn(args)) as R;
  }
}
