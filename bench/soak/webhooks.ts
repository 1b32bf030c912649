import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServerApi } from '../load/api.js';

// The soak's webhook receiver, and the check of what it got against what the server emitted
// (its outbox, read through webhookDeliveries): each delivered, once, in the room's order.

export interface Arrival {
  eventId: string;
  type: string;
  roomId: string | undefined;
}

export class WebhookSink {
  readonly arrivals: Arrival[] = [];
  private server?: Server;
  private port = 0;

  /** Listens (again, on the same port after a stop: the receiver coming back after an outage). */
  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          this.arrivals.push({ eventId: body.data.id, type: body.data.event_type, roomId: body.data.payload?.room_id });
        } catch {
          this.arrivals.push({ eventId: 'unparsable', type: 'unparsable', roomId: undefined });
        }
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  /**
   * The receiver down for `seconds` from `atSecs` into the run (connections refused), then back:
   * what the server queued meanwhile must still arrive once, in order. Resolves when it is back.
   */
  async outage(atSecs: number, seconds: number, log: (line: string) => void): Promise<WebhookOutage> {
    await sleep(atSecs * 1000);
    const before = this.arrivals.length;
    await this.stop();
    log(`${atSecs} s: the webhook receiver goes down for ${seconds} s`);
    await sleep(seconds * 1000);
    await this.start();
    const backAt = Date.now();
    log(`${atSecs + seconds} s: the webhook receiver is back`);
    const firstAfter = new Promise<number>((resolve) => {
      const check = () => (this.arrivals.length > before ? resolve(Date.now() - backAt) : setTimeout(check, 100).unref());
      check();
    });
    return { atSecs, seconds, firstArrivalAfterMs: await Promise.race([firstAfter, sleep(300_000).then(() => -1)]) };
  }
}

export interface WebhookOutage {
  atSecs: number;
  seconds: number;
  /** From the receiver's return to the first webhook it got (the retries' backoff); -1: none. */
  firstArrivalAfterMs: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

export interface WebhookRoomCheck {
  roomId: string;
  emitted: number;
  delivered: number;
  /** Emitted but never received. */
  missing: number;
  /** Received more than once. */
  duplicates: number;
  /** Arrivals of an event queued in an earlier millisecond than one that arrived before it. */
  outOfOrder: number;
  /** Outbox rows not `DELIVERED` at the end. */
  notDelivered: number;
}

export type WebhookCheck = Omit<WebhookRoomCheck, 'roomId'> & { byType: Record<string, number>; rooms: WebhookRoomCheck[] };

const DELIVERIES = `query($roomId: ID!, $after: String) { webhookDeliveries(first: 250, after: $after, filter: {roomId: $roomId}) {
  pageInfo { hasNextPage endCursor } edges { node { id eventId eventType status } } } }`;

type OutboxRow = { id: string; eventId: string; eventType: string; status: string };

/** The millisecond a delivery was queued: the start of its UUIDv7 id. Rows of one millisecond tie. */
const queuedAt = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

async function outbox(api: ServerApi, roomId: string): Promise<OutboxRow[]> {
  const rows: OutboxRow[] = [];
  let after: string | null = null;
  for (;;) {
    const page: any = (await api.gql(DELIVERIES, { roomId, after })).webhookDeliveries;
    rows.push(...page.edges.map((e: any) => e.node));
    if (!page.pageInfo.hasNextPage) return rows;
    after = page.pageInfo.endCursor;
  }
}

/** Compares, room by room, the outbox (in its order of creation) with what arrived. */
export async function checkWebhooks(api: ServerApi, sink: WebhookSink, roomIds: string[]): Promise<WebhookCheck> {
  const total: WebhookCheck = { emitted: 0, delivered: 0, missing: 0, duplicates: 0, outOfOrder: 0, notDelivered: 0, byType: {}, rooms: [] };
  for (const roomId of roomIds) {
    const emitted = await outbox(api, roomId);
    const position = new Map(emitted.map((d) => [d.eventId, queuedAt(d.id)]));
    const arrived = sink.arrivals.filter((a) => a.roomId === roomId);
    const seen = new Set<string>();
    let duplicates = 0;
    let outOfOrder = 0;
    let last = -1;
    for (const a of arrived) {
      if (seen.has(a.eventId)) duplicates++;
      seen.add(a.eventId);
      const at = position.get(a.eventId) ?? -1;
      if (at < last) outOfOrder++;
      last = Math.max(last, at);
    }
    const check: WebhookRoomCheck = {
      roomId,
      emitted: emitted.length,
      delivered: seen.size,
      missing: emitted.filter((d) => !seen.has(d.eventId)).length,
      duplicates,
      outOfOrder,
      notDelivered: emitted.filter((d) => d.status !== 'DELIVERED').length,
    };
    for (const d of emitted) total.byType[d.eventType] = (total.byType[d.eventType] ?? 0) + 1;
    total.rooms.push(check);
    for (const k of ['emitted', 'delivered', 'missing', 'duplicates', 'outOfOrder', 'notDelivered'] as const) total[k] += check[k];
  }
  return total;
}
