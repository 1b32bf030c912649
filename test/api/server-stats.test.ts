// serverStats: what an operator's dashboard reads of the server itself, as a query and as a
// subscription that is read once per period for every subscriber.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { participant, type TestParticipant } from '../helpers/participant.js';
import { createRoom, generateToken, startTestServer, TEST_API_KEY, type TestServer } from '../helpers/server.js';
import { collect, wsClient } from '../helpers/ws.js';

const FIELDS = `at uptimeSecs rssBytes heapUsedBytes liveRooms liveParticipants webhookDeliveriesPending compositionsEnqueued compositionsRendering
  workers { pid cpu cpuSeconds memoryBytes routers transports producers consumers }`;
const QUERY = `{ serverStats { ${FIELDS} } }`;
const WATCH = `subscription($s: Int) { serverStats(intervalSecs: $s) { ${FIELDS} } }`;

describe('serverStats', () => {
  let server: TestServer;
  const open: TestParticipant[] = [];
  beforeAll(async () => {
    server = await startTestServer('pglite');
  });
  afterAll(async () => {
    await Promise.all(open.map((p) => p.close()));
    await server?.stop();
  });

  it('counts a live room, its participant and the media objects it opened on the worker', async () => {
    const before = (await server.gql(QUERY)).data.serverStats;
    expect(before.workers).toHaveLength(1);
    expect(before.workers[0].pid).toBeGreaterThan(0);
    expect(before.rssBytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(before.heapUsedBytes).toBeGreaterThan(0);

    const room = await createRoom(server);
    const p = participant(server.url, (await generateToken(server, room.id)).clientToken.token);
    open.push(p);
    await p.join('stats');
    const after = (await server.gql(QUERY)).data.serverStats;
    expect(after.liveRooms).toBe(before.liveRooms + 1);
    expect(after.liveParticipants).toBe(before.liveParticipants + 1);
    // A router for the room, a send and a receive transport for the participant.
    expect(after.workers[0].routers).toBe(before.workers[0].routers + 1);
    expect(after.workers[0].transports).toBe(before.workers[0].transports + 2);
    expect(after.workers[0].memoryBytes).toBeGreaterThan(0);
    expect(new Date(after.at).getTime()).toBeGreaterThanOrEqual(new Date(before.at).getTime());
  });

  it('is for API keys only', async () => {
    const anonymous = await server.gql(QUERY, undefined, null);
    expect(anonymous.data?.serverStats ?? null).toBeNull();
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const room = await createRoom(server);
    const token = (await generateToken(server, room.id)).clientToken.token;
    const asClient = await server.gql(QUERY, undefined, token);
    expect(asClient.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('streams a reading every period, the same reading to every subscriber, with the workers’ CPU from the second on', async () => {
    const client = wsClient(server.url, TEST_API_KEY);
    const a = collect(client, WATCH, { s: 1 });
    const b = collect(client, WATCH, { s: 1 });
    const [firstA, , thirdA] = (await a.next(3, 10_000)).map((d: any) => d.serverStats);
    await b.next(3, 10_000);
    // The first reading is each subscriber's own; after it they share the period's reading.
    const periodic = (items: any[]) => items.slice(1).map((d) => d.serverStats.at);
    const shared = periodic(a.items).filter((at) => periodic(b.items).includes(at));
    expect(shared.length).toBeGreaterThanOrEqual(1);
    expect(new Date(thirdA.at).getTime() - new Date(firstA.at).getTime()).toBeGreaterThanOrEqual(900);
    expect(typeof thirdA.workers[0].cpu).toBe('number');
    expect(thirdA.workers[0].cpu).toBeGreaterThanOrEqual(0);
    a.stop();
    b.stop();
    await client.dispose();
  });

  it('refuses a period out of range, naming the argument', async () => {
    const client = wsClient(server.url, TEST_API_KEY);
    for (const s of [0, 61, -1]) {
      const w = collect(client, WATCH, { s });
      await expect(w.next(1)).rejects.toThrow(/BAD_USER_INPUT.*intervalSecs|intervalSecs.*BAD_USER_INPUT/);
    }
    await client.dispose();
  });
});
