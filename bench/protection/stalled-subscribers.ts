import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { freePort } from '../../test/helpers/free-port.js';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { participant } from '../../test/helpers/participant.js';

// The server's memory (RSS, read from /proc) while 1,000 subscribers to one room's roomEvents stop
// reading and a participant keeps sending 16 kB messages: with the default outbound bound
// (MAX_QUEUED_EVENTS_PER_SUBSCRIBER=256) and, as the baseline in the same run, with the bound
// lifted (1,000,000: what the server did before there was one). The server runs as its own process.
// "cut off" counts the subscribers the server disconnected (its log); "read 4008" those whose client
// read the close frame within 5 s of reading again.
// Run: npm run bench:stalled-subscribers [-- subscribers seconds]

const SUBSCRIBERS = Number(process.argv[2] ?? 1000);
const FLOOD_SECS = Number(process.argv[3] ?? 40);
const API_KEY = 'bench-key-' + randomBytes(12).toString('hex');
const PAYLOAD = 'x'.repeat(16 * 1024 - 16);
const ROOM_EVENTS = 'subscription($r: ID!) { roomEvents(roomId: $r) { __typename seq ... on MessageReceived { payload } } }';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

async function startServer(maxQueued: number): Promise<{ url: string; child: ChildProcess; dataDir: string; cutOff: () => number }> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vr-bench-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/app/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      API_KEY,
      // The server says at warn level each time it cuts a subscriber off: the bench counts those lines,
      // since a stalled client may not read its close frame behind megabytes of unread events.
      LOG_LEVEL: 'warn',
      MEDIA_WORKERS: '1',
      MAX_QUEUED_EVENTS_PER_SUBSCRIBER: String(maxQueued),
      MAX_SUBSCRIPTIONS_PER_CONNECTION: '20',
      RATE_LIMIT_API_KEY: 'off',
      RATE_LIMIT_MESSAGES: 'off',
      RATE_LIMIT_CLIENT_TOKEN: 'off',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let cutOff = 0;
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => (cutOff += chunk.split('subscriber fell behind').length - 1));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, child, dataDir, cutOff: () => cutOff };
    await sleep(100);
  }
  throw new Error('the server did not start');
}

async function gql(url: string, query: string, variables: object) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
    body: JSON.stringify({ query, variables }),
  });
  return ((await res.json()) as { data: any }).data;
}

/** A bare graphql-transport-ws subscriber, so the bench controls when it reads. */
function subscriber(url: string, roomId: string): Promise<{ ws: WebSocket; closedWith: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace('http', 'ws') + '/graphql', 'graphql-transport-ws');
    const closedWith = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    ws.on('error', reject);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${API_KEY}` } })));
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data));
      if (msg.type === 'connection_ack') ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: ROOM_EVENTS, variables: { r: roomId } } }));
      if (msg.type === 'next' && msg.payload.data?.roomEvents.__typename === 'RoomStateSnapshot') resolve({ ws, closedWith });
    });
  });
}

async function run(maxQueued: number) {
  const { url, child, dataDir, cutOff: cutOffSoFar } = await startServer(maxQueued);
  const pid = child.pid!;
  const room = (await gql(url, 'mutation { createRoom(input: {}) { ... on CreateRoomPayload { room { id } } } }', {})).createRoom.room.id;
  const token = (await gql(url, 'mutation($r: ID!) { generateClientToken(roomId: $r) { ... on GenerateClientTokenPayload { clientToken { token } } } }', { r: room })).generateClientToken.clientToken
    .token;
  const sender = participant(url, token);
  await sender.join('bench');
  await sleep(1000);
  const idle = rssMb(pid);

  const subs = [];
  for (let i = 0; i < SUBSCRIBERS; i += 50) subs.push(...(await Promise.all(Array.from({ length: Math.min(50, SUBSCRIBERS - i) }, () => subscriber(url, room)))));
  await sleep(1000);
  const subscribed = rssMb(pid);
  // Stop reading: the kernel buffers fill, then the server's sends wait.
  for (const s of subs) (s.ws as any)._socket.pause();

  let peak = subscribed;
  let sent = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 250);
  const until = Date.now() + FLOOD_SECS * 1000;
  while (Date.now() < until) {
    const r = await sender.run('mutation($p: String!) { sendMessage(payload: $p) { __typename } }', { p: PAYLOAD });
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    sent++;
  }
  await sleep(2000);
  clearInterval(sampler);
  const end = rssMb(pid);
  for (const s of subs) (s.ws as any)._socket.resume();
  const codes = await Promise.all(subs.map((s) => Promise.race([s.closedWith, sleep(5000).then(() => 0)])));
  const slow = codes.filter((c) => c === 4008).length;
  const cutOff = cutOffSoFar();
  for (const s of subs) s.ws.terminate();
  await sender.close();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
  return { maxQueued, idle, subscribed, peak, end, sent, slow, cutOff };
}

const rows = [await run(1_000_000), await run(256)];
console.log(`\nServer RSS with ${SUBSCRIBERS} stalled roomEvents subscribers, ${FLOOD_SECS} s of 16 kB messages (MB)\n`);
console.log(
  `${'outbound bound'.padEnd(34)} ${'idle'.padStart(7)} ${'+subs'.padStart(7)} ${'peak'.padStart(7)} ${'end'.padStart(7)} ${'msgs'.padStart(6)} ${'cut off'.padStart(8)} ${'read 4008'.padStart(10)}`,
);
for (const r of rows) {
  const label = r.maxQueued === 1_000_000 ? 'baseline: unbounded (1,000,000)' : `default (${r.maxQueued} events)`;
  console.log(
    `${label.padEnd(34)} ${r.idle.toFixed(0).padStart(7)} ${r.subscribed.toFixed(0).padStart(7)} ${r.peak.toFixed(0).padStart(7)} ${r.end.toFixed(0).padStart(7)} ${String(r.sent).padStart(6)} ${String(r.cutOff).padStart(8)} ${String(r.slow).padStart(10)}`,
  );
}
