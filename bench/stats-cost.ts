// The cost of roomStats to the server: one room of two participants, each publishing ffmpeg's VP8
// (320x180, ~300 kbit/s) and receiving the other's, watched by 0 (the baseline), 1 and 50 API-key
// roomStats subscribers (each on its own WebSocket, 2 s period), each for a window of the same
// length. Measured from /proc: the server process (a process of its own, bench/stats-cost/server.ts)
// and its mediasoup worker, as % of one core. The readings are taken once per period however many
// watch, so 50 watchers should cost the server about what one does, plus sending 50 copies.
// Run: npm run bench:stats [-- seconds=20 watchers=1,50]
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { Client } from 'graphql-ws';
import { collect, wsClient, type Collected } from '../test/helpers/ws.js';
import { killTrackedOnExit, trackChild } from './fanout/child-processes.js';
import { CLOCK_TICKS_PER_SECOND, processTicks } from './fanout/proc-stats.js';
import type { StatsCostServer, StatsCostServerMessage } from './stats-cost/protocol.js';

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1) ?? fallback;
const SECONDS = Number(arg('seconds', '20'));
const COUNTS = [0, ...arg('watchers', '1,50').split(',').map(Number)];
const WATCH = `subscription($roomId: ID!) { roomStats(roomId: $roomId, intervalSecs: 2) {
  at participants { participantId networkQuality rttMs published { bitrate lossPercent jitterMs score } received { bitrate lossPercent score spatialLayer } } } }`;

const child: ChildProcess = trackChild(fork(fileURLToPath(new URL('./stats-cost/server.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' }));
killTrackedOnExit(async () => {
  child.send({ type: 'stop' });
  await once(child, 'exit');
});
const messages: StatsCostServerMessage[] = [];
const waiters: (() => void)[] = [];
child.on('message', (m: StatsCostServerMessage) => {
  messages.push(m);
  waiters.splice(0).forEach((w) => w());
});
async function next<T extends StatsCostServerMessage['type']>(type: T): Promise<Extract<StatsCostServerMessage, { type: T }>> {
  for (;;) {
    const i = messages.findIndex((m) => m.type === type);
    if (i >= 0) return messages.splice(i, 1)[0] as Extract<StatsCostServerMessage, { type: T }>;
    await new Promise<void>((resolve) => waiters.push(resolve));
  }
}
const counters = async () => {
  child.send({ type: 'readings' });
  return next('readings');
};

const server: StatsCostServer = await next('ready');
console.log(`server pid ${child.pid}, worker pid ${server.workerPid}; media flowing, warming up 3 s`);
await sleep(3000);

interface Row {
  watchers: number;
  serverCpu: number;
  workerCpu: number;
  readings: number;
  deliveries: number;
  packets: number;
}
const rows: Row[] = [];
for (const watchers of COUNTS) {
  const clients: Client[] = [];
  const streams: Collected<unknown>[] = [];
  for (let i = 0; i < watchers; i++) {
    const client = wsClient(server.url, server.apiKey, false);
    clients.push(client);
    streams.push(collect(client, WATCH, { roomId: server.roomId }));
  }
  // Every watcher has its first reading before the window opens.
  await Promise.all(streams.map((s) => s.next(1, 15_000)));
  await sleep(1000);
  const delivered = () => streams.reduce((n, s) => n + s.items.length, 0);
  const [before, d0, s0, w0, t0] = [await counters(), delivered(), processTicks(child.pid!), processTicks(server.workerPid), performance.now()];
  await sleep(SECONDS * 1000);
  const [after, d1, s1, w1, t1] = [await counters(), delivered(), processTicks(child.pid!), processTicks(server.workerPid), performance.now()];
  const cpu = (ticks: number) => (100 * ticks) / CLOCK_TICKS_PER_SECOND / ((t1 - t0) / 1000);
  rows.push({
    watchers,
    serverCpu: cpu(s1 - s0),
    workerCpu: cpu(w1 - w0),
    readings: after.readings - before.readings,
    deliveries: d1 - d0,
    packets: after.packets - before.packets,
  });
  for (const s of streams) s.stop();
  await Promise.all(clients.map((c) => c.dispose()));
  // Let the tickers stop and the sockets close before the next window.
  await sleep(2000);
}

child.send({ type: 'stop' });
await once(child, 'exit');

const base = rows[0]!;
console.log(`\nroomStats cost: one room, 2 participants each publishing and receiving VP8; ${SECONDS} s windows, 2 s period (% of one core)\n`);
console.log('watchers  server CPU  over baseline  worker CPU  readings  deliveries  RTP packets to receivers');
for (const r of rows) {
  const extra = r.watchers === 0 ? '           –' : `${(r.serverCpu - base.serverCpu >= 0 ? '+' : '') + (r.serverCpu - base.serverCpu).toFixed(2)} %`.padStart(12);
  console.log(
    `${String(r.watchers).padStart(8)}  ${r.serverCpu.toFixed(2).padStart(8)} %  ${extra}  ${r.workerCpu.toFixed(2).padStart(8)} %  ${String(r.readings).padStart(8)}  ${String(r.deliveries).padStart(10)}  ${String(r.packets).padStart(10)}`,
  );
}
