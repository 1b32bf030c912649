import { SECURITY, type ConsumerSecurity, type ModeName } from './fanout-mode.js';
import type { StreamKind } from './streams.js';

export type { ModeName };

export interface FanoutOptions {
  /** Who builds the consumers; with two, every point is measured with both, one after the other. */
  modes: ModeName[];
  streams: StreamKind[];
  securities: ConsumerSecurity[];
  warmupSeconds: number;
  windowSeconds: number;
  /** Stop starting points once this much of the run has gone (whole run < 10 min on 2 cores). */
  budgetSeconds: number;
  /** Fixed N values instead of a sweep (quick checks). */
  points: number[] | undefined;
  receiverSockets: number;
  /** Print the tables of a saved run (bench/results/*.json) instead of measuring. */
  report: string | undefined;
  /** --help: print USAGE and do nothing else. */
  help: boolean;
}

export const USAGE = `usage: npx tsx bench/fanout/run.ts [options]
  --mode=bench|product|both   who builds the consumers (default bench): bench (alias raw) = straight on
                              mediasoup, the baseline's method; product = the server's media layer
                              (MediaRooms with the server's config, one worker); both = the two in turn,
                              point by point, and the ratio product ÷ bench
  --streams=video,audio       which sources to sweep (default both)
  --srtp=openssl,system       consumer transports to compare (default openssl,system; with product or
                              both: openssl, what the server's workers run); "plain" = unencrypted control
  --warmup=3 --window=8       seconds per point (the baseline used 8 and 20)
  --budget=540                seconds after which no new point starts
  --points=200,400            measure these N once each instead of sweeping
  --sockets=4                 receiver sockets
  --report=bench/results/F    print the tables of a saved run again, measure nothing
  --help                      this text`;

const MODE_ARGUMENTS: Record<string, readonly ModeName[]> = {
  bench: ['bench'],
  raw: ['bench'],
  product: ['product'],
  both: ['bench', 'product'],
};

export function parseOptions(argv: readonly string[]): FanoutOptions {
  const values = new Map<string, string>();
  const help = argv.includes('--help') || argv.includes('-h');
  for (const arg of help ? [] : argv) {
    const match = arg.match(/^--([a-z-]+)=(.*)$/);
    if (!match) throw new Error(`unknown argument "${arg}"\n${USAGE}`);
    values.set(match[1], match[2]);
  }
  const known = ['mode', 'streams', 'srtp', 'warmup', 'window', 'budget', 'points', 'sockets', 'report'];
  for (const key of values.keys()) if (!known.includes(key)) throw new Error(`unknown option --${key}\n${USAGE}`);

  const list = (key: string, fallback: string) => (values.get(key) ?? fallback).split(',').filter(Boolean);
  const positive = (key: string, fallback: number) => {
    const value = Number(values.get(key) ?? fallback);
    if (!(value > 0)) throw new Error(`--${key} must be a positive number`);
    return value;
  };

  const streams = list('streams', 'video,audio').map((s) => {
    if (s !== 'video' && s !== 'audio') throw new Error(`--streams: "${s}" is not video or audio`);
    return s;
  });
  const modeArg = values.get('mode') ?? 'bench';
  if (!Object.hasOwn(MODE_ARGUMENTS, modeArg)) throw new Error(`--mode must be bench (or raw), product or both, got "${modeArg}"\n${USAGE}`);
  const modes = [...MODE_ARGUMENTS[modeArg]];
  const securities = list('srtp', modes.includes('product') ? 'openssl' : 'openssl,system').map((s) => {
    if (!(s in SECURITY)) throw new Error(`--srtp: "${s}" is not one of ${Object.keys(SECURITY).join(', ')}`);
    return SECURITY[s as ConsumerSecurity['id']];
  });
  const points = values.has('points')
    ? list('points', '').map((n) => {
        const value = Number(n);
        if (!Number.isInteger(value) || value < 1) throw new Error(`--points: "${n}" is not a positive integer`);
        return value;
      })
    : undefined;

  return {
    modes,
    streams,
    securities,
    warmupSeconds: positive('warmup', 3),
    windowSeconds: positive('window', 8),
    budgetSeconds: positive('budget', 540),
    points,
    receiverSockets: positive('sockets', 4),
    report: values.get('report'),
    help,
  };
}
