// Postgres restarts in the middle of a call (an operator's restart, a failover): the call goes on
// (media, messages, live state), what needs the database while it is away answers a clear error,
// and once it is back sessions, events and webhooks carry on with nothing lost or written twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Vp8Source } from '../media/helpers/ffmpeg.js';
import { waitUntil, type RtpSink } from '../media/helpers/rtp.js';
import { eventually, participant, type TestParticipant } from '../helpers/participant.js';
import { publishTestVideo, receiveTestVideo } from '../helpers/plain-media.js';
import { PrivatePostgres } from '../helpers/private-postgres.js';
import { createRoom, generateToken, startTestServer, type TestServer } from '../helpers/server.js';
import { WebhookReceiver } from '../helpers/webhook-receiver.js';

const RETRIES = { WEBHOOK_RETRY_BASE_MS: '300', WEBHOOK_RETRY_MAX_MS: '2000', WEBHOOK_POLL_MS: '100' };
const SESSION = `query($r: ID!) { roomState(roomId: $r) { sessionId participants { id } } }`;
const DELIVERIES = `query($r: ID) { webhookDeliveries(filter: {roomId: $r}, first: 100) { edges { node { eventId eventType status } } } }`;
const PARTICIPANTS = `query($s: ID!) { participants(filter: {sessionId: $s}, first: 100) { edges { node { id context leftAt } } } }`;

describe('Postgres restarted mid-call', () => {
  let pg: PrivatePostgres;
  let server: TestServer;
  let hooks: WebhookReceiver;
  let roomId: string;
  const people: TestParticipant[] = [];
  let source: Vp8Source | undefined;
  let sink: RtpSink | undefined;

  beforeAll(async () => {
    pg = await PrivatePostgres.start();
    server = await startTestServer('postgres', { ...RETRIES, DATABASE_URL: pg.url });
    hooks = await new WebhookReceiver().start();
    roomId = (await createRoom(server, { webhookEventUrl: hooks.url })).id;
  });

  afterAll(async () => {
    await source?.stop();
    sink?.close();
    await Promise.allSettled(people.map((p) => p.close()));
    await hooks?.stop();
    await server?.stop();
    await pg?.destroy();
  });

  const join = async (context: string) => {
    const p = participant(server.url, (await generateToken(server, roomId)).clientToken.token);
    people.push(p);
    const joined = await p.join(context);
    return { p, joined, id: joined.joined?.participantId as string | undefined };
  };

  it('keeps the call going through the restart, then carries on with nothing lost or written twice', { timeout: 90_000 }, async () => {
    const ann = await join('ann');
    const bob = await join('bob');
    const dan = await join('dan');
    const media = server.running.services.orchestrator.media;
    source = await publishTestVideo(media, roomId, ann.id!, ann.p, 44460001);
    sink = await receiveTestVideo(media, roomId, bob.id!, bob.p, ann.id!);
    await waitUntil(() => sink!.rtpPackets > 30, 5000, 'video before the restart');
    const before = (await server.gql(SESSION, { r: roomId })).data.roomState;
    const annEvents = ann.p.events(roomId);
    await annEvents.next(1);

    await pg.stopServer();
    const downAt = Date.now();
    // Media and messages do not need the database: the call goes on.
    const packets = sink.rtpPackets;
    await waitUntil(() => sink!.rtpPackets > packets + 30, 5000, 'video while the database is down');
    const sent = await bob.p.run(`mutation { sendMessage(payload: "still here") { __typename } }`);
    expect(sent.data).toEqual({ sendMessage: { __typename: 'SendMessagePayload' } });
    await eventually('the message at Ann', () => annEvents.items.find((e) => e.roomEvents.payload === 'still here'));
    // What needs it answers an error that says so, and leaves nothing half done.
    const refused = await server.gql('mutation { createRoom(input: {}) { __typename } }');
    expect(refused.status).toBe(503);
    expect(refused.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/database is not reachable/), extensions: { code: 'DATABASE_UNAVAILABLE' } })]);
    expect(JSON.stringify(refused)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack/);
    const rest = await fetch(`${server.url}/v2/rooms`, { headers: { authorization: `Bearer ${server.apiKey}` } });
    expect(rest.status).toBe(503);
    expect(rest.headers.get('retry-after')).toBe('2');
    expect(((await rest.json()) as any).errors[0]).toMatchObject({ detail: expect.stringMatching(/database is not reachable/), meta: { reason: 'DATABASE_UNAVAILABLE' } });
    expect((await server.gql('{ __typename }')).data).toEqual({ __typename: 'Query' });
    // A leave cannot be refused: the others hear of it at once; it is written once the database is back.
    const danLeaving = dan.p.run('mutation { leave { __typename } }');
    await eventually('Dan gone from the live state', () => annEvents.items.find((e) => e.roomEvents.__typename === 'ParticipantLeft' && e.roomEvents.participantId === dan.id));
    await new Promise((r) => setTimeout(r, 1000));
    await pg.startServer();
    const downMs = Date.now() - downAt;
    const backAt = Date.now();
    expect((await danLeaving).data).toEqual({ leave: { __typename: 'LeavePayload' } });
    // New work is served again: a third participant joins the same session.
    const cat = await eventually(
      'a join after the restart',
      async () => {
        const c = await join('cat');
        return c.id ? c : undefined;
      },
      20_000,
    );
    const recoveredMs = Date.now() - backAt;
    const after = (await server.gql(SESSION, { r: roomId })).data.roomState;
    expect(after.sessionId).toBe(before.sessionId);
    expect(after.participants.map((p: any) => p.id).sort()).toEqual([ann.id, bob.id, cat.id].sort());
    const stillFlowing = sink.rtpPackets;
    await waitUntil(() => sink!.rtpPackets > stillFlowing + 30, 5000, 'video after the restart');

    // Cat leaves: its leave is written and sent like any other.
    await cat.p.run('mutation { leave { __typename } }');
    await eventually('both left webhooks', () => (hooks.types().filter((t) => t === 'video.room.participant.left').length === 2 ? true : undefined), 15_000);
    // One row per participant, and Dan's and Cat's leaves recorded.
    const rows = (await server.gql(PARTICIPANTS, { s: before.sessionId })).data.participants.edges.map((e: any) => e.node);
    expect(rows.map((r: any) => r.context).sort()).toEqual(['ann', 'bob', 'cat', 'dan']);
    expect(
      rows
        .filter((r: any) => r.leftAt !== null)
        .map((r: any) => r.context)
        .sort(),
    ).toEqual(['cat', 'dan']);

    // Every event of the room reached the receiver once, in order.
    const deliveries = (await server.gql(DELIVERIES, { r: roomId })).data.webhookDeliveries.edges.map((e: any) => e.node).reverse();
    await eventually('every webhook delivered', () => (hooks.received.length >= deliveries.length ? true : undefined), 15_000);
    const ids = hooks.received.map((h) => h.json.data.id);
    expect(ids).toEqual(deliveries.map((d: any) => d.eventId));
    expect(hooks.types()).toEqual([
      'video.room.created',
      'video.room.session.started',
      ...['video.room.participant.joined', 'video.room.participant.joined', 'video.room.participant.joined'],
      'video.room.participant.left',
      'video.room.participant.joined',
      'video.room.participant.left',
    ]);
    console.log(`Postgres restart mid-call: down ${downMs} ms; the first join after it succeeded ${recoveredMs} ms after Postgres was back`);
  });
});
