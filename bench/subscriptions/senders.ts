import type WebSocket from 'ws';
import { connectionInit, frameId, frameType, monotonicNs, openSocket, send } from './wire.js';

/** How one server takes a message: the mutation, its variables, and whether a result frame means it was published. */
export interface SendProtocol {
  /** Run once on the sender's socket before it sends (the product's `join`); undefined: none. */
  join?: string;
  /** The frame of a successful join contains this. */
  joined?: string;
  mutation: string;
  variables(roomId: string, payload: string): Record<string, unknown>;
  /** Whether a `next` frame of the mutation reports success. */
  published(frame: string): boolean;
}

/** What a sender needs: its room and, for the product, the client token it joins with. */
export interface SenderSpec {
  roomId: string;
  authorization?: string;
}

interface Sender {
  ws: WebSocket;
  roomId: string;
  nextId: number;
}

/**
 * One participant per room, each on its own WebSocket, sending `sendMessage` with its monotonic
 * clock as the payload. Counts per room what the server confirmed, so that the expected
 * deliveries are exact even when a send fails.
 */
export class SenderPool {
  private readonly senders: Sender[] = [];
  /** Sends confirmed per room since the last reset. */
  confirmed: number[] = [];
  failed = 0;
  pending = 0;
  failures: string[] = [];
  private pacer: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly protocol: SendProtocol,
  ) {}

  get size(): number {
    return this.senders.length;
  }

  roomIds(): string[] {
    return this.senders.map((s) => s.roomId);
  }

  async add(specs: readonly SenderSpec[], inFlight = 16): Promise<void> {
    let next = 0;
    const opened: Sender[] = new Array<Sender>(specs.length);
    const worker = async () => {
      while (next < specs.length) {
        const i = next++;
        opened[i] = await this.open(specs[i]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(inFlight, specs.length) }, worker));
    this.senders.push(...opened);
  }

  private open(spec: SenderSpec): Promise<Sender> {
    return new Promise((resolve, reject) => {
      const ws = openSocket(this.url);
      const sender: Sender = { ws, roomId: spec.roomId, nextId: 0 };
      let ready = false;
      const timer = setTimeout(() => fail('not ready within 60 s'), 60_000);
      const fail = (why: string) => {
        clearTimeout(timer);
        if (!ready) {
          ws.terminate();
          reject(new Error(`sender for room ${spec.roomId}: ${why}`));
        } else if (this.failures.length < 5) this.failures.push(why);
      };
      const becomeReady = () => {
        ready = true;
        clearTimeout(timer);
        resolve(sender);
      };
      ws.on('open', () => send(ws, connectionInit(spec.authorization)));
      ws.on('error', (error) => fail(error.message));
      ws.on('close', (code, reason) => fail(`closed ${code} ${reason.toString()}`));
      ws.on('message', (data: Buffer) => {
        const text = data.toString();
        const type = frameType(text);
        if (type === 'next') {
          const id = frameId(text);
          if (id === 'join') {
            if (this.protocol.joined && text.includes(this.protocol.joined)) becomeReady();
            else fail(`join refused: ${text.slice(0, 300)}`);
            return;
          }
          this.pending--;
          const room = Number(id.slice(id.indexOf(':') + 1));
          if (this.protocol.published(text)) this.confirmed[room] = (this.confirmed[room] ?? 0) + 1;
          else {
            this.failed++;
            if (this.failures.length < 5) this.failures.push(text.slice(0, 300));
          }
        } else if (type === 'ping') send(ws, { type: 'pong' });
        else if (type === 'connection_ack') {
          if (this.protocol.join) send(ws, { type: 'subscribe', id: 'join', payload: { query: this.protocol.join } });
          else becomeReady();
        } else if (type === 'error') {
          if (!ready) fail(text.slice(0, 300));
          else {
            this.pending--;
            this.failed++;
            if (this.failures.length < 5) this.failures.push(text.slice(0, 300));
          }
        }
      });
    });
  }

  /** Sends one message in the room of sender `index`. */
  private sendOne(index: number): void {
    const sender = this.senders[index];
    this.pending++;
    send(sender.ws, {
      type: 'subscribe',
      id: `${sender.nextId++}:${index}`,
      payload: { query: this.protocol.mutation, variables: this.protocol.variables(sender.roomId, String(monotonicNs())) },
    });
  }

  /** Sends at `perRoom` messages per second in each of the first `rooms` rooms, round-robin, every 5 ms what is due. */
  start(rooms: number, perRoom: number): void {
    this.stop();
    const began = performance.now();
    const rate = rooms * perRoom;
    let sent = 0;
    this.pacer = setInterval(() => {
      const due = Math.floor(((performance.now() - began) / 1000) * rate);
      for (; sent < due; sent++) this.sendOne(sent % rooms);
    }, 5);
  }

  stop(): void {
    if (this.pacer) clearInterval(this.pacer);
    this.pacer = undefined;
  }

  reset(): void {
    this.confirmed = [];
    this.failed = 0;
    this.failures = [];
  }

  async close(): Promise<void> {
    this.stop();
    for (const s of this.senders) {
      s.ws.removeAllListeners('close');
      s.ws.on('error', () => {});
      s.ws.terminate();
    }
    this.senders.length = 0;
    await new Promise((r) => setTimeout(r, 200));
  }
}
