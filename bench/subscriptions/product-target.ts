import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { SenderSpec } from './senders.js';
import { freePort } from '../../test/helpers/free-port.js';
import { startPinned } from './server-process.js';
import type { Target } from './target.js';

const CREATE_ROOM = 'mutation { createRoom(input: {}) { __typename ... on CreateRoomPayload { room { id } } } }';
// A participant that sends messages and nothing else: no media grants.
const CLIENT_TOKEN = `mutation($roomId: ID!) { generateClientToken(roomId: $roomId, tokenTtlSecs: 3600, grants: { canPublish: false, canSubscribe: false }) {
  __typename ... on GenerateClientTokenPayload { clientToken { token } } } }`;

/**
 * The real server (server/app/main.ts) in its own process pinned to `core`: embedded PGlite in
 * a fresh DATA_DIR, an API key for the watchers, rate limits off (one sender per room sends far
 * more than a participant's default allowance), one media worker.
 */
export async function startProduct(opts: { projectRoot: string; workDir: string; core: number }): Promise<Target> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const apiKey = 'bench-' + randomBytes(16).toString('hex');
  const server = await startPinned({
    core: opts.core,
    args: [path.join(opts.projectRoot, 'server', 'app', 'main.ts')],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: path.join(opts.workDir, 'product-data'),
      API_KEY: apiKey,
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'warn',
      MEDIA_WORKERS: '1',
      RATE_LIMIT_API_KEY: 'off',
      RATE_LIMIT_CLIENT_TOKEN: 'off',
      RATE_LIMIT_MESSAGES: 'off',
      RATE_LIMIT_JOINS: 'off',
      RATE_LIMIT_ANONYMOUS: 'off',
    },
    cwd: opts.projectRoot,
    logFile: path.join(opts.workDir, 'product.log'),
    readyUrl: `${base}/healthz/ready`,
  });

  const gql = async (query: string, variables?: Record<string, unknown>): Promise<any> => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
    if (body.errors?.length || !body.data) throw new Error(`${query.slice(0, 40)}…: ${JSON.stringify(body.errors)}`);
    return Object.values(body.data)[0];
  };
  const oneRoom = async (): Promise<SenderSpec> => {
    const created = await gql(CREATE_ROOM);
    if (created.__typename !== 'CreateRoomPayload') throw new Error(`createRoom: ${JSON.stringify(created)}`);
    const token = await gql(CLIENT_TOKEN, { roomId: created.room.id });
    if (token.__typename !== 'GenerateClientTokenPayload') throw new Error(`generateClientToken: ${JSON.stringify(token)}`);
    return { roomId: created.room.id as string, authorization: token.clientToken.token as string };
  };
  // prom-client's default metrics: a monitorEventLoopDelay histogram, reset on every scrape.
  const scrapeP99 = async (): Promise<number | undefined> => {
    // A saturated server may answer late, or not within the point: then it is not measured.
    try {
      const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${apiKey}` }, signal: AbortSignal.timeout(5000) });
      const value = /^nodejs_eventloop_lag_p99_seconds(?:\{[^}]*\})? (\S+)$/m.exec(await res.text())?.[1];
      return value === undefined ? undefined : Number(value) * 1000;
    } catch {
      return undefined;
    }
  };

  return {
    name: 'product',
    pid: server.pid,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    watcherAuthorization: apiKey,
    protocol: {
      join: 'mutation { join { __typename ... on UserError { code message } } }',
      joined: '"JoinPayload"',
      mutation: 'mutation($payload: String!) { sendMessage(payload: $payload) { __typename } }',
      variables: (_roomId, payload) => ({ payload }),
      published: (frame) => frame.includes('"SendMessagePayload"'),
    },
    async newRooms(count) {
      const specs: SenderSpec[] = new Array<SenderSpec>(count);
      let next = 0;
      const worker = async () => {
        while (next < count) {
          const i = next++;
          specs[i] = await oneRoom();
        }
      };
      await Promise.all(Array.from({ length: Math.min(8, count) }, worker));
      return specs;
    },
    resetEventLoop: async () => void (await scrapeP99()),
    eventLoopP99: scrapeP99,
    eventLoopSource: "/metrics nodejs_eventloop_lag_p99_seconds (prom-client's monitorEventLoopDelay, 10 ms resolution, reset on each scrape)",
    logFile: server.logFile,
    stop: () => server.stop(),
  };
}
