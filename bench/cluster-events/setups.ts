// The two setups the benchmark compares, started the same way (scripts/cluster/node-process.ts, each
// node its own process) on a database of their own in the machine's Postgres: one node without
// Redis (embedded event bus), or two nodes sharing a private redis-server. Either way, one room with
// one participant joined over graphql-ws where the room runs.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { startClusterNode, type ClusterNode } from '../../scripts/cluster/node-process.js';
import { participant, type TestParticipant } from '../../test/helpers/participant.js';
import { startRedisServer, type TestRedis } from '../../test/helpers/redis-server.js';
import { createDatabase } from '../../test/helpers/server.js';
import { trackChild } from '../fanout/child-processes.js';

export type SetupName = 'embedded' | 'distributed';

/** A server-side process whose CPU the benchmark reads from /proc. */
export interface ServerProcess {
  /** 'server' (embedded), 'node A' (runs the room), 'node B' (the watchers'), 'redis'. */
  role: string;
  pid: number;
}

export interface Setup {
  name: SetupName;
  apiKey: string;
  roomId: string;
  /** The node the room runs on (where the participant joined). */
  ownerUrl: string;
  /** Where the watchers subscribe: the owner (embedded) or the other node (distributed). */
  watcherUrl: string;
  sender: TestParticipant;
  processes: ServerProcess[];
  stop(): Promise<void>;
}

const API_KEY = `bench-key-${randomBytes(12).toString('hex')}`;

/** Both setups alike; rate limits off (in a cluster they would add a Redis round trip per message, which is not the event path). */
const NODE_ENV = {
  API_KEY,
  JWT_SECRET: randomBytes(32).toString('hex'),
  LOG_LEVEL: 'warn',
  MEDIA_WORKERS: '1',
  RATE_LIMIT_API_KEY: 'off',
  RATE_LIMIT_CLIENT_TOKEN: 'off',
  RATE_LIMIT_MESSAGES: 'off',
  RATE_LIMIT_JOINS: 'off',
  RATE_LIMIT_ANONYMOUS: 'off',
};

const JOIN = `mutation { join(context: "bench-sender") { __typename
  ... on RoomOnAnotherNodeError { url nodeId }
  ... on UserError { code message }
  ... on JoinPayload { joined { participantId } } } }`;

async function gql<T = any>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(`${url}: ${JSON.stringify(body)}`);
  return body.data;
}

/** Logs errors only: the nodes run at LOG_LEVEL=warn, and a warning in the middle of a table is noise. */
const quiet = (name: string) => (line: string) => {
  if (/"level":(50|60)/.test(line)) console.error(`[${name}] ${line}`);
};

/** Joins through `url`; a node that does not run the room answers RoomOnAnotherNodeError, and the join goes there (as the SDK does). */
async function joinRoom(url: string, token: string): Promise<{ sender: TestParticipant; ownerUrl: string }> {
  for (let hop = 0; hop < 3; hop++) {
    const sender = participant(url, token);
    const res = await sender.run<{ join: { __typename: string; url?: string; code?: string; message?: string } }>(JOIN);
    const join = res.data?.join;
    if (join?.__typename === 'JoinPayload') return { sender, ownerUrl: url };
    await sender.close();
    if (join?.__typename !== 'RoomOnAnotherNodeError') throw new Error(`join failed: ${JSON.stringify(res)}`);
    url = join.url!;
  }
  throw new Error('join: redirected three times');
}

async function redisPid(redisUrl: string): Promise<number> {
  const client = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await client.connect();
  const info = await client.info('server');
  client.disconnect();
  return Number(/process_id:(\d+)/.exec(info)![1]);
}

export async function startSetup(name: SetupName): Promise<Setup> {
  const db = await createDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vr-bench-cluster-'));
  const redis: TestRedis | undefined = name === 'distributed' ? await startRedisServer() : undefined;
  const basePort = 20_000 + Math.floor(Math.random() * 20_000);
  const nodes: ClusterNode[] = [];
  const stop = async () => {
    for (const node of nodes) node.kill('SIGKILL');
    await Promise.all(nodes.map((n) => n.exited));
    await redis?.stop();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // The same launcher for both: without REDIS_URL (empty is unset) a node is the whole platform, on its in-process bus.
    // One node after the other: the first creates the shared keys in the data folder.
    for (let index = 1; index <= (redis ? 2 : 1); index++) {
      const node = await startClusterNode({ index, databaseUrl: db.url, redisUrl: redis?.url ?? '', dataDir, basePort, env: NODE_ENV, onOutput: quiet(`${name} node-${index}`) });
      trackChild(node.child);
      nodes.push(node);
    }
    const entry = nodes[0]!;
    const created = await gql(entry.url, 'mutation { createRoom(input: {}) { ... on CreateRoomPayload { room { id } } } }');
    const roomId: string = created.createRoom.room.id;
    const tokenRes = await gql(entry.url, 'mutation($r: ID!) { generateClientToken(roomId: $r, tokenTtlSecs: 3600) { ... on GenerateClientTokenPayload { clientToken { token } } } }', {
      r: roomId,
    });
    const { sender, ownerUrl } = await joinRoom(entry.url, tokenRes.generateClientToken.clientToken.token);
    const owner = nodes.find((n) => n.url === ownerUrl);
    if (!owner) throw new Error(`the room runs at ${ownerUrl}, which is none of this run's nodes`);
    const other = nodes.find((n) => n !== owner);
    const processes: ServerProcess[] = other
      ? [
          { role: 'node A', pid: owner.child.pid! },
          { role: 'node B', pid: other.child.pid! },
          { role: 'redis', pid: await redisPid(redis!.url) },
        ]
      : [{ role: 'server', pid: owner.child.pid! }];
    return {
      name,
      apiKey: API_KEY,
      roomId,
      ownerUrl,
      watcherUrl: (other ?? owner).url,
      sender,
      processes,
      async stop() {
        await sender.close();
        await stop();
      },
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
