import { deserialize, serialize } from 'node:v8';
import type { Redis } from 'ioredis';
import type { Logger } from '../../app/logger.js';
import type { EventBus, Unsubscribe } from '../event-bus.js';
import { LocalEventBus } from '../local-event-bus.js';
import { ThrottledLog } from './throttled-log.js';

export interface RedisEventBusOptions {
  /** This node's id: it tags every message forwarded, so that the node ignores its own echoes. At most 255 bytes. */
  nodeId: string;
  /**
   * The connection that publishes: one connection, so Redis receives this node's messages in
   * publishing order. It may also carry other commands (rate limits, the directory).
   */
  pub: Redis;
  /** The connection in subscriber mode; it may be shared with RedisNodeRpc (each listens to its own channels). */
  sub: Redis;
  log: Logger;
  /** Each topic travels on `<prefix><topic>`. Default `vr:bus:`. */
  channelPrefix?: string;
}

export interface RedisEventBusCounters {
  /** Messages Redis accepted from this node. */
  forwarded: number;
  /** Messages from other nodes delivered to this node's listeners. */
  received: number;
  /** This node's own messages coming back from Redis, ignored. */
  echoes: number;
  /** Messages not forwarded: Redis was not reachable when they were published (or refused them). Delivered here all the same. */
  dropped: number;
  /** Messages on the channels that could not be decoded: logged and skipped. */
  decodeFailures: number;
  /** Messages that could not be serialized (a function, a symbol in them: a bug): delivered here, not forwarded. */
  encodeFailures: number;
  /** Listeners that threw on a message from another node (logged; the node goes on). */
  listenerFailures: number;
}

const FORMAT_VERSION = 1;

/**
 * The event bus of a node among several sharing one Redis. Locally it is a {@link LocalEventBus}
 * (the contract: a listener here hears a message published here before `publish` returns, in
 * order); every message published here is also forwarded to the other nodes over Redis pub/sub,
 * where their own local buses deliver it.
 *
 * Wire format: `[version][node id length][node id][v8.serialize([key, message])]` on channel
 * `<prefix><topic>`. The node id comes first so that a node recognises its own echo with one byte
 * comparison and never decodes it. v8 serialization (not JSON) because what the bus carries has
 * Dates (rows, account events), nulls and undefined fields, nested objects, and JSON would turn the
 * Dates into strings without a word; v8 keeps them (and Maps, Sets, BigInts, typed arrays), and
 * every node runs the same Node. Class instances arrive as plain objects, which is what the topics
 * carry anyway. The channel is trusted: only the nodes of this deployment publish on it.
 *
 * Order: one node's messages go out on one connection in publishing order, Redis delivers them to
 * each subscriber connection in that order, and this bus hands them to its listeners synchronously
 * from the connection's message event: no promise, no queue, nothing that could reorder.
 *
 * Redis unreachable: while the publishing connection is not ready, messages are delivered here and
 * dropped for the other nodes (counted, logged at most every 10 s), not queued. Pub/sub is
 * fire-and-forget anyway (the other nodes' subscriber connections are down too during an outage,
 * and would miss queued messages published before they resubscribe), and a queue replayed after
 * the outage would deliver stale deltas out of their time. What a lost message costs is handled
 * above: room clients see a gap in the sequence numbers and resync, the account feed and webhooks
 * are read back from the database. Once Redis is back, ioredis resubscribes by itself and delivery
 * resumes. (A message already written to a connection that then dies unnoticed is resent by ioredis
 * on reconnect, or fails and is counted as dropped.)
 *
 * The bus subscribes to the pattern `<prefix>*`: no other channel (the node RPC's) may start with
 * the prefix, or its messages would count as undecodable here.
 */
export class RedisEventBus<Topics extends object> implements EventBus<Topics> {
  readonly counters: RedisEventBusCounters = { forwarded: 0, received: 0, echoes: 0, dropped: 0, decodeFailures: 0, encodeFailures: 0, listenerFailures: 0 };
  private readonly local = new LocalEventBus<Topics>();
  private readonly nodeId: string;
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly log: Logger;
  /** Each topic travels on `<channelPrefix><topic>`. */
  readonly channelPrefix: string;
  private readonly pattern: string;
  private readonly header: Buffer;
  private readonly channels = new Map<string, Buffer>();
  private readonly dropLog: ThrottledLog;
  private readonly decodeLog: ThrottledLog;
  private readonly listenerLog: ThrottledLog;
  private started = false;
  private closed = false;
  private readonly onMessage = (pattern: string, channel: Buffer, data: Buffer) => {
    if (pattern === this.pattern) this.receive(channel, data);
  };

  constructor(opts: RedisEventBusOptions) {
    this.nodeId = opts.nodeId;
    this.pub = opts.pub;
    this.sub = opts.sub;
    this.log = opts.log.child({ component: 'redis-event-bus', nodeId: opts.nodeId });
    this.channelPrefix = opts.channelPrefix ?? 'vr:bus:';
    // Glob characters in the prefix stand for themselves.
    this.pattern = this.channelPrefix.replace(/[*?[\]\\]/g, '\\$&') + '*';
    const id = Buffer.from(opts.nodeId, 'utf8');
    if (id.length === 0 || id.length > 255) throw new Error(`node id must be 1..255 bytes, got ${id.length}`);
    this.header = Buffer.concat([Buffer.from([FORMAT_VERSION, id.length]), id]);
    this.dropLog = new ThrottledLog(this.log, 'warn');
    this.decodeLog = new ThrottledLog(this.log, 'error');
    this.listenerLog = new ThrottledLog(this.log, 'error');
  }

  /** Both connections are up: what is published now reaches the other nodes (once they are up too). */
  get connected(): boolean {
    return this.pub.status === 'ready' && this.sub.status === 'ready';
  }

  /** Subscribes to every topic's channel; resolves once Redis confirmed it and the publishing connection answers. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.sub.on('pmessageBuffer', this.onMessage);
    await this.sub.psubscribe(this.pattern);
    await this.pub.ping();
  }

  /** Stops forwarding and receiving (the connections stay open: they belong to whoever opened them). Local delivery goes on. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.sub.off('pmessageBuffer', this.onMessage);
    if (this.started && this.sub.status === 'ready') await this.sub.punsubscribe(this.pattern).catch(() => undefined);
  }

  publish<T extends keyof Topics & string>(topic: T, key: string, message: Topics[T]): void {
    // Forwarded first: the other nodes receive messages in the order publish was called even when
    // a listener here publishes from inside its call, and a listener that throws stops nothing.
    if (!this.closed) this.forward(topic, key, message);
    this.local.publish(topic, key, message);
  }

  subscribe<T extends keyof Topics & string>(topic: T, key: string | null, listener: (message: Topics[T]) => void): Unsubscribe {
    return this.local.subscribe(topic, key, listener);
  }

  listenerCount<T extends keyof Topics & string>(topic: T, key: string): number {
    return this.local.listenerCount(topic, key);
  }

  private channel(topic: string): Buffer {
    let channel = this.channels.get(topic);
    if (!channel) this.channels.set(topic, (channel = Buffer.from(this.channelPrefix + topic, 'utf8')));
    return channel;
  }

  private forward(topic: string, key: string, message: unknown): void {
    let body: Buffer;
    try {
      body = serialize([key, message]);
    } catch (err) {
      this.counters.encodeFailures++;
      this.log.error({ err, topic, key }, 'event bus: message cannot be serialized; delivered on this node only');
      return;
    }
    if (this.pub.status !== 'ready') {
      this.counters.dropped++;
      this.dropLog.write({ topic, status: this.pub.status, dropped: this.counters.dropped }, 'event bus: redis not reachable, message delivered on this node only');
      return;
    }
    this.pub.publish(this.channel(topic), Buffer.concat([this.header, body])).then(
      () => void this.counters.forwarded++,
      (err: Error) => {
        this.counters.dropped++;
        this.dropLog.write({ topic, err: err.message, dropped: this.counters.dropped }, 'event bus: redis refused a message, delivered on this node only');
      },
    );
  }

  private receive(channel: Buffer, data: Buffer): void {
    const header = this.header;
    if (data.length >= header.length && data.compare(header, 0, header.length, 0, header.length) === 0) {
      this.counters.echoes++;
      return;
    }
    const topic = channel.toString('utf8', Buffer.byteLength(this.channelPrefix));
    let key: string;
    let message: unknown;
    let from = '?';
    try {
      if (data.length < 2 || data[0] !== FORMAT_VERSION) throw new Error(`unknown format ${data[0]}`);
      const idEnd = 2 + data[1]!;
      if (data.length <= idEnd) throw new Error('truncated');
      from = data.toString('utf8', 2, idEnd);
      const decoded: unknown = deserialize(data.subarray(idEnd));
      if (!Array.isArray(decoded) || decoded.length !== 2 || typeof decoded[0] !== 'string') throw new Error('not a [key, message] pair');
      [key, message] = decoded as [string, unknown];
    } catch (err) {
      this.counters.decodeFailures++;
      this.decodeLog.write({ topic, from, bytes: data.length, err: (err as Error).message, decodeFailures: this.counters.decodeFailures }, 'event bus: undecodable message skipped');
      return;
    }
    this.counters.received++;
    try {
      this.local.publish(topic as keyof Topics & string, key, message as Topics[keyof Topics & string]);
    } catch (err) {
      this.counters.listenerFailures++;
      this.listenerLog.write({ topic, key, from, err }, 'event bus: a listener failed on a message from another node');
    }
  }
}
