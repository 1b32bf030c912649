// Starts one node of a local cluster as its own process: `npm run cluster` and the cluster tests
// both start nodes with it, so that what the README shows is what the tests run.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ClusterNodeOptions {
  /** 1, 2, 3...: names the node (`node-<index>`), and picks its HTTP port and its media port range. */
  index: number;
  /** Left out: the embedded database in `dataDir` (a server of its own, not a cluster node). */
  databaseUrl?: string;
  /** Left out: no cluster (one server). */
  redisUrl?: string;
  /** Shared by the nodes (the signing keys and the recordings are the cluster's, not a node's). */
  dataDir: string;
  host?: string;
  /** HTTP port of node 1; node i listens on basePort + i - 1. */
  basePort: number;
  /** Anything else for this node's environment (API_KEY, JWT_SECRET, timeouts, LOG_LEVEL). */
  env?: Record<string, string>;
  /** Where the node's output goes; default: inherited, each line prefixed with the node's name. */
  onOutput?: (line: string) => void;
}

export interface ClusterNode {
  index: number;
  nodeId: string;
  url: string;
  port: number;
  child: ChildProcess;
  exited: Promise<number | null>;
  /** SIGTERM (drains) or SIGKILL (dies). */
  kill(signal: NodeJS.Signals): void;
}

/** Starts a node and resolves once it answers /healthz/ready. */
export async function startClusterNode(opts: ClusterNodeOptions): Promise<ClusterNode> {
  const host = opts.host ?? '127.0.0.1';
  const port = opts.basePort + opts.index - 1;
  const nodeId = `node-${opts.index}`;
  const url = `http://${host}:${port}`;
  // Each node's media sockets in a range of their own, so nodes on one machine never collide.
  const rtcMin = 40000 + (opts.index - 1) * 1000;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/app/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      HOST: host,
      PORT: String(port),
      PUBLIC_URL: url,
      NODE_ID: nodeId,
      DATABASE_URL: opts.databaseUrl ?? '',
      REDIS_URL: opts.redisUrl ?? '',
      DATA_DIR: opts.dataDir,
      RTC_MIN_PORT: String(rtcMin),
      RTC_MAX_PORT: String(rtcMin + 999),
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const write = opts.onOutput ?? ((line: string) => process.stdout.write(`[${nodeId}] ${line}\n`));
  for (const stream of [child.stdout!, child.stderr!]) {
    let rest = '';
    stream.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop()!;
      for (const line of lines) write(line);
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const node: ClusterNode = { index: opts.index, nodeId, url, port, child, exited, kill: (signal) => void child.kill(signal) };
  const deadline = Date.now() + 60_000;
  let gone = false;
  void exited.then(() => (gone = true));
  while (Date.now() < deadline) {
    if (gone) throw new Error(`${nodeId} exited before it was ready`);
    const ok = await fetch(`${url}/healthz/ready`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return node;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`${nodeId} was not ready within 60 s`);
}
