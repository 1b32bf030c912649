// `npm run cluster -- 3`: N nodes on this machine as one platform, on the machine's Postgres and
// Redis (DATABASE_URL and REDIS_URL, defaults below). Ctrl-C stops them all (each drains).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startClusterNode, type ClusterNode } from './node-process.js';

const count = Number(process.argv[2] ?? 3);
if (!Number.isInteger(count) || count < 1 || count > 16) {
  console.error('usage: npm run cluster -- <nodes: 1..16>');
  process.exit(2);
}
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/video_rooms_cluster';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const basePort = Number(process.env.PORT ?? 8081);
const dataDir = path.resolve(process.env.DATA_DIR ?? './data/cluster');

async function ensureDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!found.rowCount) {
      await client.query(`create database "${name.replace(/"/g, '""')}"`);
      console.log(`created database ${name}`);
    }
  } finally {
    await client.end();
  }
}

/** Secrets every node must share (tokens signed by one are checked by another); kept with the data. */
function sharedSecret(file: string, make: () => string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const value = make();
  writeFileSync(file, value + '\n', { mode: 0o600 });
  return value;
}

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  await ensureDatabase(databaseUrl);
  const env: Record<string, string> = {
    JWT_SECRET: process.env.JWT_SECRET ?? sharedSecret(path.join(dataDir, 'cluster-jwt-secret'), () => randomBytes(32).toString('hex')),
    // A key for trying the cluster at once (kept with the data); create more in the dashboard.
    API_KEY: process.env.API_KEY ?? sharedSecret(path.join(dataDir, 'cluster-api-key'), () => `vr_cluster_${randomBytes(18).toString('base64url')}`),
    // Two cores here: one media worker per node, unless asked otherwise.
    MEDIA_WORKERS: process.env.MEDIA_WORKERS ?? '1',
  };
  const nodes: ClusterNode[] = [];
  const stopAll = async () => {
    for (const node of nodes) node.kill('SIGTERM');
    await Promise.all(nodes.map((n) => n.exited));
    process.exit(0);
  };
  process.on('SIGINT', () => void stopAll());
  process.on('SIGTERM', () => void stopAll());
  // One after another: the first creates the shared keys in DATA_DIR, the others read them.
  for (let index = 1; index <= count; index++) nodes.push(await startClusterNode({ index, databaseUrl, redisUrl, dataDir, basePort, env }));
  console.log(['', `${count} nodes up, sharing ${databaseUrl} and ${redisUrl}:`, ...nodes.map((n) => `  ${n.nodeId}  ${n.url}/graphql   dashboard: ${n.url}/dashboard/`), ''].join('\n'));
  console.log(`API key: ${env.API_KEY}`);
  console.log('Any node answers for the whole platform; a client joining a room is sent to the node that runs it.');
}

main().catch((err) => {
  console.error(`cluster: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
