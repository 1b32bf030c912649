import type WebSocket from 'ws';
import { connectionInit, frameType, intField, monotonicNs, openSocket, ROOM_EVENTS, send, stringField } from './wire.js';

/** One dashboard: its own WebSocket, one roomEvents subscription. */
interface Watcher {
  ws: WebSocket;
  room: number;
  /** Last seq seen (the snapshot's first); -1 before the snapshot. */
  lastSeq: number;
  /** MessageReceived events since the last reset. */
  received: number;
  /** Set once closed or failed: counted, never reopened. */
  dead: boolean;
}

export interface WatcherCounts {
  /** MessageReceived events since the last reset, all watchers. */
  received: number;
  gaps: number;
  reorders: number;
  /** Watchers whose socket closed or whose subscription ended or failed. */
  dead: number;
  errors: string[];
}

/**
 * Every watcher of one server, held open from point to point of a series (a point adds the
 * watchers it needs). Latencies are kept only inside a window; counts until the next reset.
 */
export class WatcherPool {
  private readonly watchers: Watcher[] = [];
  private readonly perRoom: number[] = [];
  private counts: WatcherCounts = { received: 0, gaps: 0, reorders: 0, dead: 0, errors: [] };
  private windowEnd = 0;
  private windowStart = Infinity;
  /** Latencies (ms) of the events received inside the window. */
  latencies: number[] = [];
  windowDeliveries = 0;

  constructor(
    private readonly url: string,
    private readonly authorization: string | undefined,
    private readonly roomIds: () => readonly string[],
  ) {}

  get size(): number {
    return this.watchers.length;
  }

  /** Watchers subscribed to room `r`. */
  inRoom(r: number): number {
    return this.perRoom[r] ?? 0;
  }

  /** Opens watchers for the given rooms (indexes), `inFlight` at a time; resolves once each has its snapshot. */
  async add(rooms: readonly number[], inFlight = 200): Promise<void> {
    let next = 0;
    const failures: string[] = [];
    const worker = async () => {
      while (next < rooms.length) {
        const room = rooms[next++];
        try {
          await this.open(room);
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(inFlight, rooms.length) }, worker));
    if (failures.length) throw new Error(`${failures.length} of ${rooms.length} watchers could not subscribe; first: ${failures[0]}`);
  }

  private open(room: number): Promise<void> {
    const roomId = this.roomIds()[room];
    return new Promise((resolve, reject) => {
      const ws = openSocket(this.url);
      const watcher: Watcher = { ws, room, lastSeq: -1, received: 0, dead: false };
      const timer = setTimeout(() => fail('no snapshot within 30 s'), 30_000);
      const fail = (why: string) => {
        clearTimeout(timer);
        if (watcher.lastSeq < 0) {
          ws.terminate();
          reject(new Error(why));
        } else if (!watcher.dead) {
          watcher.dead = true;
          this.counts.dead++;
          if (this.counts.errors.length < 5) this.counts.errors.push(why);
        }
      };
      ws.on('open', () => send(ws, connectionInit(this.authorization)));
      ws.on('error', (error) => fail(error.message));
      ws.on('close', (code, reason) => fail(`closed ${code} ${reason.toString()}`));
      ws.on('message', (data: Buffer) => {
        const text = data.toString();
        const type = frameType(text);
        if (type === 'next') {
          const seq = intField(text, 'seq');
          if (watcher.lastSeq < 0) {
            // The first event is the room's snapshot: the watcher is subscribed from here on.
            watcher.lastSeq = seq;
            clearTimeout(timer);
            this.watchers.push(watcher);
            this.perRoom[room] = (this.perRoom[room] ?? 0) + 1;
            resolve();
            return;
          }
          this.onEvent(watcher, seq, text);
        } else if (type === 'ping') send(ws, { type: 'pong' });
        else if (type === 'connection_ack') send(ws, { type: 'subscribe', id: '1', payload: { query: ROOM_EVENTS, variables: { roomId } } });
        else if (type === 'error' || type === 'complete') fail(`${type}: ${text.slice(0, 300)}`);
      });
    });
  }

  private onEvent(watcher: Watcher, seq: number, text: string): void {
    const now = monotonicNs();
    if (seq === watcher.lastSeq + 1) watcher.lastSeq = seq;
    else if (seq > watcher.lastSeq) {
      this.counts.gaps++;
      watcher.lastSeq = seq;
    } else this.counts.reorders++;
    if (!text.includes('"MessageReceived"')) return;
    watcher.received++;
    this.counts.received++;
    if (now >= this.windowStart && now <= this.windowEnd) {
      this.windowDeliveries++;
      const sentAt = Number(stringField(text, 'payload'));
      this.latencies.push((now - sentAt) / 1e6);
    }
  }

  /** Counts from zero (between points, once the previous point has drained). */
  reset(): void {
    this.counts = { received: 0, gaps: 0, reorders: 0, dead: this.counts.dead, errors: this.counts.errors };
    for (const w of this.watchers) w.received = 0;
    this.latencies = [];
    this.windowDeliveries = 0;
  }

  openWindow(startNs: number, endNs: number): void {
    this.windowStart = startNs;
    this.windowEnd = endNs;
  }

  totals(): WatcherCounts {
    return { ...this.counts, errors: [...this.counts.errors] };
  }

  /** Closes every socket: the server sees the subscriptions end. */
  async close(): Promise<void> {
    for (const w of this.watchers) {
      w.dead = true;
      w.ws.removeAllListeners('close');
      w.ws.on('error', () => {});
      w.ws.terminate();
    }
    this.watchers.length = 0;
    this.perRoom.length = 0;
    await new Promise((r) => setTimeout(r, 200));
  }
}
