// Big-room benchmark (issue 13, item 5): one publisher, N SRTP video viewers through the
// product's media layer on one worker, and spread over two workers with pipeToRouter, next to
// raw mediasoup on one worker (the fan-out baseline's method), all in the same run, point by
// point in turn. Reports the largest N that holds for each and the ratio two workers ÷ one.
// Method and criterion: bench/fanout (and /work/shared/reference/fanout-baseline.md).
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { resolveMediaConfig } from '../../media/config.js';
import { benchMode } from '../fanout/bench-mode.js';
import { ensureCapture } from '../fanout/capture.js';
import { killAllTracked, killTrackedOnExit } from '../fanout/child-processes.js';
import { SECURITY, type FanoutMode } from '../fanout/fanout-mode.js';
import { measurePoint, type PointResult } from '../fanout/measure-point.js';
import { productMediaConfig, productMode, spreadMode } from '../fanout/product-mode.js';
import { ReceiverProcess } from '../fanout/receiver-process.js';
import { CRITERION, pointLine } from '../fanout/report.js';
import { loadRun, saveRun } from '../fanout/results.js';
import { VIDEO } from '../fanout/streams.js';
import { FixedPoints, Sweep, type PointPlan } from '../fanout/sweep.js';
import { printBigRoom, type BigRoomRun, type VariantOutcome } from './report.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const USAGE = `usage: npm run bench:big-room -- [options]
  --warmup=3 --window=8   seconds per point
  --budget=780            seconds after which no new point starts (the whole run stays under ~15 min)
  --points=200,400        measure these N once each (every variant) instead of sweeping
  --sockets=4             receiver sockets
  --report=bench/results/F  print a saved run again, measure nothing`;

/** Set-up, teardown and the pause between points, on top of warm-up and window (building 1000 consumers takes a few s). */
const POINT_OVERHEAD_SECONDS = 8;

interface Options {
  warmupSeconds: number;
  windowSeconds: number;
  budgetSeconds: number;
  points: number[] | undefined;
  sockets: number;
  report: string | undefined;
}

function parse(argv: readonly string[]): Options | undefined {
  if (argv.includes('--help') || argv.includes('-h')) return undefined;
  const values = new Map<string, string>();
  for (const arg of argv) {
    const match = arg.match(/^--(warmup|window|budget|points|sockets|report)=(.*)$/);
    if (!match) throw new Error(`unknown argument "${arg}"\n${USAGE}`);
    values.set(match[1], match[2]);
  }
  const positive = (key: string, fallback: number) => {
    const value = Number(values.get(key) ?? fallback);
    if (!(value > 0)) throw new Error(`--${key} must be a positive number`);
    return value;
  };
  const points = values
    .get('points')
    ?.split(',')
    .map((n) => {
      if (!/^\d+$/.test(n) || Number(n) < 1) throw new Error(`--points: "${n}" is not a positive integer`);
      return Number(n);
    });
  return {
    warmupSeconds: positive('warmup', 3),
    windowSeconds: positive('window', 8),
    budgetSeconds: positive('budget', 780),
    points,
    sockets: positive('sockets', 4),
    report: values.get('report'),
  };
}

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2));
  if (!options) {
    console.log(USAGE);
    return;
  }
  if (options.report) {
    printBigRoom(loadRun<BigRoomRun>(options.report));
    return;
  }
  const began = performance.now();
  let receiver: ReceiverProcess | undefined;
  killTrackedOnExit(async () => {
    receiver?.close();
    killAllTracked();
  });

  const security = SECURITY.openssl;
  const spreadConfig = resolveMediaConfig(productMediaConfig(2));
  console.log('big-room benchmark: one publisher, N video viewers on PlainTransports with SRTP (OpenSSL libsrtp)');
  for (const mode of [benchMode, productMode, spreadMode]) console.log(`mode ${mode.name}: ${mode.description}`);
  console.log(`spread: maxConsumersPerRouter ${spreadConfig.maxConsumersPerRouter} (the server's MEDIA_MAX_CONSUMERS_PER_ROUTER)`);
  console.log(
    `box: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`per point: ${options.warmupSeconds} s warm-up, ${options.windowSeconds} s window; ${CRITERION} (each worker, in spread mode)`);
  console.log(
    'Note: the receiver process counting every packet runs on the same 2 cores. With two workers near 80 % each, ' +
      'the box has no core left for it: the spread figures are bounded by the box, not by the workers alone.',
  );

  const source = await ensureCapture(VIDEO, path.join(projectRoot, '.cache', 'fanout'));
  console.log(`source video: ${source.frames.length} frames, ${source.packetCount} packets, avg ${source.averagePacketBytes.toFixed(0)} B, ${source.packetsPerSecond.toFixed(1)} pps`);
  receiver = await ReceiverProcess.start(options.sockets);

  const plan = (sweep: { start: number; step: number; max: number }): PointPlan => (options.points ? new FixedPoints(options.points) : new Sweep(sweep));
  const variants: Array<{ mode: FanoutMode; plan: PointPlan; cut: boolean }> = [
    { mode: benchMode, plan: plan({ start: 100, step: 50, max: 2000 }), cut: false },
    { mode: productMode, plan: plan({ start: 100, step: 50, max: 2000 }), cut: false },
    { mode: spreadMode, plan: plan({ start: 200, step: 50, max: 4000 }), cut: false },
  ];
  const points: PointResult[] = [];
  const pointSeconds = options.warmupSeconds + options.windowSeconds + POINT_OVERHEAD_SECONDS;
  const budgetEnd = began + options.budgetSeconds * 1000;
  // Point by point in turn, the order flipping every round, so that drift of the shared box
  // affects every variant alike (as bench/fanout does).
  for (let round = 0, active = true; active; round++) {
    active = false;
    for (const v of round % 2 === 0 ? variants : [...variants].reverse()) {
      const n = v.plan.next();
      if (n === undefined) continue;
      if (performance.now() + pointSeconds * 1000 > budgetEnd) {
        v.cut = true;
        v.plan.stop();
        continue;
      }
      active = true;
      const result = await measurePoint(v.mode, VIDEO, source, security, n, receiver, options);
      console.log(pointLine(result));
      points.push(result);
      v.plan.record(n, result.holds);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  receiver.close();

  const outcomes: VariantOutcome[] = variants.map((v) => ({ mode: v.mode.name, largestHolding: v.plan.largestHolding, start: v.plan.start, cutByBudget: v.cut }));
  const run: BigRoomRun = {
    options: { warmupSeconds: options.warmupSeconds, windowSeconds: options.windowSeconds, maxConsumersPerRouter: spreadConfig.maxConsumersPerRouter },
    seconds: (performance.now() - began) / 1000,
    outcomes,
    points,
  };
  printBigRoom(run);
  const file = saveRun(path.join(projectRoot, 'bench', 'results'), run, 'big-room');
  console.log(`\n(results: ${path.relative(projectRoot, file)}; print again with --report=<file>)`);
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
