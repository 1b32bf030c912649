/** Percentile of already-sorted samples, nearest-rank. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

export function summarize(samples: number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), mean: s.reduce((a, b) => a + b, 0) / s.length };
}

/** Times `fn` n times, one call after another (latency, not throughput), after a short warm-up. */
export async function timeEach(n: number, fn: (i: number) => Promise<unknown>, warmup = 50): Promise<Summary> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

export const ms = (v: number) => v.toFixed(2).padStart(7);

/**
 * Times several functions in turn, one call of each per round, after a short warm-up: on a machine
 * shared with other work, load that comes and goes then falls on all of them alike, and a table
 * that grows as they run has the same size for each.
 */
export async function timeInterleaved(n: number, fns: ((i: number) => Promise<unknown>)[], warmup = 50): Promise<Summary[]> {
  for (let i = 0; i < warmup; i++) for (const fn of fns) await fn(-1 - i);
  const samples = fns.map(() => [] as number[]);
  for (let i = 0; i < n; i++) {
    for (const [k, fn] of fns.entries()) {
      const t0 = performance.now();
      await fn(i);
      samples[k]!.push(performance.now() - t0);
    }
  }
  return samples.map(summarize);
}
