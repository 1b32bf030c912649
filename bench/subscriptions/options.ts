import type { SeriesName } from './measure.js';
import type { TargetName } from './target.js';

export const USAGE = `usage: npm run bench:subscriptions -- [options]
  --quick                    fewer points, shorter windows (rooms 1k,5k; one room 500,2k; 2 s warm-up, 5 s windows)
  --series=rooms,big         which series (rooms of 10 at 1 ev/s per room; one room at 10 ev/s)
  --servers=product,bare     which servers
  --rooms=1000,2000,…        watchers of the rooms-of-10 points
  --big=500,1000,…           watchers of the one-room points
  --warmup=3 --window=10     seconds per point
  --report=bench/results/F   print a saved run again (table and SVG), measure nothing`;

export interface Options {
  series: SeriesName[];
  servers: TargetName[];
  points: Record<SeriesName, number[]>;
  warmupSeconds: number;
  windowSeconds: number;
  quick: boolean;
  report?: string;
}

function list<T extends string>(flag: string, raw: string, allowed: readonly T[]): T[] {
  const items = raw.split(',').filter(Boolean);
  for (const item of items) if (!allowed.includes(item as T)) throw new Error(`--${flag}: "${item}" is not one of ${allowed.join(', ')}`);
  return items as T[];
}

function counts(flag: string, raw: string): number[] {
  return raw.split(',').map((n) => {
    if (!/^\d+$/.test(n) || Number(n) < 1) throw new Error(`--${flag}: "${n}" is not a positive integer`);
    return Number(n);
  });
}

/** undefined for --help. */
export function parseOptions(argv: readonly string[]): Options | undefined {
  if (argv.includes('--help') || argv.includes('-h')) return undefined;
  const quick = argv.includes('--quick');
  const values = new Map<string, string>();
  for (const arg of argv) {
    if (arg === '--quick') continue;
    const match = /^--(series|servers|rooms|big|warmup|window|report)=(.*)$/.exec(arg);
    if (!match) throw new Error(`unknown argument "${arg}"\n${USAGE}`);
    values.set(match[1], match[2]);
  }
  const seconds = (key: string, fallback: number) => {
    const value = Number(values.get(key) ?? fallback);
    if (!(value > 0)) throw new Error(`--${key} must be a positive number of seconds`);
    return value;
  };
  return {
    series: list('series', values.get('series') ?? 'rooms,big', ['rooms', 'big'] as const),
    servers: list('servers', values.get('servers') ?? 'product,bare', ['product', 'bare'] as const),
    points: {
      rooms: counts('rooms', values.get('rooms') ?? (quick ? '1000,5000' : '1000,2000,5000,10000,15000')),
      big: counts('big', values.get('big') ?? (quick ? '500,2000' : '500,1000,2000,5000')),
    },
    warmupSeconds: seconds('warmup', quick ? 2 : 3),
    windowSeconds: seconds('window', quick ? 5 : 10),
    quick,
    report: values.get('report'),
  };
}
