// Fan-out benchmark (issue 5): how many SRTP consumers of one stream one mediasoup worker
// forwards, with the project's OpenSSL libsrtp and with Debian's, measured in the same run;
// --mode=product builds the same rig through the server's media layer, --mode=both measures the
// two point by point and prints the ratio product ÷ raw.
// Method and criterion: /work/shared/reference/fanout-baseline.md. Usage: see cli-options.ts.
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { resolveMediaConfig } from '../../media/config.js';
import { createMediasoupWorker } from '../../media/worker-runtime.js';
import { benchMode } from './bench-mode.js';
import { ensureCapture, type CapturedStream } from './capture.js';
import { killAllTracked, killTrackedOnExit } from './child-processes.js';
import { parseOptions, USAGE, type FanoutOptions, type ModeName } from './cli-options.js';
import type { FanoutMode } from './fanout-mode.js';
import { measurePoint, type PointResult } from './measure-point.js';
import { productMediaConfig, productMode, spreadMode } from './product-mode.js';
import { ReceiverProcess } from './receiver-process.js';
import { CRITERION, pointLine, type SweepOutcome } from './report.js';
import { loadRun, printRun, saveRun, type SavedRun } from './results.js';
import { STREAMS, type StreamKind } from './streams.js';
import { FixedPoints, Sweep } from './sweep.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const MODES: Record<ModeName, FanoutMode> = { bench: benchMode, product: productMode, spread: spreadMode };
/** Set-up, teardown and the pause between points, on top of warm-up and window. */
const POINT_OVERHEAD_SECONDS = 4;

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return;
  }
  if (options.report) {
    printRun(loadRun(options.report));
    return;
  }
  const modes = options.modes.map((name) => MODES[name]);
  for (const mode of modes) if (mode.unavailable) throw new Error(`--mode=${mode.name} is ${mode.unavailable}`);
  const began = performance.now();

  let receiver: ReceiverProcess | undefined;
  killTrackedOnExit(async () => {
    receiver?.close();
    killAllTracked();
  });

  await printHeader(options, modes);
  const sources = await captureSources(options.streams);
  receiver = await ReceiverProcess.start(options.receiverSockets);

  const points: PointResult[] = [];
  const outcomes: SweepOutcome[] = [];
  const pointSeconds = options.warmupSeconds + options.windowSeconds + POINT_OVERHEAD_SECONDS;
  const budgetEnd = began + options.budgetSeconds * 1000;

  for (const [index, kind] of options.streams.entries()) {
    const stream = STREAMS[kind];
    // Each stream gets an equal share of what is left, so a slow video sweep cannot starve audio.
    const streamEnd = performance.now() + (budgetEnd - performance.now()) / (options.streams.length - index);
    const overBudget = () => performance.now() + pointSeconds * 1000 > streamEnd;
    console.log(`\n${kind}: ${stream.label}, ${sources[kind].packetsPerSecond.toFixed(1)} pps in`);
    const plans = modes.flatMap((mode) =>
      options.securities.map((security) => ({
        mode,
        security,
        plan: options.points ? new FixedPoints(options.points) : new Sweep(stream.sweep),
        cut: false,
      })),
    );
    // Point by point in turn, so that drift on a shared box affects every variant alike; the order
    // flips every round (A B, B A, ...) so that no variant always runs first.
    for (let round = 0, active = true; active; round++) {
      active = false;
      for (const p of round % 2 === 0 ? plans : [...plans].reverse()) {
        const n = p.plan.next();
        if (n === undefined) continue;
        if (overBudget()) {
          p.cut = true;
          p.plan.stop();
          continue;
        }
        active = true;
        const result = await measurePoint(p.mode, stream, sources[kind], p.security, n, receiver, options);
        console.log(pointLine(result));
        points.push(result);
        p.plan.record(n, result.holds);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
    for (const p of plans) {
      outcomes.push({
        stream: kind,
        mode: p.mode.name,
        security: p.security.id,
        largestHolding: p.plan.largestHolding,
        start: p.plan.start,
        cutByBudget: p.cut,
      });
    }
  }

  receiver.close();
  const run: SavedRun = {
    options: {
      modes: options.modes,
      streams: options.streams,
      securities: options.securities.map((s) => s.id),
      warmupSeconds: options.warmupSeconds,
      windowSeconds: options.windowSeconds,
    },
    seconds: (performance.now() - began) / 1000,
    outcomes,
    points,
  };
  printRun(run);
  const file = saveRun(path.join(projectRoot, 'bench', 'results'), run);
  console.log(`\n(results: ${path.relative(projectRoot, file)}; print again with --report=<file>)`);
}

async function printHeader(options: FanoutOptions, modes: readonly FanoutMode[]): Promise<void> {
  console.log('fan-out benchmark: one worker, one router, one producer, N consumers on PlainTransports');
  for (const mode of modes) console.log(`mode ${mode.name}: ${mode.description}`);
  if (modes.some((m) => m.name === 'product')) {
    const c = resolveMediaConfig(productMediaConfig());
    console.log(
      `product media config (server's loadConfig().media, numWorkers 1): listen ${c.listenIp}` +
        `${c.announcedIp ? ` announced ${c.announcedIp}` : ''}, ports ${c.rtcMinPort}-${c.rtcMaxPort}, ` +
        `active speaker every ${c.activeSpeakerIntervalMs} ms, audio levels ≥ ${c.audioLevelThreshold} dBov every ${c.audioLevelIntervalMs} ms`,
    );
  }
  console.log(
    `box: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`per point: ${options.warmupSeconds} s warm-up, ${options.windowSeconds} s window; ${CRITERION}`);
  // One throwaway worker per variant: shows which libsrtp file each really loads, and fails
  // early (with the set-up hint) when the OpenSSL build is missing.
  for (const security of options.securities) {
    const { worker, srtpLibraryPath, workerBin } = await createMediasoupWorker({ logLevel: 'warn' }, { srtp: security.srtpLibrary });
    worker.close();
    console.log(`${security.id.padEnd(7)} ${security.label}: worker ${workerBin} with ${srtpLibraryPath}`);
  }
}

async function captureSources(streams: readonly StreamKind[]): Promise<Record<StreamKind, CapturedStream>> {
  const cacheDir = path.join(projectRoot, '.cache', 'fanout');
  const captured = await Promise.all(
    streams.map(async (kind) => {
      const started = performance.now();
      const source = await ensureCapture(STREAMS[kind], cacheDir);
      console.log(
        `source ${kind}: ${source.reused ? 'reused' : `captured in ${((performance.now() - started) / 1000).toFixed(0)} s`} ` +
          `${path.relative(projectRoot, source.file)}: ${source.frames.length} frames, ${source.packetCount} packets, ` +
          `avg ${source.averagePacketBytes.toFixed(0)} B, ${source.packetsPerSecond.toFixed(1)} pps`,
      );
      return [kind, source] as const;
    }),
  );
  return Object.fromEntries(captured) as Record<StreamKind, CapturedStream>;
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
