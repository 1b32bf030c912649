// roomStats: a live room's media figures from mediasoup, with real RTP flowing (ffmpeg's VP8 into
// a participant's send transport, forwarded to another participant's receive transport), read
// once per room and period for every watcher.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Vp8Source } from '../media/helpers/ffmpeg.js';
import type { RtpSink } from '../media/helpers/rtp.js';
import { participant, type TestParticipant } from '../helpers/participant.js';
import { publishTestVideo, receiveTestVideo } from '../helpers/plain-media.js';
import { createRoom, generateToken, startTestServer, TEST_API_KEY, type TestServer } from '../helpers/server.js';
import { collect, wsClient } from '../helpers/ws.js';

const TRACK = 'kind streamKey bitrate packetsLost lossPercent jitterMs rttMs score paused';
const FIELDS = `roomId sessionId at participants {
  participantId context joinedAt networkQuality rttMs
  published { producerId ${TRACK} }
  received { consumerId fromParticipantId producerScore producerPaused spatialLayer temporalLayer ${TRACK} }
  transports { direction type bytesReceived bytesSent recvBitrate sendBitrate availableOutgoingBitrate iceState } }`;
const QUERY = `query($roomId: ID!) { roomStats(roomId: $roomId) { ${FIELDS} } }`;
const WATCH = `subscription($roomId: ID!, $s: Int) { roomStats(roomId: $roomId, intervalSecs: $s) { ${FIELDS} } }`;

describe('roomStats', () => {
  let server: TestServer;
  let roomId: string;
  let ann: { p: TestParticipant; id: string };
  let bob: { p: TestParticipant; id: string };
  let source: Vp8Source;
  let sink: RtpSink;

  const join = async (context: string) => {
    const p = participant(server.url, (await generateToken(server, roomId)).clientToken.token);
    const joined = await p.join(context);
    return { p, id: joined.joined.participantId as string };
  };

  beforeAll(async () => {
    server = await startTestServer('pglite');
    roomId = (await createRoom(server)).id;
    ann = await join('ann');
    bob = await join('bob');
    const media = server.running.services.orchestrator.media;
    source = await publishTestVideo(media, roomId, ann.id, ann.p, 33330001);
    sink = await receiveTestVideo(media, roomId, bob.id, bob.p, ann.id);
  });

  afterAll(async () => {
    await source?.stop();
    sink?.close();
    await Promise.allSettled([ann?.p.close(), bob?.p.close()]);
    await server?.stop();
  });

  it('reads what a participant publishes and what another receives, with bitrates from real media', async () => {
    const client = wsClient(server.url, TEST_API_KEY);
    const watch = collect(client, WATCH, { roomId, s: 1 });
    // A few readings: the rates come from the byte counts between two of them, once packets flow.
    const deadline = Date.now() + 15_000;
    let reading: any;
    for (let n = 1; Date.now() < deadline; n++) {
      reading = (await watch.next(n, 5000))[n - 1].roomStats;
      const a = reading.participants.find((p: any) => p.participantId === ann.id);
      const b = reading.participants.find((p: any) => p.participantId === bob.id);
      if (n > 1 && a?.published[0]?.bitrate > 0 && b?.received[0]?.bitrate > 0) break;
    }
    watch.stop();
    await client.dispose();
    expect(sink.rtpPackets, source.stderr).toBeGreaterThan(0);

    expect(reading.roomId).toBe(roomId);
    expect(reading.sessionId).toBeTruthy();
    const a = reading.participants.find((p: any) => p.participantId === ann.id);
    const b = reading.participants.find((p: any) => p.participantId === bob.id);
    expect(a.context).toBe('ann');
    expect(a.published).toHaveLength(1);
    const published = a.published[0];
    expect(published).toMatchObject({ kind: 'VIDEO', streamKey: 'self', paused: false });
    // ffmpeg sends ~300 kbit/s; a 1 s period on a busy machine may see much less or more.
    expect(published.bitrate).toBeGreaterThan(20_000);
    expect(published.bitrate).toBeLessThan(5_000_000);
    expect(published.score).toBeGreaterThan(0);
    expect(published.lossPercent).toBeGreaterThanOrEqual(0);
    expect(typeof published.jitterMs).toBe('number');
    expect(a.transports.find((t: any) => t.direction === 'send')).toMatchObject({ type: 'plain', iceState: null });
    expect(a.transports.find((t: any) => t.direction === 'send').bytesReceived).toBeGreaterThan(0);
    expect(a.networkQuality).toBeGreaterThanOrEqual(0);
    expect(a.networkQuality).toBeLessThanOrEqual(5);

    expect(b.published).toEqual([]);
    expect(b.received).toHaveLength(1);
    const received = b.received[0];
    expect(received).toMatchObject({ fromParticipantId: ann.id, kind: 'VIDEO', streamKey: 'self', paused: false, producerPaused: false, jitterMs: null });
    expect(received.bitrate).toBeGreaterThan(20_000);
    expect(received.producerScore).toBeGreaterThan(0);
    // A single-layer stream: no simulcast layer to report.
    expect(received.spatialLayer).toBeNull();
    // The UDP sink sends no RTCP receiver reports: no RTT.
    expect(b.rttMs).toBeNull();
    expect(b.transports.find((t: any) => t.direction === 'recv').bytesSent).toBeGreaterThan(0);
  });

  it("counts the room's media in the server's totals (serverStats ingress and egress bitrates)", async () => {
    // mediasoup's rates cover the last second: read until both directions show the flowing video.
    const totals = await (async () => {
      const deadline = Date.now() + 10_000;
      let last: any;
      while (Date.now() < deadline) {
        last = (await server.gql('{ serverStats { ingressBitrate egressBitrate } }')).data.serverStats;
        if (last.ingressBitrate > 0 && last.egressBitrate > 0) return last;
        await new Promise((r) => setTimeout(r, 250));
      }
      return last;
    })();
    // ffmpeg sends ~300 kbit/s in; the same video goes out to the one receiver.
    expect(totals.ingressBitrate).toBeGreaterThan(20_000);
    expect(totals.ingressBitrate).toBeLessThan(5_000_000);
    expect(totals.egressBitrate).toBeGreaterThan(20_000);
  });

  it('takes one reading per period for every watcher: two watchers get the same readings', async () => {
    const stats = server.running.services.roomStats;
    const client = wsClient(server.url, TEST_API_KEY);
    const a = collect(client, WATCH, { roomId, s: 1 });
    await a.next(1, 5000);
    const b = collect(client, WATCH, { roomId, s: 1 });
    const before = stats.readingsTaken;
    await Promise.all([a.next(5, 10_000), b.next(4, 10_000)]);
    const taken = stats.readingsTaken - before;
    const at = (items: any[]) => items.map((d) => d.roomStats.at);
    // b joined the period a started: it got a's latest reading at once, then every one after it.
    const shared = at(b.items).filter((t) => at(a.items).includes(t));
    expect(shared.length).toBeGreaterThanOrEqual(3);
    expect(new Set(at(a.items)).size).toBe(a.items.length);
    // Four or so readings for eight or so deliveries: one per period, not one per watcher.
    expect(taken).toBeLessThanOrEqual(a.items.length);
    expect(stats.activeTickers).toBe(1);
    a.stop();
    b.stop();
    await client.dispose();
    await expect.poll(() => stats.activeTickers, { timeout: 3000 }).toBe(0);
  });

  it('answers a single reading as a query, and an idle room as no participants', async () => {
    const now = await server.gql(QUERY, { roomId });
    expect(now.errors).toBeUndefined();
    expect(now.data.roomStats.participants.map((p: any) => p.participantId).sort()).toEqual([ann.id, bob.id].sort());
    const idle = await createRoom(server);
    const empty = await server.gql(QUERY, { roomId: idle.id });
    expect(empty.data.roomStats).toMatchObject({ roomId: idle.id, sessionId: null, participants: [] });
  });

  it('is for API keys only', async () => {
    const anonymous = await server.gql(QUERY, { roomId }, null);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const token = (await generateToken(server, roomId)).clientToken.token;
    const asClient = await server.gql(QUERY, { roomId }, token);
    expect(asClient.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const client = wsClient(server.url, token);
    const w = collect(client, WATCH, { roomId, s: 1 });
    await expect(w.next(1)).rejects.toThrow(/FORBIDDEN/);
    await client.dispose();
  });

  it('refuses a bad period or room id, naming the argument, and keeps serving', async () => {
    const client = wsClient(server.url, TEST_API_KEY);
    for (const s of [0, 61, -1]) {
      await expect(collect(client, WATCH, { roomId, s }).next(1)).rejects.toThrow(/BAD_USER_INPUT.*intervalSecs|intervalSecs.*BAD_USER_INPUT/);
    }
    await expect(collect(client, WATCH, { roomId: 'not-a-uuid', s: 2 }).next(1)).rejects.toThrow(/BAD_USER_INPUT.*roomId|roomId.*BAD_USER_INPUT/);
    await expect(collect(client, WATCH, { roomId: randomUUID(), s: 2 }).next(1)).rejects.toThrow(/NOT_FOUND.*roomId|roomId.*NOT_FOUND/);
    const unknown = await server.gql(QUERY, { roomId: randomUUID() });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'roomId' });
    const malformed = await server.gql(QUERY, { roomId: 'x' });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'roomId' });
    // Still serving, nothing left running for the refused watchers.
    expect((await collect(client, WATCH, { roomId, s: 1 }).next(1, 5000))[0].roomStats.roomId).toBe(roomId);
    await client.dispose();
    expect((await server.gql(QUERY, { roomId })).data.roomStats.roomId).toBe(roomId);
  });
});
