// The event path's cost in distributed mode against embedded, in µs of server CPU per delivered
// event, measured in the same run. One participant (joined over graphql-ws, no media) sends numbered,
// timestamped messages at a fixed rate; W API-key watchers subscribe to the room's roomEvents
// (W = 0: the sender alone, the baseline the delivery path's own cost is taken over).
// - embedded: one node process on Postgres, no Redis: the watchers on the node that runs the room.
// - distributed: two node processes on one Postgres and a private redis-server: the room on node A,
//   the watchers on node B, so every delta crosses Redis pub/sub once and fans out on B.
// CPU is utime + stime from /proc of the node process(es) and redis-server over a window after a
// warm-up (the nodes' idle mediasoup workers are left out). Deliveries, loss, order and latency
// are read at the watchers. The sender and the watchers run in this process, on the same 2 cores.
// Run: npm run bench:cluster-events [-- seconds=15 watchers=0,10,100 rate=50 warmup=3]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { killTrackedOnExit } from './fanout/child-processes.js';
import { measure, measureIdle, type IdleRow, type Options, type Row } from './cluster-events/measure.js';
import { printRun, saveRun, type SavedRun } from './cluster-events/report.js';
import { startSetup, type Setup, type SetupName } from './cluster-events/setups.js';

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1) ?? fallback;
const WATCHERS = arg('watchers', '0,10,100').split(',').map(Number);
const options: Options = { rate: Number(arg('rate', '50')), warmupSecs: Number(arg('warmup', '3')), windowSecs: Number(arg('seconds', '15')), idleSecs: 5 };
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

let current: Setup | undefined;
killTrackedOnExit(async () => {
  await current?.stop();
});

const at = new Date().toISOString();
const idle: IdleRow[] = [];
const rows: Row[] = [];
for (const name of ['embedded', 'distributed'] as SetupName[]) {
  console.log(`${name}: starting`);
  const setup = (current = await startSetup(name));
  try {
    console.log(`${name}: ${setup.processes.map((p) => `${p.role} pid ${p.pid}`).join(', ')}; room ${setup.roomId} at ${setup.ownerUrl}, watchers at ${setup.watcherUrl}`);
    // Let the start settle (first heartbeats, the join's writes) before the idle reading.
    await new Promise((r) => setTimeout(r, 2000));
    idle.push(await measureIdle(setup, options.idleSecs));
    for (const watchers of WATCHERS) {
      const row = await measure(setup, watchers, options);
      console.log(`${name}, ${watchers} watchers: ${row.sent} sent, ${row.deliveries} deliveries in ${row.windowSecs.toFixed(1)} s, server CPU ${row.totalCpuMs.toFixed(0)} ms`);
      rows.push(row);
      // The sockets close and the server forgets the watchers before the next window.
      await new Promise((r) => setTimeout(r, 2000));
    }
  } finally {
    await setup.stop();
    current = undefined;
  }
}

const run: SavedRun = { options: { ...options, watchers: WATCHERS }, at, idle, rows };
printRun(run);
const file = saveRun(path.join(projectRoot, 'bench', 'results'), run);
console.log(`\n(results: ${path.relative(projectRoot, file)})`);
process.exit(0);
