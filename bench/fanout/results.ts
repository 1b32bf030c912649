import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SECURITY, type ConsumerSecurity, type ModeName } from './fanout-mode.js';
import type { PointResult } from './measure-point.js';
import { CRITERION, neighbourNote, pairedRatios, pointsTable, summaryTable, type SweepOutcome } from './report.js';
import type { StreamKind } from './streams.js';

/** One benchmark run as written to bench/results/ (and read back by --report). */
export interface SavedRun {
  options: {
    /** Absent in runs saved before the product mode: bench only. */
    modes?: ModeName[];
    streams: StreamKind[];
    securities: ConsumerSecurity['id'][];
    warmupSeconds: number;
    windowSeconds: number;
  };
  seconds?: number;
  outcomes: SweepOutcome[];
  points: PointResult[];
}

export function saveRun(resultsDir: string, run: object, prefix = 'fanout'): string {
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${prefix}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  // JSON has no Infinity/NaN: they come back as null, which the tables print as "–".
  writeFileSync(file, JSON.stringify(run, null, 2));
  return file;
}

export function loadRun<T extends { points: PointResult[] } = SavedRun>(file: string): T {
  const run = JSON.parse(readFileSync(file, 'utf8')) as T;
  for (const p of run.points) {
    for (const [key, value] of Object.entries(p)) {
      if (value === null) (p as unknown as Record<string, unknown>)[key] = NaN;
    }
  }
  return run;
}

/** The input rate each stream really had, as measured in the windows. */
function measuredInputPps(points: readonly PointResult[]): Record<StreamKind, number> {
  const median = (kind: StreamKind) => {
    const values = points.filter((p) => p.stream === kind && Number.isFinite(p.inputPps)).map((p) => p.inputPps);
    values.sort((a, b) => a - b);
    return values.length > 0 ? values[Math.floor(values.length / 2)] : NaN;
  };
  return { video: median('video'), audio: median('audio') };
}

export function printRun(run: SavedRun): void {
  const securities = run.options.securities.map((id) => SECURITY[id]);
  const seconds = run.seconds !== undefined ? `, ${run.seconds.toFixed(0)} s` : '';
  console.log(`\nAll points (${run.points.length}${seconds}):\n`);
  console.log(pointsTable(run.points, SECURITY));
  console.log(`\nLargest N that holds (${CRITERION}) and worker µs per forwarded packet ` + `(median of the points that delivered everything):\n`);
  const modes = run.options.modes ?? ['bench'];
  console.log(summaryTable(run.outcomes, run.points, modes, securities, run.options.streams, measuredInputPps(run.points)));
  if (modes.length > 1) {
    const paired = pairedRatios(run.points, securities, run.options.streams);
    if (paired.length > 0) console.log(`\nSame N, measured one after the other:\n${paired.map((l) => `- ${l}`).join('\n')}`);
  }
  const note = neighbourNote(run.points);
  if (note) console.log(`\n${note}`);
}
