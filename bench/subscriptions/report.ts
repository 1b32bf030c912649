import { HOLD_P99_MS, SATURATED_P99_MS, SERIES, type PointResult, type SeriesName } from './measure.js';
import type { TargetName } from './target.js';

/** One run as saved to bench/results/ and read back by --report. */
export interface SubscriptionsRun {
  date: string;
  box: string;
  options: { warmupSeconds: number; windowSeconds: number; quick: boolean };
  eventLoopSources: Partial<Record<TargetName, string>>;
  seconds: number;
  points: PointResult[];
}

const num = (v: number | null | undefined, digits = 1): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = (v: number) => num(v, v < 10 ? 1 : 0);
const int = (v: number) => num(v, 0);

/** Largest N measured that holds p99 ≤ 50 ms with nothing lost, naming smaller points that did not (a noisy box). */
export function largestHolding(points: readonly PointResult[], server: TargetName, series: SeriesName): string {
  const mine = points.filter((p) => p.server === server && p.series === series).sort((a, b) => a.n - b.n);
  if (!mine.length) return 'not measured';
  const holding = mine.filter((p) => p.holds);
  if (!holding.length) return `none (< ${int(mine[0].n)})`;
  const best = holding[holding.length - 1].n;
  const failedBelow = mine.filter((p) => p.n < best && !p.holds).map((p) => int(p.n));
  const bound = best === mine[mine.length - 1].n ? `≥ ${int(best)} (the last point measured)` : int(best);
  return failedBelow.length ? `${bound}; but not at ${failedBelow.join(', ')}` : bound;
}

function status(p: PointResult): string {
  if (p.saturated) return ' (saturated)';
  return p.holds ? '' : ' (over 50 ms)';
}

/** The issue's comparison: both servers side by side per N. */
function comparison(points: readonly PointResult[], series: SeriesName): string[] {
  const ns = [...new Set(points.filter((p) => p.series === series).map((p) => p.n))].sort((a, b) => a - b);
  const at = (server: TargetName, n: number) => points.find((p) => p.server === server && p.series === series && p.n === n);
  const lines = [`| ${SERIES[series].title} | product p50 / p99 | bare p50 / p99 | CPU per delivery, product / bare |`, '|---|---|---|---|'];
  for (const n of ns) {
    const product = at('product', n);
    const bare = at('bare', n);
    const latency = (p: PointResult | undefined) => (p ? `${ms(p.p50Ms)} / ${ms(p.p99Ms)} ms${status(p)}` : '—');
    const cpu = `${product ? int(product.usPerDelivery) : '—'} / ${bare ? int(bare.usPerDelivery) : '—'} µs${product && bare ? ` (${num(product.usPerDelivery / bare.usPerDelivery)}×)` : ''}`;
    lines.push(`| ${int(n)} watchers | ${latency(product)} | ${latency(bare)} | ${cpu} |`);
  }
  return lines;
}

function details(points: readonly PointResult[]): string[] {
  const lines = [
    '| series | N | server | p50 ms | p99 ms | max ms | delivered/s (expected) | server CPU % | µs/delivery | RSS idle / peak MB | kB/watcher | event-loop p99 ms | lost / gaps / reorders | dead watchers | other CPU % |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const p of points) {
    lines.push(
      `| ${p.series} | ${int(p.n)} | ${p.server} | ${ms(p.p50Ms)} | ${ms(p.p99Ms)} | ${ms(p.maxMs)} | ${int(p.deliveredPerSecond)} (${int(p.expectedPerSecond)}) | ${int(p.serverCpuPercent)} | ${int(p.usPerDelivery)} | ${int(p.rssIdleMb)} / ${int(p.rssPeakMb)} | ${num(p.kbPerWatcher)} | ${p.eventLoopP99Ms === null ? 'not measured' : ms(p.eventLoopP99Ms)} | ${p.lost} / ${p.gaps} / ${p.reorders} | ${p.deadWatchers} | ${int(p.otherCpuPercent)} |`,
    );
  }
  return lines;
}

export function markdown(run: SubscriptionsRun): string {
  const series = (['rooms', 'big'] as const).filter((s) => run.points.some((p) => p.series === s));
  const out: string[] = [
    `## bench:subscriptions — ${run.date}`,
    '',
    `${run.box}; server pinned to core 0, load generator to core 1; ${run.options.warmupSeconds} s warm-up, ${run.options.windowSeconds} s window per point${run.options.quick ? ' (--quick)' : ''}; ${Math.round(run.seconds)} s in all.`,
    `A point holds with p99 ≤ ${HOLD_P99_MS} ms and nothing lost; a series stops after a point with p99 > ${SATURATED_P99_MS} ms or any loss, gap, reorder, failed send or closed watcher (saturated).`,
    '',
  ];
  for (const s of series) out.push(...comparison(run.points, s), '');
  out.push('| largest N with p99 ≤ 50 ms | product | bare |', '|---|---|---|');
  for (const s of series) out.push(`| ${SERIES[s].title} | ${largestHolding(run.points, 'product', s)} | ${largestHolding(run.points, 'bare', s)} |`);
  out.push('', ...details(run.points), '');
  for (const [server, source] of Object.entries(run.eventLoopSources)) out.push(`- event-loop delay, ${server}: ${source}`);
  const noted = run.points.filter((p) => p.notes.length);
  for (const p of noted) out.push(`- ${p.series} ${p.n} ${p.server}: ${p.notes.join('; ')}`);
  return out.join('\n');
}
