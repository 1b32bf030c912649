// Three node processes on loopback as one platform: one Postgres database and one Redis (started
// here), Chromium participants entering through different nodes, a watcher on a third, and the
// faults a cluster lives through: Redis restarting, the room's node killed.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClusterNode, type ClusterNode } from '../../scripts/cluster/node-process.js';
import { startRedisServer, type TestRedis } from '../helpers/redis-server.js';
import { createDatabase, type TestServer } from '../helpers/server.js';
import { WebhookReceiver } from '../helpers/webhook-receiver.js';
import { collect, wsClient, type Collected } from '../helpers/ws.js';
import { closeAll, ensureClientBuilt, events, expectFlowing, launchBrowser, sdkParticipant, waitFor, type Participant } from './harness.js';
import { clusterApi } from '../helpers/cluster-api.js';

const API_KEY = `cluster-test-key-${randomBytes(8).toString('hex')}`;
const HEARTBEAT_MS = 500;
const NODE_TIMEOUT_MS = 2_000;

const ROOM_EVENTS = `subscription($roomId: ID!) { roomEvents(roomId: $roomId) {
  __typename seq
  ... on RoomStateSnapshot { state { sessionId participants { id } } }
  ... on ParticipantJoined { participant { id } }
  ... on StreamPublished { stream { participantId key } }
  ... on TrackCensored { participantId kind }
  ... on MessageReceived { payload fromOperator }
} }`;

const gql = clusterApi(API_KEY);

async function clientToken(node: ClusterNode, roomId: string): Promise<string> {
  const r = await gql(node, `mutation($roomId: ID!) { generateClientToken(roomId: $roomId, tokenTtlSecs: 3600) { __typename ... on GenerateClientTokenPayload { clientToken { token } } } }`, {
    roomId,
  });
  return r.generateClientToken.clientToken.token;
}

const liveNodeId = async (via: ClusterNode, roomId: string): Promise<string | null> => (await gql(via, `query($id: ID!) { room(id: $id) { liveNodeId } }`, { id: roomId })).room.liveNodeId;

/** The seq of every delta after the snapshot goes up by one (messages to chosen recipients aside, none here). */
function expectInOrder(items: { roomEvents: { __typename: string; seq: number } }[]): void {
  const seqs = items.map((i) => i.roomEvents.seq);
  for (let i = 1; i < seqs.length; i++) expect(seqs[i], `seq after ${seqs.slice(0, i).join(',')}`).toBe(seqs[i - 1]! + 1);
}

describe('a cluster of three nodes on one Postgres and one Redis', () => {
  let redis: TestRedis;
  let dropDatabase: () => Promise<void>;
  let dataDir: string;
  const nodes: ClusterNode[] = [];
  const receiver = new WebhookReceiver();
  let browser: Browser;
  let roomId: string;
  let owner: ClusterNode;
  let watcher: Collected<any>;
  let p1: Participant;
  let p2: Participant;
  const byId = (id: string | null) => nodes.find((n) => n.nodeId === id)!;
  const others = (node: ClusterNode) => nodes.filter((n) => n !== node && n.child.exitCode === null && n.child.signalCode === null);

  beforeAll(async () => {
    ensureClientBuilt();
    redis = await startRedisServer();
    const db = await createDatabase();
    dropDatabase = db.drop;
    dataDir = mkdtempSync(path.join(tmpdir(), 'vr-cluster-'));
    await receiver.start();
    const basePort = 20_000 + Math.floor(Math.random() * 20_000);
    const env = {
      API_KEY,
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'warn',
      MEDIA_WORKERS: '1',
      NODE_HEARTBEAT_MS: String(HEARTBEAT_MS),
      NODE_TIMEOUT_MS: String(NODE_TIMEOUT_MS),
      RECONNECT_GRACE_MS: '5000',
      EMPTY_ROOM_GRACE_MS: '2000',
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      WEBHOOK_RETRY_BASE_MS: '200',
    };
    const quiet = (nodeId: string) => (line: string) => {
      if (/"level":(50|60)/.test(line)) console.error(`[${nodeId}] ${line}`);
    };
    // One after another: the first creates the shared keys in the data folder.
    for (let index = 1; index <= 3; index++) {
      nodes.push(await startClusterNode({ index, databaseUrl: db.url, redisUrl: redis.url, dataDir, basePort, env, onOutput: quiet(`node-${index}`) }));
    }
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    watcher?.stop();
    await closeAll(p1, p2);
    await browser?.close();
    for (const node of nodes) node.kill('SIGKILL');
    await Promise.all(nodes.map((n) => n.exited));
    await receiver.stop();
    await redis?.stop();
    await dropDatabase?.();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('lists its three nodes, each with its own URL, on every node', async () => {
    for (const node of nodes) {
      const { clusterNodes } = await gql(node, '{ clusterNodes { nodeId url self draining } }');
      expect(clusterNodes.map((n: { nodeId: string }) => n.nodeId)).toEqual(['node-1', 'node-2', 'node-3']);
      expect(clusterNodes.find((n: { self: boolean }) => n.self).url).toBe(node.url);
    }
  });

  it('places a room on one node: participants entering through different nodes meet there, see and hear each other', async () => {
    const created = await gql(nodes[0]!, `mutation($input: CreateRoomInput!) { createRoom(input: $input) { __typename ... on CreateRoomPayload { room { id } } } }`, {
      input: { uniqueName: `cluster-${randomBytes(4).toString('hex')}`, webhookEventUrl: receiver.url, enableRecording: true },
    });
    roomId = created.createRoom.room.id;
    // The watcher is on node 3, which no participant enters through.
    watcher = collect(wsClient(nodes[2]!.url, API_KEY), ROOM_EVENTS, { roomId });
    await watcher.next(1, 10_000);

    p1 = await sdkParticipant(browser, { url: nodes[0]!.url } as TestServer, { roomId, token: await clientToken(nodes[0]!, roomId), context: 'p1' });
    p2 = await sdkParticipant(browser, { url: nodes[1]!.url } as TestServer, { roomId, token: await clientToken(nodes[1]!, roomId), context: 'p2' });
    owner = byId(await liveNodeId(nodes[2]!, roomId));
    expect(owner).toBeDefined();
    await expectFlowing(p1.page, [`${p2.id}:self`]);
    await expectFlowing(p2.page, [`${p1.id}:self`]);
    const { clusterNodes } = await gql(nodes[2]!, '{ clusterNodes { nodeId participants } }');
    await waitFor('the owner to report both participants in its heartbeat', async () => {
      const { clusterNodes: now } = await gql(nodes[2]!, '{ clusterNodes { nodeId participants } }');
      return now.find((n: { nodeId: string }) => n.nodeId === owner.nodeId)?.participants === 2;
    });
    expect(clusterNodes).toHaveLength(3);
  }, 120_000);

  it('streams the room to a watcher on another node: every event, in order', async () => {
    await waitFor('the watcher to see both streams', () => watcher.items.filter((i) => i.roomEvents.__typename === 'StreamPublished').length >= 2);
    const items = watcher.items;
    expect(items[0].roomEvents.__typename).toBe('RoomStateSnapshot');
    expectInOrder(items);
    const joined = items.filter((i) => i.roomEvents.__typename === 'ParticipantJoined').map((i) => i.roomEvents.participant.id);
    expect(joined).toEqual([p1.id, p2.id]);
    expect(watcher.errors).toEqual([]);
    // The room's media figures too, read where the media is.
    const stats = await gql(nodes[2]!, `query($r: ID!) { roomStats(roomId: $r) { participants { participantId } } }`, { r: roomId });
    expect(stats.roomStats.participants.map((p: { participantId: string }) => p.participantId).sort()).toEqual([p1.id, p2.id].sort());
  });

  it('moderates from a node that does not run the room: the mute acts where the room runs', async () => {
    const via = others(owner)[0]!;
    const session = (await gql(via, `query($id: ID!) { room(id: $id) { activeSession { id } } }`, { id: roomId })).room.activeSession.id;
    const muted = await gql(
      via,
      `mutation($s: ID!, $p: ParticipantSelector!) { muteParticipants(sessionId: $s, participants: $p) { __typename ... on MuteParticipantsPayload { result { participantIds } } ... on UserError { code message } } }`,
      { s: session, p: { ids: [p1.id] } },
    );
    expect(muted.muteParticipants.result.participantIds).toEqual([p1.id]);
    await waitFor('p2 to hear that p1 is muted', async () => (await events(p2.page, 'track_censored')).some((e) => e.args[0] === p1.id));
    await waitFor('the watcher on node 3 to see it', () => watcher.items.some((i) => i.roomEvents.__typename === 'TrackCensored' && i.roomEvents.participantId === p1.id));
  }, 60_000);

  it('keeps the room through a Redis restart: media flows, the room stays placed, relays and events work again', async () => {
    const before = owner.nodeId;
    await redis.restart();
    await expectFlowing(p2.page, [`${p1.id}:self`], { audio: false });
    await waitFor('the owner to write its room into the new Redis', async () => (await liveNodeId(nodes[2]!, roomId).catch(() => null)) === before, 15_000);
    // An operator's message through a node that does not run the room reaches the participants and the watcher.
    const via = others(owner)[0]!;
    await waitFor(
      'an operator message relayed to the owner',
      async () => {
        const sent = await gql(via, `mutation($r: ID!) { sendRoomMessage(roomId: $r, payload: "after redis") { __typename ... on UserError { code message } } }`, { r: roomId });
        return sent.sendRoomMessage.__typename === 'SendRoomMessagePayload';
      },
      15_000,
      500,
    );
    await waitFor('p1 to receive it', async () => (await events(p1.page, 'message_received')).some((e) => JSON.stringify(e.args).includes('after redis')));
    await waitFor('the watcher to receive it', () => watcher.items.some((i) => i.roomEvents.__typename === 'MessageReceived' && i.roomEvents.payload === 'after redis'), 15_000);
  }, 90_000);

  it('survives the death of the room’s node: both participants back with media on a live node, the dead node’s rows closed', async () => {
    const survivor = others(owner)[0]!;
    const oldSession = (await gql(survivor, `query($id: ID!) { room(id: $id) { activeSession { id } } }`, { id: roomId })).room.activeSession.id;
    const oldIds = [p1.id, p2.id];
    // A watcher on a node that lives on: the room moves (to its node, or another), and it follows.
    const follower = collect(wsClient(survivor.url, API_KEY), ROOM_EVENTS, { roomId });
    await follower.next(1, 10_000);
    const killedAt = Date.now();
    owner.kill('SIGKILL');
    await owner.exited;
    const localId = (p: Participant) => p.page.evaluate(() => (window as any).app.room.getState().localParticipantId as string);
    const connected = (p: Participant) => p.page.evaluate(() => (window as any).app.room.getState().status as string);
    await waitFor(
      'both participants rejoined as new participants',
      async () => {
        const [id1, id2] = [await localId(p1), await localId(p2)];
        return (await connected(p1)) === 'connected' && (await connected(p2)) === 'connected' && !oldIds.includes(id1) && !oldIds.includes(id2) ? [id1, id2] : null;
      },
      10_000,
      100,
    );
    p1.id = await localId(p1);
    p2.id = await localId(p2);
    await expectFlowing(p1.page, [`${p2.id}:self`], { timeoutMs: 10_000 });
    await expectFlowing(p2.page, [`${p1.id}:self`], { timeoutMs: 10_000 });
    const recoveredMs = Date.now() - killedAt;
    console.log(`cluster failover: both participants back with media ${recoveredMs} ms after SIGKILL of ${owner.nodeId}`);
    await waitFor('the watcher on a surviving node to see the new session and both participants in it', () => {
      const types = follower.items.map((i) => i.roomEvents);
      const joined = types.filter((e) => e.__typename === 'ParticipantJoined').map((e) => e.participant.id);
      return types.some((e) => e.__typename === 'SessionStarted') && joined.includes(p1.id) && joined.includes(p2.id);
    });
    follower.stop();
    const newOwner = await liveNodeId(survivor, roomId);
    expect(newOwner).not.toBe(owner.nodeId);
    expect(others(owner).map((n) => n.nodeId)).toContain(newOwner);

    const old = await gql(survivor, `query($id: ID!) { node(id: $id) { ... on RoomSession { active endedReason participants { edges { node { id leftReason } } } } } }`, { id: oldSession });
    expect(old.node.active).toBe(false);
    expect(old.node.endedReason).toBe('node_lost');
    expect(old.node.participants.edges.map((e: { node: { leftReason: string } }) => e.node.leftReason)).toEqual(['node_lost', 'node_lost']);
    owner = byId(newOwner);
  }, 60_000);

  it('delivers every webhook once, whichever node emitted it', async () => {
    await waitFor('the webhooks of the failover', () => receiver.received.filter((w) => w.json.data.event_type === 'video.room.session.ended').length >= 1, 20_000);
    const ids = receiver.received.map((w) => w.json.data.id);
    expect(new Set(ids).size).toBe(ids.length);
    const types = receiver.received.map((w) => w.json.data.event_type);
    expect(types.filter((t) => t === 'video.room.session.started')).toHaveLength(2);
    expect(types.filter((t) => t === 'video.room.participant.joined')).toHaveLength(4);
  }, 30_000);

  it('runs a composition job once, on one node, from recordings made on another', async () => {
    // End the session through a node that does not run it: its recordings finish, then compose them.
    const via = others(owner)[0]!;
    const session = (await gql(via, `query($id: ID!) { room(id: $id) { activeSession { id } } }`, { id: roomId })).room.activeSession.id;
    // A few seconds of every track recorded on the new node first.
    await waitFor('four recordings under way', async () => {
      const r = await gql(via, `query($s: ID!) { recordings(filter: { sessionId: $s }) { totalCount } }`, { s: session });
      return r.recordings.totalCount >= 4;
    });
    await new Promise((r) => setTimeout(r, 4000));
    await closeAll(p1, p2);
    const ended = await gql(via, `mutation($s: ID!) { endSession(sessionId: $s) { __typename ... on UserError { code message } } }`, { s: session });
    expect(ended.endSession.__typename).toBe('EndSessionPayload');
    await waitFor(
      'the session’s recordings to finish',
      async () => {
        const r = await gql(via, `query($s: ID!) { recordings(filter: { sessionId: $s }) { edges { node { status failureReason type } } } }`, { s: session });
        const statuses = r.recordings.edges.map((e: { node: { status: string } }) => e.node.status);
        if (statuses.length >= 2 && statuses.every((s: string) => s === 'COMPLETED')) return statuses;
        throw new Error(`recordings: ${JSON.stringify(r.recordings.edges)}`);
      },
      30_000,
    );
    const composed = await gql(
      nodes.find((n) => n !== via && n.child.exitCode === null && n.child.signalCode === null) ?? via,
      `mutation($s: ID!, $hook: String) { createComposition(input: { sessionId: $s, webhookEventUrl: $hook }) { __typename ... on CreateCompositionPayload { composition { id } } ... on UserError { code message } } }`,
      { s: session, hook: receiver.url },
    );
    const compositionId = composed.createComposition.composition.id;
    const done = await waitFor(
      'the composition to complete',
      async () => {
        const c = (await gql(via, `query($id: ID!) { composition(id: $id) { status } }`, { id: compositionId })).composition;
        if (c.status === 'FAILED') throw new Error('composition failed');
        return c.status === 'COMPLETED' ? c : null;
      },
      120_000,
      500,
    );
    expect(done.status).toBe('COMPLETED');
    await waitFor('its webhook', () => receiver.received.some((w) => w.json.data.event_type === 'video.room.composition.completed'), 20_000);
    expect(receiver.received.filter((w) => w.json.data.event_type === 'video.room.composition.completed')).toHaveLength(1);
  }, 180_000);
});
