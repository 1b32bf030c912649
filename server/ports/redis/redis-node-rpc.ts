import { deserialize, serialize } from 'node:v8';
import type { Redis } from 'ioredis';
import type { Logger } from '../../app/logger.js';
import { DEFAULT_RPC_TIMEOUT_MS, NodeUnreachableError, UnknownRpcMethodError, type NodeRpc } from '../node-rpc.js';
import { ThrottledLog } from './throttled-log.js';
import { errorFromWire, errorToWire, type WireError } from './wire-errors.js';

export interface RedisNodeRpcOptions {
  nodeId: string;
  /** A command connection (it may be the bus's publishing connection). */
  pub: Redis;
  /** A connection in subscriber mode (it may be the bus's: each listens to its own channels). */
  sub: Redis;
  log: Logger;
  /** Node `n` listens on `<prefix><n>`. Default `vr:rpc:`. Must not overlap the bus's channels. */
  channelPrefix?: string;
}

type Request = { t: 'req'; id: number; from: string; method: string; args: unknown };
type Reply = { t: 'res'; id: number; ok: true; value: unknown } | { t: 'res'; id: number; ok: false; error: WireError };

interface Pending {
  nodeId: string;
  method: string;
  resolve(value: unknown): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * The node RPC over Redis pub/sub. Each node listens on `vr:rpc:<its id>`; a call publishes
 * `{id, from, method, args}` on the callee's channel, the callee runs the handler and publishes
 * `{id, ok, value | error}` on the caller's. Messages are v8-serialized (Dates and nested objects
 * cross intact, as on the bus).
 *
 * A call rejects with {@link NodeUnreachableError} when the callee cannot have heard it (Redis is
 * down, or nobody listens on its channel: PUBLISH reports 0 receivers, so a node that is gone is
 * known at once) or when no reply came within the timeout. A handler's error comes back as an
 * error of the same class when it is one of ours, otherwise as a RemoteCallError (see
 * wire-errors.ts). A call to this node's own id runs the handler here, without Redis.
 */
export class RedisNodeRpc implements NodeRpc {
  readonly counters = { calls: 0, served: 0, timeouts: 0, decodeFailures: 0, lateReplies: 0 };
  readonly nodeId: string;
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly log: Logger;
  private readonly prefix: string;
  private readonly ownChannel: string;
  private readonly handlers = new Map<string, (args: unknown) => Promise<unknown>>();
  private readonly pending = new Map<number, Pending>();
  private readonly decodeLog: ThrottledLog;
  private readonly replyLog: ThrottledLog;
  private nextId = 1;
  private started = false;
  private closed = false;
  private readonly onMessage = (channel: Buffer, data: Buffer) => {
    if (channel.toString('utf8') === this.ownChannel) this.receive(data);
  };

  constructor(opts: RedisNodeRpcOptions) {
    this.nodeId = opts.nodeId;
    this.pub = opts.pub;
    this.sub = opts.sub;
    this.log = opts.log.child({ component: 'redis-node-rpc', nodeId: opts.nodeId });
    this.prefix = opts.channelPrefix ?? 'vr:rpc:';
    this.ownChannel = this.prefix + opts.nodeId;
    this.decodeLog = new ThrottledLog(this.log, 'error');
    this.replyLog = new ThrottledLog(this.log, 'warn');
  }

  /** Listens on this node's channel; resolves once Redis confirmed the subscription. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.sub.on('messageBuffer', this.onMessage);
    await this.sub.subscribe(this.ownChannel);
  }

  /** Stops listening; calls still waiting reject with NodeUnreachableError. The connections stay open. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.sub.off('messageBuffer', this.onMessage);
    for (const [id, p] of this.pending) this.settle(id, p, () => p.reject(new NodeUnreachableError(p.nodeId, p.method, 'this node is shutting down')));
    if (this.started && this.sub.status === 'ready') await this.sub.unsubscribe(this.ownChannel).catch(() => undefined);
  }

  handle(method: string, fn: (args: unknown) => Promise<unknown>): void {
    if (this.handlers.has(method)) throw new Error(`node rpc: ${method} already has a handler`);
    this.handlers.set(method, fn);
  }

  async call<R>(nodeId: string, method: string, args: unknown, timeoutMs = DEFAULT_RPC_TIMEOUT_MS): Promise<R> {
    this.counters.calls++;
    if (nodeId === this.nodeId) {
      const fn = this.handlers.get(method);
      if (!fn) throw new UnknownRpcMethodError(nodeId, method);
      return (await fn(args)) as R;
    }
    if (this.closed) throw new NodeUnreachableError(nodeId, method, 'this node is shutting down');
    if (this.pub.status !== 'ready') throw new NodeUnreachableError(nodeId, method, `redis is not reachable (${this.pub.status})`);
    const id = this.nextId++;
    const request: Request = { t: 'req', id, from: this.nodeId, method, args };
    const data = serialize(request); // a DataCloneError here is the caller's bug: it throws as such
    return new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.counters.timeouts++;
        this.settle(id, entry, () => reject(new NodeUnreachableError(nodeId, method, `no answer within ${timeoutMs} ms`)));
      }, timeoutMs);
      const entry: Pending = { nodeId, method, resolve: resolve as (v: unknown) => void, reject, timer };
      this.pending.set(id, entry);
      this.pub.publish(this.prefix + nodeId, data).then(
        (receivers) => {
          if (receivers === 0) this.settle(id, entry, () => reject(new NodeUnreachableError(nodeId, method, 'no node listens on its channel')));
        },
        // A connection lost while the request was out fails it with ioredis's retry limit: say
        // what happened (Redis went away), not how the client library gave up.
        (err: Error) => {
          const reason = this.pub.status !== 'ready' ? `redis is not reachable (${this.pub.status})` : `redis refused the request: ${err.message}`;
          this.settle(id, entry, () => reject(new NodeUnreachableError(nodeId, method, reason)));
        },
      );
    });
  }

  /** Runs `then` once for a pending call that is still pending. */
  private settle(id: number, entry: Pending, then: () => void): void {
    if (this.pending.get(id) !== entry) return;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    then();
  }

  private receive(data: Buffer): void {
    let message: Request | Reply;
    try {
      message = deserialize(data) as Request | Reply;
      if (typeof message !== 'object' || message === null || typeof message.id !== 'number') throw new Error('not an rpc message');
      if (message.t === 'req' && (typeof message.from !== 'string' || typeof message.method !== 'string')) throw new Error('malformed request');
      if (message.t !== 'req' && message.t !== 'res') throw new Error(`unknown kind ${String((message as { t: unknown }).t)}`);
    } catch (err) {
      this.counters.decodeFailures++;
      this.decodeLog.write({ bytes: data.length, err: (err as Error).message, decodeFailures: this.counters.decodeFailures }, 'node rpc: undecodable message skipped');
      return;
    }
    if (message.t === 'req') void this.serve(message);
    else this.answer(message);
  }

  private answer(reply: Reply): void {
    const entry = this.pending.get(reply.id);
    if (!entry) {
      this.counters.lateReplies++; // its call timed out already
      return;
    }
    this.settle(reply.id, entry, () => (reply.ok ? entry.resolve(reply.value) : entry.reject(errorFromWire(reply.error))));
  }

  private async serve(req: Request): Promise<void> {
    this.counters.served++;
    let reply: Reply;
    const fn = this.handlers.get(req.method);
    try {
      if (!fn) throw new UnknownRpcMethodError(this.nodeId, req.method);
      reply = { t: 'res', id: req.id, ok: true, value: await fn(req.args) };
    } catch (err) {
      reply = { t: 'res', id: req.id, ok: false, error: errorToWire(err) };
    }
    let data: Buffer;
    try {
      data = serialize(reply);
    } catch (err) {
      this.log.error({ err, method: req.method }, 'node rpc: a handler returned what cannot be serialized');
      data = serialize({ t: 'res', id: req.id, ok: false, error: errorToWire(new Error(`node rpc: the result of ${req.method} cannot be serialized: ${(err as Error).message}`)) } satisfies Reply);
    }
    try {
      await this.pub.publish(this.prefix + req.from, data);
    } catch (err) {
      this.replyLog.write({ method: req.method, to: req.from, err: (err as Error).message }, 'node rpc: reply lost (redis refused it)');
    }
  }
}
