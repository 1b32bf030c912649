// Node processes of one cluster (one Postgres database, one private Redis), with participants over
// graphql-ws and no browser: a join sent to the room's node, a node draining on SIGTERM and handing
// its room over, a node killed and cleaned up after by the survivor, and bad input on the paths
// between nodes. One file, its processes one after another: two cores run two nodes and this.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serialize } from 'node:v8';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClusterNode, type ClusterNode } from '../../scripts/cluster/node-process.js';
import { eventually, participant, type TestParticipant } from '../helpers/participant.js';
import { startRedisServer, type TestRedis } from '../helpers/redis-server.js';
import { createDatabase } from '../helpers/server.js';
import { clusterApi } from '../helpers/cluster-api.js';

const API_KEY = `cluster-test-key-${randomBytes(8).toString('hex')}`;
const HEARTBEAT_MS = 500;
const NODE_TIMEOUT_MS = 2_000;
const DRAIN_TIMEOUT_MS = 3_000;

const JOIN = `mutation($context: String) { join(context: $context) {
  __typename
  ... on RoomOnAnotherNodeError { code nodeId url }
  ... on UserError { code message }
  ... on JoinPayload { joined { participantId sessionId nodeUrls } }
} }`;

const SESSION = `query($id: ID!) { node(id: $id) { ... on RoomSession { active endedReason participants { edges { node { id leftReason } } } } } }`;

interface Session {
  active: boolean;
  endedReason: string | null;
  participants: { edges: { node: { id: string; leftReason: string | null } }[] };
}

const gql = clusterApi(API_KEY);

async function createRoom(node: ClusterNode): Promise<string> {
  const r = await gql(node, `mutation($input: CreateRoomInput!) { createRoom(input: $input) { __typename ... on CreateRoomPayload { room { id } } } }`, {
    input: { uniqueName: `cluster-${randomBytes(5).toString('hex')}` },
  });
  return r.createRoom.room.id;
}

async function clientToken(node: ClusterNode, roomId: string): Promise<string> {
  const r = await gql(node, `mutation($roomId: ID!) { generateClientToken(roomId: $roomId, tokenTtlSecs: 3600) { __typename ... on GenerateClientTokenPayload { clientToken { token } } } }`, {
    roomId,
  });
  return r.generateClientToken.clientToken.token;
}

const room = async (via: ClusterNode, id: string): Promise<{ liveNodeId: string | null; liveParticipantCount: number }> =>
  (await gql(via, `query($id: ID!) { room(id: $id) { liveNodeId liveParticipantCount } }`, { id })).room;

const clusterNodes = async (via: ClusterNode): Promise<{ nodeId: string; url: string; self: boolean; draining: boolean }[]> =>
  (await gql(via, '{ clusterNodes { nodeId url self draining } }')).clusterNodes;

const session = async (via: ClusterNode, id: string): Promise<Session> => (await gql(via, SESSION, { id })).node;

/** What a node logs, as an error, about the garbage (d) publishes: expected, and not printed. */
const GARBAGE_REPORTS = /event bus: undecodable message skipped|event bus: a listener failed on a message from another node|node rpc: undecodable message skipped/;

const alive = (node: ClusterNode) => node.child.exitCode === null && node.child.signalCode === null;

describe('a cluster of node processes, seen by participants without a browser', () => {
  let redis: TestRedis;
  let dropDatabase: (() => Promise<void>) | undefined;
  let dataDir: string;
  let databaseUrl: string;
  let basePort: number;
  let env: Record<string, string>;
  const nodes: ClusterNode[] = [];
  const sockets: TestParticipant[] = [];
  /** Error and fatal lines of every node, printed as they come and checked at the end. */
  const errorLines: string[] = [];
  const byId = (id: string | null) => nodes.find((n) => n.nodeId === id)!;

  async function startNode(index: number): Promise<ClusterNode> {
    const onOutput = (line: string) => {
      if (/"level":(50|60)/.test(line)) {
        errorLines.push(`[node-${index}] ${line}`);
        if (!GARBAGE_REPORTS.test(line)) console.error(`[node-${index}] ${line}`);
      }
    };
    const node = await startClusterNode({ index, databaseUrl, redisUrl: redis.url, dataDir, basePort, env, onOutput });
    nodes.push(node);
    return node;
  }

  /** A participant socket, closed after the suite. */
  function connect(node: ClusterNode | string, token: string): TestParticipant {
    const p = participant(typeof node === 'string' ? node : node.url, token);
    sockets.push(p);
    return p;
  }

  async function join(p: TestParticipant, context?: string): Promise<any> {
    const res = await p.run<{ join: any }>(JOIN, { context });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.join;
  }

  /** Joins through `node`; when sent to the room's node, joins there (as the SDK does). */
  async function joinFollowing(node: ClusterNode, token: string, context?: string): Promise<{ p: TestParticipant; joined: any; holder: ClusterNode }> {
    let p = connect(node, token);
    let result = await join(p, context);
    let holder = node;
    if (result.__typename === 'RoomOnAnotherNodeError') {
      await p.close();
      holder = byId(result.nodeId);
      p = connect(result.url, token);
      result = await join(p, context);
    }
    expect(result.__typename, JSON.stringify(result)).toBe('JoinPayload');
    return { p, joined: result.joined, holder };
  }

  beforeAll(async () => {
    redis = await startRedisServer();
    const db = await createDatabase();
    dropDatabase = db.drop;
    databaseUrl = db.url;
    dataDir = mkdtempSync(path.join(tmpdir(), 'vr-cluster-'));
    basePort = 20_000 + Math.floor(Math.random() * 20_000);
    env = {
      API_KEY,
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'warn',
      MEDIA_WORKERS: '1',
      NODE_HEARTBEAT_MS: String(HEARTBEAT_MS),
      NODE_TIMEOUT_MS: String(NODE_TIMEOUT_MS),
      DRAIN_TIMEOUT_MS: String(DRAIN_TIMEOUT_MS),
      RECONNECT_GRACE_MS: '5000',
      EMPTY_ROOM_GRACE_MS: '2000',
      SHUTDOWN_GRACE_MS: '2000',
    };
    // One after the other: the first creates the shared keys in the data folder.
    await startNode(1);
    await startNode(2);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(sockets.map((p) => p.close().catch(() => {})));
    for (const node of nodes) node.kill('SIGKILL');
    await Promise.all(nodes.map((n) => n.exited));
    await redis?.stop();
    await dropDatabase?.();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  // Shared by (a) and (b): a room with participants on its node.
  let roomId: string;
  let holder: ClusterNode;
  let other: ClusterNode;
  let inRoom: TestParticipant[] = [];
  let firstSessionId: string;

  it('(a) a join through the node that does not run the room is sent to the one that does, which takes it', async () => {
    const [n1, n2] = nodes as [ClusterNode, ClusterNode];
    roomId = await createRoom(n1);
    const first = await joinFollowing(n1, await clientToken(n1, roomId), 'first');
    holder = first.holder;
    other = holder === n1 ? n2 : n1;
    firstSessionId = first.joined.sessionId;
    expect((await room(other, roomId)).liveNodeId).toBe(holder.nodeId);

    // The second participant comes through the other node: it answers where the room runs.
    const token = await clientToken(other, roomId);
    const misrouted = connect(other, token);
    const answer = await join(misrouted, 'second');
    expect(answer).toMatchObject({ __typename: 'RoomOnAnotherNodeError', code: 'ROOM_ON_ANOTHER_NODE', nodeId: holder.nodeId, url: holder.url });
    expect(answer.message).toContain(`${holder.url}/graphql`);
    await misrouted.close();

    const second = connect(answer.url, token);
    const joined = await join(second, 'second');
    expect(joined.__typename, JSON.stringify(joined)).toBe('JoinPayload');
    expect(joined.joined.sessionId).toBe(firstSessionId);
    // Where to go if this node is lost: every live node, the one joined first.
    expect(joined.joined.nodeUrls).toEqual([holder.url, other.url]);
    expect(first.joined.nodeUrls).toEqual([holder.url, other.url]);
    inRoom = [first.p, second];
    await eventually('both participants counted, from either node', async () => ((await room(other, roomId)).liveParticipantCount === 2 ? true : undefined));
    expect(await room(holder, roomId)).toEqual({ liveNodeId: holder.nodeId, liveParticipantCount: 2 });
  }, 60_000);

  it('(d) bad input on the paths between nodes: a deleted room’s token through the other node, garbage on the bus and RPC channels', async () => {
    const [n1, n2] = nodes as [ClusterNode, ClusterNode];
    // A room that ran on some node, then deleted: its token is refused through either node, as on one server.
    const doomed = await createRoom(n2);
    const token = await clientToken(n2, doomed);
    const spare = await clientToken(n2, doomed);
    const inDoomed = await joinFollowing(n2, token, 'doomed');
    const doomedHolder = inDoomed.holder;
    const notHolder = doomedHolder === n1 ? n2 : n1;
    const deleted = await gql(notHolder, `mutation($id: ID!) { deleteRoom(id: $id) { __typename ... on UserError { code message } } }`, { id: doomed });
    expect(deleted.deleteRoom.__typename).toBe('DeleteRoomPayload');
    await eventually('the deleted room to run nowhere', async () => ((await room(notHolder, doomed).catch(() => null))?.liveNodeId ?? null) === null || undefined);
    for (const via of [notHolder, doomedHolder]) {
      const late = connect(via, spare);
      const res = await late.run<{ join: any }>(JOIN, { context: 'late' });
      expect(res.errors?.[0]?.extensions, `${via.nodeId}: ${JSON.stringify(res)}`).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'token_room_deleted' });
      await late.close();
    }

    // Garbage on the channels: framed or not, from a node that does not exist, or claiming to be one that does.
    const raw = new Redis(redis.url);
    const unknownRoom = '01a24ae0-0000-7000-8000-000000000000';
    try {
      const frame = (from: string, body: Buffer) => Buffer.concat([Buffer.from([1, Buffer.byteLength(from)]), Buffer.from(from), body]);
      const bodies = [
        Buffer.from('not even v8'),
        serialize('a string'),
        serialize(['only a key']),
        serialize([roomId, null]),
        serialize([roomId, {}]),
        serialize([roomId, { roomId, seq: 'x', type: 42 }]),
        serialize([roomId, { roomId: 17, event: null }]),
        serialize(['', 'nonsense']),
      ];
      const busMessages = [
        Buffer.alloc(0),
        Buffer.from([1]),
        Buffer.from([9, 3, 1, 2, 3]),
        Buffer.from([1, 250, 1, 2]),
        ...bodies.flatMap((b) => [frame('node-x', b), frame('node-1', b), frame('node-2', b)]),
      ];
      for (const topic of ['room', 'account', 'webhooksQueued', 'webhookAttempt', 'composition', 'apiKeyRevoked', 'tokenFamilyRevoked', 'nonexistent']) {
        for (const m of busMessages) await raw.publish(`vr:bus:${topic}`, m);
      }
      const methods = ['endSession', 'operatorMessage', 'roomSnapshot', 'moderation', 'noSuchMethod', '__proto__', 'constructor'];
      const rpcMessages = [
        Buffer.from('{"t":"req"}'),
        serialize(null),
        serialize({ t: 'req', id: 'one' }),
        serialize({ t: 'res', id: 1, ok: false, error: null }),
        serialize({ t: 'res', id: 2, ok: true, value: { nested: [1, 2] } }),
        serialize({ t: 'what', id: 3 }),
        // Requests with arguments no node sends (the channel is the nodes' own: a well-formed request
        // about a live room would be obeyed, so these name a room that does not exist).
        ...methods.flatMap((method) =>
          [null, 'x', {}, { roomId: 17 }, { roomId: 'not-a-uuid' }, { roomId: unknownRoom, kind: 'bogus', participantIds: 'all' }].map((args, i) =>
            serialize({ t: 'req', id: 100 + i, from: 'node-x', method, args }),
          ),
        ),
        // A read whose reply goes to a node that listens nowhere.
        serialize({ t: 'req', id: 999, from: '', method: 'roomSnapshot', args: { roomId } }),
      ];
      for (const channel of ['vr:rpc:node-1', 'vr:rpc:node-2', 'vr:rpc:', 'vr:rpc:node-9']) {
        for (const m of rpcMessages) await raw.publish(channel, m);
      }
    } finally {
      raw.disconnect();
    }
    // Time for every message to reach both nodes and whatever they do with it.
    await new Promise((r) => setTimeout(r, 1_500));
    for (const node of [n1, n2]) {
      expect(alive(node), `${node.nodeId} still running`).toBe(true);
      expect((await fetch(`${node.url}/healthz/ready`)).status).toBe(200);
      expect((await clusterNodes(node)).map((n) => n.nodeId)).toEqual(['node-1', 'node-2']);
      // The room of (a) is as it was: same node, same participants, reached through either node.
      expect(await room(node, roomId)).toEqual({ liveNodeId: holder.nodeId, liveParticipantCount: 2 });
    }
    // The relay still works: an operator's message through the other node reaches the room's participants.
    const events = inRoom[0]!.events(roomId);
    await events.next(1, 10_000);
    const sent = await gql(other, `mutation($r: ID!) { sendRoomMessage(roomId: $r, payload: "still here") { __typename ... on UserError { code message } } }`, { r: roomId });
    expect(sent.sendRoomMessage.__typename).toBe('SendRoomMessagePayload');
    await eventually('the message relayed to the room’s participants', async () =>
      events.items.some((i) => i.roomEvents.__typename === 'MessageReceived' && i.roomEvents.payload === 'still here') ? true : undefined,
    );
    events.stop();
  }, 60_000);

  it('(b) SIGTERM drains the room’s node: no new rooms there, then its participants are told to reconnect (1012) and it exits 0', async () => {
    const closeCodes: number[] = [];
    for (const p of inRoom) p.client.on('closed', (event) => void closeCodes.push((event as { code: number }).code));
    // Made beforehand: the drain gives little time.
    const newRoom = await createRoom(other);
    const newToken = await clientToken(other, newRoom);
    const newcomer = connect(holder, newToken);
    // Connected before the drain: the node takes no new connections once it hands its rooms over.
    await newcomer.run('{ __typename }');

    holder.kill('SIGTERM');
    await eventually('the node shown draining', async () => ((await clusterNodes(other)).find((n) => n.nodeId === holder.nodeId)?.draining ? true : undefined), DRAIN_TIMEOUT_MS);
    // A room's first join through the draining node goes to the other one.
    const sent = await join(newcomer, 'newcomer');
    expect(sent).toMatchObject({ __typename: 'RoomOnAnotherNodeError', nodeId: other.nodeId, url: other.url });
    // Its participants are still there while it drains.
    expect(closeCodes).toEqual([]);

    await eventually('the participants’ sockets closed', async () => (closeCodes.length === inRoom.length ? true : undefined), DRAIN_TIMEOUT_MS + 15_000);
    expect(closeCodes).toEqual(inRoom.map(() => 1012));
    expect(await Promise.race([holder.exited, new Promise((r) => setTimeout(() => r('still running'), 30_000))])).toBe(0);

    // A participant back with a new token lands on the surviving node; the old session is over.
    const back = await joinFollowing(other, await clientToken(other, roomId), 'back');
    expect(back.holder).toBe(other);
    expect(back.joined.sessionId).not.toBe(firstSessionId);
    expect(back.joined.nodeUrls).toEqual([other.url]);
    expect(await room(other, roomId)).toEqual({ liveNodeId: other.nodeId, liveParticipantCount: 1 });
    const old = await session(other, firstSessionId);
    expect(old.active).toBe(false);
    expect(['node_lost', 'server_shutdown']).toContain(old.endedReason);
    console.log(`drain: the session left by the drained node ended as ${old.endedReason}; its participants left as ${old.participants.edges.map((e) => e.node.leftReason).join(', ')}`);
    expect(old.participants.edges.every((e) => e.node.leftReason !== null)).toBe(true);
    await back.p.close();
  }, 90_000);

  it('(c) SIGKILL of a room’s node: the survivor closes its session as node_lost, and the room runs nowhere', async () => {
    // A fresh node in place of the drained one.
    await startNode(3);
    const live = nodes.filter(alive);
    expect(live).toHaveLength(2);
    const doomedRoom = await createRoom(live[1]!);
    const { joined, holder: victim } = await joinFollowing(live[1]!, await clientToken(live[1]!, doomedRoom), 'abandoned');
    const survivor = live.find((n) => n !== victim)!;
    expect(await room(survivor, doomedRoom)).toEqual({ liveNodeId: victim.nodeId, liveParticipantCount: 1 });

    victim.kill('SIGKILL');
    await victim.exited;
    const closed = await eventually(
      'the survivor to close the dead node’s session',
      async () => {
        const s = await session(survivor, joined.sessionId);
        return s.active ? undefined : s;
      },
      NODE_TIMEOUT_MS * 2 + HEARTBEAT_MS * 4 + 10_000,
    );
    expect(closed.endedReason).toBe('node_lost');
    expect(closed.participants.edges.map((e) => e.node)).toEqual([{ id: joined.participantId, leftReason: 'node_lost' }]);
    await eventually('the room to run nowhere', async () => {
      const r = await room(survivor, doomedRoom);
      return r.liveNodeId === null && r.liveParticipantCount === 0 ? true : undefined;
    });
    expect((await clusterNodes(survivor)).map((n) => n.nodeId)).toEqual([survivor.nodeId]);
    expect(alive(survivor)).toBe(true);
  }, 120_000);

  it('no node logged an error or worse, but for the garbage of (d), which each node reported', () => {
    expect(errorLines.filter((line) => !GARBAGE_REPORTS.test(line))).toEqual([]);
    for (const nodeId of ['node-1', 'node-2']) {
      const reported = errorLines.filter((line) => line.startsWith(`[${nodeId}]`)).join('\n');
      expect(reported, nodeId).toContain('event bus: undecodable message skipped');
      expect(reported, nodeId).toContain('node rpc: undecodable message skipped');
    }
  });
});
