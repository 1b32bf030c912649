import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { IdleRow, Options, Row } from './measure.js';

export interface SavedRun {
  options: Options & { watchers: number[] };
  /** When the run started, ISO 8601. */
  at: string;
  idle: IdleRow[];
  rows: Row[];
}

const num = (v: number, digits = 0) => (Number.isFinite(v) ? v.toFixed(digits) : '–');

/** distributed ÷ embedded µs per delivery, for one watcher count. */
export function ratio(rows: readonly Row[], watchers: number): number {
  const of = (setup: string) => rows.find((r) => r.setup === setup && r.watchers === watchers)?.usPerDelivery ?? NaN;
  return of('distributed') / of('embedded');
}

/** Fits server CPU = a × messages + b × deliveries through the rows with the fewest and the most watchers. */
export function marginal(rows: readonly Row[], setup: string): { perDeliveryUs: number; perMessageUs: number } | undefined {
  const mine = rows.filter((r) => r.setup === setup).sort((a, b) => a.watchers - b.watchers);
  const [lo, hi] = [mine[0], mine[mine.length - 1]];
  if (!lo || !hi || lo === hi) return undefined;
  // Per second, so windows of slightly different lengths compare.
  const cpu = (r: Row) => (r.totalCpuMs * 1000) / r.windowSecs;
  const perDeliveryUs = (cpu(hi) - cpu(lo)) / (hi.deliveries / hi.windowSecs - lo.deliveries / lo.windowSecs);
  const perMessageUs = (cpu(lo) - perDeliveryUs * (lo.deliveries / lo.windowSecs)) / (lo.sent / lo.windowSecs);
  return { perDeliveryUs, perMessageUs };
}

export function printRun(run: SavedRun): void {
  const { rate, windowSecs, warmupSecs } = run.options;
  console.log(
    `\nroomEvents delivery cost: one participant sending ${rate} messages/s, W API-key watchers; ${windowSecs} s windows after ${warmupSecs} s of warm-up.` +
      `\nembedded = one node, no Redis; distributed = room on node A, watchers on node B, one redis-server. Both on Postgres.` +
      `\nCPU = utime + stime of the server-side processes (node(s) + redis) from /proc; the sender and the watchers run in the` +
      `\nbenchmark's own process, which shares the machine's cores with them (its CPU: "load gen", % of one core;\n"others": what else the machine ran meanwhile, % of one core).\n`,
  );
  const head = ['setup', 'W', 'sent', 'deliveries', 'lost', 'dup', 'reord', 'seq gaps', 'p50 ms', 'p99 ms', 'max ms', 'server CPU ms', 'µs/delivery', 'dist/emb', 'load gen', 'others'];
  const widths = [12, 4, 6, 11, 5, 4, 6, 9, 7, 7, 7, 14, 12, 9, 9, 7];
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' ');
  console.log(line(head));
  for (const r of run.rows) {
    const x = r.setup === 'distributed' ? ratio(run.rows, r.watchers) : NaN;
    console.log(
      line([
        r.setup,
        String(r.watchers),
        String(r.sent),
        String(r.deliveries),
        String(r.lost),
        String(r.duplicates),
        String(r.reordered),
        String(r.seqBreaks),
        num(r.latencyMs.p50, 2),
        num(r.latencyMs.p99, 2),
        num(r.latencyMs.max, 1),
        num(r.totalCpuMs),
        num(r.usPerDelivery, 1),
        Number.isFinite(x) ? `${x.toFixed(2)}×` : '–',
        `${num(r.loadGenCpuPercent)} %`,
        `${num(r.otherCpuPercent)} %`,
      ]),
    );
  }
  // Per message and per extra watcher: the two ends of the watcher counts, on each setup.
  console.log('\nsplit between the first and last watcher counts (server CPU = per message + per delivery × W):');
  for (const setup of ['embedded', 'distributed']) {
    const m = marginal(run.rows, setup);
    if (m) console.log(`  ${setup.padEnd(12)} ${num(m.perDeliveryUs, 1)} µs per delivery + ${num(m.perMessageUs)} µs per message sent`);
  }
  const distributed = run.rows.filter((r) => r.setup === 'distributed');
  if (distributed.length) {
    console.log('\ndistributed CPU by process (ms in the window; µs per delivered event)\n');
    const roles = Object.keys(distributed[0]!.cpuMs);
    console.log(['W'.padStart(4), ...roles.map((role) => role.padStart(20))].join(' '));
    for (const r of distributed) {
      console.log([String(r.watchers).padStart(4), ...roles.map((role) => `${num(r.cpuMs[role]!)} ms (${num((r.cpuMs[role]! * 1000) / r.deliveries, 1)} µs)`.padStart(20))].join(' '));
    }
  }
  console.log(`\nidle (room joined, no watcher, no message; % of one core):`);
  for (const idle of run.idle) {
    console.log(
      `  ${idle.setup.padEnd(12)} ${Object.entries(idle.cpuPercent)
        .map(([role, pct]) => `${role} ${pct.toFixed(2)} %`)
        .join(', ')}`,
    );
  }
  console.log(
    '\nlost/dup: copies of the messages sent in the window missing or repeated at the watchers (after a 5 s drain); reord: copies' +
      '\nthat arrived after a later message; seq gaps: events whose room seq was not the previous + 1 (both over the whole run).' +
      '\nLatency: sender timestamp before sendMessage → watcher receipt, same clock (messages sent in the window).',
  );
}

export function saveRun(resultsDir: string, run: SavedRun): string {
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `cluster-events-${run.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(run, null, 2));
  return file;
}
