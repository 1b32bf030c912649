// The webhook receiver goes down while rooms are busy and comes back after many failed attempts:
// every event reaches it once, and each room's events arrive in the order they happened. Retries
// are compressed (200 ms doubling to 1 s) so that the outage's many attempts fit in a test; what
// matters is how many attempts each delivery went through, not the wall time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, participant } from '../helpers/participant.js';
import { createRoom, DIALECTS, generateToken, mutate, startTestServer, type TestServer } from '../helpers/server.js';
import { WebhookReceiver } from '../helpers/webhook-receiver.js';

const RETRIES = { WEBHOOK_RETRY_BASE_MS: '200', WEBHOOK_RETRY_MAX_MS: '1000', WEBHOOK_POLL_MS: '100', WEBHOOK_MAX_ATTEMPTS: '100' };
const OUTAGE_MS = 12_000;
const DELIVERIES = `query($r: ID, $after: String) { webhookDeliveries(filter: {roomId: $r}, first: 100, after: $after) {
  pageInfo { hasNextPage endCursor } edges { node { eventId eventType status attempts } } } }`;

describe.each(DIALECTS)('webhooks through a receiver outage on %s', (dialect) => {
  let server: TestServer;
  let hooks: WebhookReceiver;

  beforeAll(async () => {
    server = await startTestServer(dialect, RETRIES);
    hooks = await new WebhookReceiver().start();
  });
  afterAll(async () => {
    await hooks?.stop();
    await server?.stop();
  });

  /** The room's deliveries in the order the server queued them (its events' order): the API lists newest first. */
  const deliveries = async (roomId: string) => {
    const all: any[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await server.gql(DELIVERIES, { r: roomId, after })).data.webhookDeliveries;
      all.push(...page.edges.map((e: any) => e.node));
      if (!page.pageInfo.hasNextPage) return all.reverse();
      after = page.pageInfo.endCursor;
    }
  };

  /** A room's comings and goings: a session, joins, leaves and room updates, each an event. */
  const busyRoom = async (roomId: string, rounds: number) => {
    for (let i = 0; i < rounds; i++) {
      const p = participant(server.url, (await generateToken(server, roomId)).clientToken.token);
      await p.join(`{"round":${i}}`);
      await mutate(server, `mutation($id: ID!, $n: Int!) { updateRoom(id: $id, input: {maxParticipants: $n}) { __typename } }`, { id: roomId, n: 10 + i });
      await p.run('mutation { leave { __typename } }');
      await p.close();
    }
  };

  it('delivers every event once, in each room’s order, after minutes’ worth of failed attempts', { timeout: 120_000 }, async () => {
    const port = Number(new URL(hooks.url).port);
    await hooks.stop();
    const rooms = [await createRoom(server, { webhookEventUrl: hooks.url }), await createRoom(server, { webhookEventUrl: hooks.url })];
    const downAt = Date.now();
    // Events keep coming while the receiver is down, in both rooms at once.
    await Promise.all(rooms.map((r) => busyRoom(r.id, 4)));
    await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - downAt))));

    const queued = await Promise.all(rooms.map((r) => deliveries(r.id)));
    for (const q of queued) {
      expect(q.length).toBeGreaterThanOrEqual(12);
      expect(q.every((d) => d.status === 'PENDING')).toBe(true);
    }
    // The first of each room has been tried again and again; the rest wait behind it.
    expect(Math.min(...queued.map((q) => q[0].attempts))).toBeGreaterThanOrEqual(8);

    await hooks.start(port);
    const backAt = Date.now();
    const total = queued.reduce((n, q) => n + q.length, 0);
    await eventually('every event delivered', () => (hooks.received.length >= total ? true : undefined), 60_000);
    const drainedMs = Date.now() - backAt;
    // Nothing more comes: no event twice.
    await new Promise((r) => setTimeout(r, 1500));
    const ids = hooks.received.map((h) => h.json.data.id as string);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(total);

    for (const [i, room] of rooms.entries()) {
      const got = hooks.received.filter((h) => h.json.data.payload.room_id === room.id).map((h) => h.json.data.id);
      expect(got).toEqual(queued[i]!.map((d) => d.eventId));
      const done = await deliveries(room.id);
      expect(done.every((d) => d.status === 'DELIVERED')).toBe(true);
    }
    console.log(
      `webhooks on ${dialect}: ${total} events held through a ${Math.round(OUTAGE_MS / 1000)} s outage (first deliveries tried ${Math.min(...queued.map((q) => q[0].attempts))}+ times), all delivered in order ${drainedMs} ms after the receiver came back`,
    );
  });
});
