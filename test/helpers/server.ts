import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startServer, type RunningServer } from '../../server/app/app.js';
import { loadConfig, type Config } from '../../server/app/config.js';
import { createLogger, type Logger } from '../../server/app/logger.js';

export type Dialect = 'pglite' | 'postgres';
export const DIALECTS: Dialect[] = ['pglite', 'postgres'];

/** The machine's Postgres; every suite makes its own database there and drops it afterwards. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** Short enough for tests, long enough for a reconnect on a busy two-core machine. */
export const TEST_RECONNECT_GRACE_MS = 5000;

export const TEST_API_KEY = 'test-api-key-' + randomBytes(12).toString('hex');
export const TEST_JWT_SECRET = randomBytes(32).toString('hex');

export interface GqlResult<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

export interface TestServer {
  dialect: Dialect;
  url: string;
  apiKey: string;
  dataDir: string;
  databaseUrl?: string;
  running: RunningServer;
  /** A GraphQL request over HTTP; `auth` is the bearer credential (the API key unless given; null sends none). */
  gql<T = any>(query: string, variables?: Record<string, unknown>, auth?: string | null): Promise<GqlResult<T>>;
  /** Stops and starts again on the same data (same database, same data folder); `change` alters the configuration from then on. */
  restart(change?: (config: Config) => Config): Promise<void>;
  stop(): Promise<void>;
}

export async function createDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `vr_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** `options.log` replaces the server's logger (a test that reads the log back passes its own). */
export async function startTestServer(dialect: Dialect, env: Record<string, string> = {}, options: { log?: Logger } = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vr-test-'));
  const database = dialect === 'postgres' ? await createDatabase() : undefined;
  let config: Config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    API_KEY: TEST_API_KEY,
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'silent',
    SHUTDOWN_GRACE_MS: '2000',
    MEDIA_WORKERS: '1',
    RECONNECT_GRACE_MS: String(TEST_RECONNECT_GRACE_MS),
    EMPTY_ROOM_GRACE_MS: '1000',
    // Suites send hundreds of requests a second from one address with one key: the limits are
    // active but out of their way; test/protection sets its own.
    RATE_LIMIT_API_KEY: '1000000/1s',
    RATE_LIMIT_CLIENT_TOKEN: '1000000/1s',
    RATE_LIMIT_MESSAGES: '1000000/1s',
    RATE_LIMIT_JOINS: '1000000/1s',
    RATE_LIMIT_ANONYMOUS: '1000000/1s',
    // Test receivers listen on 127.0.0.1; the suite about refusing private targets turns this off.
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...env,
  });
  // TEST_LOG_LEVEL=info shows the server's log when a test needs explaining.
  const log = options.log ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  let running = await startServer(config, log);

  const server: TestServer = {
    dialect,
    url: running.url,
    apiKey: TEST_API_KEY,
    dataDir,
    databaseUrl: database?.url,
    running,
    async gql(query, variables, auth) {
      const credential = auth === undefined ? TEST_API_KEY : auth;
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(credential ? { authorization: `Bearer ${credential}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as object) };
    },
    async restart(change) {
      await running.stop();
      if (change) config = change(config);
      running = await startServer({ ...config, port: running.port }, log);
      server.running = running;
      server.url = running.url;
    },
    async stop() {
      await running.stop();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

/** Runs a mutation and returns its result object, failing loudly if the request itself failed. */
export async function mutate(server: TestServer, query: string, variables?: Record<string, unknown>, auth?: string | null) {
  const res = await server.gql(query, variables, auth);
  if (res.errors?.length) throw new Error(`unexpected top-level errors: ${JSON.stringify(res.errors)}`);
  return Object.values(res.data ?? {})[0] as Record<string, any>;
}

export const ROOM_FIELDS = `id uniqueName maxParticipants enableRecording webhookEventUrl webhookEventFailoverUrl
  webhookTimeoutSecs createdAt updatedAt deletedAt`;

export const ERROR_FIELDS = `__typename ... on UserError { code message field }
  ... on ValidationError { fieldErrors { field message } }`;

export async function createRoom(server: TestServer, input: Record<string, unknown> = {}) {
  const result = await mutate(server, `mutation($input: CreateRoomInput!) { createRoom(input: $input) { ${ERROR_FIELDS} ... on CreateRoomPayload { room { ${ROOM_FIELDS} } } } }`, { input });
  if (result.__typename !== 'CreateRoomPayload') throw new Error(`createRoom failed: ${JSON.stringify(result)}`);
  return result.room as Record<string, any>;
}

export async function generateToken(server: TestServer, roomId: string, args: Record<string, unknown> = {}) {
  const result = await mutate(
    server,
    `mutation($roomId: ID!, $ttl: Int, $refreshTtl: Int, $grants: ClientTokenGrantsInput) {
      generateClientToken(roomId: $roomId, tokenTtlSecs: $ttl, refreshTokenTtlSecs: $refreshTtl, grants: $grants) {
        ${ERROR_FIELDS}
        ... on GenerateClientTokenPayload { clientToken { token tokenExpiresAt refreshToken refreshTokenExpiresAt roomId grants { canPublish canSubscribe } } }
      }
    }`,
    { roomId, ...args },
  );
  return result;
}

export const uniqueName = (prefix = 'room') => `${prefix}-${randomBytes(5).toString('hex')}`;
