// Issue 14's subscription benchmark: the product (server/app/main.ts on embedded PGlite) next to
// a bare graphql-ws server (bare-server.ts), each pinned to core 0 in turn, this process — the
// load generator — on core 1. Per room one participant calls sendMessage with its monotonic
// clock; API-key watchers, one WebSocket each, subscribe to roomEvents. Method:
// /work/shared/reference/subscription-baseline.md.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { killAllTracked, killTrackedOnExit } from '../fanout/child-processes.js';
import { saveRun } from '../fanout/results.js';
import { startBare } from './bare-target.js';
import { SERIES, Session, type PointResult } from './measure.js';
import { parseOptions, USAGE, type Options } from './options.js';
import { latencySvg } from './plot.js';
import { startProduct } from './product-target.js';
import { markdown, type SubscriptionsRun } from './report.js';
import type { Target, TargetName } from './target.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SERVER_CORE = 0;
const LOAD_CORE = 1;

/** Pins every thread of this process (the load generator) to one core. */
function pinSelf(core: number): void {
  execFileSync('taskset', ['-a', '-cp', String(core), String(process.pid)], { stdio: 'ignore' });
}

/** The soft limit on open files: the load generator holds one socket per watcher and per sender. */
function openFileLimit(): number {
  try {
    return Number(execFileSync('bash', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim()) || Infinity;
  } catch {
    return Infinity;
  }
}

function pointLine(p: PointResult): string {
  const f = (v: number) => (Number.isFinite(v) ? v.toFixed(v < 10 ? 1 : 0) : '–');
  return (
    `  ${p.server.padEnd(7)} N=${String(p.n).padStart(5)}  p50 ${f(p.p50Ms)} ms  p99 ${f(p.p99Ms)} ms  ` +
    `${f(p.deliveredPerSecond)}/s of ${p.expectedPerSecond}  cpu ${f(p.serverCpuPercent)} % (${f(p.usPerDelivery)} µs/delivery)  ` +
    `rss ${f(p.rssIdleMb)}/${f(p.rssPeakMb)} MB  loop p99 ${p.eventLoopP99Ms === null ? '–' : f(p.eventLoopP99Ms)} ms  ` +
    `lost ${p.lost} gaps ${p.gaps} reord ${p.reorders} dead ${p.deadWatchers}  other ${f(p.otherCpuPercent)} %` +
    `${p.saturated ? '  SATURATED' : ''}${p.notes.length ? `  [${p.notes.join('; ')}]` : ''}`
  );
}

/** What the server wrote besides its start-up banner (warnings, errors), in short. */
function reportLog(file: string): void {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('bare server listening'));
  if (!lines.length) return;
  console.log(`  server log: ${lines.length} lines, the first:`);
  for (const line of lines.slice(0, 3)) console.log(`    ${line.slice(0, 300)}`);
}

async function runAll(options: Options): Promise<SubscriptionsRun> {
  const began = performance.now();
  const workDir = mkdtempSync(path.join(tmpdir(), 'vr-bench-subs-'));
  const limit = openFileLimit();
  const points: PointResult[] = [];
  const eventLoopSources: Partial<Record<TargetName, string>> = {};
  let target: Target | undefined;
  let session: Session | undefined;
  killTrackedOnExit(async () => {
    await session?.close();
    killAllTracked();
    rmSync(workDir, { recursive: true, force: true });
  });
  try {
    for (const [i, seriesName] of options.series.entries()) {
      const series = SERIES[seriesName];
      // The order of the servers flips from series to series, so that drift of the box weighs on both alike.
      const servers = i % 2 === 0 ? options.servers : [...options.servers].reverse();
      for (const server of servers) {
        console.log(`\n${series.title} — ${server}`);
        rmSync(path.join(workDir, 'product-data'), { recursive: true, force: true });
        target = await (server === 'product' ? startProduct : startBare)({ projectRoot, workDir, core: SERVER_CORE });
        eventLoopSources[server] = target.eventLoopSource;
        session = new Session(target, series);
        try {
          for (const n of options.points[seriesName]) {
            const sockets = n + series.rooms(n) + 64;
            if (sockets > limit) {
              console.log(`  ${server} N=${n}: skipped, it needs ~${sockets} open files and ulimit -n is ${limit}`);
              break;
            }
            const result = await session.measure(n, options);
            points.push(result);
            console.log(pointLine(result));
            if (result.saturated) {
              console.log(`  ${server}: saturated at N=${n}, the series stops here`);
              break;
            }
          }
        } catch (error) {
          console.log(`  ${server}: the series failed: ${error instanceof Error ? error.message : String(error)}`);
        } finally {
          await session.close();
          session = undefined;
          await target.stop();
          reportLog(target.logFile);
          target = undefined;
        }
      }
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  return {
    date: new Date().toISOString(),
    box: `${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}, load average at the end ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
    options: { warmupSeconds: options.warmupSeconds, windowSeconds: options.windowSeconds, quick: options.quick },
    eventLoopSources,
    seconds: (performance.now() - began) / 1000,
    points,
  };
}

function publish(run: SubscriptionsRun, jsonFile: string): void {
  const svgFile = jsonFile.replace(/\.json$/, '.svg');
  writeFileSync(svgFile, latencySvg(run.points, `bench:subscriptions ${run.date}, ${run.options.windowSeconds} s windows`));
  console.log('\n' + markdown(run));
  console.log(`\n(results: ${path.relative(projectRoot, jsonFile)}, plot: ${path.relative(projectRoot, svgFile)}; print again with --report=<json>)`);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (!options) return void console.log(USAGE);
  if (options.report) {
    const file = path.resolve(options.report);
    publish(JSON.parse(readFileSync(file, 'utf8')) as SubscriptionsRun, file);
    return;
  }
  pinSelf(LOAD_CORE);
  console.log(`bench:subscriptions: servers on core ${SERVER_CORE}, load generator (pid ${process.pid}) on core ${LOAD_CORE}; load average ${loadavg()[0].toFixed(2)}`);
  const run = await runAll(options);
  publish(run, saveRun(path.join(projectRoot, 'bench', 'results'), run, 'subscriptions'));
}

main().then(
  () => {
    killAllTracked();
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    killAllTracked();
    process.exit(1);
  },
);
