import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createConnection } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { standIn } from './stand-in.js';
import { freePort } from './free-port.js';

export const REDIS_SERVER_BIN = process.env.REDIS_SERVER_BIN ?? '/usr/bin/redis-server';

export interface TestRedis {
  url: string;
  port: number;
  /** Kills the server (SIGKILL: no goodbye to the clients, like a crash); restart() brings it back. Also how a suite ends it. */
  stop(): Promise<void>;
  /** Kills the server and starts a new one on the same port, with no data. */
  restart(): Promise<void>;
}

/** Every server started by this process, killed when it exits whatever the tests did. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** True when something on the port answers PING with +PONG. */
async function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

function spawnServer(port: number): ChildProcess {
  // No persistence, loopback only, its own port: never the machine's 6379, never a file left behind.
  const child = spawn(REDIS_SERVER_BIN, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', '/tmp', '--loglevel', 'warning'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

async function waitUntilUp(port: number, child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (c) => (stderr += c));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server on port ${port} exited (${child.exitCode}): ${stderr}`);
    if (await answersPing(port)) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`redis-server on port ${port} did not answer PING within ${timeoutMs} ms: ${stderr}`);
}

async function kill(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

/** Starts a private redis-server on a free loopback port and waits until it answers PING. */
export async function startRedisServer(): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined = spawnServer(port);
  await waitUntilUp(port, child);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      await kill(child);
      child = undefined;
    },
    async restart() {
      await kill(child);
      child = spawnServer(port);
      await waitUntilUp(port, child);
    },
  };
}

/** A private redis-server for the enclosing `describe` (or the file), killed after its tests. */
export function useRedisServer(): TestRedis {
  const redis = standIn<TestRedis>('the test redis-server');
  beforeAll(async () => redis.set(await startRedisServer()));
  afterAll(async () => {
    await redis.current?.stop();
    redis.set(undefined);
  });
  return redis.proxy;
}
