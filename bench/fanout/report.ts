import type { ConsumerSecurity } from './fanout-mode.js';
import { MAX_LOSS, MAX_WORKER_CPU_PERCENT, MIN_DELIVERED_RATIO, type PointResult } from './measure-point.js';
import { REFERENCE, REFERENCE_INPUT_PPS } from './reference.js';
import type { StreamKind } from './streams.js';

const pct = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '–');
const kib = (bytes: number) => (Number.isFinite(bytes) ? Math.round(bytes / 1024).toString() : '–');
const lossPct = (x: number) => (Number.isFinite(x) ? (100 * x).toFixed(2) : '–');

export function pointLine(r: PointResult): string {
  const head = `${r.stream.padEnd(5)} ${r.security.padEnd(7)} N=${String(r.consumers).padStart(5)}`;
  if (r.error) return `${head}  FAILED: ${r.error}`;
  return (
    `${head}  worker ${pct(r.workerCpu).padStart(5)} %  out ${Math.round(r.deliveredPps).toString().padStart(6)} pps ` +
    `(${pct(100 * r.deliveredRatio)} %) ${pct(r.bytesPerPacket, 0)} B  loss med ${lossPct(r.lossMedian)} % max ${lossPct(r.lossMax)} %  ` +
    `${pct(r.workerMicrosPerPacket)} µs/pkt  receiver ${pct(r.receiverCpu)} %  others ${pct(r.othersCpu, 0)} %  ` +
    `drops in ${r.ingressDrops} rx ${r.receiverDrops}  queue in ${kib(r.ingressQueuedBytes)} KiB  rss ${Math.round(r.workerRssMb)} MB  ${r.holds ? 'holds' : 'FAILS'}`
  );
}

export function pointsTable(points: readonly PointResult[], security: Record<string, ConsumerSecurity>): string {
  const rows = [
    '| stream | consumer transport | N | worker CPU % | worker µs/pkt | pps out delivered (÷ expected) | B/pkt | loss median % | loss max % | ingress drops | ingress queue KiB at end | receiver drops | receiver CPU % | others CPU % | worker RSS MB | holds |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const sorted = [...points].sort(
    (a, b) => a.stream.localeCompare(b.stream) * -1 || a.security.localeCompare(b.security) || a.consumers - b.consumers,
  );
  for (const r of sorted) {
    rows.push(
      `| ${r.stream} | ${security[r.security].label} | ${r.consumers} | ${pct(r.workerCpu)} | ${pct(r.workerMicrosPerPacket)} | ` +
        `${Number.isFinite(r.deliveredPps) ? Math.round(r.deliveredPps) : '–'} (${pct(100 * r.deliveredRatio)} %) | ${pct(r.bytesPerPacket, 0)} | ` +
        `${lossPct(r.lossMedian)} | ${lossPct(r.lossMax)} | ${r.ingressDrops} | ${kib(r.ingressQueuedBytes)} | ${r.receiverDrops} | ${pct(r.receiverCpu)} | ` +
        `${pct(r.othersCpu, 0)} | ${Number.isFinite(r.workerRssMb) ? Math.round(r.workerRssMb) : '–'} | ${r.error ? `no: ${r.error}` : r.holds ? 'yes' : 'no'} |`,
    );
  }
  return rows.join('\n');
}

export interface SweepOutcome {
  stream: StreamKind;
  security: ConsumerSecurity['id'];
  largestHolding: number;
  /** the sweep's first N, so "none held" can say "< start" */
  start: number;
  cutByBudget: boolean;
}

/**
 * Median worker µs per packet over the points that delivered everything: the baseline takes the
 * runs without loss, because a saturated worker's cost per packet is inflated; a backlog is the
 * same saturation before the loss shows.
 */
export function microsPerPacket(points: readonly PointResult[], stream: StreamKind, security: string): number {
  const values = points
    .filter(
      (p) =>
        p.stream === stream &&
        p.security === security &&
        !p.error &&
        p.lossMax < MAX_LOSS &&
        p.deliveredRatio >= MIN_DELIVERED_RATIO,
    )
    .map((p) => p.workerMicrosPerPacket)
    .sort((a, b) => a - b);
  if (values.length === 0) return NaN;
  const mid = values.length / 2;
  return values.length % 2 ? values[Math.floor(mid)] : (values[mid - 1] + values[mid]) / 2;
}

/** What the measured cost predicts for 80 % of a core; robust to neighbours, unlike the largest N. */
function consumersAt80(micros: number, inputPps: number): string {
  if (!Number.isFinite(micros) || !(inputPps > 0)) return '–';
  return `~${Math.round((MAX_WORKER_CPU_PERCENT / 100) * 1e6 / (micros * inputPps) / 10) * 10}`;
}

export function summaryTable(
  outcomes: readonly SweepOutcome[],
  points: readonly PointResult[],
  securities: readonly ConsumerSecurity[],
  streams: readonly StreamKind[],
  inputPps: Readonly<Record<StreamKind, number>>,
): string {
  const outcome = (stream: StreamKind, security: string) =>
    outcomes.find((o) => o.stream === stream && o.security === security);
  const largest = (stream: StreamKind, security: string) => {
    const o = outcome(stream, security);
    if (!o) return '–';
    const cpu = points.find((p) => p.stream === stream && p.security === security && p.consumers === o.largestHolding)?.workerCpu;
    const text = o.largestHolding > 0 ? `**${o.largestHolding}** (${pct(cpu ?? NaN)} %)` : `< ${o.start}`;
    return o.cutByBudget ? `${text}, cut by time budget` : text;
  };
  const header = [
    '',
    ...streams.flatMap((s) => [`largest ${s} N that holds (worker %)`, `${s} µs/pkt`, `${s} N at 80 % from µs/pkt`]),
  ];
  const rows = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const sec of securities) {
    const cells = streams.flatMap((s) => {
      const micros = microsPerPacket(points, s, sec.id);
      return [largest(s, sec.id), `**${pct(micros)}**`, consumersAt80(micros, inputPps[s])];
    });
    rows.push(`| ${sec.label} | ${cells.join(' | ')} |`);
  }
  if (securities.some((s) => s.id === 'openssl') && securities.some((s) => s.id === 'system')) {
    const ratio = (x: number) => (Number.isFinite(x) && x > 0 ? `**${x.toFixed(2)}×**` : '–');
    const cells = streams.flatMap((s) => {
      const nO = outcome(s, 'openssl')?.largestHolding ?? 0;
      const nS = outcome(s, 'system')?.largestHolding ?? 0;
      const cost = microsPerPacket(points, s, 'system') / microsPerPacket(points, s, 'openssl');
      return [ratio(nS > 0 ? nO / nS : NaN), ratio(cost), ratio(cost)];
    });
    rows.push(`| **ratio OpenSSL ÷ Debian** (capacity; for µs/pkt: Debian's cost ÷ OpenSSL's) | ${cells.join(' | ')} |`);
  }
  for (const sec of securities) {
    const ref = REFERENCE[sec.id];
    const cells = streams.flatMap((s) => [
      String(ref[s].largestN),
      ref[s].micros.toFixed(1),
      consumersAt80(ref[s].micros, REFERENCE_INPUT_PPS[s]),
    ]);
    rows.push(`| reference (fanout-baseline.md): ${sec.label} | ${cells.join(' | ')} |`);
  }
  return rows.join('\n');
}

/** Neighbours on a shared box starve the worker: loss then appears at lower worker CPU. */
export function neighbourNote(points: readonly PointResult[]): string | undefined {
  const others = points.map((p) => p.othersCpu).filter(Number.isFinite).sort((a, b) => a - b);
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
  `holds = every consumer's loss < ${100 * MAX_LOSS} %, worker ≤ ${MAX_WORKER_CPU_PERCENT} % of one core ` +
  `and delivered ≥ ${100 * MIN_DELIVERED_RATIO} % of N × input (no growing backlog)`;
