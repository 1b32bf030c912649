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

/** distributed ÷ embedded µs per delivery, for one watcher count: total, and over each setup's baseline. */
export function ratio(rows: readonly Row[], watchers: number): { total: number; net: number } {
  const of = (setup: string, net: boolean) => {
    const r = rows.find((r) => r.setup === setup && r.watchers === watchers);
    return !r ? NaN : net ? netUsPerDelivery(rows, r) : r.usPerDelivery;
  };
  return { total: of('distributed', false) / of('embedded', false), net: of('distributed', true) / of('embedded', true) };
}

/** The row without watchers of the same setup: the sender's cost alone, the baseline. */
function baseline(rows: readonly Row[], setup: string): Row | undefined {
  return rows.find((r) => r.setup === setup && r.watchers === 0);
}

/** µs of server CPU per delivered event over the baseline's (per second, so windows of slightly different lengths compare). */
export function netUsPerDelivery(rows: readonly Row[], r: Row): number {
  const base = baseline(rows, r.setup);
  if (!base || r.watchers === 0) return NaN;
  return ((r.totalCpuMs / r.windowSecs - base.totalCpuMs / base.windowSecs) * r.windowSecs * 1000) / r.deliveries;
}

export function printRun(run: SavedRun): void {
  const { rate, windowSecs, warmupSecs } = run.options;
  console.log(
    `\nroomEvents delivery cost: one participant sending ${rate} messages/s, W API-key watchers; ${windowSecs} s windows after ${warmupSecs} s of warm-up.` +
      `\nembedded = one node, no Redis; distributed = room on node A, watchers on node B, one redis-server. Both on Postgres.` +
      `\nCPU = utime + stime of the server-side processes (node(s) + redis) from /proc; the sender and the watchers run in the` +
      `\nbenchmark's own process, which shares the machine's cores with them (its CPU: "load gen", % of one core;\n"others": what else the machine ran meanwhile, % of one core).\n`,
  );
  const head = [
    'setup',
    'W',
    'sent',
    'deliveries',
    'lost',
    'dup',
    'reord',
    'seq gaps',
    'p50 ms',
    'p99 ms',
    'max ms',
    'server CPU ms',
    'µs/delivery',
    'dist/emb',
    'over W=0',
    'dist/emb',
    'load gen',
    'others',
  ];
  const widths = [12, 4, 6, 11, 5, 4, 6, 9, 7, 7, 7, 14, 12, 9, 9, 9, 9, 7];
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' ');
  console.log(line(head));
  for (const r of run.rows) {
    const x = r.setup === 'distributed' && r.watchers > 0 ? ratio(run.rows, r.watchers) : { total: NaN, net: NaN };
    const times = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : '–');
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
        times(x.total),
        num(netUsPerDelivery(run.rows, r), 1),
        times(x.net),
        `${num(r.loadGenCpuPercent)} %`,
        `${num(r.otherCpuPercent)} %`,
      ]),
    );
  }
  console.log('\nper message sent, W=0 (the sender alone: sendMessage over graphql-ws and the publication):');
  for (const setup of ['embedded', 'distributed']) {
    const base = baseline(run.rows, setup);
    if (base) console.log(`  ${setup.padEnd(12)} ${num((base.totalCpuMs * 1000) / base.sent)} µs of server CPU`);
  }
  const distributed = run.rows.filter((r) => r.setup === 'distributed' && r.watchers > 0);
  if (distributed.length) {
    console.log('\ndistributed CPU by process: ms in the window (µs per delivered event; the same over W=0)\n');
    const roles = Object.keys(distributed[0]!.cpuMs);
    console.log(['W'.padStart(4), ...roles.map((role) => role.padStart(26))].join(' '));
    const base = baseline(run.rows, 'distributed');
    if (base) console.log([String(0).padStart(4), ...roles.map((role) => `${num(base.cpuMs[role]!)} ms`.padStart(26))].join(' '));
    for (const r of distributed) {
      const over = (role: string) => (base ? ((r.cpuMs[role]! / r.windowSecs - base.cpuMs[role]! / base.windowSecs) * r.windowSecs * 1000) / r.deliveries : NaN);
      console.log(
        [String(r.watchers).padStart(4), ...roles.map((role) => `${num(r.cpuMs[role]!)} ms (${num((r.cpuMs[role]! * 1000) / r.deliveries, 1)}; ${num(over(role), 1)})`.padStart(26))].join(' '),
      );
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
      "\nover W=0: (server CPU − the same setup's CPU with no watcher) ÷ deliveries: the delivery path without the sending." +
      '\nLatency: sender timestamp before sendMessage → watcher receipt, same clock (messages sent in the window).',
  );
}

export function saveRun(resultsDir: string, run: SavedRun): string {
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `cluster-events-${run.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(run, null, 2));
  return file;
}
