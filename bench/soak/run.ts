// The soak (issue 15, item 3): `npm run soak -- --help`.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { intArg, parseArgs } from '../load/args.js';
import { markdown } from './report.js';
import { soakSvg } from './plot.js';
import { runSoak, SOAK_DEFAULTS } from './soak.js';

const USAGE = `usage: npm run soak -- [options]
  --rooms 20 --per-room 4    rooms, and headless receivers in each
  --minutes 10               how long (or --seconds N)
  --publishers 1             looping URL ingresses per room (320x180 VP8/opus test pattern, copied)
  --record-every 4           rooms 0, 4, 8, … record (0: none)
  --actions-per-minute 2     random joins/leaves, kicks, mutes, publisher restarts per room per minute
  --webhook-outage S         the webhook receiver is down S seconds from a quarter into the run
                             (default: a fifth of the run, at most 120; 0: never)
  --seed N                   the random choices (default: random, printed)
  --database-url URL         Postgres (default: the embedded PGlite in a temporary folder)
Writes bench/results/soak-<time>.{json,md,svg}; exits 1 when anything was lost, leaked or failed.`;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  let a: Map<string, string>;
  try {
    a = parseArgs(argv, ['rooms', 'per-room', 'minutes', 'seconds', 'publishers', 'record-every', 'actions-per-minute', 'seed', 'database-url', 'webhook-outage']);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const seconds = a.has('seconds') ? intArg(a, 'seconds', 600, 30) : intArg(a, 'minutes', 10) * 60;
  const options = {
    ...SOAK_DEFAULTS,
    rooms: intArg(a, 'rooms', SOAK_DEFAULTS.rooms),
    perRoom: intArg(a, 'per-room', SOAK_DEFAULTS.perRoom),
    seconds,
    publishers: intArg(a, 'publishers', SOAK_DEFAULTS.publishers),
    recordEvery: intArg(a, 'record-every', SOAK_DEFAULTS.recordEvery, 0),
    actionsPerMinute: intArg(a, 'actions-per-minute', SOAK_DEFAULTS.actionsPerMinute, 0),
    seed: intArg(a, 'seed', Math.floor(Math.random() * 2 ** 31), 0),
    databaseUrl: a.get('database-url'),
    webhookOutageSecs: a.has('webhook-outage') ? intArg(a, 'webhook-outage', 0, 0) : undefined,
  };
  console.log(`soak: seed ${options.seed} (--seed ${options.seed} repeats the random choices)`);
  const result = await runSoak(options);
  const dir = path.join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const base = `soak-${result.startedAt.replace(/[:.]/g, '-')}`;
  writeFileSync(path.join(dir, `${base}.json`), JSON.stringify(result, null, 2));
  writeFileSync(path.join(dir, `${base}.svg`), soakSvg(result.samples, `${options.rooms} rooms × ${options.perRoom}, ${result.durationSecs} s, seed ${options.seed}`));
  const md = markdown(result, `${base}.svg`);
  writeFileSync(path.join(dir, `${base}.md`), md);
  console.log(`\n${md}\nwritten: bench/results/${base}.{json,md,svg}`);
  return result.failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(2);
  },
);
