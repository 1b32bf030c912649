import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../client/webhooks/verify-webhook.js';
import { eventually, participant } from '../helpers/participant.js';
import { createRoom, DIALECTS, generateToken, mutate, startTestServer, type TestServer } from '../helpers/server.js';
import { WebhookReceiver } from '../helpers/webhook-receiver.js';
import { collect, wsClient } from '../helpers/ws.js';

const FAST_RETRIES = { WEBHOOK_RETRY_BASE_MS: '300', WEBHOOK_POLL_MS: '100' };
const DELIVERIES = `query($r: ID) { webhookDeliveries(filter: {roomId: $r}) { totalCount edges { node {
  eventType status attempts lastError lastStatusCode deliveredTo url failoverUrl } } } }`;

describe.each(DIALECTS)('webhooks on %s', (dialect) => {
  let server: TestServer;
  let publicKey: string;
  const receivers: WebhookReceiver[] = [];
  const receiver = async () => {
    const r = await new WebhookReceiver().start();
    receivers.push(r);
    return r;
  };
  beforeAll(async () => {
    server = await startTestServer(dialect, FAST_RETRIES);
    publicKey = (await server.gql('{ webhookSigningKey { algorithm publicKey } }')).data.webhookSigningKey.publicKey;
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.stop()));
    await server?.stop();
  });

  const deliveries = async (roomId: string) => (await server.gql(DELIVERIES, { r: roomId })).data.webhookDeliveries.edges.map((e: any) => e.node);

  it('POSTs every event of a room, signed, in Telnyx’s envelope, in order', async () => {
    const hooks = await receiver();
    const room = await createRoom(server, { webhookEventUrl: hooks.url });
    const token = (await generateToken(server, room.id)).clientToken.token;
    const p = participant(server.url, token);
    const joined = (await p.join('{"name":"Ann"}')).joined;
    await p.run('mutation { leave { __typename } }');
    await p.close();
    await mutate(server, `mutation($id: ID!) { updateRoom(id: $id, input: {maxParticipants: 3}) { __typename } }`, { id: room.id });
    await eventually('the session to end', async () => (hooks.types().includes('video.room.session.ended') ? true : undefined));
    await mutate(server, `mutation($id: ID!) { deleteRoom(id: $id) { __typename } }`, { id: room.id });
    await eventually('the delete event', () => (hooks.types().includes('video.room.deleted') ? true : undefined));

    expect(hooks.types()).toEqual([
      'video.room.created',
      'video.room.session.started',
      'video.room.participant.joined',
      'video.room.participant.left',
      'video.room.updated',
      'video.room.session.ended',
      'video.room.deleted',
    ]);
    for (const hook of hooks.received) {
      const ok = await verifyWebhook({
        body: hook.body,
        signature: hook.headers['video-rooms-signature-ed25519'] as string,
        timestamp: hook.headers['video-rooms-timestamp'] as string,
        publicKey,
      });
      expect(ok, hook.json.data.event_type).toBe(true);
      expect(hook.json.data).toMatchObject({ record_type: 'event', id: expect.stringMatching(/^[0-9a-f-]{36}$/), occurred_at: expect.any(String) });
      expect(hook.json.meta).toEqual({ attempt: 1, delivered_to: hooks.url });
    }
    const byType = Object.fromEntries(hooks.received.map((h) => [h.json.data.event_type, h.json.data.payload]));
    expect(byType['video.room.participant.joined']).toEqual({ room_id: room.id, session_id: joined.sessionId, participant_id: joined.participantId, context: '{"name":"Ann"}' });
    expect(byType['video.room.participant.left']).toMatchObject({ participant_id: joined.participantId, left_reason: 'left', duration_secs: expect.any(Number) });
    expect(byType['video.room.session.ended']).toMatchObject({ session_id: joined.sessionId, ended_reason: 'empty', duration_secs: expect.any(Number) });

    // A forged or altered body does not verify.
    const first = hooks.received[0]!;
    const headers = { signature: first.headers['video-rooms-signature-ed25519'] as string, timestamp: first.headers['video-rooms-timestamp'] as string };
    expect(await verifyWebhook({ body: first.body.replace('video.room', 'video.rooms'), ...headers, publicKey })).toBe(false);
    expect(await verifyWebhook({ body: first.body, ...headers, publicKey, now: new Date(Date.now() + 3600_000) })).toBe(false);
    expect((await deliveries(room.id)).every((d: any) => d.status === 'DELIVERED' && d.attempts === 1 && d.deliveredTo === 'primary')).toBe(true);
  });

  it('sends to the failover URL when the primary fails or does not answer in time', async () => {
    const primary = await receiver();
    const failover = await receiver();
    primary.answer = 500;
    const room = await createRoom(server, { webhookEventUrl: primary.url, webhookEventFailoverUrl: failover.url, webhookTimeoutSecs: 1 });
    await eventually('the failover to get the event', () => (failover.received.length ? true : undefined));
    expect(primary.types()).toEqual(['video.room.created']);
    expect(failover.types()).toEqual(['video.room.created']);
    expect(failover.received[0]!.json.meta).toEqual({ attempt: 1, delivered_to: failover.url });
    const [d] = await eventually('the delivery to be recorded', async () => {
      const rows = await deliveries(room.id);
      return rows[0]?.status === 'DELIVERED' ? rows : undefined;
    });
    expect(d).toMatchObject({ deliveredTo: 'failover', attempts: 1, url: primary.url, failoverUrl: failover.url });

    primary.answer = 'hang';
    const started = Date.now();
    await mutate(server, `mutation($id: ID!) { updateRoom(id: $id, input: {maxParticipants: 4}) { __typename } }`, { id: room.id });
    await eventually('the failover to get the update', () => (failover.types().includes('video.room.updated') ? true : undefined));
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('retries with backoff until a receiver that was down comes back', async () => {
    const hooks = await receiver();
    const url = hooks.url;
    const port = Number(new URL(url).port);
    await hooks.stop();
    const room = await createRoom(server, { webhookEventUrl: url });
    const failing = await eventually('two failed attempts', async () => {
      const [d] = await deliveries(room.id);
      return d?.attempts >= 2 ? d : undefined;
    });
    expect(failing).toMatchObject({ status: 'PENDING', lastStatusCode: null, lastError: expect.stringMatching(/ECONNREFUSED/) });

    await hooks.start(port);
    await eventually('the retried delivery', () => (hooks.received.length ? true : undefined), 15_000);
    expect(hooks.types()).toEqual(['video.room.created']);
    expect(hooks.received[0]!.json.meta.attempt).toBeGreaterThanOrEqual(3);
    const [done] = await eventually('the delivery to be recorded', async () => {
      const rows = await deliveries(room.id);
      return rows[0]?.status === 'DELIVERED' ? rows : undefined;
    });
    expect(done.lastError).toBeNull();
  });

  it('streams each attempt of a room’s deliveries to a webhookDeliveries subscriber, as it is recorded', async () => {
    const hooks = await receiver();
    hooks.answer = 503;
    const room = await createRoom(server);
    const other = await createRoom(server, { webhookEventUrl: hooks.url });
    const client = wsClient(server.url, server.apiKey);
    const fields = 'eventType status attempts lastStatusCode lastError roomId room { id uniqueName } nextAttemptAt';
    const all = collect(client, `subscription($r: ID) { webhookDeliveries(filter: {roomId: $r}) { ${fields} } }`, { r: room.id });
    const delivered = collect(client, `subscription($r: ID) { webhookDeliveries(filter: {roomId: $r, status: DELIVERED}) { ${fields} } }`, { r: room.id });
    try {
      // Subscriptions start asynchronously: wait until the server holds both before acting.
      await eventually('both subscriptions', () => (server.running.services.bus.listenerCount('webhookAttempt', room.id) === 2 ? true : undefined));
      await mutate(server, `mutation($id: ID!, $u: String) { updateRoom(id: $id, input: {webhookEventUrl: $u}) { __typename } }`, { id: room.id, u: hooks.url });
      const [failed] = await all.next(1, 10_000);
      expect(failed!.webhookDeliveries).toMatchObject({
        eventType: 'video.room.updated',
        status: 'PENDING',
        attempts: 1,
        lastStatusCode: 503,
        roomId: room.id,
        room: { id: room.id, uniqueName: room.uniqueName },
        nextAttemptAt: expect.any(String),
      });
      hooks.answer = 200;
      const [, retried] = await all.next(2, 10_000);
      expect(retried!.webhookDeliveries).toMatchObject({ status: 'DELIVERED', attempts: 2, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
      // The filter keeps only the delivered attempt, and nothing of the other room.
      await delivered.next(1);
      expect(delivered.items.map((i) => i.webhookDeliveries.status)).toEqual(['DELIVERED']);
      // …though the other room's delivery was retried while both watched (its first attempt may
      // have come before they started: wait for a second one).
      await eventually('a retry of the other room’s delivery', async () => ((await deliveries(other.id))[0]?.attempts >= 2 ? true : undefined), 15_000);
      expect(all.items.every((i) => i.webhookDeliveries.roomId === room.id)).toBe(true);
    } finally {
      all.stop();
      delivered.stop();
      await client.dispose();
    }
  });

  it('loses nothing across a restart: pending deliveries go out after it', async () => {
    const hooks = await receiver();
    hooks.answer = 503;
    const room = await createRoom(server, { webhookEventUrl: hooks.url });
    await eventually('a failed attempt', async () => ((await deliveries(room.id))[0]?.lastStatusCode === 503 ? true : undefined));
    await server.restart();
    hooks.answer = 200;
    const before = hooks.received.length;
    await eventually('delivery after the restart', () => (hooks.received.length > before ? true : undefined), 15_000);
    const [d] = await eventually('the delivery to be recorded', async () => {
      const rows = await deliveries(room.id);
      return rows[0]?.status === 'DELIVERED' ? rows : undefined;
    });
    expect(d.attempts).toBeGreaterThanOrEqual(2);
  });
});
