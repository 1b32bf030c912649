import { MODE_LABEL, type ConsumerSecurity, type ModeName } from './fanout-mode.js';
import { MAX_LOSS, MAX_WORKER_CPU_PERCENT, MIN_DELIVERED_RATIO, type PointResult } from './measure-point.js';
import { REFERENCE, REFERENCE_INPUT_PPS } from './reference.js';
import type { StreamKind } from './streams.js';

const pct = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '–');
const kib = (bytes: number) => (Number.isFinite(bytes) ? Math.round(bytes / 1024).toString() : '–');
const lossPct = (x: number) => (Number.isFinite(x) ? (100 * x).toFixed(2) : '–');

/** Runs saved before the product mode existed measured bench mode only. */
export const modeOf = (r: { mode?: ModeName }): ModeName => r.mode ?? 'bench';

/** One worker's CPU, or with several each one's (main first) and how the consumers were split. */
function workersCell(r: PointResult): string {
  if (!r.workerCpus) return `worker ${pct(r.workerCpu).padStart(5)} %`;
  const split = r.consumersPerWorker ? ` (consumers ${r.consumersPerWorker.join(' + ')})` : '';
  return `workers ${r.workerCpus.map((c) => pct(c)).join(' + ')} %${split}`;
}

export function pointLine(r: PointResult): string {
  const head = `${r.stream.padEnd(5)} ${modeOf(r).padEnd(7)} ${r.security.padEnd(7)} N=${String(r.consumers).padStart(5)}`;
  if (r.error) return `${head}  FAILED: ${r.error}`;
  return (
    `${head}  ${workersCell(r)}  out ${Math.round(r.deliveredPps).toString().padStart(6)} pps ` +
    `(${pct(100 * r.deliveredRatio)} %) ${pct(r.bytesPerPacket, 0)} B  loss med ${lossPct(r.lossMedian)} % max ${lossPct(r.lossMax)} %  ` +
    `${pct(r.workerMicrosPerPacket)} µs/pkt  receiver ${pct(r.receiverCpu)} %  others ${pct(r.othersCpu, 0)} %  ` +
    `drops in ${r.ingressDrops} rx ${r.receiverDrops}  queue in ${kib(r.ingressQueuedBytes)} KiB  rss ${Math.round(r.workerRssMb)} MB  ` +
    `built in ${pct(r.buildSeconds ?? NaN)} s  ${r.holds ? 'holds' : 'FAILS'}`
  );
}

export function pointsTable(points: readonly PointResult[], security: Record<string, ConsumerSecurity>): string {
  const rows = [
    '| stream | consumer transport | N | built by | worker CPU % | worker µs/pkt | pps out delivered (÷ expected) | B/pkt | loss median % | loss max % | ingress drops | ingress queue KiB at end | receiver drops | receiver CPU % | others CPU % | worker RSS MB | build s | holds |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  // The modes side by side at each N, so that raw and product read row against row.
  const sorted = [...points].sort((a, b) => a.stream.localeCompare(b.stream) * -1 || a.security.localeCompare(b.security) || a.consumers - b.consumers || modeOf(a).localeCompare(modeOf(b)));
  for (const r of sorted) {
    rows.push(
      `| ${r.stream} | ${security[r.security].label} | ${r.consumers} | ${MODE_LABEL[modeOf(r)]} | ${pct(r.workerCpu)} | ${pct(r.workerMicrosPerPacket)} | ` +
        `${Number.isFinite(r.deliveredPps) ? Math.round(r.deliveredPps) : '–'} (${pct(100 * r.deliveredRatio)} %) | ${pct(r.bytesPerPacket, 0)} | ` +
        `${lossPct(r.lossMedian)} | ${lossPct(r.lossMax)} | ${r.ingressDrops} | ${kib(r.ingressQueuedBytes)} | ${r.receiverDrops} | ${pct(r.receiverCpu)} | ` +
        `${pct(r.othersCpu, 0)} | ${Number.isFinite(r.workerRssMb) ? Math.round(r.workerRssMb) : '–'} | ${pct(r.buildSeconds ?? NaN)} | ` +
        `${r.error ? `no: ${r.error}` : r.holds ? 'yes' : 'no'} |`,
    );
  }
  return rows.join('\n');
}

export interface SweepOutcome {
  stream: StreamKind;
  /** Absent in runs saved before the product mode: bench. */
  mode?: ModeName;
  security: ConsumerSecurity['id'];
  largestHolding: number;
  /** the sweep's first N, so "none held" can say "< start" */
  start: number;
  cutByBudget: boolean;
}

/** A point that delivered everything: no consumer lost 1 % and no backlog grew. */
function deliveredAll(p: PointResult): boolean {
  return !p.error && p.lossMax < MAX_LOSS && p.deliveredRatio >= MIN_DELIVERED_RATIO;
}

/**
 * Median worker µs per packet over the points that delivered everything: the baseline takes the
 * runs without loss, because a saturated worker's cost per packet is inflated; a backlog is the
 * same saturation before the loss shows.
 */
export function microsPerPacket(points: readonly PointResult[], stream: StreamKind, mode: ModeName, security: string): number {
  return median(points.filter((p) => p.stream === stream && modeOf(p) === mode && p.security === security && deliveredAll(p)).map((p) => p.workerMicrosPerPacket));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** What the measured cost predicts for 80 % of a core; robust to neighbours, unlike the largest N. */
function consumersAt80(micros: number, inputPps: number): string {
  if (!Number.isFinite(micros) || !(inputPps > 0)) return '–';
  return `~${Math.round(((MAX_WORKER_CPU_PERCENT / 100) * 1e6) / (micros * inputPps) / 10) * 10}`;
}

const ratioCell = (x: number) => (Number.isFinite(x) && x > 0 ? `**${x.toFixed(2)}×**` : '–');

export function summaryTable(
  outcomes: readonly SweepOutcome[],
  points: readonly PointResult[],
  modes: readonly ModeName[],
  securities: readonly ConsumerSecurity[],
  streams: readonly StreamKind[],
  inputPps: Readonly<Record<StreamKind, number>>,
): string {
  const outcome = (stream: StreamKind, mode: ModeName, security: string) => outcomes.find((o) => o.stream === stream && modeOf(o) === mode && o.security === security);
  const largest = (stream: StreamKind, mode: ModeName, security: string) => {
    const o = outcome(stream, mode, security);
    if (!o) return '–';
    const cpu = points.find((p) => p.stream === stream && modeOf(p) === mode && p.security === security && p.consumers === o.largestHolding)?.workerCpu;
    const text = o.largestHolding > 0 ? `**${o.largestHolding}** (${pct(cpu ?? NaN)} %)` : `< ${o.start}`;
    return o.cutByBudget ? `${text}, cut by time budget` : text;
  };
  const header = ['', ...streams.flatMap((s) => [`largest ${s} N that holds (worker %)`, `${s} µs/pkt`, `${s} N at 80 % from µs/pkt`])];
  const rows = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const mode of modes) {
    for (const sec of securities) {
      const cells = streams.flatMap((s) => {
        const micros = microsPerPacket(points, s, mode, sec.id);
        return [largest(s, mode, sec.id), `**${pct(micros)}**`, consumersAt80(micros, inputPps[s])];
      });
      rows.push(`| ${MODE_LABEL[mode]}: ${sec.label} | ${cells.join(' | ')} |`);
    }
    if (securities.some((s) => s.id === 'openssl') && securities.some((s) => s.id === 'system')) {
      const cells = streams.flatMap((s) => {
        const nO = outcome(s, mode, 'openssl')?.largestHolding ?? 0;
        const nS = outcome(s, mode, 'system')?.largestHolding ?? 0;
        const cost = microsPerPacket(points, s, mode, 'system') / microsPerPacket(points, s, mode, 'openssl');
        return [ratioCell(nS > 0 ? nO / nS : NaN), ratioCell(cost), ratioCell(cost)];
      });
      rows.push(`| **ratio OpenSSL ÷ Debian**, ${MODE_LABEL[mode]} (capacity; for µs/pkt: Debian's cost ÷ OpenSSL's) | ${cells.join(' | ')} |`);
    }
  }
  if (modes.includes('bench') && modes.includes('product')) {
    for (const sec of securities) {
      const cells = streams.flatMap((s) => {
        const nRaw = outcome(s, 'bench', sec.id)?.largestHolding ?? 0;
        const nProduct = outcome(s, 'product', sec.id)?.largestHolding ?? 0;
        const cost = microsPerPacket(points, s, 'product', sec.id) / microsPerPacket(points, s, 'bench', sec.id);
        return [ratioCell(nRaw > 0 ? nProduct / nRaw : NaN), ratioCell(cost), ratioCell(1 / cost)];
      });
      rows.push(`| **ratio product ÷ raw**, ${sec.label} (largest N and N at 80 %: product's ÷ raw's; µs/pkt: product's cost ÷ raw's) | ${cells.join(' | ')} |`);
    }
  }
  for (const sec of securities) {
    const ref = REFERENCE[sec.id];
    const cells = streams.flatMap((s) => [String(ref[s].largestN), ref[s].micros.toFixed(1), consumersAt80(ref[s].micros, REFERENCE_INPUT_PPS[s])]);
    rows.push(`| reference (fanout-baseline.md, raw method): ${sec.label} | ${cells.join(' | ')} |`);
  }
  return rows.join('\n');
}

/**
 * Product ÷ raw at each N that both modes measured and both delivered in full: the same N, a
 * minute apart at most, so drift of the shared box cancels better than in the ratio of medians.
 */
export function pairedRatios(points: readonly PointResult[], securities: readonly ConsumerSecurity[], streams: readonly StreamKind[]): string[] {
  const lines: string[] = [];
  for (const s of streams) {
    for (const sec of securities) {
      const at = (mode: ModeName, n: number) => points.find((p) => p.stream === s && p.security === sec.id && modeOf(p) === mode && p.consumers === n && deliveredAll(p));
      const pairs = [...new Set(points.filter((p) => p.stream === s && p.security === sec.id).map((p) => p.consumers))]
        .sort((a, b) => a - b)
        .flatMap((n) => {
          const raw = at('bench', n);
          const product = at('product', n);
          return raw && product ? [{ n, raw, product }] : [];
        });
      if (pairs.length === 0) continue;
      const micros = pairs.map((p) => p.product.workerMicrosPerPacket / p.raw.workerMicrosPerPacket);
      const cpu = pairs.map((p) => p.product.workerCpu / p.raw.workerCpu);
      const range = (xs: number[]) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
      lines.push(
        `${s}, ${sec.label}: at N = ${pairs.map((p) => p.n).join(', ')} (both delivered everything), product ÷ raw ` +
          `µs/pkt median ${median(micros).toFixed(2)}× (${range(micros)}), worker CPU median ${median(cpu).toFixed(2)}× (${range(cpu)})`,
      );
    }
  }
  return lines;
}

/** Neighbours on a shared box starve the worker: loss then appears at lower worker CPU. */
export function neighbourNote(points: readonly PointResult[]): string | undefined {
  const others = points
    .map((p) => p.othersCpu)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  if (others.length === 0) return undefined;
  const median = others[Math.floor(others.length / 2)];
  if (median < 20) return undefined;
  return (
    `Note: other processes used a median ${median.toFixed(0)} % of a core during the windows (max ` +
    `${others.at(-1)!.toFixed(0)} %). The worker and receiver competed with them for the 2 cores, so the ` +
    `largest N values are pessimistic; µs per packet is less sensitive to this.`
  );
}

export const CRITERION =
  `holds = every consumer's loss < ${100 * MAX_LOSS} %, worker ≤ ${MAX_WORKER_CPU_PERCENT} % of one core ` + `and delivered ≥ ${100 * MIN_DELIVERED_RATIO} % of N × input (no growing backlog)`;
